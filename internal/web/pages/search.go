package pages

import (
	"cmp"
	"context"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/textfmt"
	"github.com/errdex/errdex/internal/web/params"
)

// pageLimit is how many results a page of the search shows.
const pageLimit = 20

// searchPage is the data of the search page: the home page when there is
// no query and no filter, results otherwise.
type searchPage struct {
	base
	Home    bool
	Systems []systemCard // the home page's overview
	R       resultsView
	// Filters are the active filters as hidden fields of the search form,
	// so that typing a new query keeps them.
	Filters []hiddenField
}

type hiddenField struct{ Name, Value string }

// resultsView is the part of the search page that search as you type
// replaces: it is rendered alone for ?partial=1.
type resultsView struct {
	Query    string
	Total    int
	Listing  bool // no query: every entry the filters allow
	Payload  bool // the query was read as a pasted error
	Results  []resultView
	Facets   []facetGroup
	Active   []activeFilter
	ClearURL string
	MoreURL  string
	// Suggestions are shown when nothing matched.
	Suggestions []suggestionView
	// Answer is what the results say before the list (answer.go).
	Answer answerView
	// Lang is the results' language, which a typed Korean question may
	// make differ from the page's when search as you type fetched them.
	Lang errdex.Lang
	T    *Strings
	// Records are the provider codes the query names ("iwinv sms 42"),
	// each with its own meaning (catalog_view.go).
	Records []recordView
	C       *catalogStrings
}

type resultView struct {
	entryCard
	Snippet template.HTML // escaped by the search package, <mark> only
	Match   string
	// Candidate: shown among the ambiguous answer's candidates instead.
	Candidate bool
	Weak      bool
}

type suggestionView struct {
	entryCard
	Reason string
}

type facetGroup struct {
	Param  string
	Label  string
	Values []facetValue
}

type facetValue struct {
	Value    string
	Label    string
	Count    int
	URL      string
	Active   bool
	SysClass string
}

type activeFilter struct {
	Label string
	URL   string
}

// searchParams are the parameters of /search: the search itself, read by
// the one strict parser the API uses too, and what only the script sends.
type searchParams struct {
	errdex.Request
	Partial bool
}

func parseSearchParams(v params.Values) (searchParams, error) {
	req, err := params.SearchRequest(v)
	if err != nil {
		return searchParams{}, err
	}
	req.Prefix = v.Get("prefix") == "1"
	return searchParams{Request: req, Partial: v.Get("partial") == "1"}, nil
}

// identifyLimit is how many matches a long paste shows; Identify has no
// further pages.
const identifyLimit = 20

// maxFormBytes bounds the body of POST /search: the longest paste Identify
// reads, URL-encoded (up to three bytes each), and the other fields.
const maxFormBytes = 3*errdex.MaxIdentifyBytes + 4096

// handleSearch serves GET / and GET /search: the home page, or the results
// of ?q= with the filters system, http_status, type and retryable. With
// ?partial=1 it answers only the results part, for search as you type.
// POST /search takes the same fields as a form: both search forms post, and
// the script posts a paste. A typed query (app.IsTyped) posted by a form
// is redirected (303) to its GET address, which can be shared and
// bookmarked; a paste is answered there and then, so that it never reaches
// an address, the history or a proxy's log. The script's own posts
// (partial=1) are always answered: fetch would follow a redirect without
// partial=1.
func (p *Pages) handleSearch(c echo.Context) error {
	values, err := searchValues(c)
	if err != nil {
		return err
	}
	params, err := parseSearchParams(values)
	if err != nil {
		return err
	}
	posted := c.Request().Method == http.MethodPost
	if posted && !params.Partial && app.IsTyped(params.Query) {
		return c.Redirect(http.StatusSeeOther, (&url.URL{Path: paths.SearchPage, RawQuery: values.URL().Encode()}).String())
	}
	idx, release, err := p.cfg.App.Acquire()
	if err != nil {
		return err
	}
	defer release()
	cat := idx.Catalog()

	b := p.baseIn(c, "", searchLang(c.Request(), params.Query, langOf(c)))
	b.SearchPage = true
	b.Query = params.Query
	lang, t := b.Lang, b.T
	data := searchPage{base: b}
	data.R.T = t

	if strings.TrimSpace(params.Query) == "" && !params.Filtered() && c.Path() == paths.Home {
		data.Home = true
		for _, s := range cat.Systems() {
			data.Systems = append(data.Systems, newSystemCard(cat, s, lang))
		}
		return p.renderSearch(c, data, params.Partial)
	}

	resp, err := p.answer(c.Request().Context(), params.Request, lang)
	if err != nil {
		return err
	}

	for _, f := range errdex.Filters {
		if v := strings.TrimSpace(values.Get(f.Param)); v != "" {
			data.Filters = append(data.Filters, hiddenField{f.Param, v})
		}
	}
	// The title (kept in the history) and the links from the results carry
	// the query, unless it was posted: a paste.
	data.Title = t.SearchTitle
	if q := strings.TrimSpace(params.Query); q != "" && !posted {
		data.Title = clip.Ellipsis(q, 60)
	}
	linkBase := &url.URL{Path: paths.SearchPage, RawQuery: values.URL().Encode()}
	if posted {
		linkBase.RawQuery = ""
	}
	data.R = p.resultsView(linkBase, cat, params, resp, lang, t)
	return p.renderSearch(c, data, params.Partial)
}

// searchValues are the search's fields: the query string's, and on POST
// the form's before them, as in net/http's r.Form.
func searchValues(c echo.Context) (params.Values, error) {
	values, err := params.Parse(c.Request().URL.RawQuery)
	if err != nil {
		return nil, err
	}
	if c.Request().Method != http.MethodPost {
		return values, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, maxFormBytes))
	if err != nil {
		return nil, err
	}
	form, err := params.Parse(string(body))
	if err != nil {
		return nil, err
	}
	return append(form, values...), nil
}

// answer asks the service. It reads a paste too long for a query with
// Identify, which ignores filters and answers one page; a pasted log of a
// few lines goes to Identify too, which reads it line by line and answers
// one finding per distinct error in it.
func (p *Pages) answer(ctx context.Context, req errdex.Request, lang errdex.Lang) (*errdex.Response, error) {
	req.Lang, req.Limit = lang, pageLimit
	if app.IsPaste(req.Query) {
		req.Limit = identifyLimit
	}
	if strings.Count(strings.TrimSpace(req.Query), "\n") == 0 || app.IsPaste(req.Query) {
		return p.cfg.App.Search(ctx, req)
	}
	resp, err := p.cfg.App.Identify(ctx, req.Query, lang, identifyLimit)
	if resp != nil {
		resp.Identified = true
	}
	return resp, err
}

func (p *Pages) renderSearch(c echo.Context, data searchPage, partial bool) error {
	if partial {
		return p.render(c, http.StatusOK, "search", "results-region", data)
	}
	return p.render(c, http.StatusOK, "search", "page", data)
}

func (p *Pages) resultsView(u *url.URL, cat *errdex.Catalog, params searchParams, resp *errdex.Response,
	lang errdex.Lang, t *Strings) resultsView {
	// Links from the results go to /search with the same parameters, less
	// those that only the script's requests carry.
	link := &url.URL{Path: paths.SearchPage, RawQuery: u.RawQuery}
	link.RawQuery = withParamsQuery(link, map[string]string{"partial": "", "prefix": "", "cursor": ""})

	v := resultsView{
		Query:   params.Query,
		Total:   resp.Total,
		Listing: strings.TrimSpace(params.Query) == "",
		Payload: resp.Understood.Payload,
		T:       t,
		Records: queryRecords(cat, params.Query, lang, t),
		C:       catalogStringsFor(lang),
	}
	for _, r := range resp.Results {
		v.Results = append(v.Results, resultView{
			entryCard: newEntryCard(cat, r.Entry, lang, t),
			Snippet:   r.Snippet,
			Match:     textfmt.MatchKind(r.Match, lang),
		})
	}
	v.Lang = lang
	v.Answer = newAnswerView(cat, resp, lang, t, p.cfg.BaseURL)
	v.Answer.Findings = newFindings(cat, resp, lang, t, p.cfg.BaseURL)
	for i := range v.Results {
		r := &v.Results[i]
		r.Weak = resp.Results[i].Confidence == errdex.ConfidenceWeak
		for _, c := range v.Answer.Candidates {
			if c.ID == r.ID {
				r.Candidate = true
			}
		}
	}
	for _, s := range resp.Suggestions {
		v.Suggestions = append(v.Suggestions, suggestionView{
			entryCard: newEntryCard(cat, s.Entry, lang, t),
			Reason:    i18n.ReasonLabel(lang, s.Reason),
		})
	}
	if resp.NextCursor != "" {
		set := map[string]string{"cursor": resp.NextCursor}
		if params.Prefix {
			set["prefix"] = "1"
		}
		v.MoreURL = withParams(link, set)
	}
	if resp.Identified {
		// Identify ignores filters, so offering them would mislead.
		v.Payload = true
		return v
	}
	v.Facets, v.Active = facets(link, cat, params, resp.Facets, lang, t)
	// A group whose one value holds every result narrows nothing.
	v.Facets = slices.DeleteFunc(v.Facets, func(g facetGroup) bool {
		return len(g.Values) == 1 && g.Values[0].Count == resp.Total && !g.Values[0].Active
	})
	if len(v.Active) > 1 {
		clear := map[string]string{}
		for _, f := range errdex.Filters {
			clear[f.Param] = ""
		}
		v.ClearURL = withParams(link, clear)
	}
	return v
}

// facets builds the facet links: each narrows the results to one value,
// or, when that value is the active filter, removes it.
func facets(link *url.URL, cat *errdex.Catalog, params searchParams, counts map[errdex.Facet]map[string]int,
	lang errdex.Lang, t *Strings) ([]facetGroup, []activeFilter) {
	// How each facet is shown; a facet without a row here is shown by its
	// parameter's name, its values as they are, in order.
	shown := map[errdex.Facet]struct {
		label string
		order func(a, b facetValue) int
		name  func(v string) string
	}{
		errdex.FacetSystem:     {t.FacetSystem, byLabel, func(v string) string { return systemName(cat, v, lang) }},
		errdex.FacetHTTPStatus: {t.FacetHTTP, byNumber, nil},
		errdex.FacetType:       {t.FacetType, byLabel, nil},
		errdex.FacetRetryable: {t.FacetRetry, trueFirst, func(v string) string {
			if v == "true" {
				return t.Retryable
			}
			return t.NotRetryable
		}},
		errdex.FacetLevel: levelFacet(lang),
	}
	type group struct {
		facet        errdex.Facet
		param, label string
		order        func(a, b facetValue) int
		name         func(v string) string
	}
	var groups []group
	active := map[string]string{}
	for _, f := range errdex.Filters {
		if !f.Faceted {
			continue
		}
		active[f.Param] = f.Value(&params.Request)
		g := group{facet: f.Facet, param: f.Param, label: f.Param, order: byLabel}
		if sh, ok := shown[f.Facet]; ok {
			g.label, g.order, g.name = sh.label, sh.order, sh.name
		}
		if g.name == nil {
			g.name = func(v string) string { return v }
		}
		groups = append(groups, g)
	}
	var out []facetGroup
	var chips []activeFilter
	for _, g := range groups {
		fg := facetGroup{Param: g.param, Label: g.label}
		for value, n := range counts[g.facet] {
			if value == "" || n == 0 {
				continue
			}
			on := active[g.param] == value
			target := value
			if on {
				target = ""
			}
			fv := facetValue{Value: value, Label: g.name(value), Count: n, Active: on,
				URL: withParams(link, map[string]string{g.param: target})}
			if g.param == "system" {
				fv.SysClass = sysClass(value)
			}
			fg.Values = append(fg.Values, fv)
		}
		slices.SortFunc(fg.Values, g.order)
		if a := active[g.param]; a != "" {
			chips = append(chips, activeFilter{
				Label: g.label + ": " + g.name(a),
				URL:   withParams(link, map[string]string{g.param: ""}),
			})
		}
		if len(fg.Values) > 0 {
			out = append(out, fg)
		}
	}
	return out, chips
}

func byLabel(a, b facetValue) int { return strings.Compare(a.Label, b.Label) }

func byNumber(a, b facetValue) int {
	x, _ := strconv.Atoi(a.Value)
	y, _ := strconv.Atoi(b.Value)
	return cmp.Compare(x, y)
}

func trueFirst(a, b facetValue) int { return strings.Compare(b.Value, a.Value) }

// withParamsQuery is withParams without the path.
func withParamsQuery(u *url.URL, set map[string]string) string {
	s := withParams(u, set)
	if _, q, ok := strings.Cut(s, "?"); ok {
		return q
	}
	return ""
}
