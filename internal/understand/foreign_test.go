package understand

import (
	"slices"
	"testing"
)

func TestForeign(t *testing.T) {
	for text, want := range map[string][]string{
		`{"message":"The request body has 1 error(s)"} LINE`:           {"line"},
		"POST https://api.line.me/v2/bot/message/push 400":             {"line"},
		"StripeCardError: Your card was declined.":                     {"stripe"},
		"TwilioRestException: HTTP 400 error: Unable to create record": {"twilio"},
		"FirebaseMessagingError: Requested entity was not found.":      {"firebasemessaging"},
		"카카오페이 결제 승인 실패":                                               {"카카오페이"},
		"at line 42: unexpected token":                                 nil, // a word, not LINE
		"KMsgError: Template not found":                                nil,
		"[-401] domain mismatched! caller=https://script.google.com":   nil,
		"KakaoSDKError: bad":                                           nil,
		"iwinv 519 mailgun-like text but a system named too":           {"mailgun"},
	} {
		if got := Read(text, Options{}, newFake()).Foreign; !slices.Equal(got, want) {
			t.Errorf("Read(%q).Foreign = %q, want %q", text, got, want)
		}
	}
}

// TestOtherMetaProducts: Meta's Graph API prints "(#100) ..." for every
// product; named beside Instagram and not WhatsApp it is Instagram's.
func TestOtherMetaProducts(t *testing.T) {
	lex := newFake()
	lex.systems["meta"] = []string{"kirim"}
	for _, tt := range []struct {
		text             string
		systems, foreign []string
	}{
		{"(#100) Invalid parameter", []string{"kirim"}, nil},
		{`{"error":{"message":"(#100) Tried accessing nonexisting field (media_url)","code":100}} instagram graph api`, nil, []string{"instagram"}},
		{"instagram and whatsapp both answer (#100)", []string{"kirim"}, []string{"instagram"}},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Systems, tt.systems) || !slices.Equal(r.Foreign, tt.foreign) {
			t.Errorf("Read(%q): Systems %q Foreign %q, want %q %q", tt.text, r.Systems, r.Foreign, tt.systems, tt.foreign)
		}
	}
}

// TestForeignNamesFit: a class name is read by its prefix up to
// maxForeignName bytes, so no name may be longer.
func TestForeignNamesFit(t *testing.T) {
	for n := range foreignNames {
		if len(n) > maxForeignName {
			t.Errorf("%q is %d bytes, over maxForeignName %d", n, len(n), maxForeignName)
		}
	}
}
