package mcp

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
)

// Tool inputs. Their JSON schemas are written out in full (inputSchemas)
// rather than inferred, so that each property carries its bounds and
// description, and a change to them shows in testdata/tools_list.json.

// LookupInput is the arguments of the lookup tool.
type LookupInput struct {
	Code   string `json:"code"`
	System string `json:"system,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

// SearchInput is the arguments of the search tool.
type SearchInput struct {
	Query  string `json:"query"`
	System string `json:"system,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// IdentifyInput is the arguments of the identify tool.
type IdentifyInput struct {
	Text  string `json:"text"`
	Lang  string `json:"lang,omitempty"`
	Limit int    `json:"limit,omitempty"`
}

// GetEntryInput is the arguments of the get_entry tool.
type GetEntryInput struct {
	ID   string `json:"id"`
	Lang string `json:"lang,omitempty"`
}

// Default page sizes. Identify's is smaller: a paste is usually about one
// or two errors, and a model reads every result it is given.
const (
	defaultSearchLimit   = 5
	defaultIdentifyLimit = 5
)

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

// Properties shared by several tools.
func systemProp() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", MaxLength: intp(maxParamBytes),
		Description: "Only entries of this system: kmsg (K-Message), kirim (the Kirim public API) or kakao-share (Kakao Talk Share); the resource errdex://systems lists them all."}
}

func langProp() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Enum: []any{"en", "ko"},
		Description: "Language of the answer. Without it: a search typed in Hangul answers in Korean, anything else in the server's default (English unless configured). A pasted error never switches the language."}
}

func limitProp(def int) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "integer", Minimum: floatp(1), Maximum: floatp(errdex.MaxLimit),
		Default:     []byte(fmt.Sprint(def)),
		Description: fmt.Sprintf("Most results to return, 1 to %d (default %d).", errdex.MaxLimit, def)}
}

func object(required []string, props map[string]*jsonschema.Schema, order ...string) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", Required: required, Properties: props, PropertyOrder: order,
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}}}
}

var (
	lookupSchema = object([]string{"code"}, map[string]*jsonschema.Schema{
		"code": {Type: "string", MinLength: intp(1), MaxLength: intp(maxParamBytes),
			Description: `The error code as printed: 4019, KOE009, -401, INSUFFICIENT_BALANCE, invalid_phone_number, or a provider's code with its provider ("iwinv:519"). Case does not matter; aliases and provider codes are matched too.`},
		"system": systemProp(),
		"lang":   langProp(),
	}, "code", "system", "lang")

	searchSchema = object([]string{"query"}, map[string]*jsonschema.Schema{
		"query": {Type: "string", MinLength: intp(1), MaxLength: intp(maxQueryBytes),
			Description: fmt.Sprintf("What the user typed: a few words in English or Korean (잔액 부족, template not found), a code, or a short error message; at most %d bytes. For a whole payload or log use identify.", maxQueryBytes)},
		"system": systemProp(),
		"lang":   langProp(),
		"limit":  limitProp(defaultSearchLimit),
	}, "query", "system", "lang", "limit")

	identifySchema = object([]string{"text"}, map[string]*jsonschema.Schema{
		"text": {Type: "string", MinLength: intp(1),
			Description: fmt.Sprintf("The error exactly as it was printed: a JSON payload, a log line, a whole log or a stack trace, up to %d KiB. Secrets in it are not stored or logged.", maxIdentifyBytes>>10)},
		"lang":  langProp(),
		"limit": limitProp(defaultIdentifyLimit),
	}, "text", "lang", "limit")

	getEntrySchema = object([]string{"id"}, map[string]*jsonschema.Schema{
		"id": {Type: "string", MinLength: intp(3), MaxLength: intp(maxParamBytes),
			Description: "The entry's id, system/code or system/code/variant, as results give it: kakao-share/4019, kakao-share/-401/domain-mismatch."},
		"lang": langProp(),
	}, "id", "lang")
)

// readOnly marks every tool: they only read the catalog, the same call
// gives the same answer, and nothing outside errdex is reached.
func readOnly(title string) *sdk.ToolAnnotations {
	f := false
	return &sdk.ToolAnnotations{Title: title, ReadOnlyHint: true, IdempotentHint: true, OpenWorldHint: &f}
}

func (s *Server) addTools() {
	sdk.AddTool(s.sdk, &sdk.Tool{
		Name:        "lookup",
		Title:       "Look up an error code",
		Description: "Every errdex entry, across systems, whose code, alias or provider code equals the code given. Use it when the user has a bare code. The answer says found, ambiguous (one code in several systems or variants: tell them apart) or none.",
		InputSchema: lookupSchema,
		Annotations: readOnly("Look up an error code"),
	}, safe(s, "lookup", s.lookup))
	sdk.AddTool(s.sdk, &sdk.Tool{
		Name:        "search",
		Title:       "Search error entries",
		Description: "Ranked search of errdex's entries for words in English or Korean, typos forgiven, codes and known messages ranked first. Read the answer field: only found is an answer; unsure and none mean errdex does not know.",
		InputSchema: searchSchema,
		Annotations: readOnly("Search error entries"),
	}, safe(s, "search", s.search))
	sdk.AddTool(s.sdk, &sdk.Tool{
		Name:        "identify",
		Title:       "Identify a pasted error",
		Description: "Names the errors in a pasted payload, log or stack trace, each with the evidence that matched (a code, a provider code, an HTTP status, a known message). Give it the text unchanged. Read the answer field: only found is an answer.",
		InputSchema: identifySchema,
		Annotations: readOnly("Identify a pasted error"),
	}, safe(s, "identify", s.identify))
	sdk.AddTool(s.sdk, &sdk.Tool{
		Name:        "get_entry",
		Title:       "Read one entry",
		Description: "One whole errdex entry by id: summary, causes, fixes, retry advice, related codes, references and permalink.",
		InputSchema: getEntrySchema,
		Annotations: readOnly("Read one entry"),
	}, safe(s, "get_entry", s.getEntry))
}

// argError is a bad argument, told to the client as a tool error.
func argError(param, msg string) error {
	return &errdex.FieldError{Param: param, Code: errdex.CodeInvalidValue, Message: msg}
}

// toolError words an error for the client. Field errors name the argument
// (the search package names query parameters as the API has them); any
// other failure says nothing internal.
func toolError(err error) error {
	var fe *errdex.FieldError
	switch {
	case errors.As(err, &fe):
		param := fe.Param
		switch param {
		case "q":
			param = "query"
		}
		return fmt.Errorf("invalid argument %q: %s", param, strings.Replace(fe.Message, "q ", "query ", 1))
	case errors.Is(err, errdex.ErrUnavailable):
		return errors.New("errdex is shutting down; try again shortly")
	case errors.Is(err, context.DeadlineExceeded):
		return errors.New("the search took too long and was stopped; try a shorter query or text")
	case errors.Is(err, context.Canceled):
		return errors.New("the call was cancelled")
	}
	return errors.New("errdex failed to answer this call (an internal error)")
}

// stringArg checks a short string argument: UTF-8, trimmed, bounded.
func stringArg(name, v string, max int) (string, error) {
	if !utf8.ValidString(v) {
		return "", argError(name, name+" is not valid UTF-8 text")
	}
	v = strings.TrimSpace(v)
	if len(v) > max {
		return "", argError(name, fmt.Sprintf("%s is longer than %d bytes", name, max))
	}
	return v, nil
}

// systemArg checks a system argument against the catalog.
func systemArg(cat *errdex.Catalog, v string) (string, error) {
	v, err := stringArg("system", v, maxParamBytes)
	if err != nil || v == "" {
		return v, err
	}
	if _, ok := cat.System(v); !ok {
		ids := make([]string, 0, len(cat.Systems()))
		for _, s := range cat.Systems() {
			ids = append(ids, s.ID)
		}
		return "", argError("system", fmt.Sprintf("unknown system %s; the systems are %s", quote(v), strings.Join(ids, ", ")))
	}
	return v, nil
}

func limitArg(v, def int) (int, error) {
	if v == 0 {
		return def, nil
	}
	if v < 1 || v > errdex.MaxLimit {
		return 0, &errdex.FieldError{Param: "limit", Code: errdex.CodeInvalidLimit,
			Message: fmt.Sprintf("limit must be between 1 and %d", errdex.MaxLimit)}
	}
	return v, nil
}

// lookup answers the lookup tool.
func (s *Server) lookup(ctx context.Context, req *sdk.CallToolRequest, in LookupInput) (*sdk.CallToolResult, *Answer, error) {
	lang, err := s.pickLang(req, in.Lang, "")
	if err != nil {
		return nil, nil, toolError(err)
	}
	code, err := stringArg("code", in.Code, maxParamBytes)
	if err != nil {
		return nil, nil, toolError(err)
	}
	if code == "" {
		return nil, nil, errors.New(`invalid argument "code": code is required, for example 4019 or KOE009`)
	}
	cat, err := s.catalog()
	if err != nil {
		return nil, nil, err
	}
	system, err := systemArg(cat, in.System)
	if err != nil {
		return nil, nil, toolError(err)
	}
	lk, err := s.cfg.App.Lookup(code, system)
	if err != nil {
		return nil, nil, toolError(err)
	}
	out := s.lookupAnswer(code, system, lk, lang)
	return textResult(renderAnswer(out)), out, nil
}

// search answers the search tool.
func (s *Server) search(ctx context.Context, req *sdk.CallToolRequest, in SearchInput) (*sdk.CallToolResult, *Answer, error) {
	if !utf8.ValidString(in.Query) {
		return nil, nil, toolError(argError("query", "query is not valid UTF-8 text"))
	}
	lang, err := s.pickLang(req, in.Lang, in.Query)
	if err != nil {
		return nil, nil, toolError(err)
	}
	if strings.TrimSpace(in.Query) == "" {
		return nil, nil, errors.New(`invalid argument "query": query is required: a few words, a code or an error message`)
	}
	if app.IsPaste(in.Query) {
		// As the API's search: a query, not a paste; identify reads those.
		return nil, nil, fmt.Errorf(`invalid argument "query": query is longer than %d bytes; send a whole payload or log to identify`, maxQueryBytes)
	}
	limit, err := limitArg(in.Limit, defaultSearchLimit)
	if err != nil {
		return nil, nil, toolError(err)
	}
	cat, err := s.catalog()
	if err != nil {
		return nil, nil, err
	}
	system, err := systemArg(cat, in.System)
	if err != nil {
		return nil, nil, toolError(err)
	}
	// The service bounds the search and records it when it finds nothing.
	resp, err := s.cfg.App.Search(ctx, errdex.Request{Query: in.Query, System: system, Lang: lang, Limit: limit})
	if err != nil {
		return nil, nil, toolError(err)
	}
	out := s.searchAnswer(resp, lang, false)
	return textResult(renderAnswer(out)), out, nil
}

// identify answers the identify tool.
func (s *Server) identify(ctx context.Context, req *sdk.CallToolRequest, in IdentifyInput) (*sdk.CallToolResult, *Answer, error) {
	// The text is never what decides the language: a pasted payload
	// says what the upstream system prints, not what the asker reads.
	lang, err := s.pickLang(req, in.Lang, "")
	if err != nil {
		return nil, nil, toolError(err)
	}
	if len(in.Text) > maxIdentifyBytes {
		return nil, nil, fmt.Errorf(`invalid argument "text": text is %d bytes, more than the %d (64 KiB) errdex reads; send the part around the error`,
			len(in.Text), maxIdentifyBytes)
	}
	if strings.TrimSpace(in.Text) == "" {
		return nil, nil, errors.New(`invalid argument "text": text is required: the error as it was printed`)
	}
	limit, err := limitArg(in.Limit, defaultIdentifyLimit)
	if err != nil {
		return nil, nil, toolError(err)
	}
	resp, err := s.cfg.App.Identify(ctx, in.Text, lang, limit)
	if err != nil {
		return nil, nil, toolError(err)
	}
	out := s.searchAnswer(resp, lang, true)
	return textResult(renderAnswer(out)), out, nil
}

// getEntry answers the get_entry tool.
func (s *Server) getEntry(ctx context.Context, req *sdk.CallToolRequest, in GetEntryInput) (*sdk.CallToolResult, *Entry, error) {
	lang, err := s.pickLang(req, in.Lang, "")
	if err != nil {
		return nil, nil, toolError(err)
	}
	id, err := stringArg("id", in.ID, maxParamBytes)
	if err != nil {
		return nil, nil, toolError(err)
	}
	cat, err := s.catalog()
	if err != nil {
		return nil, nil, err
	}
	e, err := findEntry(cat, id)
	if err != nil {
		return nil, nil, err
	}
	out := s.entry(cat, e, lang)
	return textResult(entryMarkdown(cat, e, []errdex.Lang{lang}, s.cfg.BaseURL)), out, nil
}

// findEntry finds an entry by id, case-insensitively in its code as the
// contract has lookups of a code be. A miss says what to ask instead.
func findEntry(cat *errdex.Catalog, id string) (*errdex.Entry, error) {
	if e, ok := cat.Entry(id); ok {
		return e, nil
	}
	system, rest, ok := strings.Cut(id, "/")
	if !ok || rest == "" {
		return nil, fmt.Errorf(`invalid argument "id": %s is not an entry id; ids are system/code or system/code/variant (kakao-share/4019); for a bare code use lookup`, quote(id))
	}
	if _, ok := cat.System(system); !ok {
		return nil, fmt.Errorf(`invalid argument "id": no system %s; use lookup with the code alone to search every system`, quote(system))
	}
	// The code may itself hold a slash; try the id whole before splitting
	// a variant off its end.
	code, variant := rest, ""
	for _, m := range cat.Lookup(code, system) {
		if m.Field == errdex.MatchCode && m.Entry.Variant == "" {
			return m.Entry, nil
		}
	}
	if i := strings.LastIndex(rest, "/"); i > 0 {
		code, variant = rest[:i], rest[i+1:]
		for _, m := range cat.Lookup(code, system) {
			if m.Field == errdex.MatchCode && strings.EqualFold(m.Entry.Variant, variant) {
				return m.Entry, nil
			}
		}
	}
	var variants []string
	for _, m := range cat.Lookup(rest, system) {
		if m.Field == errdex.MatchCode && m.Entry.Variant != "" {
			variants = append(variants, m.Entry.ID())
		}
	}
	if len(variants) > 0 {
		return nil, fmt.Errorf("%s has variants; ask for one of: %s", quote(id), strings.Join(variants, ", "))
	}
	return nil, fmt.Errorf("no entry %s; use lookup with the code, or search, to find the right id", quote(id))
}

// textResult is a tool result whose text content is text; the SDK adds
// the structured content.
func textResult(text string) *sdk.CallToolResult {
	return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: text}}}
}

// quote quotes user input for a message, shortened and made printable.
func quote(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > 100 {
		n := 100
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// clearerArgErrors rewords the SDK's schema-validation failures of
// tools/call ("validating \"arguments\": validating root: validating
// /properties/limit: maximum: 1000/1 is greater than 100.000000") into the
// shape of errdex's own argument errors ("invalid argument \"limit\":
// maximum: 1000 is greater than 100"), so a model reads one kind of
// message whichever check refused the call.
func clearerArgErrors(next sdk.MethodHandler) sdk.MethodHandler {
	return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
		res, err := next(ctx, method, req)
		if method != "tools/call" || err != nil {
			return res, err
		}
		tr, ok := res.(*sdk.CallToolResult)
		if !ok || !tr.IsError {
			return res, err
		}
		for _, c := range tr.Content {
			if tc, ok := c.(*sdk.TextContent); ok {
				tc.Text = rewordValidation(tc.Text)
			}
		}
		return res, err
	}
}

var (
	validationProp = regexp.MustCompile(`^validating "arguments": validating root: validating /properties/([A-Za-z_]+): `)
	validationRoot = regexp.MustCompile(`^validating "arguments": (validating root: )?`)
	rationalOne    = regexp.MustCompile(`\b(-?\d+)/1\b`)
	zeroDecimals   = regexp.MustCompile(`\b(\d+)\.0+\b`)
)

func rewordValidation(msg string) string {
	switch {
	case validationProp.MatchString(msg):
		msg = validationProp.ReplaceAllString(msg, `invalid argument "$1": `)
	case validationRoot.MatchString(msg):
		msg = validationRoot.ReplaceAllString(msg, "invalid arguments: ")
	default:
		return msg
	}
	msg = rationalOne.ReplaceAllString(msg, "$1")
	return zeroDecimals.ReplaceAllString(msg, "$1") + " (the tool's input schema gives every argument's bounds)"
}
