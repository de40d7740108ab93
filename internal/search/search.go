// Package search indexes an errdex catalog with Bleve and answers what
// support staff type and paste: codes, words in English or Korean (typos
// included), and whole error payloads or log lines. *Index implements
// errdex.Index; it is the only package that knows Bleve.
//
// User text never reaches Bleve's query-string syntax: the query is
// understood here (codes, provider codes, HTTP statuses, signatures, words)
// and turned into explicit term and match queries whose size is bounded.
package search

import (
	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// Limits on what a query may be (the domain's, in errdex).
const (
	MaxQueryBytes    = errdex.MaxQueryBytes
	MaxIdentifyBytes = errdex.MaxIdentifyBytes
	DefaultLimit     = errdex.DefaultLimit
	MaxLimit         = errdex.MaxLimit
	MaxOffset        = errdex.MaxOffset
	// MaxTerms caps the words of a query that are searched.
	MaxTerms = understand.MaxWords
)

// The search types are the domain's; these names keep the package's own
// code short.
type (
	Request       = errdex.Request
	Response      = errdex.Response
	Result        = errdex.Result
	Evidence      = errdex.Evidence
	Suggestion    = errdex.Suggestion
	Understanding = errdex.Understanding
)

// Kinds of evidence, strongest first.
const (
	MatchCode         = errdex.MatchCode
	MatchAlias        = errdex.MatchAlias
	MatchProviderCode = errdex.MatchProviderCode
	MatchSignature    = errdex.MatchSignature
	MatchHTTPStatus   = errdex.MatchHTTPStatus
	MatchText         = errdex.MatchText
)

var _ errdex.Index = (*Index)(nil)

// JudgeLookup is errdex.JudgeLookup: a lookup's judgement needs no index.
var JudgeLookup = errdex.JudgeLookup
