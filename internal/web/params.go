package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/web/params"
)

// queryParams parses the request's query string strictly (package params).
func queryParams(c echo.Context) (params.Values, error) {
	return params.Parse(c.Request().URL.RawQuery)
}

// Output formats of search and lookup.
const (
	formatJSON = "json"
	formatText = "text"
)

func formatParam(v params.Values) (string, error) {
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
func langParam(c echo.Context, v params.Values) (errdex.Lang, error) {
	if s := strings.TrimSpace(v.Get("lang")); s != "" {
		l, ok := errdex.ParseLang(s)
		if !ok {
			return "", &errdex.FieldError{Param: "lang", Code: errdex.CodeInvalidValue, Message: "lang must be en or ko"}
		}
		return l, nil
	}
	return params.PreferredLang(c.Request().Header.Get("Accept-Language")), nil
}

// langParams reads the query string (strictly) and the answer's language,
// which every endpoint that answers about entries takes.
func langParams(c echo.Context) (params.Values, errdex.Lang, error) {
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
func answerParams(c echo.Context) (params.Values, errdex.Lang, string, error) {
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
