package search

import "slices"

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
	si := sigIndex{byPiece: map[string][]int{}}
	for i := range sigs {
		k := sigs[i].key()
		if len(k) < pieceLen {
			si.always = append(si.always, i)
			continue
		}
		best := k[:pieceLen]
		for j := 1; j+pieceLen <= len(k); j++ {
			if p := k[j : j+pieceLen]; count[p] < count[best] {
				best = p
			}
		}
		si.byPiece[best] = append(si.byPiece[best], i)
	}
	return si
}

// candidates returns, in catalog order, the signatures lower (a lower-cased
// text) may match.
func (si sigIndex) candidates(lower string) []int {
	out := slices.Clone(si.always)
	var seen map[string]bool // pieces with signatures already taken
	for j := 0; j+pieceLen <= len(lower); j++ {
		p := lower[j : j+pieceLen]
		bucket := si.byPiece[p]
		if len(bucket) == 0 || seen[p] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[p] = true
		out = append(out, bucket...)
	}
	slices.Sort(out)
	return out
}
