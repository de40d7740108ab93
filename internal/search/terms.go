package search

import (
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/errdex/errdex"
)

// maxCachedWords bounds each analyzer's cache of single words' terms.
const maxCachedWords = 8192

// wordCache remembers what an analyzer makes of one word of a query. Each
// word is analyzed several times per query (is it a stop word, its term
// for the prose fields, its terms to mark in snippets and to judge the
// results by) and the same words recur across queries; analyzing them was
// a twentieth of a typed query's time.
type wordCache struct {
	words *lru.Cache[string, []string]
}

func newWordCache() *wordCache {
	c, err := lru.New[string, []string](maxCachedWords)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &wordCache{words: c}
}

// wordTerms returns the terms lang's analyzer makes of w, in order; the
// slice is shared and read-only. Without analyzers (an index being
// built) it is nil.
func (ix *Index) wordTerms(lang errdex.Lang, w string) []string {
	a, cache := ix.en, ix.enWords
	if lang == errdex.Korean {
		a, cache = ix.ko, ix.koWords
	}
	if a == nil {
		return nil
	}
	if terms, ok := cache.words.Get(w); ok {
		return terms
	}
	toks := a.Analyze([]byte(w))
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = string(t.Term)
	}
	cache.words.Add(w, terms)
	return terms
}
