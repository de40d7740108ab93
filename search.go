package errdex

import (
	"context"
	"errors"
	"html/template"
	"strings"
)

// This file is the search side of the domain: what a surface (the JSON
// API, the pages, Slack, the command line) asks and what it is answered,
// independent of the engine that answers. internal/search implements
// Searcher with Bleve; nothing else needs to know it exists.

// Limits on what a search may be.
const (
	// MaxQueryBytes is the longest search query accepted; longer text is a
	// paste, which Identify reads.
	MaxQueryBytes = 2000
	// MaxIdentifyBytes is the longest text Identify accepts.
	MaxIdentifyBytes = 64 << 10
	// DefaultLimit and MaxLimit bound a page of results.
	DefaultLimit = 10
	MaxLimit     = 100
	// MaxOffset caps how deep pagination goes.
	MaxOffset = 10000
)

// ErrUnavailable means no index is being served (the server is shutting
// down); transports answer it with 503.
var ErrUnavailable = errors.New("no index is being served")

// Searcher answers the questions every surface puts to a catalog.
type Searcher interface {
	// Search answers one query.
	Search(ctx context.Context, req Request) (*Response, error)
	// Identify names the entries a pasted error or log line is about.
	Identify(ctx context.Context, text string, lang Lang, limit int) (*Response, error)
	// Lookup returns every entry whose code, alias or provider code equals
	// code; a non-empty system keeps only that system's entries.
	Lookup(code, system string) []Match
}

// Index is a Searcher built from one catalog, which a live holder serves
// until a reload replaces it.
type Index interface {
	Searcher
	// Catalog returns the catalog the index was built from.
	Catalog() *Catalog
	// Close releases the index; no search may run on it afterwards.
	Close() error
}

// MatchKind is a kind of evidence that points at an entry, strongest first
// in the order of the constants. Catalog lookups use the first three.
type MatchKind string

// Kinds of evidence.
const (
	MatchCode         MatchKind = "code"
	MatchAlias        MatchKind = "alias"
	MatchProviderCode MatchKind = "provider_code"
	MatchSignature    MatchKind = "signature"
	MatchHTTPStatus   MatchKind = "http_status"
	MatchText         MatchKind = "text"
)

// MatchKinds lists every kind of evidence, strongest first.
var MatchKinds = []MatchKind{MatchCode, MatchAlias, MatchProviderCode, MatchSignature, MatchHTTPStatus, MatchText}

// Facet is a property results are counted by. Its values are the public
// names of the contract's facets; an index names its fields as it likes.
type Facet string

// Facets of a search.
const (
	FacetSystem     Facet = "system"
	FacetHTTPStatus Facet = "http_status"
	FacetType       Facet = "type"
	FacetRetryable  Facet = "retryable"
	FacetLevel      Facet = "level"
)

// Facets lists every faceted filter's facet, in the order answers show
// them (the order of Filters).
var Facets = func() []Facet {
	var out []Facet
	for _, f := range Filters {
		if f.Faceted {
			out = append(out, f.Facet)
		}
	}
	return out
}()

// Request is one search.
type Request struct {
	// Query is free text, a code, or a pasted payload. Empty lists all
	// entries (filters still apply), ordered by system then code.
	Query string
	// Filters; zero values mean no filter.
	System     string
	HTTPStatus int
	Type       string
	Retryable  *bool
	// Level is LevelError or LevelWarning.
	Level string
	// Lang picks the language of snippets and suggestions (default English).
	Lang Lang
	// Limit is the page size, 1 to MaxLimit; 0 means DefaultLimit.
	Limit int
	// Cursor is the opaque NextCursor of a previous page, or "".
	Cursor string
	// Prefix treats the query's last word as a prefix (search as you type).
	// Callers set it when the user may still be typing.
	Prefix bool
}

// Filtered reports whether the request narrows by any filter.
func (r *Request) Filtered() bool {
	for _, f := range Filters {
		if f.Value(r) != "" {
			return true
		}
	}
	return false
}

// Response is one page of results.
type Response struct {
	Query string
	// Total counts every match, across pages.
	Total int
	// NextCursor fetches the next page; "" on the last page.
	NextCursor string
	Results    []Result
	// Facets counts matches per facet value (retryable as "true"/"false"),
	// over all matches, not only this page.
	Facets map[Facet]map[string]int
	// Suggestions are offered when nothing matched.
	Suggestions []Suggestion
	// Understood says what the query was taken to contain.
	Understood Understanding
	// Identified is true when the text was too long for a search and was
	// read by Identify instead: filters were ignored and there is no next
	// page.
	Identified bool
	// Answer says whether the first results are the answer.
	Answer Answer
	// Findings are the distinct errors of an identified text, each
	// answered on its own (Identify only).
	Findings []Finding
}

// Result is one entry found.
type Result struct {
	Entry *Entry
	Score float64
	// Match is the strongest kind of evidence.
	Match MatchKind
	// Snippet is the part of the entry's text that matched, HTML-escaped
	// with the matching words in <mark>.
	Snippet template.HTML
	// Evidence lists what in the query pointed at this entry.
	Evidence []Evidence
	// Confidence says how well the text supports this entry.
	Confidence Confidence
}

// Evidence is one reason a result matched.
type Evidence struct {
	Kind MatchKind
	// Value is what in the query matched ("KOE009", "iwinv:519", "401",
	// the signature's text).
	Value string
}

// Suggestion is a near miss offered when a search finds nothing.
type Suggestion struct {
	Entry *Entry
	// Reason says why it is suggested.
	Reason SuggestReason
}

// SuggestReason says why a near miss is offered.
type SuggestReason string

// Reasons of a suggestion.
const (
	SuggestSimilarCode  SuggestReason = "similar code"
	SuggestSimilarTitle SuggestReason = "similar title"
)

// Understanding is what the query was taken to contain.
type Understanding struct {
	// Codes are codes, aliases or provider codes found in the query.
	Codes []string
	// HTTPStatuses are HTTP statuses found in the query.
	HTTPStatuses []int
	// Signatures are ids of entries whose signature the text contains.
	Signatures []string
	// Words are the words searched as text.
	Words []string
	// Payload is true when the query looked like a pasted payload or log line.
	Payload bool
}

// retryStrategyNames lists the retry strategies for a message.
func retryStrategyNames() string {
	var b []byte
	for i, s := range RetryStrategies {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, s...)
	}
	return string(b)
}

// JudgeLookup says how far a lookup of code answered: the confidence of
// each match and the answer. The code, an alias, or a provider code looked
// up with its provider ("iwinv 519") name the entry; a provider code alone
// only points at it. Two or more entries named or pointed at are
// ambiguous: the same code in two systems, or the variants of one code.
func JudgeLookup(code string, ms []Match) (Answer, []Confidence) {
	cs := make([]Confidence, len(ms))
	qualified := strings.ContainsAny(strings.TrimSpace(code), ": ")
	strong := map[string]bool{}
	for i, m := range ms {
		switch {
		case m.Field == MatchCode || m.Field == MatchAlias:
			cs[i] = ConfidenceCertain
		case m.Field == MatchProviderCode && qualified:
			cs[i] = ConfidenceCertain
		case m.Field == MatchProviderCode:
			cs[i] = ConfidenceLikely
		default:
			cs[i] = ConfidenceWeak
		}
		if cs[i] != ConfidenceWeak {
			strong[m.Entry.ID()] = true
		}
	}
	switch {
	case len(ms) == 0:
		return AnswerNone, cs
	case len(strong) == 1:
		return AnswerFound, cs
	case len(strong) > 1:
		return AnswerAmbiguous, cs
	}
	return AnswerUnsure, cs
}
