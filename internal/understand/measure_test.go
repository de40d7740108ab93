package understand

import (
	"slices"
	"testing"
)

// TestPastedKoreanMeasures: in a paste, words with digits are pieces of
// timestamps, ids and hashes and are not searched, but a number with a
// Korean counter (24시간, 3일) is a span or amount the text is about.
func TestPastedKoreanMeasures(t *testing.T) {
	for _, tt := range []struct {
		text       string
		kept, left []string
	}{
		{"24시간 지나서 답장 못 함", []string{"24시간", "지나서"}, nil},
		{"3일 동안 발송 안 됨", []string{"3일"}, nil},
		{"req 7f3a9b 10ms 2026년형 a1b2c3", nil, []string{"7f3a9b", "10ms", "a1b2c3"}},
	} {
		r := Read(tt.text, Options{Pasted: true}, newFake())
		for _, w := range tt.kept {
			if !slices.Contains(r.Words, w) {
				t.Errorf("Read(%q).Words = %q, want %q among them", tt.text, r.Words, w)
			}
		}
		for _, w := range tt.left {
			if slices.Contains(r.Words, w) {
				t.Errorf("Read(%q).Words = %q, want no %q", tt.text, r.Words, w)
			}
		}
	}
}
