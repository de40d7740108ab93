package search

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/errdex/errdex"
)

// filters are the term queries of a request's filters, one per row of
// errdex.Filters that the request sets.
func filters(req *Request) []query.Query {
	var fs []query.Query
	for _, f := range errdex.Filters {
		if v := f.Value(req); v != "" {
			fs = append(fs, termQuery(f.IndexField, strings.ToLower(v), 0.0001))
		}
	}
	return fs
}

// filterOf returns whether an entry, by id, passes req's filters, or nil
// when req has none: the filters collect applies to a scored search.
func (ix *Index) filterOf(req *Request) func(id string) bool {
	type want struct {
		of    func(*errdex.Entry) string
		value string
	}
	var ws []want
	for _, f := range errdex.Filters {
		if v := f.Value(req); v != "" {
			ws = append(ws, want{f.Of, v})
		}
	}
	if len(ws) == 0 {
		return nil
	}
	return func(id string) bool {
		e, ok := ix.cat.Entry(id)
		if !ok {
			return false
		}
		for _, w := range ws {
			if !strings.EqualFold(w.of(e), w.value) {
				return false
			}
		}
		return true
	}
}

// fingerprint ties a cursor to the query and filters it was made for, and
// to the catalog it paged through: a reload may move every entry.
func (ix *Index) fingerprint(req *Request) string {
	parts := []string{ix.cat.Version, req.Query}
	for _, f := range errdex.Filters {
		parts = append(parts, f.Value(req))
	}
	parts = append(parts, strconv.Itoa(req.Limit), strconv.FormatBool(req.Prefix))
	return strings.Join(parts, "\x00")
}
