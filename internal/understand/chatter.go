package understand

import (
	"regexp"
	"slices"
	"strings"
)

// A request typed to a colleague ("can you check the template?", "please
// rotate the api key", "템플릿 확인 부탁드립니다") is ops chatter, not an error
// pasted or described: its words meet entries' ("template"), but no entry
// is what it asks for.

// reRequestOpen opens an English request to someone; reRequestClose ends a
// request in English or Korean.
var (
	reRequestOpen  = regexp.MustCompile(`(?i)^(?:can|could|would|will) (?:you|someone|somebody|anyone)\b|^(?:please|pls|plz)\b`)
	reRequestClose = regexp.MustCompile(`(?i)(?:\bplease|\bpls|\bplz|부탁드립니다|부탁드려요|부탁해요|해\s?주세요|해\s?주실\s?수\s?있나요|주세요)[.!?~ ]*$`)
)

// readRequest sets Reading.Request for a typed text that asks someone to do
// something and holds no code or message of an entry, nor a symptom: a
// polite closing after a failure described ("템플릿 일시 중지됨
// 확인해주세요", "알림톡이 발송되지 않습니다. 확인 부탁드립니다.") asks about
// that failure.
func (r *reader) readRequest() {
	t := strings.TrimSpace(r.text)
	if len(r.out.Keys) > 0 || len(r.out.Sigs) > 0 || len(r.out.PCodes) > 0 || len(r.out.Qualified) > 0 ||
		strings.Contains(t, "\n") {
		return
	}
	if reHelpWords.MatchString(t) || describesSymptom(r.lowered()) {
		return // "please help, template paused": the error is what it asks about
	}
	r.out.Request = reRequestOpen.MatchString(t) || reRequestClose.MatchString(t)
}

// reHelpWords ask for help with an error rather than for a chore.
var reHelpWords = regexp.MustCompile(`(?i)\b(?:help|fix|why|explain|cause)\b|해결|도와|왜|원인|이유|뭐예요|뭔가요`)

// symptomWords and koSymptoms say, typed, that something is in a failed
// state, beside a reply's failure words (ReadReply) and typedFailureStems:
// "template paused", "일시 중지됨", "잠시 후 다시 시도해 주세요" (a stock
// error message).
var (
	symptomWords = map[string]bool{"paused": true, "disabled": true, "suspended": true, "declined": true,
		"nothing": true, "doesn": true, "isn": true, "won": true, "didn": true}
	koSymptoms = []string{"중지", "정지", "거절", "반려", "중단", "취소", "다시 시도", "반응이"}
)

// describesSymptom reports whether a lower-cased typed text says something
// failed or is in a failed state.
func describesSymptom(lower string) bool {
	if ReadReply(lower) == Failed || reKoNegated.MatchString(lower) ||
		slices.ContainsFunc(koSymptoms, func(k string) bool { return strings.Contains(lower, k) }) {
		return true
	}
	return slices.ContainsFunc(SplitWords(lower), func(w string) bool {
		return symptomWords[w] || slices.ContainsFunc(typedFailureStems, func(s string) bool { return strings.HasPrefix(w, s) })
	})
}
