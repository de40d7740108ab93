package errdex

// Answer says how far a search, identify or lookup answered the question:
// whether one entry stands out, several do equally, or nothing is trusted.
// Every surface shows the four differently; the command line exits 0 for
// found and ambiguous and 1 for unsure and none.
type Answer string

// The answers, from most to least sure.
const (
	// AnswerFound: one entry stands out, with confidence certain or likely.
	AnswerFound Answer = "found"
	// AnswerAmbiguous: two or more entries are equally well supported (a
	// code shared by systems, the variants of one code).
	AnswerAmbiguous Answer = "ambiguous"
	// AnswerUnsure: only weak results; none may be shown as the answer.
	AnswerUnsure Answer = "unsure"
	// AnswerNone: no results.
	AnswerNone Answer = "none"
)

// Claims reports whether the answer presents its first results as the
// answer (found or ambiguous), rather than as the closest entries.
func (a Answer) Claims() bool { return a == AnswerFound || a == AnswerAmbiguous }

// Confidence says how well the text supports one result.
type Confidence string

// The confidences, strongest first.
const (
	// ConfidenceCertain: the text names the entry's code, alias, provider
	// code or signature, and that identifies the entry. A bare number that
	// only equals an entry's HTTP status is never certain.
	ConfidenceCertain Confidence = "certain"
	// ConfidenceLikely: the text matches the entry clearly better than any
	// other.
	ConfidenceLikely Confidence = "likely"
	// ConfidenceWeak: some words match.
	ConfidenceWeak Confidence = "weak"
)

// Rank orders confidences: certain 0, likely 1, weak 2.
func (c Confidence) Rank() int {
	switch c {
	case ConfidenceCertain:
		return 0
	case ConfidenceLikely:
		return 1
	}
	return 2
}

// Finding is one distinct error in a pasted text (a line, a JSON object, a
// stack trace), answered on its own. Repeats of one error are one finding
// with a count.
type Finding struct {
	// Lines are its first and last lines, from 1.
	Lines [2]int
	// Count is how many times it stands in the text.
	Count int
	// Excerpt is its text, shortened, with secrets and personal data
	// masked.
	Excerpt string
	Answer  Answer
	Results []Result
}
