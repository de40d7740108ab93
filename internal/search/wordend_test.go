package search

import (
	"strings"
	"testing"
)

// Snippets end between words: a cut word ("It is not re …") reads as a
// typo.
func TestClipBetweenWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"It is not retryable as it is.", 12, "It is not …"},
		{"one, two three", 8, "one …"},
		{"잔액이 부족합니다 충전하세요", 28, "잔액이 부족합니다 …"},
		{"abcdefghij", 5, "abcde …"}, // no space: cut on a rune boundary
		{"short", 10, "short"},
	} {
		if got := clipWords(tc.in, tc.n); got != tc.want {
			t.Errorf("clipWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
		if got := clipWords(tc.in, tc.n); !strings.HasSuffix(got, " …") && got != tc.in {
			t.Errorf("clipWords(%q, %d) = %q: no ellipsis", tc.in, tc.n, got)
		}
	}
}
