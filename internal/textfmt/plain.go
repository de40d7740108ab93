package textfmt

import (
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
)

// SearchText is the answer to a search as a short plain-text block a bot
// can post as it is (the API's format=text): the best match with its
// summary, retry advice, first fix and link, then the other matches one
// line each. When nothing matched it says so and offers the suggestions.
//
// The text is Markdown-friendly and reads well in chat apps: codes in
// *bold*, lists with bullets, links as bare URLs. baseURL ("https://host")
// is put before each entry's page path; without it the paths stay relative.
func SearchText(resp *errdex.Response, lang errdex.Lang, baseURL string) string {
	l := labelsFor(lang)
	var sb strings.Builder
	if len(resp.Results) == 0 {
		sb.WriteString(l.noMatch(resp.Query))
		sb.WriteByte('\n')
		writeSuggestions(&sb, resp.Suggestions, l, lang)
		sb.WriteString(l.noMatchTip)
		sb.WriteByte('\n')
		return sb.String()
	}
	writePlainEntry(&sb, resp.Results[0].Entry, lang, baseURL, "")
	if len(resp.Results) > 1 {
		sb.WriteString("\n*" + l.otherMatches + "*\n")
		for _, r := range resp.Results[1:] {
			sb.WriteString("• " + plainHeadline(r.Entry, lang) + " " + PageURL(baseURL, r.Entry) + "\n")
		}
	}
	return sb.String()
}

// LookupText is the answer to a lookup as plain text for a bot (the API's
// format=text): every entry with the code, each with its summary, retry
// advice, first fix and link. Entries found by an alias or a provider code
// say which.
func LookupText(matches []errdex.Match, lang errdex.Lang, baseURL string) string {
	l := labelsFor(lang)
	if len(matches) == 0 {
		return l.noLookup + "\n" + l.noMatchTip + "\n"
	}
	var sb strings.Builder
	for i, m := range matches {
		if i > 0 {
			sb.WriteByte('\n')
		}
		via := ""
		if m.Field != errdex.MatchCode {
			via = MatchKind(m.Field, lang) + " " + m.Value
		}
		writePlainEntry(&sb, m.Entry, lang, baseURL, via)
	}
	return sb.String()
}

// writePlainEntry writes one entry in the compact form shared by search
// and lookup answers.
func writePlainEntry(sb *strings.Builder, e *errdex.Entry, lang errdex.Lang, baseURL, via string) {
	l := labelsFor(lang)
	sb.WriteString(plainHeadline(e, lang))
	if via != "" {
		sb.WriteString(" _(" + via + ")_")
	}
	sb.WriteByte('\n')
	if s := Inline(e.Summary.In(lang), Plain); s != "" {
		sb.WriteString(s + "\n")
	}
	sb.WriteString("*" + RetryWord(e.Retry.Strategy, lang) + ".*" + retryNote(e, lang) + "\n")
	if len(e.Fixes) > 0 {
		fix := FromMarkdown(e.Fixes[0].In(lang), Plain)
		sep := " "
		if strings.Contains(fix, "\n") {
			sep = "\n"
		}
		sb.WriteString("*" + l.fix + ":*" + sep + fix + "\n")
	}
	sb.WriteString(PageURL(baseURL, e) + "\n")
}

// plainHeadline is "*CODE* variant (system, HTTP 401): title".
func plainHeadline(e *errdex.Entry, lang errdex.Lang) string {
	h := "*" + e.Code + "*"
	if e.Variant != "" {
		h += " " + e.Variant
	}
	h += " (" + e.System
	if e.HTTPStatus != 0 {
		h += ", HTTP " + e.HTTPStatusText()
	}
	return h + "): " + Inline(e.Title.In(lang), Plain)
}

func writeSuggestions(sb *strings.Builder, sugs []errdex.Suggestion, l *labels, lang errdex.Lang) {
	if len(sugs) == 0 {
		return
	}
	sb.WriteString(l.didYouMean + ":\n")
	for _, s := range sugs {
		sb.WriteString("• " + plainHeadline(s.Entry, lang) + "\n")
	}
}

// PageURL is the address of an entry's permalink page: baseURL (its
// trailing slash dropped) followed by /codes/{id}.
func PageURL(baseURL string, e *errdex.Entry) string {
	return paths.Absolute(baseURL, paths.Entry(e))
}
