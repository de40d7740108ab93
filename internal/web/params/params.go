// Package params is the one strict parser of request parameters, shared by
// the JSON API and the web pages, so that both read the same address the
// same way and refuse the same mistakes with the same words.
//
// echo's QueryParams (and net/url's ParseQuery behind r.Form) silently
// drop a pair they cannot decode, which turns "?q=%zz" into a search for
// everything; here such a pair, or a key or value that is not UTF-8, is an
// *errdex.FieldError naming the parameter, which the server answers 400.
package params

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
)

// MaxBytes bounds a parameter other than q, whose limit is the domain's.
const MaxBytes = errdex.MaxParamBytes

// Values are parameters in the order given. A handful at most, so a slice
// searched in order: a url.Values map would cost a map and a slice per key
// on every request.
type Values []Pair

// Pair is one parameter.
type Pair struct{ Key, Value string }

// Get returns the first value of the named parameter, or "".
func (v Values) Get(name string) string {
	for _, kv := range v {
		if kv.Key == name {
			return kv.Value
		}
	}
	return ""
}

// URL returns the parameters as url.Values, to build an address from.
func (v Values) URL() url.Values {
	out := make(url.Values, len(v))
	for _, kv := range v {
		out[kv.Key] = append(out[kv.Key], kv.Value)
	}
	return out
}

// Parse parses a query string (or a form body, which has the same syntax)
// strictly.
func Parse(raw string) (Values, error) {
	if raw == "" {
		return nil, nil
	}
	v := make(Values, 0, strings.Count(raw, "&")+1)
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil || !utf8.ValidString(key) {
			return nil, &errdex.FieldError{Param: printable(rawKey), Code: errdex.CodeInvalidValue,
				Message: "the query string has a malformed parameter name"}
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			name := printable(key)
			return nil, &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue,
				Message: name + " is not correctly percent-encoded"}
		}
		if !utf8.ValidString(value) {
			name := printable(key)
			return nil, &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue,
				Message: name + " is not valid UTF-8 text"}
		}
		v = append(v, Pair{key, value})
	}
	return v, nil
}

// printable makes a parameter name safe to echo back in an error.
func printable(s string) string {
	return clip.Bytes(strings.ToValidUTF8(s, "?"), 64)
}

// String returns a parameter, trimmed and bounded to MaxBytes.
func String(v Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if len(s) > MaxBytes {
		return "", &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue,
			Message: name + " is longer than " + strconv.Itoa(MaxBytes) + " bytes"}
	}
	return s, nil
}

// Limit returns the limit parameter, def when absent.
func Limit(v Values, def, max int) (int, error) {
	s := strings.TrimSpace(v.Get("limit"))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, &errdex.FieldError{Param: "limit", Code: errdex.CodeInvalidLimit,
			Message: "limit must be between 1 and " + strconv.Itoa(max)}
	}
	return n, nil
}

// SearchRequest reads a search's query, cursor and filters (not its limit
// or language, which each surface sets its own way). The filters are the
// rows of errdex.Filters, each read by its own parser.
func SearchRequest(v Values) (errdex.Request, error) {
	req := errdex.Request{Query: v.Get("q"), Cursor: v.Get("cursor")}
	for _, f := range errdex.Filters {
		if s := strings.TrimSpace(v.Get(f.Param)); s != "" {
			if err := f.Parse(&req, s); err != nil {
				return req, err
			}
		}
	}
	return req, nil
}

// QueryTooLong is the error of a query over errdex.MaxQueryBytes where a
// paste is not taken.
func QueryTooLong(param string) error {
	return &errdex.FieldError{Param: param, Code: errdex.CodeInvalidValue,
		Message: fmt.Sprintf("%s is longer than %d bytes", param, errdex.MaxQueryBytes)}
}
