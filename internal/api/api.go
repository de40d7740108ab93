// Package api holds the JSON shapes of errdex's external contract
// (docs: ../shared/design/api.md) and builds them from catalog entries and
// search results. The HTTP service and the command line's --json output
// both answer with these types, so a script sees the same objects from
// either.
//
// The types are plain data: they know nothing of HTTP. Field names and
// which fields are always present are part of the contract; the OpenAPI
// document in internal/web describes the same shapes and a test there
// checks real answers against it.
package api

import (
	"html/template"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/markdown"
	"github.com/errdex/errdex/internal/paths"
)

// SearchResponse answers GET /api/v1/search.
type SearchResponse struct {
	Query string      `json:"query"`
	Lang  errdex.Lang `json:"lang"`
	Total int         `json:"total"`
	// NextCursor is null on the last page, so clients can test it without
	// knowing the page size.
	NextCursor *string  `json:"next_cursor"`
	Results    []Result `json:"results"`
	// Facets counts all matches by system, http_status, type and retryable.
	Facets map[string]map[string]int `json:"facets"`
	// Suggestions are near misses, offered when nothing matched.
	Suggestions []Suggestion `json:"suggestions"`
	Understood  Understood   `json:"understood"`
	// Answer says whether the first results are the answer: found,
	// ambiguous, unsure or none.
	Answer errdex.Answer `json:"answer"`
}

// IdentifyResponse answers POST /api/v1/identify: the entries a pasted
// error is about, each with the evidence that pointed at it.
type IdentifyResponse struct {
	Lang        errdex.Lang   `json:"lang"`
	Total       int           `json:"total"`
	Results     []Result      `json:"results"`
	Suggestions []Suggestion  `json:"suggestions"`
	Understood  Understood    `json:"understood"`
	Answer      errdex.Answer `json:"answer"`
	// Findings answer each distinct error of the text on its own.
	Findings []Finding `json:"findings"`
}

// Finding is one distinct error of an identified text: its lines, how
// often it stands there, a masked excerpt, and its own answer and results.
type Finding struct {
	Lines   [2]int        `json:"lines"`
	Count   int           `json:"count"`
	Excerpt string        `json:"excerpt"`
	Answer  errdex.Answer `json:"answer"`
	Results []Result      `json:"results"`
}

// Result is one entry of a search or identify answer, summarised.
type Result struct {
	ID         string  `json:"id"`
	System     string  `json:"system"`
	Code       string  `json:"code"`
	Variant    string  `json:"variant,omitempty"`
	Title      string  `json:"title"`
	Summary    string  `json:"summary"`
	HTTPStatus *int    `json:"http_status,omitempty"`
	Type       string  `json:"type,omitempty"`
	Retryable  bool    `json:"retryable"`
	URL        string  `json:"url"`
	Score      float64 `json:"score"`
	// Match is the strongest kind of evidence (code, alias, provider_code,
	// signature, http_status, text).
	Match    string     `json:"match"`
	Evidence []Evidence `json:"evidence"`
	// Confidence is certain, likely or weak.
	Confidence errdex.Confidence `json:"confidence"`
}

// Evidence is one thing in the query that pointed at a result.
type Evidence struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Suggestion is a near miss offered when a search finds nothing.
type Suggestion struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Understood says what the query was taken to contain.
type Understood struct {
	Codes        []string `json:"codes"`
	HTTPStatuses []int    `json:"http_statuses"`
	Signatures   []string `json:"signatures"`
	Words        []string `json:"words"`
	Payload      bool     `json:"payload"`
}

// EntryJSON is one whole entry in one language, as GET
// /api/v1/entries/{system}/{code} answers it.
type EntryJSON struct {
	ID      string   `json:"id"`
	System  string   `json:"system"`
	Code    string   `json:"code"`
	Variant string   `json:"variant,omitempty"`
	Aliases []string `json:"aliases"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	// Causes, Fixes and Notes are Markdown source; the *HTML fields hold the
	// same items rendered, with raw HTML and unsafe links removed.
	Causes        []string        `json:"causes"`
	CausesHTML    []template.HTML `json:"causes_html"`
	Fixes         []string        `json:"fixes"`
	FixesHTML     []template.HTML `json:"fixes_html"`
	Notes         []string        `json:"notes"`
	NotesHTML     []template.HTML `json:"notes_html"`
	HTTPStatus    *int            `json:"http_status,omitempty"`
	Type          string          `json:"type,omitempty"`
	Retryable     bool            `json:"retryable"`
	RetryStrategy string          `json:"retry_strategy"`
	RetryNote     string          `json:"retry_note"`
	Related       []Related       `json:"related"`
	References    []Reference     `json:"references"`
	ProviderCodes []ProviderCode  `json:"provider_codes"`
	Signatures    []Signature     `json:"signatures"`
	Examples      []Example       `json:"examples"`
	Lang          errdex.Lang     `json:"lang"`
	URL           string          `json:"url"`
	// Level is error or warning.
	Level string `json:"level"`
	// CustomerReply is a short reply support staff can send to an end
	// customer; "" when the entry has none.
	CustomerReply   string               `json:"customer_reply"`
	Contradictions  []ContradictionJSON  `json:"contradictions"`
	ProviderRecords []ProviderRecordJSON `json:"provider_records"`
}

// Related is an entry named as related, with enough to link to it.
type Related struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Reference is where a fact of an entry comes from.
type Reference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// ProviderCode lists an upstream provider's codes that map onto an entry.
type ProviderCode struct {
	Provider string   `json:"provider"`
	Channel  string   `json:"channel,omitempty"`
	Codes    []string `json:"codes"`
	Note     string   `json:"note,omitempty"`
}

// Signature is a message or pattern that identifies an entry in pasted text.
type Signature struct {
	Text  string `json:"text,omitempty"`
	Regex string `json:"regex,omitempty"`
	// Message is an upstream string verbatim ({name} marks a varying part);
	// Regex then holds the pattern it is matched with.
	Message string `json:"message,omitempty"`
	Lang    string `json:"lang,omitempty"`
}

// Example is a sample payload or log line showing the error.
type Example struct {
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`
}

// LookupResponse answers GET /api/v1/lookup: every entry whose code, alias
// or provider code equals the code asked for. No match is an empty list,
// not an error: the question had an answer.
type LookupResponse struct {
	Code    string         `json:"code"`
	System  string         `json:"system,omitempty"`
	Lang    errdex.Lang    `json:"lang"`
	Total   int            `json:"total"`
	Results []LookupResult `json:"results"`
	Answer  errdex.Answer  `json:"answer"`
	// ProviderRecords are the provider codes the lookup names ("iwinv sms
	// 42", "ApiKeyError"), each with its own meaning and its entry.
	ProviderRecords []ProviderRecordJSON `json:"provider_records"`
}

// LookupResult is a whole entry and what of it the code matched.
type LookupResult struct {
	EntryJSON
	// Match is code, alias or provider_code.
	Match string `json:"match"`
	// MatchedValue is the entry's own spelling of what matched
	// ("iwinv:519" for a provider code).
	MatchedValue string `json:"matched_value"`
	// Confidence is certain for the code, an alias or a provider code
	// looked up with its provider, likely for a provider code alone.
	Confidence errdex.Confidence `json:"confidence"`
}

// SystemsResponse answers GET /api/v1/systems.
type SystemsResponse struct {
	Lang    errdex.Lang  `json:"lang"`
	Total   int          `json:"total"`
	Systems []SystemJSON `json:"systems"`
}

// SystemJSON is one system with its entry count.
type SystemJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Homepage    string   `json:"homepage,omitempty"`
	Keywords    []string `json:"keywords"`
	Entries     int      `json:"entries"`
	URL         string   `json:"url"`
	// CheckedAgainst says which upstream version or date the system's
	// entries were checked against.
	CheckedAgainst string      `json:"checked_against,omitempty"`
	Links          []Reference `json:"links"`
}

// MissesResponse answers GET /api/v1/misses: searches that found nothing,
// most frequent first.
type MissesResponse struct {
	// Total is the number of distinct queries remembered.
	Total  int    `json:"total"`
	Misses []Miss `json:"misses"`
}

// Miss is one query that found nothing, normalised.
type Miss struct {
	Query     string `json:"query"`
	Count     int    `json:"count"`
	FirstSeen string `json:"first_seen"`
	LastSeen  string `json:"last_seen"`
}

// ErrorEnvelope is the one shape of every error answer, the same as the
// Kirim API's own.
type ErrorEnvelope struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is the inside of an ErrorEnvelope.
type ErrorBody struct {
	Type      string `json:"type"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Param     string `json:"param,omitempty"`
	RequestID string `json:"request_id"`
}

// Builder turns entries and search results into API objects in one
// language, with links under one base URL.
type Builder struct {
	Lang errdex.Lang
	// BaseURL ("https://errdex.example.com") is put before page paths; empty
	// leaves them site-relative ("/codes/kmsg/X").
	BaseURL string
}

func (b Builder) lang() errdex.Lang {
	if b.Lang == "" {
		return errdex.English
	}
	return b.Lang
}

// EntryURL is the address of an entry's permalink page.
func (b Builder) EntryURL(e *errdex.Entry) string {
	return paths.Absolute(b.BaseURL, paths.Entry(e))
}

// SystemURL is the address of a system's page.
func (b Builder) SystemURL(id string) string {
	return paths.Absolute(b.BaseURL, paths.System(id))
}

// Search builds the answer to a search.
func (b Builder) Search(r *errdex.Response) SearchResponse {
	out := SearchResponse{
		Query:       r.Query,
		Lang:        b.lang(),
		Total:       r.Total,
		Results:     b.results(r.Results),
		Facets:      facets(r.Facets),
		Suggestions: b.suggestions(r.Suggestions),
		Understood:  understood(r.Understood),
		Answer:      r.Answer,
	}
	if r.NextCursor != "" {
		c := r.NextCursor
		out.NextCursor = &c
	}
	return out
}

// Identify builds the answer to an identify request.
func (b Builder) Identify(r *errdex.Response) IdentifyResponse {
	out := IdentifyResponse{
		Lang:        b.lang(),
		Total:       r.Total,
		Results:     b.results(r.Results),
		Suggestions: b.suggestions(r.Suggestions),
		Understood:  understood(r.Understood),
		Answer:      r.Answer,
		Findings:    make([]Finding, 0, len(r.Findings)),
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, Finding{Lines: f.Lines, Count: f.Count, Excerpt: f.Excerpt,
			Answer: f.Answer, Results: b.results(f.Results)})
	}
	return out
}

func (b Builder) results(rs []errdex.Result) []Result {
	lang := b.lang()
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		e := r.Entry
		ev := make([]Evidence, 0, len(r.Evidence))
		for _, x := range r.Evidence {
			ev = append(ev, Evidence{Kind: string(x.Kind), Value: x.Value})
		}
		out = append(out, Result{
			ID:         e.ID(),
			System:     e.System,
			Code:       e.Code,
			Variant:    e.Variant,
			Title:      e.Title.In(lang),
			Summary:    e.Summary.In(lang),
			HTTPStatus: httpStatus(e),
			Type:       e.Type,
			Retryable:  e.Retry.Retryable,
			URL:        b.EntryURL(e),
			Score:      r.Score,
			Match:      string(r.Match),
			Evidence:   ev,
			Confidence: r.Confidence,
		})
	}
	return out
}

func (b Builder) suggestions(ss []errdex.Suggestion) []Suggestion {
	out := make([]Suggestion, 0, len(ss))
	for _, s := range ss {
		out = append(out, Suggestion{
			ID:     s.Entry.ID(),
			Title:  s.Entry.Title.In(b.lang()),
			URL:    b.EntryURL(s.Entry),
			Reason: string(s.Reason),
		})
	}
	return out
}

// facets names every facet (errdex.Facets) in an answer, empty or not, so
// clients need not test for their absence.
func facets(in map[errdex.Facet]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(errdex.Facets))
	for _, f := range errdex.Facets {
		m := make(map[string]int, len(in[f]))
		for k, v := range in[f] {
			m[k] = v
		}
		out[string(f)] = m
	}
	return out
}

func understood(u errdex.Understanding) Understood {
	return Understood{
		Codes:        nonNil(u.Codes),
		HTTPStatuses: nonNil(u.HTTPStatuses),
		Signatures:   nonNil(u.Signatures),
		Words:        nonNil(u.Words),
		Payload:      u.Payload,
	}
}

// Entry builds a whole entry; cat resolves its related entries.
func (b Builder) Entry(cat *errdex.Catalog, e *errdex.Entry) EntryJSON {
	lang := b.lang()
	causes := texts(e.Causes, lang)
	fixes := texts(e.Fixes, lang)
	notes := texts(e.Notes, lang)
	out := EntryJSON{
		ID:            e.ID(),
		System:        e.System,
		Code:          e.Code,
		Variant:       e.Variant,
		Aliases:       nonNil(e.Aliases),
		Title:         e.Title.In(lang),
		Summary:       e.Summary.In(lang),
		Causes:        causes,
		CausesHTML:    markdown.ToHTMLs(causes),
		Fixes:         fixes,
		FixesHTML:     markdown.ToHTMLs(fixes),
		Notes:         notes,
		NotesHTML:     markdown.ToHTMLs(notes),
		HTTPStatus:    httpStatus(e),
		Type:          e.Type,
		Retryable:     e.Retry.Retryable,
		RetryStrategy: string(e.Retry.Strategy),
		RetryNote:     e.Retry.Note.In(lang),
		Related:       []Related{},
		References:    make([]Reference, 0, len(e.References)),
		ProviderCodes: make([]ProviderCode, 0, len(e.ProviderCodes)),
		Signatures:    make([]Signature, 0, len(e.Signatures)),
		Examples:      make([]Example, 0, len(e.Examples)),
		Lang:          lang,
		URL:           b.EntryURL(e),
	}
	if cat != nil {
		for _, r := range cat.Related(e) {
			out.Related = append(out.Related, Related{ID: r.ID(), Title: r.Title.In(lang), URL: b.EntryURL(r)})
		}
	}
	for _, r := range e.References {
		out.References = append(out.References, Reference{Title: r.Title, URL: r.URL})
	}
	for _, pc := range e.ProviderCodes {
		out.ProviderCodes = append(out.ProviderCodes, ProviderCode{
			Provider: pc.Provider, Channel: pc.Channel, Codes: nonNil(pc.Codes), Note: pc.Note.In(lang),
		})
	}
	for _, s := range e.Signatures {
		out.Signatures = append(out.Signatures, Signature{Text: s.Text, Regex: s.Regex, Message: s.Message, Lang: s.Lang})
	}
	for _, x := range e.Examples {
		out.Examples = append(out.Examples, Example{Label: x.Label, Text: x.Text})
	}
	b.entryExtras(cat, e, &out)
	return out
}

// Lookup builds the answer to a lookup of code (narrowed to system when set).
func (b Builder) Lookup(cat *errdex.Catalog, code, system string, ms []errdex.Match) LookupResponse {
	out := LookupResponse{
		Code:    code,
		System:  system,
		Lang:    b.lang(),
		Total:   len(ms),
		Results: make([]LookupResult, 0, len(ms)),
	}
	answer, confidences := errdex.JudgeLookup(code, ms)
	out.Answer = answer
	for i, m := range ms {
		out.Results = append(out.Results, LookupResult{
			EntryJSON:    b.Entry(cat, m.Entry),
			Match:        string(m.Field),
			MatchedValue: m.Value,
			Confidence:   confidences[i],
		})
	}
	out.ProviderRecords = b.lookupRecords(cat, code, system)
	return out
}

// Systems builds the list of systems with their entry counts.
func (b Builder) Systems(cat *errdex.Catalog) SystemsResponse {
	lang := b.lang()
	out := SystemsResponse{Lang: lang, Systems: make([]SystemJSON, 0, len(cat.Systems()))}
	for _, s := range cat.Systems() {
		out.Systems = append(out.Systems, SystemJSON{
			ID:          s.ID,
			Name:        s.Name.In(lang),
			Description: s.Description.In(lang),
			Homepage:    s.Homepage,
			Keywords:    nonNil(s.Keywords),
			Entries:     cat.Count(s.ID),
			URL:         b.SystemURL(s.ID),

			CheckedAgainst: s.CheckedAgainst,
			Links:          references(s.Links),
		})
	}
	out.Total = len(out.Systems)
	return out
}

func texts(ts []errdex.Text, lang errdex.Lang) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

func httpStatus(e *errdex.Entry) *int {
	if e.HTTPStatus == 0 {
		return nil
	}
	s := e.HTTPStatus
	return &s
}

// nonNil makes an absent list encode as [] rather than null: the contract
// promises arrays.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
