package search

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
)

// snippetWindow is about how many bytes of text a snippet shows.
const snippetWindow = 220

// highlighter marks in an entry's own text the terms a query matched. It
// analyzes the text with the analyzer its field was indexed with, so a term
// is marked exactly when it could have matched, and needs no stored fields
// in the index.
type highlighter struct {
	analyzer analysis.Analyzer
	tokens   *tokenCache
	terms    map[string]bool
	// hints are lower-cased pieces every matching text must contain (the
	// first letters of an English word, whose stem keeps them; a Korean
	// term itself), so texts that cannot match are never analyzed.
	hints []string
}

// newHighlighter collects the analyzed terms of words in lang's analyzer.
func (ix *Index) newHighlighter(words []string, lang errdex.Lang) *highlighter {
	a, cache := ix.en, ix.enTokens
	if lang == errdex.Korean {
		a, cache = ix.ko, ix.koTokens
	}
	h := &highlighter{analyzer: a, tokens: cache, terms: map[string]bool{}}
	if a == nil {
		return h
	}
	for _, w := range words {
		toks := ix.wordTerms(lang, w)
		for _, tok := range toks {
			h.terms[tok] = true
			if hasHangul(tok) {
				h.hints = append(h.hints, tok)
			}
		}
		if len(toks) > 0 && !hasHangul(w) {
			h.hints = append(h.hints, clip.Runes(strings.ToLower(w), 4))
		}
	}
	return h
}

// mayMatch reports whether lower, a lower-cased text, contains any hint.
func (h *highlighter) mayMatch(lower string) bool {
	for _, hint := range h.hints {
		if strings.Contains(lower, hint) {
			return true
		}
	}
	return false
}

// snippet returns the first of the entry's texts (summary, causes, fixes,
// title) that holds a matched term, cut to a window around the first match,
// HTML-escaped, with the matches in <mark>. An entry found by its code
// alone shows its summary.
func (h *highlighter) snippet(e *errdex.Entry, lang errdex.Lang) template.HTML {
	if len(h.terms) > 0 && h.analyzer != nil {
		texts := []string{e.Summary.In(lang)}
		for _, list := range [][]errdex.Text{e.Causes, e.Fixes} {
			for _, t := range list {
				texts = append(texts, t.In(lang))
			}
		}
		texts = append(texts, e.Title.In(lang))
		for _, t := range texts {
			a := h.tokens.get(h.analyzer, t)
			if !h.mayMatch(a.lower) {
				continue
			}
			if s, ok := h.mark(a); ok {
				return s
			}
		}
	}
	summary := e.Summary.In(lang)
	if h.analyzer != nil {
		summary = h.tokens.get(h.analyzer, summary).plain // kept from earlier queries
	} else {
		summary = plainMarkdown(summary)
	}
	return template.HTML(html.EscapeString(clipWords(summary, snippetWindow)))
}

// mark highlights a text's plain form if any of its tokens is a matched
// term.
func (h *highlighter) mark(a *analyzedText) (template.HTML, bool) {
	text := a.plain
	type span struct{ start, end int }
	var spans []span
	// The matched tokens, in the text's order: a text's tokens are many, a
	// query's terms few, so each term's places are looked up (at).
	var matched []int
	for t := range h.terms {
		matched = append(matched, a.at[t]...)
	}
	slices.Sort(matched)
	for _, i := range matched {
		tok := a.toks[i]
		if n := len(spans); n > 0 && tok.start < spans[n-1].end {
			// Overlapping (a Korean stem and its bigrams): widen the last span.
			spans[n-1].end = max(spans[n-1].end, tok.end)
			continue
		}
		spans = append(spans, span{tok.start, tok.end})
	}
	if len(spans) == 0 {
		return "", false
	}
	// A window that starts a little before the first match.
	from := 0
	if spans[0].start > snippetWindow/3 {
		from = spans[0].start - snippetWindow/4
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		if i := strings.IndexByte(text[from:spans[0].start], ' '); i >= 0 {
			from += i + 1
		}
	}
	to := len(text)
	if to-from > snippetWindow {
		to = wordEnd(text, from+snippetWindow, spans[0].end)
	}
	var b strings.Builder
	b.Grow(to - from + 13*len(spans) + 8) // the text, its marks, the ellipses
	if from > 0 {
		b.WriteString("… ")
	}
	at := from
	for _, sp := range spans {
		if sp.start < at || sp.end > to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		at = sp.end
	}
	b.WriteString(html.EscapeString(text[at:to]))
	if to < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String()), true //nolint:gosec // every piece of text above is escaped
}

// clipWords cuts s to at most n bytes, between words.
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:wordEnd(s, n, 0)] + " …"
}

// wordEnd is where to cut s at about n bytes: at the last space before n,
// so that no word is cut in two, but not before floor; failing that, at the
// rune boundary at or before n.
func wordEnd(s string, n, floor int) int {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > floor {
		if j := len(strings.TrimRight(s[:i], " ,;:")); j > floor {
			return j
		}
		return i
	}
	return n
}

// token is an analyzed term with its byte offsets in the text.
type token struct {
	term       string
	start, end int
}

// tokenCache remembers what snippets need of entry texts: an index's
// catalog never changes, and analyzing the same texts for every query's
// snippets was half of a small catalog's query time (and stripping their
// Markdown and lower-casing them another tenth). It holds at most
// maxCachedTexts texts, the least recently used leaving first.
type tokenCache struct {
	texts *lru.Cache[string, *analyzedText]
}

// analyzedText is one entry text made ready for snippets.
type analyzedText struct {
	plain string  // the text without its Markdown markup
	lower string  // the text lower-cased, for mayMatch
	toks  []token // the analyzed tokens of plain
	// at lists where in toks each term stands.
	at map[string][]int
}

const maxCachedTexts = 20000

func newTokenCache() *tokenCache {
	c, err := lru.New[string, *analyzedText](maxCachedTexts)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &tokenCache{texts: c}
}

// get returns text analyzed with a; the result is shared and read-only.
func (c *tokenCache) get(a analysis.Analyzer, text string) *analyzedText {
	if at, ok := c.texts.Get(text); ok {
		return at
	}
	at := &analyzedText{plain: plainMarkdown(text), lower: strings.ToLower(text)}
	at.at = map[string][]int{}
	for _, t := range a.Analyze([]byte(at.plain)) {
		term := string(t.Term)
		at.at[term] = append(at.at[term], len(at.toks))
		at.toks = append(at.toks, token{term, t.Start, t.End})
	}
	c.texts.Add(text, at)
	return at
}
