package search

import (
	"slices"
	"strconv"

	"github.com/errdex/errdex"
)

// facetSet is an entry's values of the four facets: one combination of
// system, HTTP status, type and retryable.
type facetSet struct {
	system, status, typ, retryable string
}

func facetsOf(e *errdex.Entry) facetSet {
	fs := facetSet{system: e.System, typ: e.Type, retryable: strconv.FormatBool(e.Retry.Retryable)}
	if e.HTTPStatus != 0 {
		fs.status = strconv.Itoa(e.HTTPStatus)
	}
	return fs
}

// facetCodes numbers the facet combinations a catalog holds, so that each
// entry carries one short term in the facets field instead of four long
// ones ("system:mailrelay", "http_status:429"...). Counting facets reads
// every match's doc values, and on a large catalog decoding them was a
// quarter of a query's time; a combination's count is then split into its
// four values. The numbering depends only on the catalog, so an index kept
// on disk for the same catalog agrees with it.
type facetCodes struct {
	sets []facetSet          // by number
	code map[facetSet]string // the indexed term of each set
}

func newFacetCodes(cat *errdex.Catalog) *facetCodes {
	seen := map[facetSet]bool{}
	var sets []facetSet
	for _, e := range cat.Entries() {
		if fs := facetsOf(e); !seen[fs] {
			seen[fs] = true
			sets = append(sets, fs)
		}
	}
	slices.SortFunc(sets, func(a, b facetSet) int {
		return slices.Compare([]string{a.system, a.status, a.typ, a.retryable}, []string{b.system, b.status, b.typ, b.retryable})
	})
	fc := &facetCodes{sets: sets, code: make(map[facetSet]string, len(sets))}
	for i, fs := range sets {
		fc.code[fs] = strconv.FormatInt(int64(i), 36)
	}
	return fc
}

// term is the facets field's term for e.
func (fc *facetCodes) term(e *errdex.Entry) string { return fc.code[facetsOf(e)] }

// count adds n matches of the combination named by term to counts.
func (fc *facetCodes) count(counts map[errdex.Facet]map[string]int, term string, n int) {
	i, err := strconv.ParseInt(term, 36, 64)
	if err != nil || i < 0 || int(i) >= len(fc.sets) {
		return
	}
	fs := fc.sets[i]
	counts[errdex.FacetSystem][fs.system] += n
	counts[errdex.FacetRetryable][fs.retryable] += n
	if fs.status != "" {
		counts[errdex.FacetHTTPStatus][fs.status] += n
	}
	if fs.typ != "" {
		counts[errdex.FacetType][fs.typ] += n
	}
}

// newFacetCounts has every facet, with no value counted yet.
func newFacetCounts() map[errdex.Facet]map[string]int {
	m := make(map[errdex.Facet]map[string]int, len(errdex.Facets))
	for _, f := range errdex.Facets {
		m[f] = map[string]int{}
	}
	return m
}
