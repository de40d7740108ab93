package search_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// maxWordRunes mirrors bounds.go: the longest word searched.
const maxWordRunes = 32

// cjkRun is n runes of one script from a fixed seed: Hangul syllables,
// CJK ideographs or kana, none repeated often, so no run is a known word.
func cjkRun(seed uint64, base, span rune, n int) string {
	rng := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	for range n {
		b.WriteRune(base + rune(rng.IntN(int(span))))
	}
	return b.String()
}

func hangulRun(n int) string { return cjkRun(1, 0xAC00, 11172, n) }

func checkBounded(t *testing.T, what string, resp *search.Response, err error) {
	t.Helper()
	if err != nil {
		var fe *errdex.FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("%s: %v, want an answer", what, err)
		}
		return
	}
	words := resp.Understood.Words
	if len(words) > search.MaxTerms {
		t.Errorf("%s: %d words searched, want at most %d", what, len(words), search.MaxTerms)
	}
	for _, w := range words {
		if n := utf8.RuneCountInString(w); n > maxWordRunes {
			t.Errorf("%s: a word of %d runes searched, want at most %d", what, n, maxWordRunes)
		}
	}
}

// Runs past Bleve's clause cap (4,096 bigrams of one Korean word) used to
// fail the search with a 500; each is now cut to its first runes.
func TestLongRunsAreBounded(t *testing.T) {
	ix := builtinIndex(t)
	ctx := context.Background()
	for name, text := range map[string]string{
		"4,097 Hangul syllables":         hangulRun(4097),
		"20,000 Hangul syllables":        hangulRun(20000),
		"4,097 CJK ideographs":           cjkRun(2, 0x4E00, 20000, 4097),
		"4,097 kana":                     cjkRun(3, 0x30A1, 90, 4097),
		"Hangul run in a JSON message":   `{"error":{"code":"X","message":"` + hangulRun(5000) + ` 잔액 부족"}}`,
		"60 KiB of one Latin word":       strings.Repeat("ab", 30<<10),
		"Hangul runs with a known word":  hangulRun(4100) + " 잔액이 부족합니다 " + hangulRun(4100),
		"distinct Hangul words of 2-40":  distinctHangulWords(60 << 10),
		"distinct UPPER_SNAKE codes":     distinctCodes(2000),
		"nested JSON holding a long run": strings.Repeat(`{"a":`, 500) + `"` + hangulRun(4097) + `"` + strings.Repeat("}", 500),
	} {
		resp, err := ix.Identify(ctx, text, errdex.Korean, 10)
		checkBounded(t, "Identify "+name, resp, err)
		if len(text) <= search.MaxQueryBytes {
			resp, err := ix.Search(ctx, search.Request{Query: text, Prefix: true})
			checkBounded(t, "Search "+name, resp, err)
		}
	}
	// The longest query a search takes, as one Hangul run.
	q := hangulRun(search.MaxQueryBytes / 3)
	resp, err := ix.Search(ctx, search.Request{Query: q, Prefix: true})
	checkBounded(t, "Search of 666 Hangul syllables", resp, err)
	if err != nil {
		t.Errorf("Search of 666 Hangul syllables: %v", err)
	}
}

func distinctHangulWords(n int) string {
	rng := rand.New(rand.NewPCG(4, 4))
	var b strings.Builder
	for b.Len() < n {
		for range 2 + rng.IntN(39) {
			b.WriteRune(0xAC00 + rune(rng.IntN(11172)))
		}
		b.WriteByte(' ')
	}
	return b.String()[:n-n%3] // whole runes: each syllable and the space are 3 and 1 bytes
}

func distinctCodes(n int) string {
	rng := rand.New(rand.NewPCG(5, 5))
	var b strings.Builder
	for b.Len() < n {
		for range 2 {
			for range 5 {
				b.WriteByte(byte('A' + rng.IntN(26)))
			}
			b.WriteByte('_')
		}
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// FuzzQueryBounds feeds query understanding CJK runs and nested JSON built
// around the fuzzer's text: every search and identify must answer (or
// refuse with a FieldError) and search at most MaxTerms words of at most
// maxWordRunes runes each.
func FuzzQueryBounds(f *testing.F) {
	f.Add("잔액 부족", uint16(4097), uint8(0), uint8(0))
	f.Add(`{"code":"KOE009","message":"`, uint16(5000), uint8(40), uint8(1))
	f.Add("INSUFFICIENT_BALANCE ", uint16(100), uint8(200), uint8(2))
	f.Add("[", uint16(0), uint8(255), uint8(3))
	ix := builtinIndex(f)
	scripts := []struct{ base, span rune }{{0xAC00, 11172}, {0x4E00, 20000}, {0x30A1, 90}, {'a', 26}}
	f.Fuzz(func(t *testing.T, seed string, runLen uint16, depth uint8, script uint8) {
		sc := scripts[int(script)%len(scripts)]
		run := cjkRun(uint64(runLen), sc.base, sc.span, int(runLen)%(8<<10))
		inner := seed + run + " " + seed
		b, _ := jsonString(inner)
		nestedJSON := strings.Repeat(`{"error":`, int(depth)) + `{"message":` + b + `}` + strings.Repeat("}", int(depth))
		ctx := context.Background()
		for _, text := range []string{inner, nestedJSON, strings.Repeat("[", int(depth)) + inner} {
			if len(text) > search.MaxIdentifyBytes {
				text = text[:search.MaxIdentifyBytes]
			}
			resp, err := ix.Identify(ctx, text, errdex.Korean, 5)
			checkBounded(t, "Identify", resp, err)
			if len(text) <= search.MaxQueryBytes {
				resp, err := ix.Search(ctx, search.Request{Query: text, Prefix: true, Limit: 5})
				checkBounded(t, "Search", resp, err)
			}
		}
	})
}

// jsonString quotes s as a JSON string.
func jsonString(s string) (string, error) {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "?") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String(), nil
}
