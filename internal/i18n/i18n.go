// Package i18n holds every fixed word errdex shows, in both languages,
// under typed keys: the pages and their templates, the terminal and plain
// text, the CLI, Slack, the Markdown export and the MCP server read their
// labels and sentences from here, so a retry strategy, a kind of evidence
// or a section name is said one way everywhere. A sentence only one
// surface says keeps that surface's wording under its own key (SlackHelp,
// CLISearchHint, MCPUnsure...), but lives here too.
//
// keys.go names the keys; en.go and ko.go are the two tables. A label
// that takes arguments is a fmt format, read with F; a label that says a
// number is a Count, read with N. TestEveryKey fails when a key lacks a
// language, the two languages disagree on the arguments, or no code uses
// the key.
package i18n

import (
	"fmt"

	"github.com/errdex/errdex"
)

// T returns a label in lang (English for any other language).
func T(lang errdex.Lang, k Key) string {
	if k < 0 || k >= numKeys {
		return ""
	}
	if lang == errdex.Korean {
		return ko[k]
	}
	return en[k]
}

// F formats a label that takes arguments (marked "format" in keys.go).
func F(lang errdex.Lang, k Key, args ...any) string {
	return fmt.Sprintf(T(lang, k), args...)
}

// N says a count: the label's form for n (one or other), formatted with n
// and then args.
func N(lang errdex.Lang, c Count, n int, args ...any) string {
	if c < 0 || c >= numCounts {
		return ""
	}
	forms := enCounts[c]
	if lang == errdex.Korean {
		forms = koCounts[c]
	}
	form := forms[1]
	if n == 1 {
		form = forms[0]
	}
	return fmt.Sprintf(form, append([]any{n}, args...)...)
}

var (
	retryKeys = map[errdex.RetryStrategy]Key{
		errdex.RetryNever: RetryNever, errdex.RetryAfterFixed: RetryAfterFix,
		errdex.RetryBackoff: RetryBackoff, errdex.RetryAfter: RetryAfterDelay,
	}
	matchKeys = map[errdex.MatchKind]Key{
		errdex.MatchCode: MatchCode, errdex.MatchAlias: MatchAlias, errdex.MatchProviderCode: MatchProviderCode,
		errdex.MatchSignature: MatchSignature, errdex.MatchHTTPStatus: HTTPStatus, errdex.MatchText: MatchText,
	}
	reasonKeys = map[errdex.SuggestReason]Key{
		errdex.SuggestSimilarCode: ReasonSimilarCode, errdex.SuggestSimilarTitle: ReasonSimilarTitle,
	}
)

// RetryLabel says a retry strategy ("Do not retry"); an unknown one is
// shown as it is.
func RetryLabel(lang errdex.Lang, s errdex.RetryStrategy) string {
	if k, ok := retryKeys[s]; ok {
		return T(lang, k)
	}
	return string(s)
}

// MatchLabel names a kind of evidence ("provider code").
func MatchLabel(lang errdex.Lang, m errdex.MatchKind) string {
	if k, ok := matchKeys[m]; ok {
		return T(lang, k)
	}
	return string(m)
}

// ReasonLabel says why a near miss is offered ("similar code").
func ReasonLabel(lang errdex.Lang, r errdex.SuggestReason) string {
	if k, ok := reasonKeys[r]; ok {
		return T(lang, k)
	}
	return string(r)
}
