package search

import (
	"bytes"
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// wordsQuery matches a query's words: an entry holding at least min of
// them, or every one of those in all, scores as Bleve scores
//
//	Disjunction(Disjunction(words, min), Conjunction(all words))
//
// to the last bit, but each word is searched once. Built from Bleve's own
// queries, the every-word clause searches each word a second time, from
// the dictionary lookups to scoring every entry holding it again: a
// quarter of a typed query's time on the real catalog. Here the "any word"
// disjunction runs over searchers that remember what they matched last,
// and the every-word bonus is the sum of those same words' scores.
type wordsQuery struct {
	words []query.Query
	min   int
	// all are the positions in words of the words every one of which
	// earns the bonus (two or more).
	all []int
}

var _ query.Query = (*wordsQuery)(nil)

func (q *wordsQuery) Searcher(ctx context.Context, ir index.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	if s, ok, err := q.flatSearcher(ctx, ir, m, options); ok {
		return s, err
	}
	recs := make([]*recordingSearcher, len(q.words))
	ss := make([]search.Searcher, len(q.words))
	closeAll := func() {
		for _, s := range ss {
			if s != nil {
				_ = s.Close()
			}
		}
	}
	for i, w := range q.words {
		s, err := w.Searcher(ctx, ir, m, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		recs[i] = &recordingSearcher{Searcher: s}
		ss[i] = recs[i]
	}
	// An entry holding every word of all but fewer than min words in all
	// still earns the bonus alone: the disjunction must yield it too.
	inner := q.min
	if len(q.all) < inner {
		inner = len(q.all)
	}
	// As bleve.DisjunctionQuery does (a context that asks for no score
	// breakdown).
	nctx := context.WithValue(ctx, search.IncludeScoreBreakdownKey, false)
	any, err := searcher.NewDisjunctionSearcher(nctx, ir, ss, float64(inner), options)
	if err != nil {
		closeAll()
		return nil, err
	}
	// The conjunction's order: Bleve sorts a conjunction's searchers by
	// their counts and sums weights and scores in that order.
	all := make(recordList, len(q.all))
	for i, k := range q.all {
		all[i] = recs[k]
	}
	sort.Sort(all)
	s := &wordsSearcher{any: any, recs: recs, all: all, min: q.min}
	// As the outer disjunction's constructor does: the query norm of the
	// whole, told to every word (a parent's, when there is one, replaces
	// it).
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// recordList orders searchers as searcher.OrderedSearcherList does.
type recordList []*recordingSearcher

func (l recordList) Len() int           { return len(l) }
func (l recordList) Less(i, j int) bool { return l[i].Count() < l[j].Count() }
func (l recordList) Swap(i, j int)      { l[i], l[j] = l[j], l[i] }

// recordingSearcher remembers the last two matches its searcher gave
// (document and score): a disjunction moves the searchers that matched a
// document on before it returns that document, so the match is the one
// before the current one.
type recordingSearcher struct {
	search.Searcher
	ids    [2][]byte
	scores [2]float64
	last   int
}

func (r *recordingSearcher) record(dm *search.DocumentMatch) {
	if dm == nil {
		return
	}
	r.last ^= 1
	r.ids[r.last] = append(r.ids[r.last][:0], dm.IndexInternalID...)
	r.scores[r.last] = dm.Score
}

func (r *recordingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := r.Searcher.Next(ctx)
	r.record(dm)
	return dm, err
}

func (r *recordingSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := r.Searcher.Advance(ctx, id)
	r.record(dm)
	return dm, err
}

// scoreFor returns the score of the searcher's match of id, if it matched.
func (r *recordingSearcher) scoreFor(id []byte) (float64, bool) {
	for _, k := range [2]int{r.last, r.last ^ 1} {
		if r.ids[k] != nil && bytes.Equal(r.ids[k], id) {
			return r.scores[k], true
		}
	}
	return 0, false
}

// wordsSearcher searches a wordsQuery.
type wordsSearcher struct {
	any  search.Searcher
	recs []*recordingSearcher
	all  recordList
	min  int
}

// next scores what the disjunction yields, skipping what neither clause
// matches.
func (s *wordsSearcher) next(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for dm != nil && err == nil {
		held := 0
		for _, r := range s.recs {
			if _, ok := r.scoreFor(dm.IndexInternalID); ok {
				held++
			}
		}
		anyWords := held >= s.min
		every, bonus := true, 0.0
		for _, r := range s.all {
			sc, ok := r.scoreFor(dm.IndexInternalID)
			if !ok {
				every = false
				break
			}
			bonus += sc
		}
		// A disjunction of the two clauses: the sum of those matched,
		// times the share of the two matched.
		switch {
		case anyWords && every:
			dm.Score += bonus
			return dm, nil
		case anyWords:
			dm.Score *= 0.5
			return dm, nil
		case every:
			dm.Score = bonus * 0.5
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
		dm, err = s.any.Next(ctx)
	}
	return dm, err
}

func (s *wordsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.any.Next(ctx)
	return s.next(ctx, dm, err)
}

func (s *wordsSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.any.Advance(ctx, id)
	return s.next(ctx, dm, err)
}

func (s *wordsSearcher) Close() error { return s.any.Close() }

// Weight is the outer disjunction's: the "any word" clause's, plus the
// every-word clause's, summed in the conjunction's order.
func (s *wordsSearcher) Weight() float64 {
	var all float64
	for _, r := range s.all {
		all += r.Weight()
	}
	return s.any.Weight() + all
}

func (s *wordsSearcher) SetQueryNorm(qnorm float64) { s.any.SetQueryNorm(qnorm) }

// Count is the outer disjunction's: both clauses' counts.
func (s *wordsSearcher) Count() uint64 {
	n := s.any.Count()
	for _, r := range s.all {
		n += r.Count()
	}
	return n
}

func (s *wordsSearcher) Min() int  { return 0 }
func (s *wordsSearcher) Size() int { return s.any.Size() }

func (s *wordsSearcher) DocumentMatchPoolSize() int {
	return 2 + s.any.DocumentMatchPoolSize()
}
