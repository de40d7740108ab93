package params

import (
	"errors"
	"strings"
	"testing"

	"github.com/errdex/errdex"
)

func TestSearchRequest(t *testing.T) {
	tests := []struct {
		raw       string
		wantParam string // "" for no error
		check     func(errdex.Request) bool
	}{
		{"q=%EC%9E%94%EC%95%A1&system=kmsg&http_status=429&type=rate_limit_error&retryable=TRUE", "", func(r errdex.Request) bool {
			return r.Query == "잔액" && r.System == "kmsg" && r.HTTPStatus == 429 && r.Type == "rate_limit_error" && r.Retryable != nil && *r.Retryable
		}},
		{"q=a+b&cursor=x", "", func(r errdex.Request) bool { return r.Query == "a b" && r.Cursor == "x" && !r.Filtered() }},
		{"q=%zz", "q", nil},
		{"%zz=1", "%zz", nil},
		{"q=%ff", "q", nil},
		{"http_status=42", "http_status", nil},
		{"http_status=abc", "http_status", nil},
		{"retryable=1", "retryable", nil},
		{"system=x&type=" + long(201), "type", nil},
	}
	for _, tt := range tests {
		v, err := Parse(tt.raw)
		var req errdex.Request
		if err == nil {
			req, err = SearchRequest(v)
		}
		var fe *errdex.FieldError
		switch {
		case tt.wantParam == "" && err != nil:
			t.Errorf("%q: %v", tt.raw, err)
		case tt.wantParam != "" && (!errors.As(err, &fe) || fe.Param != tt.wantParam):
			t.Errorf("%q: got %v, want a field error on %s", tt.raw, err, tt.wantParam)
		case tt.check != nil && !tt.check(req):
			t.Errorf("%q: got %+v", tt.raw, req)
		}
	}
}

func long(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}

// A parameter name is echoed in the error shortened, in Message as in
// Param: a client cannot make an error body as long as its query string.
func TestParseErrorEchoesNameShort(t *testing.T) {
	long := strings.Repeat("k", 5000)
	for _, raw := range []string{long + "=%zz", long + "=%ff"} {
		_, err := Parse(raw)
		var fe *errdex.FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("Parse: got %v, want a FieldError", err)
		}
		if len(fe.Param) > 64 || len(fe.Message) > 128 {
			t.Errorf("Parse: param %d bytes, message %d bytes: the name is echoed whole", len(fe.Param), len(fe.Message))
		}
	}
}
