package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSigIndexCandidates checks that the index never leaves out a
// signature whose literal a text contains, whatever piece it was filed
// under, and that it does leave out most of the others.
func TestSigIndexCandidates(t *testing.T) {
	keys := []string{"domain mismatched", "wrong appkey", "ab", "", "quota exceeded", "quota", "exceeded daily", "invalid_api_key", "키가 잘못됨"}
	var sigs []compiledSig
	for i, k := range keys {
		if i%2 == 0 {
			sigs = append(sigs, compiledSig{text: k})
		} else {
			sigs = append(sigs, compiledSig{need: k})
		}
	}
	si := newSigIndex(sigs)
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			k := keys[r.IntN(len(keys))]
			if k != "" && r.IntN(3) == 0 {
				k = k[r.IntN(len(k)):] // a piece of a literal, not the whole
			}
			b.WriteString(k)
			b.WriteString([]string{" ", "", "x: ", "\n"}[r.IntN(4)])
		}
		text := b.String()
		got := si.candidates(text)
		if !slices.IsSorted(got) {
			t.Fatalf("%q: candidates %v not in catalog order", text, got)
		}
		for i, s := range sigs {
			if k := s.key(); k != "" && strings.Contains(text, k) && !slices.Contains(got, i) {
				t.Errorf("%q contains %q, but signature %d is not a candidate (%v)", text, k, i, got)
			}
			if k := s.key(); len(k) >= pieceLen && !strings.Contains(text, k) && slices.Contains(got, i) {
				t.Errorf("%q lacks %q, but signature %d is a candidate (%v)", text, k, i, got)
			}
		}
	}
	if got := si.candidates("nothing of the sort"); len(got) != 2 {
		t.Errorf("an unrelated text: candidates %v, want only the two with no three-byte literal", got)
	}
}
