package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
)

// maxParamBytes bounds a query parameter other than q, whose limit is the
// search package's.
const maxParamBytes = 200

// queryParams parses the request's query string strictly. echo's
// QueryParams silently drops pairs it cannot decode, which would turn
// "?q=%zz" into a search for everything; here such a pair, or a key or value
// that is not UTF-8, is a 400 naming the parameter.
func queryParams(c echo.Context) (params, error) {
	raw := c.Request().URL.RawQuery
	if raw == "" {
		return nil, nil
	}
	v := make(params, 0, strings.Count(raw, "&")+1)
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil || !utf8.ValidString(key) {
			return nil, &errdex.FieldError{Param: printableParam(rawKey), Code: errdex.CodeInvalidValue,
				Message: "the query string has a malformed parameter name"}
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return nil, &errdex.FieldError{Param: printableParam(key), Code: errdex.CodeInvalidValue,
				Message: key + " is not correctly percent-encoded"}
		}
		if !utf8.ValidString(value) {
			return nil, &errdex.FieldError{Param: printableParam(key), Code: errdex.CodeInvalidValue,
				Message: key + " is not valid UTF-8 text"}
		}
		v = append(v, param{key, value})
	}
	return v, nil
}

// params are a query string's parameters in the order given. A handful
// at most, so a slice searched in order: a url.Values map would cost a
// map and a slice per key on every request.
type params []param

type param struct{ key, value string }

// Get returns the first value of the named parameter, or "".
func (p params) Get(name string) string {
	for _, kv := range p {
		if kv.key == name {
			return kv.value
		}
	}
	return ""
}

// printableParam makes a parameter name safe to echo back in an error.
func printableParam(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return truncate(s, 64)
}

// stringParam returns a parameter bounded to maxParamBytes.
func stringParam(v params, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if len(s) > maxParamBytes {
		return "", &errdex.FieldError{Param: name, Code: errdex.CodeInvalidValue,
			Message: name + " is longer than " + strconv.Itoa(maxParamBytes) + " bytes"}
	}
	return s, nil
}

// limitParam returns the limit parameter, def when absent.
func limitParam(v params, def, max int) (int, error) {
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

// intParam returns an integer parameter, 0 when absent.
func intParam(v params, name string, min, max int) (int, error) {
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

// boolParam returns a true/false parameter, nil when absent.
func boolParam(v params, name string) (*bool, error) {
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

// Output formats of search and lookup.
const (
	formatJSON = "json"
	formatText = "text"
)

func formatParam(v params) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(v.Get("format"))); f {
	case "", formatJSON:
		return formatJSON, nil
	case formatText:
		return formatText, nil
	}
	return "", &errdex.FieldError{Param: "format", Code: errdex.CodeInvalidValue, Message: "format must be json or text"}
}

// langParam picks the answer's language: the lang parameter when given (an
// unknown one is an error), else the best of Accept-Language, else English.
func langParam(c echo.Context, v params) (errdex.Lang, error) {
	if s := strings.TrimSpace(v.Get("lang")); s != "" {
		l, ok := errdex.ParseLang(s)
		if !ok {
			return "", &errdex.FieldError{Param: "lang", Code: errdex.CodeInvalidValue, Message: "lang must be en or ko"}
		}
		return l, nil
	}
	return errdex.PreferredLang(c.Request().Header.Get("Accept-Language")), nil
}

// langParams reads the query string (strictly) and the answer's language,
// which every endpoint that answers about entries takes.
func langParams(c echo.Context) (params, errdex.Lang, error) {
	v, err := queryParams(c)
	if err != nil {
		return nil, "", err
	}
	lang, err := langParam(c, v)
	if err != nil {
		return nil, "", err
	}
	return v, lang, nil
}

// answerParams is langParams and the answer format, for the endpoints that
// can answer in plain text as well as JSON.
func answerParams(c echo.Context) (params, errdex.Lang, string, error) {
	v, lang, err := langParams(c)
	if err != nil {
		return nil, "", "", err
	}
	format, err := formatParam(v)
	if err != nil {
		return nil, "", "", err
	}
	return v, lang, format, nil
}
