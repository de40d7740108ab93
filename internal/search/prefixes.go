package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/unicode/norm"
)

// prefixFilterName is the token filter of the title-words field: every
// title word as written (not stemmed), marked as whole, and every prefix of
// it, so that one term lookup answers "is this word in the title, as typed"
// and another "does a title word start with what has been typed so far".
//
// The English analyzer stems "international" and "internal" alike, and a
// word being typed ("decl") matches nothing until it is complete; a team
// on SQLite would reach for FTS5's prefix indexes here. Hangul words are
// stemmed first (particles and endings off), then cut by syllable: 정지 gives
// 정 and 정지. Latin prefixes start at two letters.
const prefixFilterName = "errdex_prefixes"

// wholeWord marks a title word's own term, beside its prefixes: "down$"
// is the word down, "down" also starts download.
const wholeWord = "$"

// maxPrefixRunes bounds the prefixes of one word; longer words are kept
// whole as well, so they still match when typed out.
const maxPrefixRunes = 24

func init() { registerTokenFilter(prefixFilterName, prefixFilter{}) }

type prefixFilter struct{}

func (prefixFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)*6)
	for _, tok := range input {
		word := titleWord(string(tok.Term))
		minRunes := 2
		if hasHangul(word) {
			minRunes = 1
		}
		n := 0
		for i := range word {
			if n >= minRunes && n <= maxPrefixRunes {
				out = append(out, prefixToken(tok, word[:i]))
			}
			n++
		}
		if n >= minRunes {
			out = append(out, prefixToken(tok, word), prefixToken(tok, word+wholeWord))
		}
	}
	return out
}

func prefixToken(tok *analysis.Token, term string) *analysis.Token {
	return &analysis.Token{Term: []byte(term), Start: tok.Start, End: tok.End, Position: tok.Position, Type: tok.Type}
}

// titleWord is how a word is kept in the title-words field, and how a
// query word is looked up there: NFKC, lower case, and a Hangul word
// without its particle or ending.
func titleWord(w string) string {
	w = strings.ToLower(norm.NFKC.String(w))
	if hasHangul(w) {
		w = koStem(w)
	}
	return w
}
