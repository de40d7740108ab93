package pages

import (
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
)

// Strings are the fixed words of the UI in one language, as the templates
// read them ({{.T.Causes}}). The words live in internal/i18n; these are
// fields, not map keys, so that a template naming a string that does not
// exist fails in the tests that render every page.
type Strings struct {
	LangName      string // the language's own name, for the switch
	SkipToContent string
	Tagline       string
	Home          string
	Systems       string
	LanguageLabel string
	FooterNote    string
	APILink       string

	HeroTitle         string
	HeroLead          string
	SearchLabel       string
	SearchPlaceholder string
	SearchButton      string
	ShortcutHint      string // after the <kbd>/</kbd>
	SearchHelp        string
	TryLabel          string
	TryQueries        []string
	SearchTitle       string
	Results           func(n int) string
	AllEntries        func(n int) string
	ResultsHeading    string
	NoResults         string
	NoResultsHint     string
	DidYouMean        string
	ReadAsPayload     string
	MatchedBy         string
	Filters           string
	FilterBy          string
	ActiveFilters     string
	RemoveFilter      string // followed by the filter's label
	ClearFilters      string
	FacetSystem       string
	FacetHTTP         string
	FacetType         string
	FacetRetry        string
	Retryable         string
	NotRetryable      string
	MoreResults       string
	Loading           string
	LiveError         string
	SystemsHeading    string
	SystemsIntro      string
	Entries           func(n int) string
	BrowseSystem      string
	BrowseAll         string

	Code          string
	Variant       string
	System        string
	Title         string
	HTTPStatus    string
	Type          string
	Retry         string
	Summary       string
	Causes        string
	Fixes         string
	Notes         string
	Examples      string
	Copy          string
	Copied        string
	AlsoKnownAs   string
	Aliases       string
	ProviderCodes string
	Provider      string
	Related       string
	References    string
	Source        string
	Permalink     string
	OnThisPage    string
	Breadcrumb    string
	AtAGlance     string

	VariantsHeading  func(code string, n int) string
	VariantsIntro    string
	OtherVariants    string
	Elsewhere        string
	ElsewhereIntro   string
	TellsApart       string
	Message          string
	OpenEntry        string
	Homepage         string
	SortBy           string // followed by the column name
	SystemEntries    string
	Yes              string
	No               string
	ErrorTitles      map[int]string
	ErrorTexts       map[int]string
	ErrorFallback    string
	ErrorFallbackTxt string
	ErrorDetail      string
	RequestID        string
	FoundElsewhere   string
	NoSuchCode       func(system, code string) string
	BackToSearch     string
	NearCodes        string // the 404 page's search suggestions

	// The answer above the results.
	AnswerLabel      string
	Certain          string
	Likely           string
	FirstFixes       string
	MoreFixes        func(n int) string
	AmbiguousHeading func(n int) string
	AmbiguousIntro   string
	NotSure          string
	NotSureText      string
	WeakMatch        string
	FindingsHeading  func(n int) string
	FindingLines     func(first, last, count int) string
	CopyCode         string
	CopyLink         string
	CopySlack        string
	CopyMarkdown     string
	CopyActions      string
	CustomerReply    string
	CustomerReplyTip string
}

// newStrings builds the UI strings of lang from the one label table.
func newStrings(lang errdex.Lang) *Strings {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	return &Strings{
		LangName:          t(i18n.LangName),
		SkipToContent:     t(i18n.SkipToContent),
		Tagline:           t(i18n.Tagline),
		Home:              t(i18n.Search),
		Systems:           t(i18n.Systems),
		LanguageLabel:     t(i18n.LanguageLabel),
		FooterNote:        t(i18n.FooterNote),
		APILink:           t(i18n.APILink),
		HeroTitle:         t(i18n.HeroTitle),
		HeroLead:          t(i18n.HeroLead),
		SearchLabel:       t(i18n.SearchLabel),
		SearchPlaceholder: t(i18n.SearchPlaceholder),
		SearchButton:      t(i18n.Search),
		ShortcutHint:      t(i18n.ShortcutHint),
		SearchHelp:        t(i18n.SearchHelp),
		TryLabel:          t(i18n.TryLabel),
		TryQueries:        strings.Split(t(i18n.TryQueries), "\n"),
		SearchTitle:       t(i18n.Search),
		Results:           func(n int) string { return i18n.N(lang, i18n.ResultsCount, n) },
		AllEntries:        func(n int) string { return i18n.N(lang, i18n.AllEntries, n) },
		ResultsHeading:    t(i18n.ResultsHeading),
		NoResults:         t(i18n.NoResults),
		NoResultsHint:     t(i18n.NoResultsHint),
		DidYouMean:        t(i18n.DidYouMean),
		ReadAsPayload:     t(i18n.ReadAsPayload),
		MatchedBy:         t(i18n.MatchedBy),
		Filters:           t(i18n.Filters),
		FilterBy:          t(i18n.FilterBy),
		ActiveFilters:     t(i18n.ActiveFilters),
		RemoveFilter:      t(i18n.RemoveFilter),
		ClearFilters:      t(i18n.ClearFilters),
		FacetSystem:       t(i18n.System),
		FacetHTTP:         t(i18n.HTTPStatus),
		FacetType:         t(i18n.Type),
		FacetRetry:        t(i18n.Retry),
		Retryable:         t(i18n.Retryable),
		NotRetryable:      t(i18n.NotRetryable),
		MoreResults:       t(i18n.MoreResults),
		Loading:           t(i18n.Loading),
		LiveError:         t(i18n.LiveError),
		SystemsHeading:    t(i18n.Systems),
		SystemsIntro:      t(i18n.SystemsIntro),
		Entries:           func(n int) string { return i18n.N(lang, i18n.EntriesCount, n) },
		BrowseSystem:      t(i18n.BrowseSystem),
		BrowseAll:         t(i18n.BrowseAll),
		Code:              t(i18n.Code),
		Variant:           t(i18n.Variant),
		System:            t(i18n.System),
		Title:             t(i18n.Title),
		HTTPStatus:        t(i18n.HTTPStatus),
		Type:              t(i18n.Type),
		Retry:             t(i18n.Retry),
		Summary:           t(i18n.Summary),
		Causes:            t(i18n.Causes),
		Fixes:             t(i18n.PageFixes),
		Notes:             t(i18n.Notes),
		Examples:          t(i18n.PageExamples),
		Copy:              t(i18n.Copy),
		Copied:            t(i18n.Copied),
		AlsoKnownAs:       t(i18n.AlsoKnownAs),
		Aliases:           t(i18n.Aliases),
		ProviderCodes:     t(i18n.ProviderCodes),
		Provider:          t(i18n.Provider),
		Related:           t(i18n.PageRelated),
		References:        t(i18n.References),
		Source:            t(i18n.Source),
		Permalink:         t(i18n.Permalink),
		OnThisPage:        t(i18n.OnThisPage),
		Breadcrumb:        t(i18n.Breadcrumb),
		AtAGlance:         t(i18n.AtAGlance),
		VariantsHeading:   func(code string, n int) string { return i18n.F(lang, i18n.VariantsHeading, code, n) },
		VariantsIntro:     t(i18n.VariantsIntro),
		OtherVariants:     t(i18n.OtherVariants),
		Elsewhere:         t(i18n.Elsewhere),
		ElsewhereIntro:    t(i18n.ElsewhereIntro),
		TellsApart:        t(i18n.TellsApart),
		Message:           t(i18n.Message),
		OpenEntry:         t(i18n.OpenEntry),
		Homepage:          t(i18n.Homepage),
		SortBy:            t(i18n.SortBy),
		SystemEntries:     t(i18n.SystemEntries),
		Yes:               t(i18n.Yes),
		No:                t(i18n.No),
		ErrorTitles:       errorWords(lang, errorTitleKeys),
		ErrorTexts:        errorWords(lang, errorTextKeys),
		ErrorFallback:     t(i18n.ErrorFallback),
		ErrorFallbackTxt:  t(i18n.ErrorFallbackTxt),
		ErrorDetail:       t(i18n.ErrorDetail),
		RequestID:         t(i18n.RequestID),
		FoundElsewhere:    t(i18n.FoundElsewhere),
		NoSuchCode:        func(system, code string) string { return i18n.F(lang, i18n.NoSuchCode, system, code) },
		BackToSearch:      t(i18n.BackToSearch),
		NearCodes:         t(i18n.NearCodes),
		AnswerLabel:       t(i18n.AnswerLabel),
		Certain:           t(i18n.Certain),
		Likely:            t(i18n.Likely),
		FirstFixes:        t(i18n.FirstFixes),
		MoreFixes:         func(n int) string { return i18n.N(lang, i18n.MoreFixes, n) },
		AmbiguousHeading:  func(n int) string { return i18n.F(lang, i18n.AmbiguousHeading, n) },
		AmbiguousIntro:    t(i18n.AmbiguousIntro),
		NotSure:           t(i18n.NotSure),
		NotSureText:       t(i18n.NotSureText),
		WeakMatch:         t(i18n.WeakMatch),
		FindingsHeading:   func(n int) string { return i18n.N(lang, i18n.FindingsHeading, n) },
		FindingLines:      func(first, last, n int) string { return findingLines(lang, first, last, n) },
		CopyCode:          t(i18n.CopyCode),
		CopyLink:          t(i18n.CopyLink),
		CopySlack:         t(i18n.CopySlack),
		CopyMarkdown:      t(i18n.CopyMarkdown),
		CopyActions:       t(i18n.Copy),
		CustomerReply:     t(i18n.CustomerReply),
		CustomerReplyTip:  t(i18n.CustomerReplyTip),
	}
}

var (
	errorTitleKeys = map[int]i18n.Key{
		400: i18n.Error400Title, 404: i18n.Error404Title, 405: i18n.Error405Title,
		429: i18n.Error429Title, 500: i18n.Error500Title, 503: i18n.Error503Title,
	}
	errorTextKeys = map[int]i18n.Key{
		400: i18n.Error400Text, 404: i18n.Error404Text, 405: i18n.Error405Text,
		429: i18n.Error429Text, 500: i18n.Error500Text, 503: i18n.Error503Text,
	}
)

// errorWords are an error page's words by status.
func errorWords(lang errdex.Lang, keys map[int]i18n.Key) map[int]string {
	m := make(map[int]string, len(keys))
	for status, k := range keys {
		m[status] = i18n.T(lang, k)
	}
	return m
}

// findingLines says where in a pasted text a finding is: "line 3",
// "lines 3–5", with ", 2 times" when it was seen more than once.
func findingLines(lang errdex.Lang, first, last, n int) string {
	s := i18n.F(lang, i18n.OnLine, first)
	if last > first {
		s = i18n.F(lang, i18n.OnLines, first, last)
	}
	if n > 1 {
		s += i18n.F(lang, i18n.TimesSeen, n)
	}
	return s
}

var stringsByLang = map[errdex.Lang]*Strings{
	errdex.English: newStrings(errdex.English),
	errdex.Korean:  newStrings(errdex.Korean),
}

// stringsFor returns the UI strings of lang, English when it has none.
func stringsFor(lang errdex.Lang) *Strings {
	if s, ok := stringsByLang[lang]; ok {
		return s
	}
	return stringsByLang[errdex.English]
}
