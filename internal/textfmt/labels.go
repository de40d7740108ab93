package textfmt

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
)

// labels are the fixed words of the rendered answers, in one language,
// read from internal/i18n.
type labels struct {
	causes, fixes, fix, retry, related, aliases, page, evidence string
	otherMatches, didYouMean, found                             string
	results                                                     func(n int, q string) string
	resultsShown                                                func(shown, n int, q string) string
	searchHint                                                  func(code string) string
	lookupHeader                                                func(n int, code string) string
	noMatch, noCode                                             func(q string) string
	noMatchTip, moreHint, noLookup, notes                       string
	identifyHeader                                              func(n int) string
	noIdentify                                                  string
	// noConfident heads an unsure answer; weakMark marks each of its
	// closest entries.
	noConfident     func(q string) string
	noConfidentText string
	weakMark        string
	findingsHeader  func(n int) string
	lines           func(first, last int) string
}

// newLabels builds the labels of lang from the one label table.
func newLabels(lang errdex.Lang) *labels {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	return &labels{
		causes:          t(i18n.Causes),
		fixes:           t(i18n.Fixes),
		fix:             t(i18n.CLIFix),
		retry:           t(i18n.Retry),
		related:         t(i18n.Related),
		aliases:         t(i18n.AlsoKnownAs),
		page:            t(i18n.Page),
		evidence:        t(i18n.CLIEvidence),
		otherMatches:    t(i18n.CLIOtherMatches),
		didYouMean:      t(i18n.DidYouMeanText),
		found:           t(i18n.CLIFound),
		noMatchTip:      t(i18n.CLINoMatchTip),
		moreHint:        t(i18n.CLIMoreHint),
		noLookup:        t(i18n.CLINoLookup),
		notes:           t(i18n.Notes),
		noIdentify:      t(i18n.CLINoIdentify),
		noConfidentText: t(i18n.CLINoConfidentText),
		weakMark:        t(i18n.WeakMatch),
		results:         func(n int, q string) string { return i18n.N(lang, i18n.CLIResults, n, q) },
		resultsShown:    func(shown, n int, q string) string { return i18n.F(lang, i18n.CLIResultsShown, shown, n, q) },
		searchHint:      func(code string) string { return i18n.F(lang, i18n.CLISearchHint, code) },
		lookupHeader:    func(n int, code string) string { return i18n.N(lang, i18n.CLILookupHeader, n, code) },
		noMatch:         func(q string) string { return i18n.F(lang, i18n.NoMatch, quote(q)) },
		noCode:          func(c string) string { return i18n.F(lang, i18n.CLINoCode, quote(c)) },
		identifyHeader:  func(n int) string { return i18n.N(lang, i18n.CLIIdentifyHeader, n) },
		noConfident:     func(q string) string { return i18n.F(lang, i18n.CLINoConfident, quote(q)) },
		findingsHeader:  func(n int) string { return i18n.F(lang, i18n.CLIFindingsHeader, n) },
		lines: func(first, last int) string {
			if first == last {
				return i18n.F(lang, i18n.OnLine, first)
			}
			return i18n.F(lang, i18n.CLIOnLines, first, last)
		},
	}
}

var labelsByLang = map[errdex.Lang]*labels{
	errdex.English: newLabels(errdex.English),
	errdex.Korean:  newLabels(errdex.Korean),
}

func labelsFor(lang errdex.Lang) *labels {
	if l, ok := labelsByLang[lang]; ok {
		return l
	}
	return labelsByLang[errdex.English]
}

// MatchKind names a kind of evidence (errdex.MatchCode...) in lang: "code",
// "provider code", "별칭". The web UI shows the same words.
func MatchKind(kind errdex.MatchKind, lang errdex.Lang) string { return i18n.MatchLabel(lang, kind) }

// RetryWord is the short retry verdict of a strategy in lang ("Retry with
// backoff"), the one wording of every surface: the web badges, terminal,
// bot text, Slack and the export.
func RetryWord(strategy errdex.RetryStrategy, lang errdex.Lang) string {
	return i18n.RetryLabel(lang, strategy)
}

// RetryAdvice is a retry verdict in lang, then its note: "Only after the
// cause is fixed. Fails until Kakao lifts the restriction on the account."
func RetryAdvice(rt errdex.Retry, lang errdex.Lang) string {
	word := RetryWord(rt.Strategy, lang)
	if r, n := utf8.DecodeRuneInString(word); n > 0 {
		word = string(unicode.ToUpper(r)) + word[n:]
	}
	if note := rt.Note.In(lang); note != "" {
		return word + ". " + note
	}
	return word + "."
}

// RecordName names a provider record as people say it: the provider's
// name, its channel when it has one, and the code ("IWINV sms 42",
// "Kakao REST API -4").
func RecordName(cat *errdex.Catalog, r *errdex.ProviderRecord) string {
	name := r.Provider
	if p, ok := cat.Provider(r.Provider); ok && p.Name != "" {
		name = p.Name
	}
	return strings.Join(strings.Fields(name+" "+r.Channel+" "+r.Code), " ")
}

func quote(s string) string { return `"` + s + `"` }

func itoa(n int) string { return strconv.Itoa(n) }
