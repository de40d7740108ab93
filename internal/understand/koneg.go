package understand

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Korean says a negation two ways: with a predicate ("도메인이 일치하지
// 않음", "등록되지 않은 발신번호") and with a negating prefix on the noun
// ("도메인 불일치", "미등록 발신번호"). Entries and upstream messages use
// either, so a text saying one way misses an entry saying the other, and
// its "않음" counts as a word no entry holds. A negated predicate is read
// as the catalog's negated noun when the catalog has one; "맞지 않다"
// (does not match) is 불일치, "존재하지 않다" (does not exist) 없음.

// koNegPrefixes negate a Sino-Korean noun.
var koNegPrefixes = []string{"불", "미", "비", "무"}

// koVerbEndings close the noun of a 하다/되다 predicate.
var koVerbEndings = []string{"하", "되"}

// koNegSame are predicates whose negation is a noun of another stem.
var koNegSame = map[string]string{"맞": "불일치", "일치": "불일치", "존재": "없음"}

// koNegations rewrites the negated predicates of words into the negated
// nouns the lexicon has.
func koNegations(words []string, lex Lexicon) []string {
	if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(w, "지") }) {
		return words
	}
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		stem, glued := negatedStem(w)
		next := i+1 < len(words) && !glued && strings.HasSuffix(w, "지") && negates(words[i+1])
		if glued || next {
			if noun := negatedNoun(stem, lex); noun != "" {
				out = append(out, noun)
				if next {
					i++
				}
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// negatedStem returns what stands before 지 in w, and whether w carries its
// negation glued on ("일치하지않음").
func negatedStem(w string) (string, bool) {
	for _, neg := range []string{"지않", "지못"} {
		if i := strings.Index(w, neg); i > 0 {
			return w[:i], true
		}
	}
	return strings.TrimSuffix(w, "지"), false
}

// negates reports whether a word is the negating auxiliary: 않다, 못하다.
func negates(w string) bool { return strings.HasPrefix(w, "않") || strings.HasPrefix(w, "못") }

// negatedNoun returns the negated noun of a predicate's stem that the
// lexicon has, or "".
func negatedNoun(stem string, lex Lexicon) string {
	if stem == "" || !hasHangul(stem) {
		return ""
	}
	if n, ok := koNegSame[stem]; ok && lex.HasWord(n) {
		return n
	}
	base := stem
	for _, e := range koVerbEndings {
		if s := strings.TrimSuffix(stem, e); s != stem && utf8.RuneCountInString(s) >= 2 {
			base = s
			break
		}
	}
	if n, ok := koNegSame[base]; ok && lex.HasWord(n) {
		return n
	}
	if base == stem || utf8.RuneCountInString(base) < 2 {
		// Only a noun of two syllables or more with 하다/되다 takes a prefix
		// (등록되지 → 미등록); 보내지 않음 has none.
		return ""
	}
	for _, p := range koNegPrefixes {
		if lex.HasWord(p + base) {
			return p + base
		}
	}
	return ""
}
