package pages

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"html/template"
	"net/url"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/markdown"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/textfmt"
)

// The page data below is what the templates see: entries already put in
// one language, Markdown already rendered by internal/markdown (the only
// source of template.HTML besides search snippets), and CSS classes chosen
// here, so that the templates hold no logic beyond loops and conditions.

// entryCard is an entry as a line of a list: results, related entries,
// a system's table.
type entryCard struct {
	ID         string
	Path       string
	System     string
	SystemName string
	SysClass   string
	Code       string
	Variant    string
	Title      string
	HTTPStatus int
	Type       string
	Retry      retryView
	Level      levelView
}

// retryView is an entry's retry advice as a badge.
type retryView struct {
	Retryable bool
	Strategy  errdex.RetryStrategy
	Label     string
	Class     string
	Note      template.HTML
}

// retryClasses colour the retry badge: red for never, amber for once the
// cause is fixed, green and blue for the two ways of retrying.
var retryClasses = map[errdex.RetryStrategy]string{
	errdex.RetryNever:      "retry-never",
	errdex.RetryAfterFixed: "retry-fix",
	errdex.RetryBackoff:    "retry-backoff",
	errdex.RetryAfter:      "retry-after",
}

func newRetryView(r errdex.Retry, lang errdex.Lang, t *Strings) retryView {
	label := textfmt.RetryWord(r.Strategy, lang)
	if label == string(r.Strategy) { // a strategy without words
		label = t.NotRetryable
		if r.Retryable {
			label = t.Retryable
		}
	}
	return retryView{
		Retryable: r.Retryable,
		Strategy:  r.Strategy,
		Label:     label,
		Class:     retryClasses[r.Strategy],
		Note:      markdown.ToHTML(r.Note.In(lang)),
	}
}

// systemClasses give the built-in systems their own colours; any other
// system gets one of the palette by a hash of its id, so it keeps its
// colour from page to page.
var (
	systemClasses = map[string]string{
		"kmsg":        "sys-teal",
		"kirim":       "sys-green",
		"kakao-share": "sys-yellow",
	}
	systemPalette = []string{"sys-blue", "sys-violet", "sys-rose", "sys-orange", "sys-teal", "sys-green", "sys-yellow"}
)

func sysClass(id string) string {
	if c, ok := systemClasses[id]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return systemPalette[h.Sum32()%uint32(len(systemPalette))]
}

func systemName(cat *errdex.Catalog, id string, lang errdex.Lang) string {
	if s, ok := cat.System(id); ok {
		return s.Name.In(lang)
	}
	return id
}

func newEntryCard(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, t *Strings) entryCard {
	return entryCard{
		ID:         e.ID(),
		Path:       paths.Entry(e),
		System:     e.System,
		SystemName: systemName(cat, e.System, lang),
		SysClass:   sysClass(e.System),
		Code:       e.Code,
		Variant:    e.Variant,
		Title:      e.Title.In(lang),
		HTTPStatus: e.HTTPStatus,
		Type:       e.Type,
		Retry:      newRetryView(e.Retry, lang, t),
		Level:      newLevelView(e, lang),
	}
}

// systemCard is a system as the home page and its own page show it.
type systemCard struct {
	ID          string
	Name        string
	Description template.HTML
	Homepage    string
	Count       int
	Path        string
	SysClass    string
	// CheckedAgainst and Links: what upstream version the system's entries
	// follow, and its official pages.
	CheckedAgainst string
	Links          []referenceView
}

func newSystemCard(cat *errdex.Catalog, s *errdex.System, lang errdex.Lang) systemCard {
	return systemCard{
		ID:          s.ID,
		Name:        s.Name.In(lang),
		Description: markdown.ToHTML(s.Description.In(lang)),
		Homepage:    httpURL(s.Homepage),
		Count:       cat.Count(s.ID),
		Path:        paths.System(s.ID),
		SysClass:    sysClass(s.ID),

		CheckedAgainst: s.CheckedAgainst,
		Links:          referenceViews(s.Links),
	}
}

// httpURL returns u when it is an absolute http(s) address, else "": the
// pages link only to the web, never to another scheme.
func httpURL(u string) string {
	parsed, err := url.Parse(strings.TrimSpace(u))
	if err != nil || parsed.Host == "" || (parsed.Scheme != "http" && parsed.Scheme != "https") {
		return ""
	}
	return parsed.String()
}

// entryView is a whole entry for its page.
type entryView struct {
	entryCard
	Summary       template.HTML
	Causes        []template.HTML
	Fixes         []template.HTML
	Notes         []template.HTML
	Examples      []exampleView
	Aliases       []string
	ProviderCodes []providerView
	Related       []entryCard
	References    []referenceView
	// X is what issue 14 added: level, customer reply, contradictions,
	// provider records.
	X entryExtras
}

// exampleView is an example payload; JSON is shown indented, as people
// read it, while the catalog keeps it on one line as systems send it.
type exampleView struct {
	Label string
	Text  string
}

func newExampleView(ex errdex.Example) exampleView {
	text := ex.Text
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") && json.Valid([]byte(trimmed)) {
		var buf bytes.Buffer
		if json.Indent(&buf, []byte(trimmed), "", "  ") == nil {
			text = buf.String()
		}
	}
	return exampleView{Label: ex.Label, Text: text}
}

type providerView struct {
	Provider string
	Channel  string
	Codes    []string
	Note     template.HTML
}

type referenceView struct {
	Title string
	URL   string // empty unless http(s)
}

func renderTexts(ts []errdex.Text, lang errdex.Lang) []template.HTML {
	out := make([]template.HTML, 0, len(ts))
	for _, t := range ts {
		out = append(out, markdown.ToHTML(t.In(lang)))
	}
	return out
}

func newEntryView(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, t *Strings) entryView {
	v := entryView{
		entryCard: newEntryCard(cat, e, lang, t),
		Summary:   markdown.ToHTML(e.Summary.In(lang)),
		Causes:    renderTexts(e.Causes, lang),
		Fixes:     renderTexts(e.Fixes, lang),
		Notes:     renderTexts(e.Notes, lang),
		Aliases:   e.Aliases,
	}
	for _, ex := range e.Examples {
		v.Examples = append(v.Examples, newExampleView(ex))
	}
	for _, pc := range e.ProviderCodes {
		v.ProviderCodes = append(v.ProviderCodes, providerView{
			Provider: pc.Provider, Channel: pc.Channel, Codes: pc.Codes, Note: markdown.ToHTML(pc.Note.In(lang)),
		})
	}
	for _, r := range cat.Related(e) {
		v.Related = append(v.Related, newEntryCard(cat, r, lang, t))
	}
	for _, r := range e.References {
		v.References = append(v.References, referenceView{Title: r.Title, URL: httpURL(r.URL)})
	}
	v.X = newEntryExtras(cat, e, lang, t)
	return v
}

// variantView is one of several entries that share a code, with what
// tells it apart from the others.
type variantView struct {
	entryCard
	Summary template.HTML
	// Messages are the texts by which the error is recognised: its
	// literal signatures, else its examples.
	Messages []string
	Current  bool
}

// maxMessage bounds a message shown to tell variants apart.
const maxMessage = 180

func newVariantView(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, t *Strings, current *errdex.Entry) variantView {
	v := variantView{
		entryCard: newEntryCard(cat, e, lang, t),
		Summary:   markdown.ToHTML(e.Summary.In(lang)),
		Current:   e == current,
	}
	for _, s := range e.Signatures {
		if s.Text != "" {
			v.Messages = append(v.Messages, s.Text)
		}
	}
	if len(v.Messages) == 0 {
		for _, ex := range e.Examples {
			v.Messages = append(v.Messages, clip.Ellipsis(ex.Text, maxMessage))
		}
	}
	return v
}

// elsewhere returns the entries of other systems whose code or alias is
// code, for "the same code in other systems".
func elsewhere(cat *errdex.Catalog, code, system string) []*errdex.Entry {
	var out []*errdex.Entry
	for _, m := range cat.Lookup(code, "") {
		if m.Entry.System != system && m.Field != errdex.MatchProviderCode {
			out = append(out, m.Entry)
		}
	}
	return out
}
