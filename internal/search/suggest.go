package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// maxSuggestions bounds the near misses offered for an empty result.
const maxSuggestions = 5

// suggest offers the closest codes and titles when a search found nothing:
// codes within a few edits of what was typed (or that start with it), then
// entries whose titles hold words a looser typo allowance finds.
func (ix *Index) suggest(ctx context.Context, u understanding, q string) []Suggestion {
	var out []Suggestion
	seen := map[*errdex.Entry]bool{}
	add := func(e *errdex.Entry, reason errdex.SuggestReason) {
		if !seen[e] && len(out) < maxSuggestions {
			seen[e] = true
			out = append(out, Suggestion{Entry: e, Reason: reason})
		}
	}

	for _, e := range ix.similarCodes(q) {
		add(e, errdex.SuggestSimilarCode)
	}

	// Looser text: every word of three letters or more may carry two typos.
	var alts []query.Query
	for _, w := range looseWords(u.Words) { // bounds.go
		if utf8.RuneCountInString(w) < 3 {
			continue
		}
		alts = append(alts, ix.wordQuery(w, 1))
		for _, c := range ix.vocab.looseCorrections(w, 3) {
			alts = append(alts, ix.wordQuery(c, 1))
		}
	}
	if len(alts) == 0 || len(out) >= maxSuggestions {
		return out
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(alts...), maxSuggestions, 0, false)
	sr.SortBy([]string{"-_score", "_id"})
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return out
	}
	for _, h := range res.Hits {
		if e, ok := ix.cat.Entry(h.ID); ok {
			add(e, errdex.SuggestSimilarTitle)
		}
	}
	return out
}

// similarCodes are the entries with a code or alias within a few edits of
// q, or that start with it, closest first.
func (ix *Index) similarCodes(q string) []*errdex.Entry {
	code := strings.ToLower(understand.TrimNoise(q))
	if code == "" || utf8.RuneCountInString(code) > 64 || strings.ContainsRune(code, ' ') {
		return nil
	}
	runes := []rune(code)
	max := 1
	if len(runes) >= 6 {
		max = 2
	}
	type cand struct {
		e    *errdex.Entry
		dist int
	}
	var cands []cand
	for _, e := range ix.cat.Entries() {
		best := max + 1
		for _, k := range append([]string{e.Code}, e.Aliases...) {
			lk := strings.ToLower(k)
			d := osaDistance(runes, lk, max)
			if len(runes) >= 3 && strings.HasPrefix(lk, code) {
				d = min(d, 1)
			}
			best = min(best, d)
		}
		if best <= max {
			cands = append(cands, cand{e, best})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.dist, b.dist) })
	out := make([]*errdex.Entry, len(cands))
	for i, c := range cands {
		out[i] = c.e
	}
	return out
}

// looseCorrections is corrections with two typos allowed from three letters
// on, for suggestions only.
func (v *vocab) looseCorrections(w string, max int) []string {
	runes := []rune(w)
	mask := letterMask(runes)
	var (
		out []string
		osa osaScratch
	)
	for n := len(runes) - 2; n <= len(runes)+2; n++ {
		masks := v.masks[n]
		for i, c := range v.byLen[n] {
			if c != w && mayBeWithin(mask, masks[i], 2) && osa.distance(runes, v.runes[n][i], 2) <= 2 {
				out = append(out, c)
				if len(out) == max {
					return out
				}
			}
		}
	}
	return out
}
