// Package i18n holds the labels every surface shows in both languages
// under typed keys: the pages, the terminal and plain text, Slack and the
// Markdown export say a retry strategy, a kind of evidence or a section
// name the same way, from this one table. A surface's own sentences (a
// page's headings, Slack's help) stay with it; what two surfaces both say
// lives here.
package i18n

import "github.com/errdex/errdex"

// Key names one label.
type Key int

// Labels.
const (
	// Retry strategies (RetryLabel reads them by strategy).
	RetryNever Key = iota
	RetryAfterFix
	RetryBackoff
	RetryAfterDelay
	// Kinds of evidence (MatchLabel).
	MatchCode
	MatchAlias
	MatchProviderCode
	MatchSignature
	MatchHTTPStatus
	MatchText
	// Reasons of a suggestion (ReasonLabel).
	ReasonSimilarCode
	ReasonSimilarTitle
	// Section names.
	Causes
	Fixes
	Notes
	Examples
	Retry
	Related

	numKeys // keep last: TestEveryKeyInBothLanguages walks up to it
)

// labels are the words, by key then language. Korean is written for
// Korean readers, not word for word.
var labels = [numKeys][2]string{
	RetryNever:      {"Do not retry", "재시도 금지"},
	RetryAfterFix:   {"Retry after fixing", "원인 해결 후 재시도"},
	RetryBackoff:    {"Retry with backoff", "백오프로 재시도"},
	RetryAfterDelay: {"Retry after the Retry-After delay", "Retry-After만큼 기다린 후 재시도"},

	MatchCode:         {"code", "코드"},
	MatchAlias:        {"alias", "별칭"},
	MatchProviderCode: {"provider code", "프로바이더 코드"},
	MatchSignature:    {"message", "메시지"},
	MatchHTTPStatus:   {"HTTP status", "HTTP 상태"},
	MatchText:         {"words", "단어"},

	ReasonSimilarCode:  {"similar code", "비슷한 코드"},
	ReasonSimilarTitle: {"similar title", "비슷한 제목"},

	Causes:   {"Causes", "원인"},
	Fixes:    {"Fixes", "해결 방법"},
	Notes:    {"Notes", "참고"},
	Examples: {"Examples", "예시"},
	Retry:    {"Retry", "재시도"},
	Related:  {"Related", "관련 코드"},
}

// T returns a label in lang (English for any other language).
func T(lang errdex.Lang, k Key) string {
	if k < 0 || k >= numKeys {
		return ""
	}
	if lang == errdex.Korean {
		return labels[k][1]
	}
	return labels[k][0]
}

var (
	retryKeys = map[errdex.RetryStrategy]Key{
		errdex.RetryNever: RetryNever, errdex.RetryAfterFixed: RetryAfterFix,
		errdex.RetryBackoff: RetryBackoff, errdex.RetryAfter: RetryAfterDelay,
	}
	matchKeys = map[errdex.MatchKind]Key{
		errdex.MatchCode: MatchCode, errdex.MatchAlias: MatchAlias, errdex.MatchProviderCode: MatchProviderCode,
		errdex.MatchSignature: MatchSignature, errdex.MatchHTTPStatus: MatchHTTPStatus, errdex.MatchText: MatchText,
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
