package search

import (
	"slices"
	"strings"
)

// sigIndex finds the signatures a text may match without trying them all:
// a catalog of 100,000 entries has about as many signatures, and a
// substring test of each was a tenth of every query's time.
//
// Every signature has a literal a matching text must contain (its text, or
// the regex's required literal). The index files each signature under one
// three-byte piece of that literal, the piece fewest signatures share; a
// text can only match signatures filed under pieces it contains. Those
// with no literal of three bytes are always tried.
type sigIndex struct {
	byPiece map[string][]int // piece -> positions in Index.sigs
	always  []int
	// keys are the signatures' literals, and offsets where in each its
	// piece starts: a candidate is kept only if its literal stands at some
	// place its piece does.
	keys    []string
	offsets []int
}

const pieceLen = 3

// key is the literal every text s matches contains.
func (s *compiledSig) key() string {
	if s.text != "" {
		return s.text
	}
	return s.need
}

func newSigIndex(sigs []compiledSig) sigIndex {
	count := map[string]int{}
	seen := map[string]bool{} // pieces of one key, counted once
	for i := range sigs {
		k := sigs[i].key()
		clear(seen)
		for j := 0; j+pieceLen <= len(k); j++ {
			if p := k[j : j+pieceLen]; !seen[p] {
				seen[p] = true
				count[p]++
			}
		}
	}
	si := sigIndex{byPiece: map[string][]int{}, keys: make([]string, len(sigs)), offsets: make([]int, len(sigs))}
	for i := range sigs {
		k := sigs[i].key()
		si.keys[i] = k
		if len(k) < pieceLen {
			si.always = append(si.always, i)
			continue
		}
		best := 0
		for j := 1; j+pieceLen <= len(k); j++ {
			if count[k[j:j+pieceLen]] < count[k[best:best+pieceLen]] {
				best = j
			}
		}
		si.byPiece[k[best:best+pieceLen]] = append(si.byPiece[k[best:best+pieceLen]], i)
		si.offsets[i] = best
	}
	return si
}

// candidates returns, in catalog order, the signatures whose literal
// lower (a lower-cased text) contains, and those with no literal of three
// bytes, which are always tried. Each literal is looked for only where its
// piece stands in the text: on a 64 KiB paste, a search of the whole text
// for each signature filed under a piece it holds was a third of identify.
func (si sigIndex) candidates(lower string) []int {
	out := slices.Clone(si.always)
	var at map[string][]int // where each piece with signatures stands
	for j := 0; j+pieceLen <= len(lower); j++ {
		p := lower[j : j+pieceLen]
		if len(si.byPiece[p]) == 0 {
			continue
		}
		if at == nil {
			at = map[string][]int{}
		}
		at[p] = append(at[p], j)
	}
	for p, places := range at {
		for _, i := range si.byPiece[p] {
			k, o := si.keys[i], si.offsets[i]
			for _, j := range places {
				if j >= o && strings.HasPrefix(lower[j-o:], k) {
					out = append(out, i)
					break
				}
			}
		}
	}
	slices.Sort(out)
	return out
}
