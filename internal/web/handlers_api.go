package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/api"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/textfmt"
	"github.com/errdex/errdex/internal/web/params"
)

// Limits of the identify body. The text may be 64 KiB; a JSON body may be
// larger than its text, since escaping (\n, \u00e9) lengthens it.
const (
	maxIdentifyText = errdex.MaxIdentifyBytes
	maxIdentifyJSON = 4 * errdex.MaxIdentifyBytes
)

// Limits of /api/v1/misses.
const (
	defaultMissesLimit = 100
	maxMissesLimit     = 1000
)

func (s *Server) builder(lang errdex.Lang) api.Builder {
	return api.Builder{Lang: lang, BaseURL: s.cfg.BaseURL}
}

// handleSearch answers GET /api/v1/search.
func (s *Server) handleSearch(c echo.Context) error {
	v, lang, format, err := answerParams(c)
	if err != nil {
		return err
	}
	limit, err := params.Limit(v, errdex.DefaultLimit, errdex.MaxLimit)
	if err != nil {
		return err
	}
	req, err := params.SearchRequest(v)
	if err != nil {
		return err
	}
	if v.Get("lang") == "" && app.IsTyped(req.Query) {
		// The one language rule: a question typed in Hangul is answered
		// in Korean unless lang says otherwise; a paste never switches.
		lang = app.ChooseLang("", req.Query, lang)
	}
	req.Lang, req.Limit = lang, limit
	if app.IsPaste(req.Query) {
		// The API's search takes a query, not a paste: identify does.
		return params.QueryTooLong("q")
	}
	resp, err := s.app.Search(c.Request().Context(), req)
	if err != nil {
		return err
	}

	setLanguage(c, lang)
	if format == formatText {
		return writeText(c, http.StatusOK, textfmt.SearchText(resp, lang, s.cfg.BaseURL))
	}
	return writeJSON(c, http.StatusOK, s.builder(lang).Search(resp))
}

// handleIdentify answers POST /api/v1/identify. The body is the raw text of
// an error, or JSON {"text": "..."} when sent as application/json; any other
// content type is read as raw text, so `curl --data @error.log` works.
func (s *Server) handleIdentify(c echo.Context) error {
	v, lang, err := langParams(c)
	if err != nil {
		return err
	}
	limit, err := params.Limit(v, errdex.DefaultLimit, errdex.MaxLimit)
	if err != nil {
		return err
	}
	text, err := identifyText(c.Request())
	if err != nil {
		return err
	}

	resp, err := s.app.Identify(c.Request().Context(), text, lang, limit)
	if err != nil {
		return err
	}
	setLanguage(c, lang)
	return writeJSON(c, http.StatusOK, s.builder(lang).Identify(resp))
}

// identifyText reads the text to identify from the body.
func identifyText(r *http.Request) (string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	isJSON := mt == echo.MIMEApplicationJSON || strings.HasSuffix(mt, "+json")
	limit := int64(maxIdentifyText)
	if isJSON {
		limit = maxIdentifyJSON
	}
	if r.ContentLength > limit {
		return "", &tooLargeError{param: "body", limit: limit}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", &tooLargeError{param: "body", limit: limit}
		}
		return "", err
	}
	if !isJSON {
		return string(body), nil
	}
	// encoding/json quietly replaces invalid bytes with U+FFFD; JSON text
	// must be UTF-8, so refuse it as a raw body's bad bytes are refused.
	if !utf8.Valid(body) {
		return "", &errdex.FieldError{Param: "body", Code: errdex.CodeInvalidValue,
			Message: "the body is not valid UTF-8 text"}
	}
	var in struct {
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return "", &errdex.FieldError{Param: "body", Code: errdex.CodeInvalidValue,
			Message: `the body must be a JSON object {"text": "..."}`}
	}
	if in.Text == nil {
		// Often the error payload itself, posted as JSON: say how to send it.
		return "", &errdex.FieldError{Param: "text", Code: errdex.CodeMissingField,
			Message: `text is required: send {"text": "..."} as JSON, or the error itself as text/plain`}
	}
	if len(*in.Text) > maxIdentifyText {
		return "", &tooLargeError{param: "text", limit: maxIdentifyText}
	}
	return *in.Text, nil
}

// handleLookup answers GET /api/v1/lookup.
func (s *Server) handleLookup(c echo.Context) error {
	v, lang, format, err := answerParams(c)
	if err != nil {
		return err
	}
	code, err := params.String(v, "code")
	if err != nil {
		return err
	}
	if code == "" {
		return &errdex.FieldError{Param: "code", Code: errdex.CodeMissingField, Message: "code is required"}
	}
	system, err := params.String(v, "system")
	if err != nil {
		return err
	}

	start := time.Now()
	// A remembered answer is looked up in place of the index: the answer is
	// a function of the catalog (the index is built from it) and the key.
	// Only a valid question is ever remembered, so a hit needs no check.
	key := lookupKey{code: code, system: system, lang: lang}
	if format == formatJSON {
		if cur := s.app.Current(); cur != nil {
			if ans := s.answers.forCatalog(cur, cur); ans != nil {
				if b, ok := ans.lookups.get(key); ok {
					s.app.Observe(app.KindLookup, time.Since(start))
					setLanguage(c, lang)
					return writeJSONBytes(c, http.StatusOK, b)
				}
			}
		}
	}
	lk, err := s.app.Lookup(code, system)
	if err != nil {
		return err
	}
	cat, matches := lk.Catalog, lk.Matches
	setLanguage(c, lang)

	if format == formatText {
		// A bot posts the text as it is, and reads the status: a code
		// nothing has is a 404 with the words that say so.
		status := http.StatusOK
		if len(matches) == 0 {
			status = http.StatusNotFound
		}
		return writeText(c, status, textfmt.LookupText(matches, lang, s.cfg.BaseURL))
	}
	b, err := encodeJSON(s.builder(lang).Lookup(cat, code, system, matches))
	if err != nil {
		return err
	}
	if ans := s.answers.forCatalog(cat, s.app.Current()); ans != nil {
		// The key's strings may point into the request; keep copies.
		key.code, key.system = strings.Clone(code), strings.Clone(system)
		ans.lookups.put(key, b, len(code)+len(system))
	}
	return writeJSONBytes(c, http.StatusOK, b)
}

// handleEntry answers GET /api/v1/entries/{system}/{code} and
// /api/v1/entries/{system}/{code}/{variant}.
func (s *Server) handleEntry(c echo.Context) error {
	_, lang, err := langParams(c)
	if err != nil {
		return err
	}
	system, code, variant := pathParam(c, "system"), pathParam(c, "code"), pathParam(c, "variant")

	idx, release, err := s.app.Acquire()
	defer release()
	if err != nil {
		return err
	}
	cat := idx.Catalog()
	if _, ok := cat.System(system); !ok {
		return notFound("no system %s", quote(system))
	}
	e, err := findEntry(cat, system, code, variant)
	if err != nil {
		return err
	}
	setLanguage(c, lang)
	ans := s.answers.forCatalog(cat, s.app.Current())
	key := entryKey{e: e, lang: lang}
	if ans != nil {
		if b, ok := ans.entries.get(key); ok {
			return writeJSONBytes(c, http.StatusOK, b)
		}
	}
	b, err := encodeJSON(s.builder(lang).Entry(cat, e))
	if err != nil {
		return err
	}
	if ans != nil {
		ans.entries.put(key, b, 0)
	}
	return writeJSONBytes(c, http.StatusOK, b)
}

// findEntry finds an entry by its id's parts. Codes are matched exactly
// first, then case-insensitively, as the contract has lookups of a code be.
func findEntry(cat *errdex.Catalog, system, code, variant string) (*errdex.Entry, error) {
	id := errdex.EntryID(system, code, variant)
	if e, ok := cat.Entry(id); ok {
		return e, nil
	}
	for _, m := range cat.Lookup(code, system) {
		if m.Field == errdex.MatchCode && strings.EqualFold(m.Entry.Variant, variant) {
			return m.Entry, nil
		}
	}
	if variant == "" {
		// A code whose entries are all variants: name them, so the client
		// knows what to ask for next.
		var names []string
		for _, m := range cat.Lookup(code, system) {
			if m.Field == errdex.MatchCode && m.Entry.Variant != "" {
				names = append(names, m.Entry.Variant)
			}
		}
		if len(names) > 0 {
			return nil, notFound("%s/%s has variants (%s): ask for /api/v1/entries/%s/%s/{variant}",
				system, code, strings.Join(names, ", "), system, code)
		}
	}
	return nil, notFound("no entry %s", quote(id))
}

// pathParam returns a path parameter decoded. echo leaves parameters
// percent-encoded when the path had escapes that needed keeping (%2F);
// a parameter that does not decode matches nothing.
func pathParam(c echo.Context, name string) string {
	p := c.Param(name)
	if c.Request().URL.RawPath == "" {
		return p
	}
	d, err := url.PathUnescape(p)
	if err != nil {
		return "\x00" // no entry has it
	}
	return d
}

// handleSystems answers GET /api/v1/systems.
func (s *Server) handleSystems(c echo.Context) error {
	_, lang, err := langParams(c)
	if err != nil {
		return err
	}
	idx, release, err := s.app.Acquire()
	defer release()
	if err != nil {
		return err
	}
	setLanguage(c, lang)
	return writeJSON(c, http.StatusOK, s.builder(lang).Systems(idx.Catalog()))
}

// handleMisses answers GET /api/v1/misses.
func (s *Server) handleMisses(c echo.Context) error {
	v, err := queryParams(c)
	if err != nil {
		return err
	}
	limit, err := params.Limit(v, defaultMissesLimit, maxMissesLimit)
	if err != nil {
		return err
	}
	top, total := s.misses.Top(limit)
	out := api.MissesResponse{Total: total, Misses: make([]api.Miss, 0, len(top))}
	for _, m := range top {
		out.Misses = append(out.Misses, api.Miss{
			Query:     m.Query,
			Count:     m.Count,
			FirstSeen: m.First.UTC().Format(time.RFC3339),
			LastSeen:  m.Last.UTC().Format(time.RFC3339),
		})
	}
	return writeJSON(c, http.StatusOK, out)
}

// setLanguage tells caches and clients which language the answer is in
// and that Accept-Language chose it.
func setLanguage(c echo.Context, lang errdex.Lang) {
	h := c.Response().Header()
	h["Content-Language"] = contentLanguage[lang]
	h["Vary"] = append(h["Vary"], "Accept-Language")
}

// Header values set on most answers, shared rather than allocated per
// request (the way securityHeaders sets its own). Shared values are only
// ever replaced in a header, never modified in place; net/http copies them
// when it writes the header. contentLanguage has every language a request
// can ask for (langParam accepts no other).
var (
	contentLanguage = func() map[errdex.Lang][]string {
		m := make(map[errdex.Lang][]string, len(errdex.Langs))
		for _, l := range errdex.Langs {
			m[l] = []string{string(l)}
		}
		return m
	}()
	contentTypeJSON = []string{"application/json; charset=utf-8"}
	contentTypeText = []string{"text/plain; charset=utf-8"}
)

// writeJSON writes v as the contract's JSON. It is encoded before anything
// is written, so an encoding failure still becomes a clean 500.
func writeJSON(c echo.Context, status int, v any) error {
	b, err := encodeJSON(v)
	if err != nil {
		return err
	}
	return writeJSONBytes(c, status, b)
}

// encodeJSON encodes v as the contract's JSON answer, newline included.
func encodeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeJSONBytes writes an answer encodeJSON made; b is not modified, so
// it may be a cached answer.
func writeJSONBytes(c echo.Context, status int, b []byte) error {
	return writeBlob(c, status, contentTypeJSON, b)
}

// writeText writes a plain-text answer (format=text).
func writeText(c echo.Context, status int, s string) error {
	return writeBlob(c, status, contentTypeText, []byte(s))
}

// writeBlob writes a whole answer with its length, so that net/http sends
// it in one piece rather than chunked, as it does past 4 KiB when the
// length is not known (the gzip middleware drops the length when it
// compresses).
func writeBlob(c echo.Context, status int, contentType []string, b []byte) error {
	res := c.Response()
	h := res.Header()
	h[echo.HeaderContentType] = contentType
	h[echo.HeaderContentLength] = []string{strconv.Itoa(len(b))}
	res.WriteHeader(status)
	_, err := res.Write(b)
	return err
}

// quote quotes user input for a message, shortened and made printable.
func quote(s string) string {
	b, _ := json.Marshal(clip.Bytes(strings.ToValidUTF8(s, "?"), 100))
	return string(b)
}
