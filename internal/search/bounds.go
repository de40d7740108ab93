package search

import "github.com/errdex/errdex/internal/understand"

// Bounds on the work one query may cause, whatever its text. The byte
// limits (MaxQueryBytes, MaxIdentifyBytes) cap what is read; these cap what
// is searched, so that the slowest input costs a small multiple of a
// typical one rather than growing with its length:
//
//   - maxWordRunes: one unbroken run of letters (4,000 Hangul syllables, a
//     base64 blob) is searched by its first runes only. A Korean word is
//     analyzed into bigrams, one clause each, and a run past 4,096 of them
//     hit Bleve's clause cap (a 500); typo corrections compare each word
//     with the vocabulary at a cost that grows with its length squared.
//   - maxCorrectedWords: typo corrections, which compare a word with every
//     vocabulary word of about its length, are looked for in the first
//     words of a query only; a paste of 32 distinct unknown words spent
//     most of its time there.
//   - maxLooseWords: suggestions for a query that found nothing look for
//     loose corrections (two typos) of its first words only; on a paste of
//     32 distinct words they were most of its time.
//
// MaxTerms (search.go) caps the distinct words searched.
const (
	maxWordRunes      = understand.MaxWordRunes      // applied in understand's pickWords
	maxCorrectedWords = understand.MaxCorrectedWords // applied in Reading.CorrectionsOf
	maxLooseWords     = 6
)

// looseWords returns the words suggestions correct loosely.
func looseWords(words []string) []string {
	return words[:min(len(words), maxLooseWords)]
}
