package mcp

import (
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/textfmt"
)

// Tool results. The output schemas are inferred from these types, so a
// field's description is its jsonschema tag; testdata/tools_list.json
// shows the schemas a client sees.

// Answer is the structured result of lookup, search and identify.
type Answer struct {
	Answer  string `json:"answer" jsonschema:"found: the first result is the answer; ambiguous: the first results fit equally well, tell them apart; unsure: only weak matches, NOT an answer; none: nothing matched"`
	Verdict string `json:"verdict" jsonschema:"one sentence saying what the answer is, to repeat rather than reinterpret"`
	// Query is what was searched or looked up; identify leaves it out
	// rather than echo a whole paste back.
	Query       string       `json:"query,omitempty" jsonschema:"the query or code asked about (not given for identify)"`
	System      string       `json:"system,omitempty" jsonschema:"the system the call was narrowed to"`
	Lang        string       `json:"lang" jsonschema:"the language of the answer: en or ko"`
	Total       int          `json:"total" jsonschema:"how many entries matched in all (results holds at most limit)"`
	Results     []Result     `json:"results" jsonschema:"the entries, best first"`
	Suggestions []Suggestion `json:"suggestions,omitempty" jsonschema:"near misses, when nothing matched"`
	Findings    []Finding    `json:"findings,omitempty" jsonschema:"identify only: each distinct error of the text (a line, a JSON object, a stack trace) answered on its own; results stay the merged ranking"`
	// ProviderRecords answer a lookup in the provider's own words, also
	// when no entry maps the code (answer none).
	ProviderRecords []ProviderRecord `json:"provider_records,omitempty" jsonschema:"lookup only: the providers' own codes the code names, each with its own meaning and what to do; one with no entry is the provider's answer, not an errdex entry"`
}

// Finding is one distinct error of a pasted text, answered on its own.
type Finding struct {
	Lines   [2]int   `json:"lines" jsonschema:"its first and last line in the text, from 1"`
	Count   int      `json:"count" jsonschema:"how many times it stands in the text"`
	Excerpt string   `json:"excerpt" jsonschema:"its text, shortened, with secrets and personal data masked"`
	Answer  string   `json:"answer" jsonschema:"found, ambiguous, unsure or none, for this error alone"`
	Results []Result `json:"results"`
}

// Result is one entry of an answer, with what pointed at it and what to do.
type Result struct {
	ID         string     `json:"id" jsonschema:"entry id, for get_entry and errdex://entries/{id}"`
	System     string     `json:"system"`
	Code       string     `json:"code" jsonschema:"the code as the system spells it"`
	Variant    string     `json:"variant,omitempty"`
	Title      string     `json:"title"`
	Summary    string     `json:"summary"`
	Confidence string     `json:"confidence" jsonschema:"certain: the text names this entry; likely: it matches clearly better than any other; weak: some words match"`
	HTTPStatus int        `json:"http_status,omitempty"`
	Level      string     `json:"level" jsonschema:"error, or warning for something that did not fail outright"`
	Match      string     `json:"match" jsonschema:"the strongest evidence: code, alias, provider_code, signature, http_status or text"`
	Evidence   []Evidence `json:"evidence" jsonschema:"what in the question pointed at this entry"`
	Retry      Retry      `json:"retry"`
	FirstFix   string     `json:"first_fix,omitempty" jsonschema:"the first fix, in Markdown; get_entry has them all"`
	URL        string     `json:"url" jsonschema:"the entry's permalink page"`
	Resource   string     `json:"resource" jsonschema:"the entry as an MCP resource, in Markdown"`
}

// Evidence is one thing in the question that pointed at a result.
type Evidence struct {
	Kind  string `json:"kind" jsonschema:"code, alias, provider_code, signature, http_status or text"`
	Value string `json:"value"`
}

// Retry is an entry's retry advice.
type Retry struct {
	Retryable bool   `json:"retryable" jsonschema:"whether a program may retry the same request automatically"`
	Strategy  string `json:"strategy" jsonschema:"never, backoff, retry_after or after_fix"`
	Advice    string `json:"advice" jsonschema:"when and how to retry, or why not to"`
}

// Suggestion is a near miss offered when nothing matched.
type Suggestion struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Entry is one whole entry, the structured result of get_entry.
type Entry struct {
	ID         string   `json:"id"`
	System     string   `json:"system"`
	SystemName string   `json:"system_name"`
	Code       string   `json:"code"`
	Variant    string   `json:"variant,omitempty"`
	Aliases    []string `json:"aliases"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Causes     []string `json:"causes" jsonschema:"Markdown"`
	Fixes      []string `json:"fixes" jsonschema:"Markdown, in the order to try them"`
	Notes      []string `json:"notes" jsonschema:"Markdown"`
	HTTPStatus int      `json:"http_status,omitempty"`
	Type       string   `json:"type,omitempty"`
	Level      string   `json:"level" jsonschema:"error, or warning for something that did not fail outright"`
	Retry      Retry    `json:"retry"`
	// CustomerReply is a short reply support staff can send to an end
	// customer, apart from the engineering fix.
	CustomerReply  string           `json:"customer_reply,omitempty" jsonschema:"a short reply support staff can send to the end customer, apart from the engineering fix"`
	Contradictions []Contradiction  `json:"contradictions" jsonschema:"where upstream sources disagree about this error, with what each says"`
	ProviderCodes  []ProviderRecord `json:"provider_codes" jsonschema:"providers' own codes that mean this error"`
	Related        []Link           `json:"related"`
	References     []Reference      `json:"references"`
	Lang           string           `json:"lang"`
	URL            string           `json:"url" jsonschema:"the entry's permalink page"`
	Resource       string           `json:"resource"`
}

// Contradiction is one point upstream sources disagree on.
type Contradiction struct {
	About  string  `json:"about"`
	Claims []Claim `json:"claims"`
}

// Claim is what one source says.
type Claim struct {
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
	Says   string `json:"says"`
}

// ProviderRecord is a provider's own code: its exact text, its own
// meaning and what to do, and the entry it maps onto, if any.
type ProviderRecord struct {
	ID            string   `json:"id" jsonschema:"provider/channel/code"`
	Name          string   `json:"name" jsonschema:"the code as people say it: provider, channel and code (IWINV sms 42)"`
	Provider      string   `json:"provider"`
	ProviderName  string   `json:"provider_name"`
	Channel       string   `json:"channel,omitempty"`
	Code          string   `json:"code"`
	Message       string   `json:"message,omitempty" jsonschema:"the provider's exact text, in its own language"`
	OtherMessages []string `json:"other_messages,omitempty" jsonschema:"other exact texts printed for the code"`
	Meaning       string   `json:"meaning"`
	Action        string   `json:"action"`
	Retry         *Retry   `json:"retry,omitempty" jsonschema:"the record's own retry advice, given only where it differs from its entry's or it has no entry"`
	Entry         string   `json:"entry,omitempty" jsonschema:"the id of the errdex entry the code maps onto; absent when none does"`
	URL           string   `json:"url" jsonschema:"the record's permalink page"`
}

// Link names another entry.
type Link struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Reference is where a fact of an entry comes from.
type Reference struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// resourceURI is an entry's resource address.
func resourceURI(e *errdex.Entry) string { return entryScheme + e.ID() }

// permalink is the address of an entry's page.
func (s *Server) permalink(e *errdex.Entry) string {
	return paths.Absolute(s.cfg.BaseURL, paths.Entry(e))
}

func (s *Server) retry(e *errdex.Entry, lang errdex.Lang) Retry {
	return retryOf(e.Retry, lang)
}

func retryOf(rt errdex.Retry, lang errdex.Lang) Retry {
	return Retry{Retryable: rt.Retryable, Strategy: string(rt.Strategy), Advice: textfmt.RetryAdvice(rt, lang)}
}

func (s *Server) result(e *errdex.Entry, lang errdex.Lang, conf errdex.Confidence, match errdex.MatchKind, ev []Evidence) Result {
	r := Result{
		ID:         e.ID(),
		System:     e.System,
		Code:       e.Code,
		Variant:    e.Variant,
		Title:      e.Title.In(lang),
		Summary:    e.Summary.In(lang),
		Confidence: string(conf),
		HTTPStatus: e.HTTPStatus,
		Level:      e.Level,
		Match:      string(match),
		Evidence:   ev,
		Retry:      s.retry(e, lang),
		URL:        s.permalink(e),
		Resource:   resourceURI(e),
	}
	if len(e.Fixes) > 0 {
		r.FirstFix = e.Fixes[0].In(lang)
	}
	if r.Evidence == nil {
		r.Evidence = []Evidence{}
	}
	return r
}

// record builds a provider record.
func (s *Server) record(cat *errdex.Catalog, r *errdex.ProviderRecord, lang errdex.Lang) ProviderRecord {
	out := ProviderRecord{ID: r.ID(), Provider: r.Provider, ProviderName: r.Provider, Channel: r.Channel, Code: r.Code,
		Message: r.Message, OtherMessages: r.OtherMessages, Meaning: r.Meaning.In(lang), Action: r.Action.In(lang),
		Name: textfmt.RecordName(cat, r), URL: paths.Absolute(s.cfg.BaseURL, paths.Record(r))}
	if p, ok := cat.Provider(r.Provider); ok && p.Name != "" {
		out.ProviderName = p.Name
	}
	if e, ok := cat.Entry(r.EntryID()); ok {
		out.Entry = e.ID()
	}
	if r.Retry != nil {
		rt := retryOf(*r.Retry, lang)
		out.Retry = &rt
	}
	return out
}

// lookupAnswer builds the answer to a lookup of code: the entries it
// names and the provider records, which answer in the provider's own
// words even when no entry maps them.
func (s *Server) lookupAnswer(code, system string, lk *app.Lookup, lang errdex.Lang) *Answer {
	ms := lk.Matches
	answer, confs := errdex.JudgeLookup(code, ms)
	out := &Answer{Answer: string(answer), Query: code, System: system, Lang: string(lang), Total: len(ms),
		Results: make([]Result, 0, len(ms))}
	for i, m := range ms {
		out.Results = append(out.Results, s.result(m.Entry, lang, confs[i], m.Field,
			[]Evidence{{Kind: string(m.Field), Value: m.Value}}))
	}
	names := make([]string, 0, len(lk.Records))
	for _, r := range lk.Records {
		rec := s.record(lk.Catalog, r, lang)
		out.ProviderRecords = append(out.ProviderRecords, rec)
		names = append(names, rec.Name)
	}
	out.Verdict = verdict(out, lang, "lookup")
	switch {
	case len(names) == 0:
	case out.Answer == string(errdex.AnswerNone):
		out.Verdict = i18n.F(lang, i18n.MCPRecordOnly, quote(strings.Join(names, ", ")))
	default:
		out.Verdict += i18n.F(lang, i18n.MCPRecordAlso, quote(strings.Join(names, ", ")))
	}
	return out
}

// searchAnswer builds the answer to a search or an identify.
func (s *Server) searchAnswer(resp *errdex.Response, lang errdex.Lang, identify bool) *Answer {
	out := &Answer{Answer: string(resp.Answer), Lang: string(lang), Total: resp.Total, Results: make([]Result, 0, len(resp.Results))}
	if !identify {
		out.Query = resp.Query
	}
	for _, r := range resp.Results {
		out.Results = append(out.Results, s.result(r.Entry, lang, r.Confidence, r.Match, evidence(r.Evidence)))
	}
	for _, f := range resp.Findings {
		fo := Finding{Lines: f.Lines, Count: f.Count, Excerpt: f.Excerpt, Answer: string(f.Answer),
			Results: make([]Result, 0, len(f.Results))}
		for _, r := range f.Results {
			fo.Results = append(fo.Results, s.result(r.Entry, lang, r.Confidence, r.Match, evidence(r.Evidence)))
		}
		out.Findings = append(out.Findings, fo)
	}
	for _, sg := range resp.Suggestions {
		out.Suggestions = append(out.Suggestions, Suggestion{
			ID: sg.Entry.ID(), Title: sg.Entry.Title.In(lang), URL: s.permalink(sg.Entry), Reason: string(sg.Reason),
		})
	}
	kind := "search"
	if identify {
		kind = "identify"
	}
	out.Verdict = verdict(out, lang, kind)
	if len(out.Findings) > 1 {
		out.Verdict += i18n.F(lang, i18n.MCPFindings, len(out.Findings))
	}
	return out
}

func evidence(xs []errdex.Evidence) []Evidence {
	ev := make([]Evidence, 0, len(xs))
	for _, x := range xs {
		ev = append(ev, Evidence{Kind: string(x.Kind), Value: x.Value})
	}
	return ev
}

// entry builds a whole entry.
func (s *Server) entry(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang) *Entry {
	out := &Entry{
		ID:             e.ID(),
		System:         e.System,
		SystemName:     systemName(cat, e.System, lang),
		Code:           e.Code,
		Variant:        e.Variant,
		Aliases:        nonNil(e.Aliases),
		Title:          e.Title.In(lang),
		Summary:        e.Summary.In(lang),
		Causes:         texts(e.Causes, lang),
		Fixes:          texts(e.Fixes, lang),
		Notes:          texts(e.Notes, lang),
		HTTPStatus:     e.HTTPStatus,
		Type:           e.Type,
		Level:          e.Level,
		Retry:          s.retry(e, lang),
		CustomerReply:  e.CustomerReply.In(lang),
		Contradictions: make([]Contradiction, 0, len(e.Contradictions)),
		ProviderCodes:  []ProviderRecord{},
		Related:        []Link{},
		References:     make([]Reference, 0, len(e.References)),
		Lang:           string(lang),
		URL:            s.permalink(e),
		Resource:       resourceURI(e),
	}
	for _, c := range e.Contradictions {
		cj := Contradiction{About: c.About.In(lang), Claims: make([]Claim, 0, len(c.Claims))}
		for _, cl := range c.Claims {
			cj.Claims = append(cj.Claims, Claim{Source: cl.Source, URL: cl.URL, Says: cl.Says.In(lang)})
		}
		out.Contradictions = append(out.Contradictions, cj)
	}
	for _, r := range cat.RecordsFor(e) {
		out.ProviderCodes = append(out.ProviderCodes, s.record(cat, r, lang))
	}
	for _, r := range cat.Related(e) {
		out.Related = append(out.Related, Link{ID: r.ID(), Title: r.Title.In(lang), URL: s.permalink(r)})
	}
	for _, r := range e.References {
		out.References = append(out.References, Reference{Title: r.Title, URL: r.URL})
	}
	return out
}

func systemName(cat *errdex.Catalog, id string, lang errdex.Lang) string {
	if sys, ok := cat.System(id); ok {
		if n := sys.Name.In(lang); n != "" {
			return n
		}
	}
	return id
}

func texts(ts []errdex.Text, lang errdex.Lang) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
