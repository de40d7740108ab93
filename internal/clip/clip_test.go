package clip

import (
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	tests := []struct {
		name, s string
		n       int
		fn      func(string, int) string
		want    string
	}{
		{"bytes short", "abc", 5, Bytes, "abc"},
		{"bytes exact", "abc", 3, Bytes, "abc"},
		{"bytes mid-character", "잔액", 4, Bytes, "잔"}, // 3 bytes each
		{"bytes before the first character", "잔액", 2, Bytes, ""},
		{"bytes zero", "abc", 0, Bytes, ""},
		{"runes", "잔액 부족", 2, Runes, "잔액"},
		{"runes all", "ab", 5, Runes, "ab"},
		{"ellipsis fits", "잔액", 2, Ellipsis, "잔액"},
		{"ellipsis cut", "잔액 부족", 3, Ellipsis, "잔액…"},
		{"ellipsis one", "abc", 1, Ellipsis, "…"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.s, tt.n); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func FuzzBytes(f *testing.F) {
	f.Add("잔액 부족 error", 7)
	f.Fuzz(func(t *testing.T, s string, n int) {
		got := Bytes(s, n)
		if len(got) > max(n, 0) || len(got) > len(s) || s[:len(got)] != got {
			t.Fatalf("Bytes(%q, %d) = %q: not a prefix within the bound", s, n, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Bytes(%q, %d) = %q split a character", s, n, got)
		}
	})
}
