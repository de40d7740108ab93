package understand

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Bounds on spelling a code from words.
const (
	minSpeltWords = 2
	maxSpeltWords = 6 // at most 2^6 spellings are tried
)

// speltCode returns the multi-word code that the words of the text spell,
// typos within the usual budget included: "authentification failed" is
// AUTHENTICATION_FAILED, "rate limit exceeded" RATE_LIMIT_EXCEEDED. A word
// the catalog does not have stands for its nearest corrections, as in a
// text search, and an unfinished last word for its completions; of the
// codes spelt, the one fewest corrections away wins.
//
// A code typed as one token keeps the case it was typed in, as an exact
// code does: RATE_LIMIT_EXCEDED is spelt K-Message's RATE_LIMIT_EXCEEDED,
// rate_limit_exceded Kirim's rate_limit_exceeded. Words ("rate limit
// exceeded", in any case) come back in small letters, as ever: how
// someone types a sentence says nothing of whose code it is.
func (r *reader) speltCode() string {
	text := r.withoutSystemNames()
	words := SplitWords(text)
	if len(words) < minSpeltWords || len(words) > maxSpeltWords || hasHangul(r.text) {
		return ""
	}
	code := r.speltFrom(words)
	if code != "" && len(strings.Fields(text)) == 1 && strings.ToUpper(text) == text {
		return strings.ToUpper(code)
	}
	return code
}

// speltFrom returns the code words spell, joined or with their typos
// corrected, or "".
func (r *reader) speltFrom(words []string) string {
	for _, sep := range []string{"_", "-", ""} {
		// rate limit exceeded, KOE 009 (KOE009); a word and a number
		// (exit 4) are readJoined's, which knows a sign from a hyphen.
		joined := strings.Join(words, sep)
		if kind, _ := r.lex.Key(joined); kind != None && !isJoined(joined) {
			return joined
		}
	}
	options, ok := r.spellingOptions(words)
	if !ok {
		return ""
	}
	return cheapestSpelling(options, r.lex.MultiWordCode)
}

// spellingOptions lists, for each word, what it may stand for: itself when
// the catalog has it, else its corrections (and, for the last word, its
// completions). It reports false when no word is a typo or one has no
// option.
func (r *reader) spellingOptions(words []string) ([][]string, bool) {
	options := make([][]string, len(words))
	typo := false
	for i, w := range words {
		if r.lex.HasWord(w) {
			options[i] = []string{w}
			continue
		}
		typo = true
		options[i] = r.out.CorrectionsOf(r.lex, w)
		// The last word may be unfinished ("template paus").
		if i == len(words)-1 && utf8.RuneCountInString(w) >= 3 {
			options[i] = append(slices.Clip(options[i]), r.lex.Completions(w)...)
		}
		if len(options[i]) == 0 {
			return nil, false
		}
	}
	return options, typo
}

// cheapestSpelling tries the spellings options allow and returns the code
// isCode accepts whose options are fewest places down their lists.
func cheapestSpelling(options [][]string, isCode func(string) bool) string {
	best, bestCost := "", -1
	parts := make([]string, len(options))
	var try func(i, cost int)
	try = func(i, cost int) {
		if bestCost >= 0 && cost >= bestCost {
			return
		}
		if i == len(options) {
			if code := strings.Join(parts, "_"); isCode(code) {
				best, bestCost = code, cost
			}
			return
		}
		for k, o := range options[i] {
			parts[i] = o
			try(i+1, cost+k)
		}
	}
	try(0, 0)
	return best
}

// withoutSystemNames is the text without the fields that name a system:
// "k-msg exit 4" spells exit-4.
func (r *reader) withoutSystemNames() string {
	fields := strings.Fields(r.text)
	kept := fields[:0:0]
	for _, f := range fields {
		named := false
		for _, form := range nameForms(strings.ToLower(TrimNoise(f))) {
			if len(r.lex.Systems(form)) > 0 {
				named = true
				break
			}
		}
		if !named {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}
