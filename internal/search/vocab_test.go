package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTypoBudget(t *testing.T) {
	for n, want := range map[int]int{1: 0, 4: 0, 5: 1, 8: 1, 9: 2, 20: 2} {
		if got := typoBudget(n); got != want {
			t.Errorf("typoBudget(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"template", "template", 0},
		{"tempalte", "template", 1}, // a transposition is one typo
		{"authentification", "authentication", 2},
		{"kitten", "sitting", 3},
		{"잔액", "잔엑", 1},
	}
	for _, tt := range tests {
		if got := osaDistance([]rune(tt.a), tt.b, 3); got != tt.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := osaDistance([]rune("abcdefgh"), "zzzzzzzz", 2); got != 3 {
		t.Errorf("bounded distance = %d, want max+1 = 3", got)
	}
}

func TestVocabCorrectionsAndCompletions(t *testing.T) {
	v := newVocab()
	v.addText("template templates temporary authentication balance")
	v.finish()
	if got := v.corrections("tempalte", 3); !slices.Contains(got, "template") {
		t.Errorf("corrections(tempalte) = %q, want template", got)
	}
	if got := v.corrections("template", 3); got != nil {
		t.Errorf("corrections of a known word = %q, want none", got)
	}
	if got := v.corrections("tmp", 3); got != nil {
		t.Errorf("corrections of a 3-letter word = %q, want none (no typo under 5 letters)", got)
	}
	if got := v.corrections("authentification", 3); !slices.Contains(got, "authentication") {
		t.Errorf("corrections(authentification) = %q, want authentication", got)
	}
	if got := v.completions("tem", 8); !slices.Contains(got, "template") || !slices.Contains(got, "temporary") {
		t.Errorf("completions(tem) = %q, want template and temporary", got)
	}
}

// TestLetterMaskKeepsNearWords checks the typo lookups' filter: every pair
// of words within d edits passes it, for words of Latin letters, Hangul
// and both, with each kind of edit.
func TestLetterMaskKeepsNearWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz가나다라마바사아자차카타파하잔액부족")
	edit := func(w []rune) []rune {
		w = slices.Clone(w)
		i := rng.IntN(len(w))
		switch rng.IntN(4) {
		case 0: // substitution
			w[i] = alphabet[rng.IntN(len(alphabet))]
		case 1: // insertion
			w = slices.Insert(w, i, alphabet[rng.IntN(len(alphabet))])
		case 2: // deletion
			if len(w) > 1 {
				w = slices.Delete(w, i, i+1)
			}
		default: // transposition
			if i+1 < len(w) {
				w[i], w[i+1] = w[i+1], w[i]
			}
		}
		return w
	}
	for range 20000 {
		a := make([]rune, 2+rng.IntN(12))
		for i := range a {
			a[i] = alphabet[rng.IntN(len(alphabet))]
		}
		b := a
		for range 1 + rng.IntN(3) {
			b = edit(b)
		}
		for d := 1; d <= 3; d++ {
			if osaDistance(a, string(b), d) <= d && !mayBeWithin(letterMask(a), letterMask(b), d) {
				t.Fatalf("%q and %q are within %d edits, but the filter rules them out", string(a), string(b), d)
			}
		}
	}
}
