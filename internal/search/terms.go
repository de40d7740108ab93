package search

import (
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/errdex/errdex"
)

// AnalysisCache holds what the analyzers made of texts: the entry texts
// made ready for snippets (tokenCache) and the terms of query words
// (wordCache). An analyzer's output depends on the text alone: every index
// has the same analyzers (buildIndexMapping reads no catalog), so one
// cache can serve every index a process builds. A server that rebuilds its
// index on each catalog edit passes one to every build: the new index then
// starts with what the last one analyzed (all but the texts the edit
// changed), and its first queries cost what queries cost before the edit.
// On a fresh cache they cost several times that (docs/reliability.md,
// "Cold caches after a good edit"). It is safe for concurrent use.
type AnalysisCache struct {
	enTokens, koTokens *tokenCache
	enWords, koWords   *wordCache
}

// NewAnalysisCache returns an empty cache, bounded like an index's own.
func NewAnalysisCache() *AnalysisCache {
	return &AnalysisCache{
		enTokens: newTokenCache(), koTokens: newTokenCache(),
		enWords: newWordCache(), koWords: newWordCache(),
	}
}

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

// entryKey names an entry's texts in one language.
type entryKey struct {
	e    *errdex.Entry
	lang errdex.Lang
}

// maxCachedEntries bounds the cache of entries' term sets.
const maxCachedEntries = 4096

// entryTerms returns the set of terms of e's texts in lang (entryTexts),
// as lang's analyzer reads them; the map is shared and read-only. Results
// are judged by the words their text holds: looking each word up in a set
// costs far less than going through every token of the texts (a tenth of
// a Korean query's time), and the same entries come up again and again.
func (ix *Index) entryTerms(e *errdex.Entry, lang errdex.Lang) map[string]bool {
	k := entryKey{e, lang}
	if terms, ok := ix.entrySets.Get(k); ok {
		return terms
	}
	a, cache := ix.en, ix.enTokens
	if lang == errdex.Korean {
		a, cache = ix.ko, ix.koTokens
	}
	terms := map[string]bool{}
	for _, t := range entryTexts(e, lang) {
		for _, tok := range cache.get(a, t).toks {
			terms[tok.term] = true
		}
	}
	ix.entrySets.Add(k, terms)
	return terms
}
