package mcp

import "github.com/errdex/errdex/internal/search"

// INTERIM, until the answers branch (root answer.go, search's judge) is on
// main: then answer and confidence are read from search's Response and
// Result, and this file goes. Until then: evidence that names an entry is
// certain, anything else weak; one certain result is found, several
// ambiguous, only weak ones unsure.

const lookupConfidence = "certain"

func confidenceOf(r search.Result) string {
	switch r.Match {
	case search.MatchCode, search.MatchAlias, search.MatchProviderCode, search.MatchSignature:
		return "certain"
	}
	return "weak"
}

func answerOf(rs []Result) string {
	if len(rs) == 0 {
		return "none"
	}
	n := 0
	for _, r := range rs {
		if r.Confidence == "certain" {
			n++
		}
	}
	switch {
	case n == 1:
		return "found"
	case n > 1:
		return "ambiguous"
	}
	return "unsure"
}

func lookupAnswerOf(n int) string {
	switch {
	case n == 0:
		return "none"
	case n == 1:
		return "found"
	}
	return "ambiguous"
}
