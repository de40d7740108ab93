package understand

import (
	"slices"
	"strings"
	"testing"
)

// fakeLexicon is a catalog of a few codes, enough for every reader.
type fakeLexicon struct {
	codes     map[string]string // lower-cased key -> entry's spelling
	pcodes    map[string]bool
	providers map[string]bool
	statuses  map[int]bool
	words     map[string]bool
	sigs      map[string]string // lower-cased literal -> entry id
	systems   map[string][]string
}

func newFake() *fakeLexicon {
	return &fakeLexicon{
		codes: map[string]string{"4019": "4019", "-401": "-401", "koe009": "KOE009",
			"invalid_api_key": "invalid_api_key", "authentication_failed": "AUTHENTICATION_FAILED",
			"rate_limit_exceeded": "RATE_LIMIT_EXCEEDED", "131047": "131047"},
		pcodes:    map[string]bool{"519": true, "-102": true, "14": true, "unknown": true},
		providers: map[string]bool{"iwinv": true, "aligo": true},
		statuses:  map[int]bool{401: true, 429: true, 503: true},
		words: map[string]bool{"authentication": true, "failed": true, "rate": true, "limit": true,
			"exceeded": true, "template": true, "balance": true},
		sigs:    map[string]string{"domain mismatched": "kakao-share/-401/domain-mismatched"},
		systems: map[string][]string{"kmsg": {"kmsg"}, "k-msg": {"kmsg"}, "iwinv": {"kmsg"}, "kakao": {"kakao-share"}, "whatsapp": {"kirim"}},
	}
}

func (f *fakeLexicon) Key(k string) (Kind, string) {
	if s, ok := f.codes[k]; ok {
		return Code, s
	}
	if f.pcodes[k] {
		return ProviderCode, ""
	}
	return None, ""
}
func (f *fakeLexicon) Provider(id string) bool       { return f.providers[id] }
func (f *fakeLexicon) ProviderCode(p, c string) bool { return f.providers[p] && f.pcodes[c] }
func (f *fakeLexicon) Systems(name string) []string  { return f.systems[name] }
func (f *fakeLexicon) Status(n int) bool             { return f.statuses[n] }
func (f *fakeLexicon) HasWord(w string) bool         { return f.words[w] }
func (f *fakeLexicon) MultiWordCode(code string) bool {
	_, ok := f.codes[code]
	return ok && strings.Contains(code, "_")
}
func (f *fakeLexicon) Completions(w string) []string {
	var out []string
	for x := range f.words {
		if strings.HasPrefix(x, w) && x != w {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// Corrections knows one typo.
func (f *fakeLexicon) Corrections(w string) []string {
	if w == "authentification" {
		return []string{"authentication"}
	}
	return nil
}

func (f *fakeLexicon) Signatures(text string) []Sig {
	var out []Sig
	for lit, id := range f.sigs {
		if strings.Contains(strings.ToLower(text), lit) {
			out = append(out, Sig{ID: id, Label: lit})
		}
	}
	return out
}

func TestRead(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		opts      Options
		codes     []string
		statuses  []int
		qualified []string
		pcodes    []string
		sigs      []string
		words     []string // nil: not checked
		payload   bool
	}{
		// typed codes
		{name: "a bare code", text: "4019", codes: []string{"4019"}},
		{name: "noise around a code", text: `error code="KOE009"`, codes: []string{"KOE009"}},
		{name: "a provider's code", text: "iwinv 519", codes: []string{"iwinv:519", "519"},
			qualified: []string{"iwinv:519"}, pcodes: []string{"519"}},
		{name: "a provider's code with a channel", text: "iwinv sms 14", qualified: []string{"iwinv:14"}},
		{name: "provider:code", text: "aligo:-102", qualified: []string{"aligo:-102"}},
		{name: "a provider's class name", text: "aligo ApiKeyError", qualified: []string{"aligo:apikeyerror"}},
		{name: "a word after a provider's name is not its code", text: "iwinv Share failed", qualified: []string{}},
		{name: "a status typed", text: "429 too many", statuses: []int{429}},
		// spelling
		{name: "a code spelt as words", text: "rate limit exceeded", codes: []string{"RATE_LIMIT_EXCEEDED"}},
		{name: "a code spelt with a typo", text: "authentification failed", codes: []string{"AUTHENTICATION_FAILED"}},
		{name: "a code spelt beside a system's name", text: "k-msg rate limit exceeded", codes: []string{"RATE_LIMIT_EXCEEDED"}},
		{name: "a code typed with a space in it", text: "KOE 009", codes: []string{"KOE009"}},
		// JSON payloads
		{name: "a JSON envelope", text: `{"error":{"code":"invalid_api_key","message":"API key is not valid"}}`,
			codes: []string{"invalid_api_key"}, words: []string{"api", "key", "is", "not", "valid"}, payload: true},
		{name: "a provider code beside its provider", text: `{"providerId":"aligo","providerErrorCode":"-102"}`,
			qualified: []string{"aligo:-102"}, payload: true},
		{name: "a status in JSON", text: `{"status":503,"code":"nope"}`, statuses: []int{503}, payload: true},
		// log lines
		{name: "a log line", text: "2026-01-02T03:04:05Z ERROR send failed code=AUTHENTICATION_FAILED request_id=r1",
			codes: []string{"AUTHENTICATION_FAILED"}, words: []string{"send", "failed"}, payload: true},
		{name: "a bracketed code", text: "KAPIError [-401] something", codes: []string{"-401"}},
		{name: "an HTTP status line", text: "HTTP/1.1 401 Unauthorized\n", statuses: []int{401}, payload: true},
		{name: "numbers in a log are not words", text: "ERROR retry 3 of 5 failed\n", words: []string{"retry", "of", "failed"}, payload: true},
		{name: "a plain word is not read as a code", text: "recipient unknown", codes: []string{}},
		{name: "the same word as a code", text: "result UNKNOWN", pcodes: []string{"unknown"}},
		// codes glued to punctuation, and numbers opening a message
		{name: "Meta's (#code) form", text: "(#131047) Re-engagement message", codes: []string{"131047"}},
		{name: "Meta's code: message form in a paste", text: "send failed\n131047: Re-engagement message\n",
			codes: []string{"131047"}, payload: true},
		{name: "a status glued to a class name", text: "ClientError(401): Unauthorized", statuses: []int{401}},
		{name: "a bracketed code in a log", text: "E [-401] bad\nmore", codes: []string{"-401"}, payload: true},
		{name: "Meta's code: message form opening a quoted string", text: `ERROR external_error="131047: Re-engagement message"`,
			codes: []string{"131047"}, payload: true},
		{name: "a number opening a quoted string is no code without its message", text: `ERROR took="131047 ms"`,
			codes: []string{}, payload: true},
		{name: "error code N in a report too long to be typed", payload: true, codes: []string{"131047"},
			text: "We keep getting error code 131047 from the API whenever a customer writes back after a weekend, and the docs we read did not say what to do about it in our case at all"},
		{name: "a code N without error is no code in a long report", payload: true, codes: []string{},
			text: "We keep getting code 131047 from the API whenever a customer writes back after a weekend, and the docs we read did not say what to do about it in our case at all"},
		{name: "a number with digit separators", text: "an error with code 131_047 again", codes: []string{"131047"}},
		{name: "digit separators in the wrong places are no number", text: "code 13_1047", codes: []string{}},
		// code-bearing keys by their shape
		{name: "resultCode", text: `{"resultCode":14,"message":"bad auth"}`, pcodes: []string{"14"}, payload: true},
		{name: "nested errors[].code", text: `{"statuses":[{"errors":[{"code":131047,"title":"x"}]}]}`,
			codes: []string{"131047"}, payload: true},
		{name: "originalCode beside its provider", text: `{"providerId":"iwinv","originalCode":"519"}`,
			qualified: []string{"iwinv:519"}, payload: true},
		{name: "status_code is a status", text: "WhatsAppApiError(status_code=429, message='x')\n", statuses: []int{429}, payload: true},
		{name: "code: 'X' as Node prints it", text: "KMsgError: x\n  code: 'AUTHENTICATION_FAILED',\n}",
			codes: []string{"AUTHENTICATION_FAILED"}, payload: true},
		{name: "Ruby's hash rocket", text: "\"errors\" => [{\n  \"code\" => 131047,\n  \"title\" => \"x\"\n}]",
			codes: []string{"131047"}, payload: true},
		{name: "a provider by Ruby's hash rocket", text: "{\"providerId\" => \"iwinv\", \"originalCode\" => \"519\"}",
			qualified: []string{"iwinv:519"}, payload: true},
		// signatures
		{name: "an upstream message", text: "domain mismatched! caller=x", sigs: []string{"kakao-share/-401/domain-mismatched"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read(tt.text, tt.opts, newFake())
			check := func(what string, got, want []string) {
				if want != nil && !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("Codes", r.Codes, tt.codes)
			check("Qualified", r.Qualified, tt.qualified)
			check("PCodes", r.PCodes, tt.pcodes)
			check("Signatures", r.Signatures, tt.sigs)
			check("Words", r.Words, tt.words)
			if tt.statuses != nil && !slices.Equal(r.HTTPStatuses, tt.statuses) {
				t.Errorf("HTTPStatuses = %v, want %v", r.HTTPStatuses, tt.statuses)
			}
			if r.Payload != tt.payload {
				t.Errorf("Payload = %v, want %v", r.Payload, tt.payload)
			}
		})
	}
}

func TestWholeCode(t *testing.T) {
	if r := Read(" 4019 ", Options{}, newFake()); !r.WholeCode || len(r.Words) != 0 {
		t.Errorf("WholeCode %v, words %q: a lone code is looked up, not searched", r.WholeCode, r.Words)
	}
	if r := Read("4019 template", Options{}, newFake()); r.WholeCode {
		t.Error("WholeCode for a code with words")
	}
}

func TestPrefixLast(t *testing.T) {
	for text, want := range map[string]bool{"templ": true, "templ ": false, `{"a":"templ`: false} {
		if r := Read(text, Options{Prefix: true}, newFake()); r.PrefixLast != want {
			t.Errorf("Read(%q).PrefixLast = %v, want %v", text, r.PrefixLast, want)
		}
	}
}

func TestSystemsNamed(t *testing.T) {
	for text, want := range map[string][]string{
		"KMsgError: HTTP error! status: 502": {"kmsg"},
		"POST https://api.iwinv.kr/x failed": {"kmsg"},
		"KakaoSDKError: bad":                 {"kakao-share"},
		"WhatsAppApiError(status_code=400)":  {"kirim"},
		"k-msg send failed":                  {"kmsg"},
		"nothing that names one":             nil,
	} {
		if got := Read(text, Options{}, newFake()).Systems; !slices.Equal(got, want) {
			t.Errorf("Read(%q).Systems = %q, want %q", text, got, want)
		}
	}
}

func TestUnknownCodes(t *testing.T) {
	for text, want := range map[string][]string{
		`{"error":{"code":"card_declined","message":"Your card was declined."}}`: {"card_declined"},
		"Twilio 30007 Message filtered":                                          {"30007"},
		"ERROR 1062 (23000): Duplicate entry":                                    {"23000"},
		"4019":                                                                   nil,
		"HTTP 429 too many":                                                      nil,
	} {
		if got := Read(text, Options{}, newFake()).Unknown; !slices.Equal(got, want) {
			t.Errorf("Read(%q).Unknown = %q, want %q", text, got, want)
		}
	}
}
