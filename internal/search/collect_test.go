package search

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/errdex/errdex"
)

// TestCollectAsBleve checks that collect finds what Bleve's own collector
// finds for the same query, sorted by score then id with a terms facet on
// the facets field: the same page of ids and scores, the same count of
// matches, the same facet counts, for every eval case, searched, typed
// with a prefix and identified, alone and under a filter, on several
// pages.
func TestCollectAsBleve(t *testing.T) {
	texts := evalTexts(t)
	texts = append(texts, "error", "request failed", "the", "카카오")
	ix := builtinTestIndex(t)
	pages := []struct{ limit, offset int }{{10, 0}, {3, 0}, {3, 2}, {1, 7}, {50, 0}}
	compared := 0
	for _, text := range texts {
		for _, pasted := range []bool{false, true} {
			for _, system := range []string{"", "kmsg"} {
				u := ix.understand(text, !pasted, pasted)
				q := ix.buildQuery(&u)
				if fs := filters(&Request{System: system}); len(fs) > 0 {
					q = bleve.NewConjunctionQuery(append([]query.Query{q}, fs...)...)
				}
				for _, p := range pages {
					got, err := ix.collect(context.Background(), q, p.limit, p.offset)
					if err != nil {
						t.Fatalf("%q: %v", text, err)
					}
					want := bleveCollect(t, ix, q, p.limit, p.offset)
					if got.total != want.total || len(got.hits) != len(want.hits) {
						t.Fatalf("%q (system %q, page %v): %d matches, %d hits; Bleve %d, %d", text, system, p, got.total, len(got.hits), want.total, len(want.hits))
					}
					for i := range want.hits {
						if got.hits[i] != want.hits[i] {
							t.Errorf("%q (system %q, page %v): hit %d is %v, Bleve's %v", text, system, p, i, got.hits[i], want.hits[i])
						}
					}
					for i := range want.facets {
						if got.facets[i] != want.facets[i] {
							t.Errorf("%q (system %q, page %v): facet set %d counted %d, by Bleve %d", text, system, p, i, got.facets[i], want.facets[i])
						}
					}
					if want.total > 0 {
						compared++
					}
				}
			}
		}
	}
	if compared < 500 {
		t.Errorf("only %d searches found something: the test tests little", compared)
	}
}

// bleveCollect searches q through Bleve's own collector, as search did
// before collect.
func bleveCollect(t *testing.T, ix *Index, q query.Query, limit, offset int) *collected {
	t.Helper()
	sr := bleve.NewSearchRequestOptions(q, limit, offset, false)
	sr.SortBy([]string{"-_score", "_id"})
	sr.AddFacet(fFacets, bleve.NewFacetRequest(fFacets, max(1, len(ix.facets.sets))))
	res, err := ix.bi.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	out := &collected{total: int(res.Total), facets: make([]int, len(ix.facets.sets))}
	for _, h := range res.Hits {
		out.hits = append(out.hits, hit{id: h.ID, score: h.Score})
	}
	for _, term := range res.Facets[fFacets].Terms.Terms() {
		i, err := strconv.ParseInt(term.Term, 36, 64)
		if err != nil {
			t.Fatal(err)
		}
		out.facets[i] += term.Count
	}
	return out
}

// TestCollectStops checks that collect gives up with the context's error
// once it is done, and that a closed index says so.
func TestCollectStops(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(context.Background(), cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.collect(ctx, bleve.NewMatchAllQuery(), 10, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	ix.Close()
	if _, err := ix.collect(context.Background(), bleve.NewMatchAllQuery(), 10, 0); !errors.Is(err, bleve.ErrorIndexClosed) {
		t.Errorf("closed: %v, want bleve.ErrorIndexClosed", err)
	}
}
