package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
)

// facetFilters are the faceted rows of errdex.Filters, in their order.
var facetFilters = func() []errdex.Filter {
	var out []errdex.Filter
	for _, f := range errdex.Filters {
		if f.Faceted {
			out = append(out, f)
		}
	}
	return out
}()

// facetsOf is an entry's values of the faceted filters, in their order:
// one combination.
func facetsOf(e *errdex.Entry) []string {
	vs := make([]string, len(facetFilters))
	for i, f := range facetFilters {
		vs[i] = f.Of(e)
	}
	return vs
}

// facetCodes numbers the facet combinations a catalog holds, so that each
// entry carries one short term in the facets field instead of one long
// one per facet ("system:mailrelay", "http_status:429"...). Counting
// facets reads every match's doc values, and on a large catalog decoding
// them was a quarter of a query's time; a combination's count is then
// split into its values. The numbering depends only on the catalog, so an
// index kept on disk for the same catalog agrees with it.
type facetCodes struct {
	sets [][]string        // by number
	code map[string]string // the indexed term of each set, by its key
	num  map[string]int    // the number of each set, by its key
}

func setKey(vs []string) string { return strings.Join(vs, "\x00") }

func newFacetCodes(cat *errdex.Catalog) *facetCodes {
	seen := map[string]bool{}
	var sets [][]string
	for _, e := range cat.Entries() {
		vs := facetsOf(e)
		if k := setKey(vs); !seen[k] {
			seen[k] = true
			sets = append(sets, vs)
		}
	}
	slices.SortFunc(sets, slices.Compare[[]string])
	fc := &facetCodes{sets: sets, code: make(map[string]string, len(sets)), num: make(map[string]int, len(sets))}
	for i, vs := range sets {
		fc.code[setKey(vs)] = strconv.FormatInt(int64(i), 36)
		fc.num[setKey(vs)] = i
	}
	return fc
}

// term is the facets field's term for e.
func (fc *facetCodes) term(e *errdex.Entry) string { return fc.code[setKey(facetsOf(e))] }

// number is the number of e's combination, whose term is term(e).
func (fc *facetCodes) number(e *errdex.Entry) int { return fc.num[setKey(facetsOf(e))] }

// countSets splits counts of matches by combination number into counts
// per facet value.
func (fc *facetCodes) countSets(counts map[errdex.Facet]map[string]int, bySet []int) {
	for i, n := range bySet {
		if n == 0 || i >= len(fc.sets) {
			continue
		}
		for j, v := range fc.sets[i] {
			if v != "" {
				counts[facetFilters[j].Facet][v] += n
			}
		}
	}
}

// newFacetCounts has every facet, with no value counted yet.
func newFacetCounts() map[errdex.Facet]map[string]int {
	m := make(map[errdex.Facet]map[string]int, len(facetFilters))
	for _, f := range facetFilters {
		m[f.Facet] = map[string]int{}
	}
	return m
}
