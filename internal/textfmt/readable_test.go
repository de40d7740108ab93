package textfmt

import "testing"

// Evidence shows a signature as a message, not as its regular expression.
func TestReadablePattern(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`wrong appKey\(.*\) format`, "wrong appKey(…) format"},
		{`(?i)template\s+not\s+found`, "template not found"},
		{`\[-401\] domain mismatched`, "[-401] domain mismatched"},
		{`(?-i)(?:"code"\s*:\s*"|\[)INSUFFICIENT_BALANCE(?:"|\])`, `"code" : " / [INSUFFICIENT_BALANCE" / ]`},
		{"plain text", "plain text"},
	} {
		if got := readablePattern(tc.in); got != tc.want {
			t.Errorf("readablePattern(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{"NOPE": "NOPE", "-401": "-401", "a b": "'a b'", "it's": `'it'\''s'`, "잔액": "'잔액'"} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %q, want %q", in, got, want)
		}
	}
}
