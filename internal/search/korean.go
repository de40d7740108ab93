package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// koFilterName is the token filter that makes Korean words findable
// whatever particles and endings are attached.
//
// Korean attaches particles (이, 가, 를, 에서...) and verb endings (합니다,
// 해요, 하여...) to the word itself, so "잔액이 부족하여" is two tokens that
// never equal the "잔액" or "부족" someone types. Bleve's cjk analyzer does
// not split them. For every Hangul token this filter emits, at the same
// position:
//   - its stem: the token with one common particle or ending stripped (the
//     token itself when none is found);
//   - the Hangul bigrams of the stem, so that any two-syllable piece of a
//     compound matches (네트워크연결 / 연결).
//
// The stem makes "잔액이 부족해요" and "잔액이 부족합니다" share 잔액 and
// 부족 exactly. Latin tokens pass through unchanged.
const koFilterName = "errdex_ko"

func init() { registerTokenFilter(koFilterName, koFilter{}) }

// registerTokenFilter makes a filter without settings known to Bleve by
// name, for the custom analyzers of buildIndexMapping.
func registerTokenFilter(name string, f analysis.TokenFilter) {
	if err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return f, nil
	}); err != nil {
		panic(err)
	}
}

type koFilter struct{}

func (koFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)*3)
	for _, tok := range input {
		word := string(tok.Term)
		if !hasHangul(word) {
			out = append(out, tok)
			continue
		}
		seen := map[string]bool{}
		emit := func(term string, start, end int) {
			if term == "" || seen[term] {
				return
			}
			seen[term] = true
			out = append(out, &analysis.Token{
				Term: []byte(term), Start: start, End: end,
				Position: tok.Position, Type: tok.Type,
			})
		}
		// The stem stands for the word when a particle or ending came off:
		// the inflected form would only match the same particle, and
		// bigrams reaching into an ending (되었, 어요) match any entry
		// with that ending.
		stem := koStem(word)
		emit(stem, tok.Start, tok.Start+len(stem))
		var (
			runes   []rune
			offsets []int
		)
		for i, r := range stem {
			runes = append(runes, r)
			offsets = append(offsets, i)
		}
		offsets = append(offsets, len(stem))
		for i := 0; i+1 < len(runes); i++ {
			if isHangul(runes[i]) && isHangul(runes[i+1]) {
				emit(string(runes[i:i+2]), tok.Start+offsets[i], tok.Start+offsets[i+2])
			}
		}
	}
	return out
}

// koSuffixes are particles and endings, longest first within each length so
// that the longest match wins. A suffix is stripped only when what remains
// is long enough to be a word (see koStem).
var koSuffixes = sortByLen([]string{
	// endings of 하다/되다 verbs and adjectives, polite and plain
	"되었습니다", "하였습니다", "했습니다", "됐습니다", "었습니다", "았습니다", "합니다", "됩니다", "습니다", "입니다",
	"되었어요", "했어요", "됐어요", "해요", "돼요", "되요", "어요", "아요", "에요", "예요", "이에요",
	"하여", "해서", "하고", "하는", "하지", "하게", "하면", "되어", "되는", "되지", "되면", "되고",
	"했다", "됐다", "였다", "었다", "한다", "된다", "이다", "니다",
	"함", "됨", "한", "된", "할", "될", "임", "음",
	// particles
	"에서는", "으로는", "에게서", "이라는", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "이나", "이랑", "라는", "이란",
	"에는", "로는", "와의", "과의",
	"이", "가", "을", "를", "은", "는", "의", "에", "로", "와", "과", "도", "만", "요", "께",
})

func sortByLen(ss []string) []string {
	out := make([]string, len(ss))
	copy(out, ss)
	// Insertion sort by descending rune length: the list is short and fixed.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(out[j]) > utf8.RuneCountInString(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// koStem strips one particle or ending from a Hangul word. A one-syllable
// suffix is stripped only from words of three or more syllables, so that
// two-syllable nouns that happen to end in one (한도, 요금, 과정) stay whole;
// longer suffixes need one syllable to remain.
func koStem(word string) string {
	n := utf8.RuneCountInString(word)
	for _, suf := range koSuffixes {
		if !strings.HasSuffix(word, suf) {
			continue
		}
		sn := utf8.RuneCountInString(suf)
		min := 1
		if sn == 1 {
			min = 2
		}
		if n-sn >= min {
			return strings.TrimSuffix(word, suf)
		}
	}
	return word
}

func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

func hasHangul(s string) bool {
	for _, r := range s {
		if isHangul(r) {
			return true
		}
	}
	return false
}

// isAllHangul reports whether s is Hangul syllables only.
func isAllHangul(s string) bool {
	for _, r := range s {
		if !isHangul(r) {
			return false
		}
	}
	return s != ""
}
