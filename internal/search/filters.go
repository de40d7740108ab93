package search

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// filters are the term queries of a request's filters.
func filters(req *Request) []query.Query {
	var fs []query.Query
	term := func(field, value string) {
		fs = append(fs, termQuery(field, strings.ToLower(value), 0.0001))
	}
	if req.System != "" {
		term(fSystem, req.System)
	}
	if req.HTTPStatus != 0 {
		term(fHTTPStatus, strconv.Itoa(req.HTTPStatus))
	}
	if req.Type != "" {
		term(fType, req.Type)
	}
	if req.Retryable != nil {
		term(fRetryable, strconv.FormatBool(*req.Retryable))
	}
	return fs
}

// fingerprint ties a cursor to the query and filters it was made for.
func fingerprint(req *Request) string {
	r := ""
	if req.Retryable != nil {
		r = strconv.FormatBool(*req.Retryable)
	}
	return strings.Join([]string{req.Query, req.System, strconv.Itoa(req.HTTPStatus), req.Type, r,
		strconv.Itoa(req.Limit), strconv.FormatBool(req.Prefix)}, "\x00")
}
