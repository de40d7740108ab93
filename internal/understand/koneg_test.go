package understand

import (
	"slices"
	"testing"
)

func TestKoreanNegations(t *testing.T) {
	lex := newFake()
	for _, w := range []string{"불일치", "미등록", "미지원", "없음"} {
		lex.words[w] = true
	}
	for text, want := range map[string][]string{
		"도메인이 일치하지 않음":     {"도메인이", "불일치"},
		"도메인이 맞지 않는다고 나와요": {"도메인이", "불일치"}, // 나와요 is a filler (koFillers)
		"발신번호가 등록되지 않았습니다": {"발신번호가", "미등록"},
		"일치하지않음":           {"불일치"},
		"지원하지 못합니다":        {"미지원"},
		"템플릿이 존재하지 않음":     {"템플릿이", "없음"},
		// no negated noun in the catalog, or no negation: as written
		"허용되지 않는 확장자":        {"허용되지", "않는", "확장자"},
		"보내지 않음":             {"보내지", "않음"},
		"도메인이 일치합니다":         {"도메인이", "일치합니다"},
		"domain not matched": {"domain", "not", "matched"},
	} {
		if got := Read(text, Options{}, lex).Words; !slices.Equal(got, want) {
			t.Errorf("Read(%q).Words = %q, want %q", text, got, want)
		}
	}
}

// TestKoFillers: the verbs of a spoken Korean sentence around the error
// ("안 가요", "떠요", "나와요") are not searched, unless nothing else is left.
func TestKoFillers(t *testing.T) {
	for text, want := range map[string][]string{
		"문자가 안 가요 잔액 부족": {"문자가", "잔액", "부족"},
		// the negator goes with its filler; a negated going alone says
		// the message was not sent
		"알림톡이 안 가요":   {"알림톡이", "메시지", "전송", "안됨"},
		"문자가 안 와요":    {"문자가", "메시지", "전송", "안됨"},
		"팝업이 안 떠요":    {"팝업이"},
		"안 가요":        {"안", "가요"},
		"템플릿 없다고 나와요": {"템플릿", "없다고"},
		"가요":          {"가요"},
	} {
		if got := Read(text, Options{}, newFake()).Words; !slices.Equal(got, want) {
			t.Errorf("Read(%q).Words = %q, want %q", text, got, want)
		}
	}
}
