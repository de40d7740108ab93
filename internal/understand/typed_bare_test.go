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
