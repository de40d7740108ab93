package understand

import (
	"slices"
	"testing"
)

// TestBareNumbers: a long number typed among words is a code only where
// something says so; counting what follows it, it is no code at all.
func TestBareNumbers(t *testing.T) {
	lex := newFake()
	lex.codes["131026"] = "131026"
	for _, tt := range []struct {
		text  string
		codes []string
		bare  []string
	}{
		{"131026", []string{"131026"}, nil},
		{"order 131026 shipped", []string{"131026"}, []string{"131026"}},
		{"주문번호 131026 배송", []string{"131026"}, []string{"131026"}},
		{"error 131026", []string{"131026"}, nil},
		{"code: 131026 again", []string{"131026"}, nil},
		{"131026 뜨는데 왜 그래요", []string{"131026"}, nil},
		{"send failed with 131026", []string{"131026"}, nil},
		{"(#131026) Message Undeliverable", []string{"131026"}, nil},
		{"whatsapp 4019 shipped", []string{"4019"}, nil}, // short codes are codes
		// counts
		{"sent 131026 messages", []string{}, nil},
		{"131026건 발송", []string{}, nil},
		{"131026 errors today", []string{"131026"}, nil},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Codes, tt.codes) && !(len(tt.codes) == 0 && len(r.Codes) == 0) {
			t.Errorf("Read(%q).Codes = %q, want %q", tt.text, r.Codes, tt.codes)
		}
		if !slices.Equal(r.Bare, tt.bare) && !(len(tt.bare) == 0 && len(r.Bare) == 0) {
			t.Errorf("Read(%q).Bare = %q, want %q", tt.text, r.Bare, tt.bare)
		}
	}
}

// TestOtherNumbers: a number after a word that names another kind of
// number (an errno, an exit status, a signal) is no error's code unless the
// text bears it out, however short it is.
func TestOtherNumbers(t *testing.T) {
	lex := newFake()
	lex.codes["-2"] = "-2"
	for _, tt := range []struct {
		text string
		bare []string
	}{
		{"-2", nil},
		{"kakao -2", nil},
		{"error -2", nil},
		{"error code -2", nil},
		{"errno -2", []string{"-2"}},
		{"errno: -2", []string{"-2"}},
		{"ENOENT errno -2", []string{"-2"}},
		{"exit -2", []string{"-2"}},
		{"exit code -2", []string{"-2"}},
		{"process exited with code -2", []string{"-2"}},
		{"exit status -2", []string{"-2"}},
		{"종료 코드 -2", []string{"-2"}},
		{"-2 errno", nil}, // the word names what follows it, not what stands before
		{"exit -401", []string{"-401"}},
		// A source line is "line 42:" or "at line 42"; "line" alone may be
		// the messenger, which foreignNames reads.
		{"line 4019", nil},
		{"line 4019 error", nil},
		{"line: 4019", []string{"4019"}},
		{"at line 4019", []string{"4019"}},
		{"app.js line 4019", []string{"4019"}},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Bare, tt.bare) && !(len(tt.bare) == 0 && len(r.Bare) == 0) {
			t.Errorf("Read(%q).Bare = %q, want %q", tt.text, r.Bare, tt.bare)
		}
	}
}

// TestIDNumbers: a number after a word naming what it is the id of (a
// ticket, an issue, a pull request, an order) is that thing's number, with
// or without "#"; and a WebSocket's close code is no error's code either.
func TestIDNumbers(t *testing.T) {
	lex := newFake()
	for _, c := range []string{"4019", "4011", "100", "131047"} {
		lex.codes[c] = c
	}
	for _, tt := range []struct {
		text  string
		codes []string
		bare  []string
	}{
		{"ticket #131047 assigned to me", []string{"131047"}, []string{"131047"}},
		{"PR #100 merged", []string{"100"}, []string{"100"}},
		{"issue 4019", []string{"4019"}, []string{"4019"}},
		{"주문 4019 배송", []string{"4019"}, []string{"4019"}},
		{"close code 4011", []string{"4011"}, []string{"4011"}},
		{"meeting room 4019", []string{"4019"}, []string{"4019"}},
		{"인증번호 4019 입력해주세요", []string{"4019"}, []string{"4019"}},
		{"your verification code is 4011", []string{"4011"}, []string{"4011"}},
		{"PIN = 4019", []string{"4019"}, []string{"4019"}},
		{"카드 끝자리 4011", []string{"4011"}, []string{"4011"}},
		{"error code is 4019", []string{"4019"}, nil},
		{"status code 4011 from ws server", []string{"4011"}, []string{"4011"}},
		{"socket.io disconnect code 4019", []string{"4019"}, []string{"4019"}},
		{`onclose event code 4011 reason "unauthorized"`, []string{"4011"}, []string{"4011"}},
		{"kakao share 4019 on my site", []string{"4019"}, nil},
		{"#4019", []string{"4019"}, nil},
		{"error #4019", []string{"4019"}, nil},
		{"(#100) Invalid parameter", []string{"100"}, nil},
		{"4019 issue", []string{"4019"}, nil}, // the word names what follows it
		// "ws" is a word, not the end of one: throws, shows, news.
		{"it throws 4019 when sharing", []string{"4019"}, nil},
		{"sendDefault throws 4019", []string{"4019"}, nil},
		{"news feed template 4019", []string{"4019"}, nil},
		{"ws://localhost:8080 closed 4011", []string{"4011"}, []string{"4011"}},
		{"wss connection got 4019", []string{"4019"}, []string{"4019"}},
		// "case" alone is English ("in this case"); a support case is numbered.
		{"In this case 4019 is returned", []string{"4019"}, nil},
		{"test case 4019", []string{"4019"}, nil},
		{"case #4019", []string{"4019"}, []string{"4019"}},
		{"case no 4019", []string{"4019"}, []string{"4019"}},
		{"case id 4019", []string{"4019"}, []string{"4019"}},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Codes, tt.codes) {
			t.Errorf("Read(%q).Codes = %q, want %q", tt.text, r.Codes, tt.codes)
		}
		if !slices.Equal(r.Bare, tt.bare) && !(len(tt.bare) == 0 && len(r.Bare) == 0) {
			t.Errorf("Read(%q).Bare = %q, want %q", tt.text, r.Bare, tt.bare)
		}
	}
}

// TestBounds: a number bounding a range or a limit in a validation
// message is no code; the same number said to be an error is.
func TestBounds(t *testing.T) {
	lex := newFake()
	lex.codes["100"] = "100"
	for _, tt := range []struct {
		text  string
		codes []string
	}{
		{"limit must be between 1 and 100", nil},
		{"value must be between 100 and 200", nil},
		{"from 1 to 100", nil},
		{"1 ~ 100", nil},
		{"up to 100 recipients", nil},
		{"at most 100 per page", nil},
		{"max 100 items", nil},
		{"최대 100 건", nil},
		{"error 100", []string{"100"}},
		{"meta 100 invalid parameter", []string{"100"}},
		{"100", []string{"100"}},
		{"and 100", []string{"100"}},
		// "400 - 100" is a status and a code, not a range.
		{"whatsapp 400 - 100 invalid parameter", []string{"100"}},
		{"HTTP 400 - 100", []string{"100"}},
		{"200 - 100", []string{"100"}},
		{"1 - 100", nil},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Codes, tt.codes) && !(len(tt.codes) == 0 && len(r.Codes) == 0) {
			t.Errorf("Read(%q).Codes = %q, want %q", tt.text, r.Codes, tt.codes)
		}
	}
}

// TestNamespacedCodes: a code spelt namespace/hyphenated-words, or a
// constant in upper snake case, that the catalog does not have (nor has
// misspelt) is another service's code errdex does not know.
func TestNamespacedCodes(t *testing.T) {
	lex := newFake()
	for _, tt := range []struct {
		text    string
		unknown []string
	}{
		{"messaging/registration-token-not-registered", []string{"messaging/registration-token-not-registered"}},
		{"POST api/send-alimtalk returned 400", nil}, // a path, not a code
		// another system's constants, but not a misspelt code of the catalog
		{"WebView error code -2 ERROR_HOST_LOOKUP", []string{"error_host_lookup"}},
		{"net::ERR_NAME_NOT_RESOLVED", []string{"net::err_name_not_resolved"}},
		{"OK_GO", nil},
		{"FirebaseError: auth/invalid-email.", []string{"auth/invalid-email"}},
		{"and/or not-so-bad", nil},
		{"see https://example.com/a-b", nil},
		{"template not found", nil},
		{"Google Play Billing response code -2 FEATURE_NOT_SUPPORTED", []string{"feature_not_supported"}},
		{"FEATURE_NOT_SUPPORTED (-2)", []string{"feature_not_supported"}},
		{"error: ERR_CONNECTION_RESET", []string{"err_connection_reset"}},
		// Settings' names are no error's code, nor is a constant the text
		// does not give as a code.
		{"-401 뜨는데 REST_API_KEY 넣었어요", nil},
		{"SENDER_KEY 넣었는데 알림톡 템플릿 없음", nil},
		{"error 131047 TEMPLATE_ID 맞는데", nil},
		{"NEXT_PUBLIC_KAKAO_JS 설정했는데 -401", nil},
		{"VITE_KAKAO_APP 4019", nil},
		{"REACT_APP_KAKAO_JS 4019", nil},
		{"FEATURE_NOT_SUPPORTED 때문에 안 돼요", nil},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Unknown, tt.unknown) && !(len(tt.unknown) == 0 && len(r.Unknown) == 0) {
			t.Errorf("Read(%q).Unknown = %q, want %q", tt.text, r.Unknown, tt.unknown)
		}
	}
}

// TestStatusLine: an HTTP status with its reason phrase and nothing else.
func TestStatusLine(t *testing.T) {
	lex := newFake()
	lex.statuses[500] = true
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"401 Unauthorized", true},
		{"HTTP/1.1 401 Unauthorized", true},
		{"error 429 too many requests", true},
		{"401 unauthorized kakao share", false},
		{"Unauthorized", false},
		{"401", false},
		{"401 invalid api key", false},
		// what an HTTP client prints around a status and nothing else
		{"Error: Request failed with status code 429", true},
		{"AxiosError: Request failed with status code 401", true},
		{"Request failed with status code 401 kakao share", false},
		// a reason phrase with a noise word in it
		{"500 Internal Server Error", true},
		{"HTTP/1.1 500 Internal Server Error", true},
		{"500 Internal Server Error kakao share", false},
	} {
		if got := Read(tt.text, Options{}, lex).StatusLine; got != tt.want {
			t.Errorf("Read(%q).StatusLine = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestKoreanNumbers: a Korean counter after a number of any length or sign
// counts ("4002 명", "-401원"); "번" after one is its number when the text
// says it is an error's ("4019번 에러"), and a bus or a count of tries else.
func TestKoreanNumbers(t *testing.T) {
	lex := newFake()
	for _, c := range []string{"4019", "-401", "131026"} {
		lex.codes[c] = c
	}
	for _, tt := range []struct {
		text  string
		codes []string
	}{
		{"4019 명 가입", nil},
		{"잔액이 -401원으로 표시돼요", nil},
		{"4019건 처리", nil},
		{"4019번 에러", []string{"4019"}},
		{"카카오 공유 오류 -401번", []string{"-401"}},
		{"131026번 에러", []string{"131026"}},
		{"4019번 버스", nil},
		{"4019 에러", []string{"4019"}},
		// 일 before 때/경우 is the copula (when it is 4019), not a day.
		{"4019 일 때 원인", []string{"4019"}},
		{"kakao share -401 일 경우", []string{"-401"}},
		{"4019일 때", []string{"4019"}},
		{"4019 일 동안", nil},
		{"4019일 지났어요", nil},
		// 코드 is a whole word: 바코드 and 쿠폰코드 are not error codes.
		{"바코드 4019번", nil},
		{"쿠폰코드 4019번 입력", nil},
		{"에러코드 4019번", []string{"4019"}},
		{"코드가 4019번", []string{"4019"}},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Codes, tt.codes) && !(len(tt.codes) == 0 && len(r.Codes) == 0) {
			t.Errorf("Read(%q).Codes = %q, want %q", tt.text, r.Codes, tt.codes)
		}
	}
}
