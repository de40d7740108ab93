package mask

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStringMasks(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"jwt", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U rejected",
			"token [jwt] rejected"},
		{"bearer header", "Authorization: Bearer ya29.a0AfH6SMBx3kz", "Authorization: Bearer [token]"},
		{"basic header", "authorization: Basic dXNlcjpwYXNzd29yZA==", "authorization: Basic [token]"},
		{"kakao admin key scheme", "Authorization: KakaoAK 1234567890abcdef1234567890abcdef", "Authorization: KakaoAK [token]"},
		{"token scheme with a key", "token ab12cd34ef", "token [token]"},
		{"json api key", `{"apiKey": "k-9f8e7d6c5b", "code": 4019}`, `{"apiKey": "[secret]", "code": 4019}`},
		{"escaped json api key", `"{\"api_key\":\"live-abcdef\"}"`, `"{\"api_key\":\"[secret]\"}"`},
		{"query string", "GET /send?app_key=abcd1234&to=x", "GET /send?app_key=[secret]&to=x"},
		{"x-api-key header", "X-Api-Key: 8f14e45fceea167a", "X-Api-Key: [secret]"},
		{"password", "password=hunter2 failed", "password=[secret] failed"},
		{"env secret", "ERRDEX_SLACK_SIGNING_SECRET=3c1f9a7b", "ERRDEX_SLACK_SIGNING_SECRET=[secret]"},
		{"korean password", "비밀번호: abcd1234 입력 오류", "비밀번호: [secret] 입력 오류"},
		{"email", "user Kim.Min-su+test@example.co.kr not found", "user [email] not found"},
		{"addresses run together", "to a@b.co@c.de failed", "to [email]@c.de failed"},
		{"an address after a bare at", "0@0@0.AA", "0@[email]"},
		{"a scheme a masked number ends", "000000000Bearer 000000", "[number]Bearer [token]"},
		{"korean mobile", "수신번호 010-1234-5678 오류", "수신번호 [phone] 오류"},
		{"korean mobile bare", "to=01012345678", "to=[phone]"},
		{"korean mobile dots", "010.1234.5678", "[phone]"},
		{"korean landline", "대표번호 02-123-4567", "대표번호 [phone]"},
		{"international", "sent to +82 10-1234-5678", "sent to [phone]"},
		{"international bare", `"to":"+821012345678"`, `"to":"[phone]"`},
		{"us number", "call +1 (415) 555-2671", "call [phone]"},
		{"long digit run", "account 123456789012 blocked", "account [number] blocked"},
		{"digits in an id", "msg_id=abc1234567890", "msg_id=abc[number]"},
		{"card", "card 4111 1111 1111 1111", "card [number]"},
		{"resident number", "주민번호 900101-1234567", "주민번호 [number]"},
		{"uuid", "request 3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9f1a2b failed", "request [id] failed"},
		{"ulid request id", "request_id=req_01J9ZK3M8Q4T7W2X5Y6V1B0N3R", "request_id=[token]"},
		{"random request id", "x-request-id: 7Hq2ZkLp9WmR4tVx", "x-request-id: [token]"},
		{"hex key", "senderKey 8f14e45fceea167a5a36dedd4bea2543", "senderKey [token]"},
		{"stripe key", "sk_live_51HxYzABCDefGhIjKl", "[token]"},
		{"openai key", "sk-proj-abcdefghijklmnop", "[token]"},
		{"slack token", "xoxb-123456789012-abcdefABCDEF", "[token]"},
		{"github token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[token]"},
		{"aws key", "AKIAIOSFODNN7EXAMPLE", "[token]"},
		{"google key", "key=AIzaSyA1234567890abcdefghijklmnopqrstu", "key=[token]"},
		{"base64 blob", "sig dGhpcyBpcyBhIHNlY3JldCB2YWx1ZQ==", "sig [token]"},
		{"invalid utf-8", "a\xffb 010-1234-5678", "a\uFFFDb [phone]"},
	}
	for _, c := range cases {
		if got := String(c.in); got != c.want {
			t.Errorf("%s: String(%q)\n got %q\nwant %q", c.name, c.in, got, c.want)
		}
	}
}

func TestStringLeaves(t *testing.T) {
	for _, in := range []string{
		"",
		"-401",
		"kakao -401 domain mismatched",
		"4019",
		"error 131047: Re-engagement message",
		"(#131026) Message Undeliverable",
		"error_subcode 2494055",
		"KOE009",
		"KOE101 invalid android key hash",
		"koe009-invalid-android-key-hash-or-ios-bundle-id-or-web-site-url",
		"INSUFFICIENT_BALANCE",
		"TEMPLATE_PARAM_COUNT_MISMATCH",
		"NETWORK_SERVICE_UNAVAILABLE",
		"template_param_format_mismatch",
		"whatsapp_number_not_verified",
		"ERR_4019_LIMIT",
		"mapSmsV2HistoryStatus",
		"TemplateNotFoundException",
		"HTTP 429 Too Many Requests",
		"Windows error -2147024891",
		"2026-12-01T11:49:43Z",
		"version 20261201",
		"k-msg 0.30.0 (2a9bc876, 2026-07-22)",
		"https://developers.kakao.com/docs/latest/ko/kakaotalk-share/js-link",
		"https://api.kakao.com/v2/api/talk/memo/default/send",
		"token expired",
		"Invalid access token",
		"Bearer token missing",
		"잔액이 부족합니다",
		"Template not found: TPL_001",
		"password: null",
	} {
		if got := String(in); got != in {
			t.Errorf("String(%q) = %q, want it unchanged", in, got)
		}
	}
}

// Every rule's placeholder is inert: masking twice equals masking once.
func TestStringIdempotent(t *testing.T) {
	in := "Bearer abcdef123456 api_key=xyz12345 a@b.io 010-1234-5678 eyJhbGciOi.eyJzdWIi.sig 123456789012 " +
		"3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9f1a2b sk_live_51HxYzABCDefGhIjKl"
	once := String(in)
	if twice := String(once); twice != once {
		t.Errorf("String is not idempotent:\nonce  %q\ntwice %q", once, twice)
	}
}

func TestStringLarge(t *testing.T) {
	// A whole pasted log: every secret in it is masked, wherever it sits.
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString(`{"level":"error","to":"010-9876-5432","apiKey":"abcd1234efgh","msg":"잔액 부족 INSUFFICIENT_BALANCE"}` + "\n")
	}
	got := String(b.String())
	for _, leak := range []string{"9876", "abcd1234efgh"} {
		if strings.Contains(got, leak) {
			t.Fatalf("masked log still contains %q", leak)
		}
	}
	if strings.Count(got, "INSUFFICIENT_BALANCE") != 500 {
		t.Fatal("masking a log lost its error codes")
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{
		"Authorization: Bearer ya29.a0AfH6SMBx3kz",
		`{"apiKey": "k-9f8e7d6c5b", "to": "+821012345678", "email": "a@b.co"}`,
		"수신번호 010-1234-5678 KOE009 -401 131047",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjg",
		"req_01HXYZABCDEFGHJKMNPQRSTVWX 3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9f1a2b",
		"a\xffb",
		"a@b.co@c.de",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q: not valid UTF-8", s, got)
		}
		if again := String(got); again != got {
			t.Fatalf("String is not idempotent on %q:\nonce  %q\ntwice %q", s, got, again)
		}
		for _, re := range []interface{ MatchString(string) bool }{jwtRe, emailRe, uuidRe} {
			if re.MatchString(got) {
				t.Fatalf("String(%q) = %q still holds a match of %v", s, got, re)
			}
		}
		if loc := regexp.MustCompile(`\d{9,}`).FindStringIndex(got); loc != nil {
			i := loc[0]
			if !(i > 0 && got[i-1] == '-' && (i == 1 || !isAlnum(got[i-2]))) {
				t.Fatalf("String(%q) = %q still holds a long digit run", s, got)
			}
		}
	})
}

func BenchmarkStringLog(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 64<<10 {
		sb.WriteString(`2026-12-01 11:49:43 ERROR send failed to=010-9876-5432 apiKey=abcd1234efgh code=INSUFFICIENT_BALANCE 잔액 부족` + "\n")
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		String(s)
	}
}
