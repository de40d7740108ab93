package errdex

import (
	"strconv"
	"strings"
)

// Filter is one way to narrow a search, declared once in Filters: from its
// row come the strict parsing of its parameter (API and pages alike), the
// search's filter on the index, the cursor's fingerprint, its facet
// counts, the pages' facet links and hidden fields, and what the test
// holds the OpenAPI document to. A new filter is a row here, a field on
// Request, and the index field its row names.
type Filter struct {
	// Facet is the filter's public name: its facet key in answers.
	Facet Facet
	// Param is its query parameter.
	Param string
	// IndexField is the keyword field the search index keeps it in. It is
	// the index's own name, never shown: renaming it changes no contract.
	IndexField string
	// Faceted filters are counted per value in every answer.
	Faceted bool
	// Enum lists the values the parameter takes when the set is fixed
	// (the OpenAPI document declares the same), nil otherwise.
	Enum []string
	// Parse reads the parameter's text into req, or says what is wrong
	// with it as a *FieldError.
	Parse func(req *Request, s string) error
	// Value is req's value of the filter in its canonical text ("" when it
	// does not filter): what the index holds and the cursor is tied to.
	Value func(req *Request) string
	// Of is an entry's value of the filter ("" when it has none).
	Of func(e *Entry) string
}

// Filters are every filter, in the order answers show their facets.
var Filters = []Filter{
	{
		Facet: FacetSystem, Param: "system", IndexField: "f_system", Faceted: true,
		Parse: func(req *Request, s string) error { return parseText(&req.System, "system", s) },
		Value: func(req *Request) string { return req.System },
		Of:    func(e *Entry) string { return e.System },
	},
	{
		Facet: FacetHTTPStatus, Param: "http_status", IndexField: "f_http_status", Faceted: true,
		Parse: func(req *Request, s string) error {
			n, err := strconv.Atoi(s)
			if err != nil || n < 100 || n > 599 {
				return &FieldError{Param: "http_status", Code: CodeInvalidValue,
					Message: "http_status must be a number between 100 and 599"}
			}
			req.HTTPStatus = n
			return nil
		},
		Value: func(req *Request) string { return itoaOrEmpty(req.HTTPStatus) },
		Of:    func(e *Entry) string { return itoaOrEmpty(e.HTTPStatus) },
	},
	{
		Facet: FacetType, Param: "type", IndexField: "f_type", Faceted: true,
		Parse: func(req *Request, s string) error { return parseText(&req.Type, "type", s) },
		Value: func(req *Request) string { return req.Type },
		Of:    func(e *Entry) string { return e.Type },
	},
	{
		Facet: FacetRetryable, Param: "retryable", IndexField: "f_retryable", Faceted: true,
		Enum: []string{"true", "false"},
		Parse: func(req *Request, s string) error {
			switch strings.ToLower(s) {
			case "true":
				t := true
				req.Retryable = &t
			case "false":
				f := false
				req.Retryable = &f
			default:
				return &FieldError{Param: "retryable", Code: CodeInvalidValue, Message: "retryable must be true or false"}
			}
			return nil
		},
		Value: func(req *Request) string {
			if req.Retryable == nil {
				return ""
			}
			return strconv.FormatBool(*req.Retryable)
		},
		Of: func(e *Entry) string { return strconv.FormatBool(e.Retry.Retryable) },
	},
	{
		Facet: FacetLevel, Param: "level", IndexField: "f_level", Faceted: true,
		Enum: []string{LevelError, LevelWarning},
		Parse: func(req *Request, s string) error {
			switch l := strings.ToLower(s); l {
			case LevelError, LevelWarning:
				req.Level = l
				return nil
			}
			return &FieldError{Param: "level", Code: CodeInvalidValue, Message: "level must be error or warning"}
		},
		Value: func(req *Request) string { return req.Level },
		Of: func(e *Entry) string {
			if e.Level == "" {
				return LevelError
			}
			return e.Level
		},
	},
}

// FilterFor returns the filter of a facet.
func FilterFor(f Facet) (Filter, bool) {
	for _, x := range Filters {
		if x.Facet == f {
			return x, true
		}
	}
	return Filter{}, false
}

// MaxParamBytes bounds a filter's text parameter.
const MaxParamBytes = 200

func parseText(dst *string, param, s string) error {
	if len(s) > MaxParamBytes {
		return &FieldError{Param: param, Code: CodeInvalidValue,
			Message: param + " is longer than " + strconv.Itoa(MaxParamBytes) + " bytes"}
	}
	*dst = s
	return nil
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
