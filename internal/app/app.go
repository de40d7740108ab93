// Package app is errdex's one application service: every surface (the JSON
// API, the web pages, Slack, the command line, the MCP server) asks its
// questions here and only turns the answers into its own format.
//
// The service owns what the surfaces would otherwise each do their own way:
// acquiring the index being served (and releasing it), the search deadline,
// the latency metric, recording searches that found nothing, the rule that
// text too long for a search is read as a paste by Identify, and the choice
// of the answer's language when the asker made none.
//
// The package knows the domain (package errdex) and the live holder, not
// the search engine: an index is built by whoever starts the program
// (cmd/errdex) and handed over in a live.Holder.
package app

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/live"
)

// DefaultTimeout bounds one search when Config.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Kinds of question, as the latency metric labels them.
const (
	KindSearch   = "search"
	KindIdentify = "identify"
	KindLookup   = "lookup"
)

// Config is what a Service is told by the program that starts it.
type Config struct {
	// Timeout bounds one search or identify; a caller's own shorter
	// deadline (Slack's) still applies. Zero means DefaultTimeout.
	Timeout time.Duration
	// Observe, when set, is told how long each question took in the index,
	// by kind (KindSearch, KindIdentify, KindLookup).
	Observe func(kind string, d time.Duration)
	// Missed, when set, is told of each search that found nothing; not of
	// an empty query (a listing) nor of one made while typing (Prefix),
	// whose last word is unfinished.
	Missed func(query string)
}

// Service answers every surface's questions from the index a live.Holder
// serves. It is safe for concurrent use.
type Service struct {
	holder *live.Holder
	cfg    Config
}

// New returns the service answering from h.
func New(h *live.Holder, cfg Config) *Service {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &Service{holder: h, cfg: cfg}
}

// Acquire returns the index being served and the function that releases
// it; the index stays open until release even if a reload replaces it.
// After shutdown it returns errdex.ErrUnavailable (and a no-op release).
// Call release exactly once.
func (s *Service) Acquire() (errdex.Index, func(), error) {
	idx, release := s.holder.Acquire()
	if idx == nil {
		release()
		return nil, func() {}, errdex.ErrUnavailable
	}
	return idx, release, nil
}

// Current returns the catalog being served, without holding its index, or
// nil after shutdown: for a quick look (its version, a cache key).
func (s *Service) Current() *errdex.Catalog {
	if idx := s.holder.Current(); idx != nil {
		return idx.Catalog()
	}
	return nil
}

// IsPaste reports whether text is too long for a search, so that Search
// reads it with Identify.
func IsPaste(text string) bool { return len(text) > errdex.MaxQueryBytes }

// Search answers one search. A query too long for a search (IsPaste) is
// read as a pasted error by Identify: its filters and cursor are ignored,
// it answers one page of req.Limit, and the response says Identified.
func (s *Service) Search(ctx context.Context, req errdex.Request) (*errdex.Response, error) {
	kind := KindSearch
	run := func(ctx context.Context, idx errdex.Index) (*errdex.Response, error) {
		return idx.Search(ctx, req)
	}
	if IsPaste(req.Query) {
		kind = KindIdentify
		run = identify(req.Query, req.Lang, req.Limit)
	}
	resp, err := s.timed(ctx, kind, run)
	if err != nil {
		return nil, err
	}
	if resp.Total == 0 && !req.Prefix && strings.TrimSpace(req.Query) != "" && s.cfg.Missed != nil {
		s.cfg.Missed(req.Query)
	}
	return resp, nil
}

// Identify names the entries a pasted error or log line is about.
func (s *Service) Identify(ctx context.Context, text string, lang errdex.Lang, limit int) (*errdex.Response, error) {
	return s.timed(ctx, KindIdentify, identify(text, lang, limit))
}

// identify is the one way both Search (for a paste) and Identify read
// text on an index: the response always says Identified.
func identify(text string, lang errdex.Lang, limit int) func(context.Context, errdex.Index) (*errdex.Response, error) {
	return func(ctx context.Context, idx errdex.Index) (*errdex.Response, error) {
		resp, err := idx.Identify(ctx, text, lang, limit)
		if resp != nil {
			resp.Identified = true
		}
		return resp, err
	}
}

// Lookup is the answer to a lookup: the matches, the provider records the
// code names (Kakao's -4, "iwinv sms 42"; each with its own meaning, with
// or without an entry) and the catalog they are from (immutable, so safe
// to read after the index is released).
type Lookup struct {
	Catalog *errdex.Catalog
	Matches []errdex.Match
	Records []*errdex.ProviderRecord
}

// Lookup returns every entry whose code, alias or provider code equals
// code; a non-empty system narrows to it and must exist.
func (s *Service) Lookup(code, system string) (*Lookup, error) {
	idx, release, err := s.Acquire()
	defer release()
	if err != nil {
		return nil, err
	}
	cat := idx.Catalog()
	if system != "" {
		if _, ok := cat.System(system); !ok {
			return nil, UnknownSystem(system)
		}
	}
	start := time.Now()
	ms := idx.Lookup(code, system)
	rs := cat.LookupRecords(code, system)
	s.observe(KindLookup, time.Since(start))
	return &Lookup{Catalog: cat, Matches: ms, Records: rs}, nil
}

// Observe records the time of a question answered without the index (a
// cached answer), so the metric counts every question.
func (s *Service) Observe(kind string, d time.Duration) { s.observe(kind, d) }

func (s *Service) observe(kind string, d time.Duration) {
	if s.cfg.Observe != nil {
		s.cfg.Observe(kind, d)
	}
}

// timed runs one question on the index being served, within the deadline,
// and records how long it took.
func (s *Service) timed(ctx context.Context, kind string,
	run func(context.Context, errdex.Index) (*errdex.Response, error)) (*errdex.Response, error) {
	idx, release, err := s.Acquire()
	defer release()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	start := time.Now()
	resp, err := run(ctx, idx)
	s.observe(kind, time.Since(start))
	return resp, err
}

// UnknownSystem is the error of a system filter naming no system.
func UnknownSystem(system string) error {
	return &errdex.FieldError{Param: "system", Code: errdex.CodeInvalidValue,
		Message: "unknown system " + quote(system)}
}

// ChooseLang picks the answer's language: the asker's explicit choice
// when there is one, else Korean for text with Hangul in it (a question
// asked in Korean is answered in Korean), else fallback, else English.
func ChooseLang(explicit errdex.Lang, text string, fallback errdex.Lang) errdex.Lang {
	switch {
	case explicit != "":
		return explicit
	case strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0:
		return errdex.Korean
	case fallback != "":
		return fallback
	}
	return errdex.English
}

// quote quotes user input for a message, shortened to 100 bytes and made
// printable.
func quote(s string) string {
	b, _ := json.Marshal(clip.Bytes(strings.ToValidUTF8(s, "?"), 100))
	return string(b)
}
