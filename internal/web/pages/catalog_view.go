package pages

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/markdown"
	"github.com/errdex/errdex/internal/paths"
)

// catalogStrings are the words of what issue 14 added to the pages:
// provider records, levels, customer replies, contradictions, what a
// system was checked against.
type catalogStrings struct {
	Warning, Error          string
	LevelLabel              string
	CustomerReply           string
	CustomerReplyIntro      string
	Contradictions          string
	ContradictionsIntro     string
	ProviderRecords         string
	ProviderRecordsIntro    string
	Provider, Channel, Code string
	Message, Meaning        string
	Action, Entry           string
	NoEntry                 string
	OwnRetry                string
	CheckedAgainst          string
	OfficialPages           string
	ProviderCode            string
}

func newCatalogStrings(lang errdex.Lang) *catalogStrings {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	return &catalogStrings{
		Warning:              t(i18n.LevelWarning),
		Error:                t(i18n.LevelError),
		LevelLabel:           t(i18n.Level),
		CustomerReply:        t(i18n.CustomerReply),
		CustomerReplyIntro:   t(i18n.CustomerReplyIntro),
		Contradictions:       t(i18n.Contradictions),
		ContradictionsIntro:  t(i18n.ContradictionsIntro),
		ProviderRecords:      t(i18n.ProviderCodes),
		ProviderRecordsIntro: t(i18n.ProviderRecordsIntro),
		Provider:             t(i18n.Provider),
		Channel:              t(i18n.Channel),
		Code:                 t(i18n.Code),
		Message:              t(i18n.RecordMessage),
		Meaning:              t(i18n.Meaning),
		Action:               t(i18n.Action),
		Entry:                t(i18n.RecordEntry),
		NoEntry:              t(i18n.RecordNoEntry),
		OwnRetry:             t(i18n.OwnRetry),
		CheckedAgainst:       t(i18n.CheckedAgainst),
		OfficialPages:        t(i18n.OfficialPages),
		ProviderCode:         t(i18n.MatchProviderCode),
	}
}

var catalogStringsByLang = map[errdex.Lang]*catalogStrings{
	errdex.English: newCatalogStrings(errdex.English),
	errdex.Korean:  newCatalogStrings(errdex.Korean),
}

func catalogStringsFor(lang errdex.Lang) *catalogStrings {
	if s, ok := catalogStringsByLang[lang]; ok {
		return s
	}
	return catalogStringsByLang[errdex.English]
}

// levelView is an entry's level as its badge shows it.
type levelView struct {
	Warning bool
	Label   string
}

func newLevelView(e *errdex.Entry, lang errdex.Lang) levelView {
	cs := catalogStringsFor(lang)
	if e.IsWarning() {
		return levelView{Warning: true, Label: cs.Warning}
	}
	return levelView{Label: cs.Error}
}

// recordView is one provider record for a page.
type recordView struct {
	ID, Path       string
	Provider       string
	ProviderName   string
	Channel, Code  string
	Aliases        []string // other names a lookup finds the code by
	Message        string
	MessageLang    errdex.Lang     // the language Message is written in
	OtherMessages  []recordMessage // other exact texts printed for the code
	Meaning        template.HTML
	Action         template.HTML
	Retry          *retryView // the record's own advice, when it differs
	Entry          *entryCard
	CheckedAgainst string
	References     []referenceView
}

// recordMessage is one more exact text of a record, with its language.
type recordMessage struct {
	Text string
	Lang errdex.Lang
}

func newRecordView(cat *errdex.Catalog, r *errdex.ProviderRecord, lang errdex.Lang, t *Strings) recordView {
	v := recordView{
		ID: r.ID(), Path: paths.Record(r), Provider: r.Provider, ProviderName: r.Provider,
		Channel: r.Channel, Code: r.Code, Aliases: r.Aliases, Message: r.Message,
		Meaning: markdown.ToHTML(r.Meaning.In(lang)), Action: markdown.ToHTML(r.Action.In(lang)),
		MessageLang: textLang(r.Message),
	}
	for _, m := range r.OtherMessages {
		v.OtherMessages = append(v.OtherMessages, recordMessage{Text: m, Lang: textLang(m)})
	}
	if p, ok := cat.Provider(r.Provider); ok {
		v.ProviderName, v.CheckedAgainst = p.Name, p.CheckedAgainst
		v.References = referenceViews(p.References)
	}
	if r.Retry != nil {
		rv := newRetryView(*r.Retry, lang, t)
		v.Retry = &rv
	}
	if e, ok := cat.Entry(r.EntryID()); ok {
		card := newEntryCard(cat, e, lang, t)
		v.Entry = &card
	}
	return v
}

func referenceViews(rs []errdex.Reference) []referenceView {
	out := make([]referenceView, 0, len(rs))
	for _, r := range rs {
		if u := httpURL(r.URL); u != "" {
			out = append(out, referenceView{Title: r.Title, URL: u})
		}
	}
	return out
}

// contradictionView is where sources disagree, for the entry page.
type contradictionView struct {
	About  string
	Claims []claimView
}

type claimView struct {
	Source string
	URL    string
	Says   template.HTML
}

// entryExtras is what an entry's page shows of issue 14's fields.
type entryExtras struct {
	Level          levelView
	CustomerReply  string
	Contradictions []contradictionView
	Records        []recordView
	// SystemLinks are the system's official pages, shown when the entry
	// links none of its own.
	SystemLinks []referenceView
}

func newEntryExtras(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, t *Strings) entryExtras {
	x := entryExtras{Level: newLevelView(e, lang), CustomerReply: e.CustomerReply.In(lang)}
	for _, c := range e.Contradictions {
		cv := contradictionView{About: c.About.In(lang)}
		for _, cl := range c.Claims {
			cv.Claims = append(cv.Claims, claimView{Source: cl.Source, URL: httpURL(cl.URL), Says: markdown.ToHTML(cl.Says.In(lang))})
		}
		x.Contradictions = append(x.Contradictions, cv)
	}
	for _, r := range cat.RecordsFor(e) {
		x.Records = append(x.Records, newRecordView(cat, r, lang, t))
	}
	if len(e.References) == 0 {
		if s, ok := cat.System(e.System); ok {
			x.SystemLinks = referenceViews(s.Links)
		}
	}
	return x
}

// providerPage is the data of a provider record's permalink page.
type providerPage struct {
	base
	R      recordView
	System systemCard
}

// handleProviderRecord serves GET /providers/:provider/:code and
// /providers/:provider/:channel/:code: one provider code, in the
// provider's words and ours, with the entry it becomes.
func (p *Pages) handleProviderRecord(c echo.Context) error {
	idx, release, err := p.cfg.App.Acquire()
	if err != nil {
		return err
	}
	defer release()
	cat := idx.Catalog()
	id := errdex.RecordID(pathParam(c, "provider"), pathParam(c, "channel"), pathParam(c, "code"))
	r, ok := cat.Record(id)
	if !ok {
		return p.renderError(c, http.StatusNotFound, "", "", nil)
	}
	if r.ID() != id { // another spelling (case): send the reader to the permalink
		target := &url.URL{Path: paths.Record(r), RawQuery: c.Request().URL.RawQuery}
		return c.Redirect(http.StatusFound, target.String())
	}
	b := p.base(c, "")
	b.Canonical = p.canonical(c)
	rv := newRecordView(cat, r, b.Lang, b.T)
	b.Title = rv.ProviderName + " " + r.Code
	data := providerPage{base: b, R: rv}
	if s, ok := cat.System(r.System); ok {
		data.System = newSystemCard(cat, s, b.Lang)
	}
	return p.render(c, http.StatusOK, "provider", "page", data)
}

// textLang tells Korean text from English by its letters, for the lang
// attribute of a provider's message (screen readers pronounce by it).
func textLang(s string) errdex.Lang {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F {
			return errdex.Korean
		}
	}
	return errdex.English
}

// maxQueryRecords bounds the records a search shows above its results.
const maxQueryRecords = 5

// queryRecords returns the provider records a typed query names ("iwinv
// sms 42", "aligo -101", "ApiKeyError"), for the search page to answer
// with the provider's own meaning above the entries.
func queryRecords(cat *errdex.Catalog, q string, lang errdex.Lang, t *Strings) []recordView {
	rs := cat.ProviderRecords(q)
	if len(rs) > maxQueryRecords {
		rs = rs[:maxQueryRecords]
	}
	var out []recordView
	for _, r := range rs {
		out = append(out, newRecordView(cat, r, lang, t))
	}
	return out
}

// levelFacet is how the level facet is shown: errors before warnings.
func levelFacet(lang errdex.Lang) struct {
	label string
	order func(a, b facetValue) int
	name  func(v string) string
} {
	cs := catalogStringsFor(lang)
	return struct {
		label string
		order func(a, b facetValue) int
		name  func(v string) string
	}{cs.LevelLabel, byLabel, func(v string) string {
		if v == errdex.LevelWarning {
			return cs.Warning
		}
		return cs.Error
	}}
}
