// Package search indexes an errdex catalog with Bleve and answers what
// support staff type and paste: codes, words in English or Korean (typos
// included), and whole error payloads or log lines.
//
// User text never reaches Bleve's query-string syntax: the query is
// understood here (codes, provider codes, HTTP statuses, signatures, words)
// and turned into explicit term and match queries whose size is bounded.
package search

import (
	"html/template"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// Limits on what a query may be.
const (
	// MaxQueryBytes is the longest search query accepted.
	MaxQueryBytes = 2000
	// MaxIdentifyBytes is the longest text Identify accepts.
	MaxIdentifyBytes = 64 << 10
	// MaxTerms caps the words of a query that are searched.
	MaxTerms = understand.MaxWords
	// DefaultLimit and MaxLimit bound a page of results.
	DefaultLimit = 10
	MaxLimit     = 100
	// MaxOffset caps how deep pagination goes.
	MaxOffset = 10000
)

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
	// Lang picks the language of snippets and suggestions (default English).
	Lang errdex.Lang
	// Limit is the page size, 1 to MaxLimit; 0 means DefaultLimit.
	Limit int
	// Cursor is the opaque NextCursor of a previous page, or "".
	Cursor string
	// Prefix treats the query's last word as a prefix (search as you type).
	// Callers set it when the user may still be typing.
	Prefix bool
}

// Response is one page of results.
type Response struct {
	Query string
	// Total counts every match, across pages.
	Total int
	// NextCursor fetches the next page; "" on the last page.
	NextCursor string
	Results    []Result
	// Facets counts matches per value of system, http_status, type and
	// retryable ("true"/"false"), over all matches, not only this page.
	Facets map[string]map[string]int
	// Suggestions are offered when nothing matched.
	Suggestions []Suggestion
	// Understood says what the query was taken to contain.
	Understood Understanding
	// Answer says whether the first results are the answer (confidence.go).
	Answer errdex.Answer
	// Findings are the distinct errors of an identified text, each
	// answered on its own (Identify only).
	Findings []Finding
}

// Result is one entry found.
type Result struct {
	Entry *errdex.Entry
	Score float64
	// Match is the strongest kind of evidence: one of the Match* constants.
	Match string
	// Snippet is the part of the entry's text that matched, HTML-escaped
	// with the matching words in <mark>.
	Snippet template.HTML
	// Evidence lists what in the query pointed at this entry.
	Evidence []Evidence
	// Confidence says how well the text supports this entry.
	Confidence errdex.Confidence
}

// Kinds of evidence, strongest first.
const (
	MatchCode         = "code"
	MatchAlias        = "alias"
	MatchProviderCode = "provider_code"
	MatchSignature    = "signature"
	MatchHTTPStatus   = "http_status"
	MatchText         = "text"
)

// Evidence is one reason a result matched.
type Evidence struct {
	// Kind is one of the Match* constants.
	Kind string `json:"kind"`
	// Value is what in the query matched ("KOE009", "iwinv:519", "401",
	// the signature's text).
	Value string `json:"value"`
}

// Suggestion is a near miss offered when a search finds nothing.
type Suggestion struct {
	Entry *errdex.Entry
	// Reason says why it is suggested: "similar code" or "similar title".
	Reason string
}

// Understanding is what the query was taken to contain.
type Understanding struct {
	// Codes are codes, aliases or provider codes found in the query.
	Codes []string `json:"codes,omitempty"`
	// HTTPStatuses are HTTP statuses found in the query.
	HTTPStatuses []int `json:"http_statuses,omitempty"`
	// Signatures are ids of entries whose signature the text contains.
	Signatures []string `json:"signatures,omitempty"`
	// Words are the words searched as text.
	Words []string `json:"words,omitempty"`
	// Payload is true when the query looked like a pasted payload or log line.
	Payload bool `json:"payload,omitempty"`
}
