package paths

import (
	"testing"

	"github.com/errdex/errdex"
)

func TestPaths(t *testing.T) {
	tests := []struct{ got, want string }{
		{Entry(&errdex.Entry{System: "kakao-share", Code: "-401", Variant: "wrong-appkey-format"}), "/codes/kakao-share/-401/wrong-appkey-format"},
		{Entry(&errdex.Entry{System: "kmsg", Code: "INSUFFICIENT_BALANCE"}), "/codes/kmsg/INSUFFICIENT_BALANCE"},
		{Entry(&errdex.Entry{System: "x", Code: "a/b?c#d e"}), "/codes/x/a%2Fb%3Fc%23d%20e"},
		{System("kirim"), "/systems/kirim"},
		{Record(&errdex.ProviderRecord{Provider: "iwinv", Channel: "sms", Code: "42"}), "/providers/iwinv/sms/42"},
		{Record(&errdex.ProviderRecord{Provider: "aligo", Code: "-101"}), "/providers/aligo/-101"},
		{Absolute("https://errdex.example/", "/systems/kmsg"), "https://errdex.example/systems/kmsg"},
		{Absolute("", "/systems/kmsg"), "/systems/kmsg"},
		{Search("잔액 부족"), "/search?q=%EC%9E%94%EC%95%A1%20%EB%B6%80%EC%A1%B1"},
		{Search("a&b=c+d#e"), "/search?q=a%26b%3Dc%2Bd%23e"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestSameAsTheRootForTheCatalog checks that for every built-in entry the
// escaped path is the one the pages have always had: no code of the
// catalog needs escaping, so no published link moves.
func TestSameAsTheRootForTheCatalog(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cat.Entries() {
		if got, want := Entry(e), "/codes/"+e.ID(); got != want {
			t.Errorf("%s: got %q, want %q", e.ID(), got, want)
		}
	}
	for _, r := range cat.Records() {
		if got, want := Record(r), "/providers/"+r.ID(); got != want {
			t.Errorf("%s: got %q, want %q", r.ID(), got, want)
		}
	}
}
