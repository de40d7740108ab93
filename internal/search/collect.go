package search

import (
	"container/heap"
	"context"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// hit is one entry a search matched, with its score.
type hit struct {
	id    string
	score float64
}

// collected is what a search found: the page asked for, how many entries
// matched, and how many of them hold each facet combination (by number).
type collected struct {
	hits   []hit
	total  int
	facets []int
}

// collect runs q and keeps the page of size hits after skip, of the
// matches pass passes (all when pass is nil), ordered as
// Bleve orders SortBy("-_score", "_id"), with every match counted and its
// facet combination counted, as bleve.Index.SearchInContext with that
// sort and a terms facet on the facets field does. The searchers are
// Bleve's, built as SearchInContext builds them (the scoring model's
// callback, the term searchers' counter); what is left out is Bleve's
// collector, which for every match read the facets field's doc values and
// the entry's id, each from the segment, built a pool of matches sized for
// sorting on two fields, and, for a search matching one code, cost more
// than the searchers did. Here a match's id is read once and its facet
// combination taken from the entry (facetSet), which the facets field was
// indexed from.
func (ix *Index) collect(ctx context.Context, q query.Query, pass func(id string) bool, size, skip int) (*collected, error) {
	if ix.closed.Load() {
		return nil, bleve.ErrorIndexClosed
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	m := ix.bi.Mapping()
	ctx = searchContext(ctx, m)
	// The matches the searchers pass around come from a pool kept from
	// search to search: Bleve's collector allocated one for every search,
	// sized for all the searchers' matches at once (a tenth of the bytes a
	// pasted query allocated). A match taken is put back before the next
	// search can take the pool (after the searchers are closed).
	pool := matchPools.Get().(*search.DocumentMatchPool)
	defer matchPools.Put(pool)
	s, err := q.Searcher(ctx, reader, m, search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer s.Close()

	keep := size + skip
	sctx := &search.SearchContext{DocumentMatchPool: pool, IndexReader: reader}
	out := &collected{facets: make([]int, len(ix.facets.sets))}
	best := &worstFirst{}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dm, err := s.Next(sctx)
	for n := uint64(0); err == nil && dm != nil; n++ {
		if n%collector.CheckDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var id string
		if id, err = reader.ExternalID(dm.IndexInternalID); err != nil {
			break
		}
		if pass != nil && !pass(id) {
			sctx.DocumentMatchPool.Put(dm)
			dm, err = s.Next(sctx)
			continue
		}
		out.total++
		if f, ok := ix.facetSet[id]; ok {
			out.facets[f]++
		}
		best.offer(hit{id: id, score: dm.Score}, keep)
		sctx.DocumentMatchPool.Put(dm)
		dm, err = s.Next(sctx)
	}
	if err != nil {
		return nil, err
	}
	hits := []hit(*best)
	slices.SortFunc(hits, func(a, b hit) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	if skip < len(hits) {
		out.hits = hits[skip:]
	}
	return out, nil
}

// searchContext is ctx with what Bleve's SearchInContext adds before it
// builds searchers: the mapping's scoring model and a counter of term
// searchers.
func searchContext(ctx context.Context, m mapping.IndexMapping) context.Context {
	model := index.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel == index.BM25Scoring {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return model }))
	return search.ContextWithTermSearchersCounter(ctx)
}

// offer keeps h if it is among the keep best so far.
func (h *worstFirst) offer(x hit, keep int) {
	switch {
	case len(*h) < keep:
		heap.Push(h, x)
	case keep > 0 && better(x, (*h)[0]):
		(*h)[0] = x
		heap.Fix(h, 0)
	}
}

// matchPools hold pools of matches for collect; a pool grows to what the
// searches using it needed at once (Bleve's pool allocates a match when it
// has none left) and drops what a search kept.
var matchPools = sync.Pool{New: func() any { return search.NewDocumentMatchPool(0, 0) }}

// better reports whether a ranks before b: a higher score, or the same
// score and a lesser id.
func better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.id < b.id
}

// worstFirst is a heap of hits whose root ranks last.
type worstFirst []hit

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return better(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(hit)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
