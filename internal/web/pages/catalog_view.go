package pages

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
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
	Aliases                 string
	Message, Meaning        string
	Action, Entry           string
	NoEntry                 string
	OwnRetry                string
	CheckedAgainst          string
	OfficialPages           string
	ProviderCode            string
}

var catalogStringsByLang = map[errdex.Lang]*catalogStrings{
	errdex.English: {
		Warning: "Warning", Error: "Error", LevelLabel: "Level",
		CustomerReply:        "What to tell the customer",
		CustomerReplyIntro:   "A reply support can send to the end customer as it is.",
		Contradictions:       "Where sources disagree",
		ContradictionsIntro:  "The sources below say different things; this entry claims no more than they agree on.",
		ProviderRecords:      "Provider codes",
		ProviderRecordsIntro: "Codes of upstream providers that become this error, each in the provider's own words.",
		Provider:             "Provider", Channel: "Channel", Code: "Code", Aliases: "Also called",
		Message: "Provider's message", Meaning: "Meaning", Action: "What to do", Entry: "errdex entry",
		NoEntry:        "No errdex entry maps this code.",
		OwnRetry:       "Retry advice of this code (differs from the entry's)",
		CheckedAgainst: "Checked against",
		OfficialPages:  "Official pages",
		ProviderCode:   "provider code",
	},
	errdex.Korean: {
		Warning: "경고", Error: "오류", LevelLabel: "수준",
		CustomerReply:        "고객에게 보낼 안내",
		CustomerReplyIntro:   "지원 담당자가 최종 고객에게 그대로 보낼 수 있는 답변입니다.",
		Contradictions:       "출처 간 불일치",
		ContradictionsIntro:  "아래 출처들은 서로 다르게 말합니다. 이 항목은 출처들이 일치하는 범위까지만 주장합니다.",
		ProviderRecords:      "프로바이더 코드",
		ProviderRecordsIntro: "이 오류가 되는 업스트림 프로바이더의 코드와 프로바이더가 쓰는 원래 문구입니다.",
		Provider:             "프로바이더", Channel: "채널", Code: "코드", Aliases: "다른 이름",
		Message: "프로바이더 메시지", Meaning: "의미", Action: "조치", Entry: "errdex 항목",
		NoEntry:        "이 코드에 해당하는 errdex 항목이 없습니다.",
		OwnRetry:       "이 코드의 재시도 안내 (항목의 안내와 다름)",
		CheckedAgainst: "확인한 버전",
		OfficialPages:  "공식 문서",
		ProviderCode:   "프로바이더 코드",
	},
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
	MessageLang    errdex.Lang // the language Message is written in
	Meaning        template.HTML
	Action         template.HTML
	Retry          *retryView // the record's own advice, when it differs
	Entry          *entryCard
	CheckedAgainst string
	References     []referenceView
}

func newRecordView(cat *errdex.Catalog, r *errdex.ProviderRecord, lang errdex.Lang, t *Strings) recordView {
	v := recordView{
		ID: r.ID(), Path: paths.Record(r), Provider: r.Provider, ProviderName: r.Provider,
		Channel: r.Channel, Code: r.Code, Aliases: r.Aliases, Message: r.Message,
		Meaning: markdown.ToHTML(r.Meaning.In(lang)), Action: markdown.ToHTML(r.Action.In(lang)),
		MessageLang: textLang(r.Message),
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
