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
)

// MaxBytes bounds a parameter other than q, whose limit is the domain's.
const MaxBytes = 200

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
			return nil, &errdex.FieldError{Param: printable(key), Code: errdex.CodeInvalidValue,
				Message: key + " is not correctly percent-encoded"}
		}
		if !utf8.ValidString(value) {
			return nil, &errdex.FieldError{Param: printable(key), Code: errdex.CodeInvalidValue,
				Message: key + " is not valid UTF-8 text"}
		}
		v = append(v, Pair{key, value})
	}
	return v, nil
}

// printable makes a parameter name safe to echo back in an error.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > 64 {
		n := 64
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
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

// Int returns an integer parameter, 0 when absent.
func Int(v Values, name string, min, max int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue,
			Message: name + " must be a number between " + strconv.Itoa(min) + " and " + strconv.Itoa(max)}
	}
	return n, nil
}

// Bool returns a true/false parameter, nil when absent.
func Bool(v Values, name string) (*bool, error) {
	switch strings.ToLower(strings.TrimSpace(v.Get(name))) {
	case "":
		return nil, nil
	case "true":
		t := true
		return &t, nil
	case "false":
		f := false
		return &f, nil
	}
	return nil, &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue, Message: name + " must be true or false"}
}

// SearchRequest reads a search's query, cursor and filters (not its limit
// or language, which each surface sets its own way).
func SearchRequest(v Values) (errdex.Request, error) {
	req := errdex.Request{Query: v.Get("q"), Cursor: v.Get("cursor")}
	var err error
	if req.System, err = String(v, "system"); err != nil {
		return req, err
	}
	if req.Type, err = String(v, "type"); err != nil {
		return req, err
	}
	if req.HTTPStatus, err = Int(v, "http_status", 100, 599); err != nil {
		return req, err
	}
	if req.Retryable, err = Bool(v, "retryable"); err != nil {
		return req, err
	}
	return req, nil
}

// QueryTooLong is the error of a query over errdex.MaxQueryBytes where a
// paste is not taken.
func QueryTooLong(param string) error {
	return &errdex.FieldError{Param: param, Code: errdex.CodeInvalidValue,
		Message: fmt.Sprintf("%s is longer than %d bytes", param, errdex.MaxQueryBytes)}
}
