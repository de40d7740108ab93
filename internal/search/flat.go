package search

import (
	"context"
	"encoding/binary"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// flatQuery matches what its disjunction tree q matches (disjunctions of
// disjunctions, term and match queries: one word's clauses, textQuery),
// with the scores Bleve gives q to the last bit, but through one searcher.
// Bleve runs a searcher per disjunction, each keeping a match per clause
// and copying them up a level per entry matched: for one word's four to
// eight terms, three levels of them, and the collector sizes its pool of
// matches by all of them (a fifth of what a pasted query allocated). Here
// the terms' searchers are Bleve's own; only the disjunctions are
// evaluated in place, each as Bleve scores one: the sum of the scores of
// its clauses that matched, in the order Bleve sorts its clauses, times
// the share of its clauses matched, where at least min matched.
type flatQuery struct {
	q query.Query
}

var _ query.Query = (*flatQuery)(nil)

// flat wraps q in a flatQuery when it is a disjunction.
func flat(q query.Query) query.Query {
	if _, ok := q.(*query.DisjunctionQuery); ok {
		return &flatQuery{q: q}
	}
	return q
}

// flatNode is a disjunction of the tree; its clauses are positions in the
// flat searcher's values, leaves first, then nodes.
type flatNode struct {
	kids []int
	min  int
}

type flatBuilder struct {
	ctx     context.Context
	ir      index.IndexReader
	m       mapping.IndexMapping
	options search.SearcherOptions
	leaves  []search.Searcher
	nodes   []flatNode
	// counts and weights of leaves, and of nodes, by reference.
	leafCounts, nodeCounts   []uint64
	leafWeights, nodeWeights []float64
	// kids holds every node's clauses; sorter orders one node's.
	kids   []int
	sorter byCount
	// same are the leaves clauses may share (term).
	same map[leafKey]int
}

// newFlatBuilder makes a builder with room for a word's or a short
// text's tree.
func newFlatBuilder(ctx context.Context, ir index.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) *flatBuilder {
	b := &flatBuilder{ctx: ctx, ir: ir, m: m, options: options,
		leaves: make([]search.Searcher, 0, 16), nodes: make([]flatNode, 0, 8),
		leafCounts: make([]uint64, 0, 16), leafWeights: make([]float64, 0, 16),
		nodeCounts: make([]uint64, 0, 8), nodeWeights: make([]float64, 0, 8),
		kids: make([]int, 0, 32)}
	b.sorter.b = b
	return b
}

func (b *flatBuilder) count(ref int) uint64 {
	if ref >= nodeRef {
		return b.nodeCounts[ref-nodeRef]
	}
	return b.leafCounts[ref]
}

func (b *flatBuilder) weight(ref int) float64 {
	if ref >= nodeRef {
		return b.nodeWeights[ref-nodeRef]
	}
	return b.leafWeights[ref]
}

// nodeRef marks a node's position as a value: nodes are numbered after
// every leaf, which are not all known while the tree is built.
const nodeRef = 1 << 20

func (q *flatQuery) Searcher(ctx context.Context, ir index.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	b := newFlatBuilder(ctx, ir, m, options)
	root, err := b.add(q.q)
	if err != nil {
		for _, s := range b.leaves {
			_ = s.Close()
		}
		return nil, err
	}
	if root < nodeRef {
		// One leaf: its own searcher, as Bleve's would be.
		return b.leaves[root], nil
	}
	return b.finish(root, nil), nil
}

// add adds q to the tree and returns its reference: a leaf's position, or
// nodeRef plus a node's.
func (b *flatBuilder) add(q query.Query) (int, error) {
	switch x := q.(type) {
	case *flatQuery:
		return b.add(x.q)
	case *query.TermQuery:
		if x.FieldVal != "" {
			return b.term(x.Term, x.FieldVal, x.BoostVal.Value())
		}
	case *query.DocIDQuery:
		return b.docIDs(x)
	case *query.DisjunctionQuery:
		if i, ok, err := b.disjunction(x); ok || err != nil {
			return i, err
		}
	case *query.MatchQuery:
		if i, ok, err := b.match(x); ok || err != nil {
			return i, err
		}
	}
	return b.leaf(q.Searcher(b.ctx, b.ir, b.m, b.options))
}

// docIDs returns the leaf of a DocIDQuery, made once per tree: two
// signatures of one entry are two such queries alike.
func (b *flatBuilder) docIDs(x *query.DocIDQuery) (int, error) {
	k := leafKey{field: "\x00id", term: strings.Join(x.IDs, "\x00"), boost: x.BoostVal.Value()}
	if i, ok := b.same[k]; ok {
		return i, nil
	}
	i, err := b.leaf(x.Searcher(b.ctx, b.ir, b.m, b.options))
	if err == nil {
		b.remember(k, i)
	}
	return i, err
}

// disjunction evaluates a disjunction in place; it is not ok for one of
// more clauses than Bleve's slice searcher takes: Bleve's heap searcher
// orders its clauses' scores otherwise, so such a disjunction is a leaf,
// Bleve's own.
func (b *flatBuilder) disjunction(x *query.DisjunctionQuery) (int, bool, error) {
	if len(x.Disjuncts) == 0 || len(x.Disjuncts) > searcher.DisjunctionHeapTakeover {
		return 0, false, nil
	}
	var local [16]int
	kids := local[:0]
	for _, d := range x.Disjuncts {
		k, err := b.add(d)
		if err != nil {
			return 0, false, err
		}
		kids = append(kids, k)
	}
	return b.node(kids, int(x.Min)), true, nil
}

// match evaluates a match query as MatchQuery.Searcher does, a disjunction
// (at least one) of the analyzed terms, each with the query's boost; it is
// not ok for a fuzzy, AND or custom-analyzer match, or one of more terms
// than the slice searcher takes.
func (b *flatBuilder) match(x *query.MatchQuery) (int, bool, error) {
	if x.Fuzziness != 0 || x.Operator != query.MatchQueryOperatorOr || x.Analyzer != "" || x.FieldVal == "" {
		return 0, false, nil
	}
	analyzer := b.m.AnalyzerNamed(b.m.AnalyzerNameForPath(x.FieldVal))
	if analyzer == nil {
		return 0, false, nil
	}
	tokens := analyzer.Analyze([]byte(x.Match))
	if len(tokens) == 0 {
		i, err := b.leaf(searcher.NewMatchNoneSearcher(b.ir))
		return i, true, err
	}
	if len(tokens) > searcher.DisjunctionHeapTakeover {
		return 0, false, nil
	}
	var local [16]int
	kids := local[:0]
	for _, t := range tokens {
		k, err := b.term(string(t.Term), x.FieldVal, x.BoostVal.Value())
		if err != nil {
			return 0, false, err
		}
		kids = append(kids, k)
	}
	return b.node(kids, 1), true, nil
}

// leafKey names a leaf that two clauses of a tree may share: a term of a
// field with its boost (TermQuery.Searcher's arguments), or the entries
// of a DocIDQuery.
type leafKey struct {
	field, term string
	boost       float64
}

// term returns the leaf of term in field with boost, made once per tree:
// a term asked twice (two words of one stem, "domain" and "domains"; a
// synonym that is another word of the text) is two of Bleve's searchers
// that match and score alike. One searcher that both clauses refer to
// counts, weighs and scores as the two do.
func (b *flatBuilder) term(term, field string, boost float64) (int, error) {
	k := leafKey{field: field, term: term, boost: boost}
	if i, ok := b.same[k]; ok {
		return i, nil
	}
	i, err := b.leaf(searcher.NewTermSearcher(b.ctx, b.ir, term, field, boost, b.options))
	if err == nil {
		b.remember(k, i)
	}
	return i, err
}

func (b *flatBuilder) remember(k leafKey, i int) {
	if b.same == nil {
		b.same = make(map[leafKey]int, 16)
	}
	b.same[k] = i
}

func (b *flatBuilder) leaf(s search.Searcher, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	i := len(b.leaves)
	b.leaves = append(b.leaves, s)
	b.leafCounts = append(b.leafCounts, s.Count())
	b.leafWeights = append(b.leafWeights, s.Weight())
	return i, nil
}

// node adds a disjunction of kids, ordered as Bleve orders a
// disjunction's searchers (by count, with sort.Sort: the same comparisons
// make the same order), with its count and weight summed in that order.
func (b *flatBuilder) node(kids []int, min int) int {
	// The clauses are kept in one slice for the whole tree.
	start := len(b.kids)
	b.kids = append(b.kids, kids...)
	kids = b.kids[start:len(b.kids):len(b.kids)]
	b.sorter.kids = kids
	sort.Sort(&b.sorter)
	var count uint64
	var weight float64
	for _, k := range kids {
		count += b.count(k)
		weight += b.weight(k)
	}
	ref := nodeRef + len(b.nodes)
	b.nodes = append(b.nodes, flatNode{kids: kids, min: min})
	b.nodeCounts = append(b.nodeCounts, count)
	b.nodeWeights = append(b.nodeWeights, weight)
	return ref
}

type byCount struct {
	kids []int
	b    *flatBuilder
}

func (s *byCount) Len() int           { return len(s.kids) }
func (s *byCount) Less(i, j int) bool { return s.b.count(s.kids[i]) < s.b.count(s.kids[j]) }
func (s *byCount) Swap(i, j int)      { s.kids[i], s.kids[j] = s.kids[j], s.kids[i] }

// finish makes the searcher of the tree whose root is root, its nodes'
// clauses renumbered as positions in its values (leaves, then nodes).
func (b *flatBuilder) finish(root int, words *flatWords) *flatSearcher {
	nl := len(b.leaves)
	at := func(ref int) int {
		if ref >= nodeRef {
			return nl + ref - nodeRef
		}
		return ref
	}
	for i := range b.nodes {
		for j, k := range b.nodes[i].kids {
			b.nodes[i].kids[j] = at(k)
		}
	}
	n := nl + len(b.nodes)
	weight := b.weight(root)
	count := b.count(root)
	if words != nil {
		// The every-word clause's weight and count, summed in its order,
		// added to the "any word" clause's (wordsSearcher.Weight, Count).
		var all float64
		for i, k := range words.all {
			all += b.weight(k)
			count += b.count(k)
			words.all[i] = at(k)
		}
		weight += all
	}
	s := &flatSearcher{
		words:   words,
		leaves:  b.leaves,
		nodes:   b.nodes,
		currs:   make([]*search.DocumentMatch, nl),
		matched: make([]bool, n),
		scores:  make([]float64, n),
		root:    at(root),
		count:   count,
		weight:  weight,
	}
	// As the outermost disjunction's constructor does: the query norm of
	// the whole, told to every term (a parent's, when there is one,
	// replaces it).
	s.SetQueryNorm(1 / math.Sqrt(s.weight))
	return s
}

// flatSearcher searches a flatQuery. Its nodes are in the order they were
// added, each after its clauses, so one pass scores them all.
type flatSearcher struct {
	// words, when set, makes the root a wordsQuery's "any word"
	// disjunction, whose matches the every-word bonus then scores.
	words       *flatWords
	leaves      []search.Searcher
	nodes       []flatNode
	currs       []*search.DocumentMatch
	keys        []uint64 // the currs' ids as numbers (set)
	slow        bool
	matched     []bool
	scores      []float64
	root        int
	count       uint64
	weight      float64
	initialized bool
}

func (s *flatSearcher) init(ctx *search.SearchContext) error {
	s.keys = make([]uint64, len(s.leaves))
	for i, l := range s.leaves {
		dm, err := l.Next(ctx)
		if err != nil {
			return err
		}
		s.set(i, dm)
	}
	s.initialized = true
	return nil
}

// noMatch is the key of a leaf that has no match left.
const noMatch = math.MaxUint64

// set makes dm leaf i's current match. Scorch numbers an index's
// documents with 8-byte big-endian ids, compared as numbers; any other id
// turns the comparisons back to bytes (slow).
func (s *flatSearcher) set(i int, dm *search.DocumentMatch) {
	s.currs[i] = dm
	switch {
	case dm == nil:
		s.keys[i] = noMatch
	case len(dm.IndexInternalID) == 8:
		s.keys[i] = binary.BigEndian.Uint64(dm.IndexInternalID)
	default:
		s.slow = true
	}
}

// first marks the leaves whose current match is the first of all, with
// their scores, and returns that match, or nil when none is left.
func (s *flatSearcher) first() *search.DocumentMatch {
	if s.slow {
		var first *search.DocumentMatch
		for _, c := range s.currs {
			if c != nil && (first == nil || c.IndexInternalID.Compare(first.IndexInternalID) < 0) {
				first = c
			}
		}
		for i, c := range s.currs {
			s.matched[i] = first != nil && c != nil && c.IndexInternalID.Equals(first.IndexInternalID)
			if s.matched[i] {
				s.scores[i] = c.Score
			}
		}
		return first
	}
	at := -1
	min := uint64(noMatch)
	for i, k := range s.keys {
		if k < min {
			min, at = k, i
		}
	}
	if at < 0 {
		for i := range s.keys {
			s.matched[i] = false
		}
		return nil
	}
	for i, k := range s.keys {
		s.matched[i] = k == min
		if k == min {
			s.scores[i] = s.currs[i].Score
		}
	}
	return s.currs[at]
}

// next returns the first entry at or after the leaves' current matches
// that the root matches, with its score, and moves the leaves past it.
func (s *flatSearcher) next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	nl := len(s.leaves)
	for {
		first := s.first()
		if first == nil {
			return nil, nil
		}
		for i, nd := range s.nodes {
			v := nl + i
			m, sum := 0, 0.0
			for _, k := range nd.kids {
				if s.matched[k] {
					sum += s.scores[k]
					m++
				}
			}
			s.matched[v] = m > 0 && m >= nd.min
			if s.matched[v] {
				s.scores[v] = sum * (float64(m) / float64(len(nd.kids)))
			}
		}
		var rv *search.DocumentMatch
		if s.matched[s.root] {
			score, ok := s.scores[s.root], true
			if s.words != nil {
				score, ok = s.words.score(s, score)
			}
			if ok {
				rv = first
				rv.Score = score
			}
		}
		for i := range nl {
			if !s.matched[i] {
				continue
			}
			if s.currs[i] != rv {
				ctx.DocumentMatchPool.Put(s.currs[i])
			}
			dm, err := s.leaves[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			s.set(i, dm)
		}
		if rv != nil {
			return rv, nil
		}
	}
}

func (s *flatSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	return s.next(ctx)
}

func (s *flatSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for i, l := range s.leaves {
		if c := s.currs[i]; c != nil {
			if c.IndexInternalID.Compare(id) >= 0 {
				continue
			}
			ctx.DocumentMatchPool.Put(c)
		}
		dm, err := l.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.set(i, dm)
	}
	return s.next(ctx)
}

func (s *flatSearcher) Close() error {
	var err error
	for _, l := range s.leaves {
		if e := l.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

func (s *flatSearcher) Weight() float64 { return s.weight }

func (s *flatSearcher) SetQueryNorm(qnorm float64) {
	for _, l := range s.leaves {
		l.SetQueryNorm(qnorm)
	}
}

func (s *flatSearcher) Count() uint64 { return s.count }

func (s *flatSearcher) Min() int { return s.nodes[s.root-len(s.leaves)].min }

func (s *flatSearcher) Size() int {
	n := 0
	for _, l := range s.leaves {
		n += l.Size()
	}
	return n
}

func (s *flatSearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, l := range s.leaves {
		n += l.DocumentMatchPoolSize()
	}
	return n
}

// flatWords is a wordsQuery's every-word clause over a flat tree whose
// root is its "any word" disjunction (the words, each a clause).
type flatWords struct {
	// all are the values of the every-word words, in the order Bleve's
	// conjunction sorts them (by count).
	all []int
	min int
}

// score scores an entry the "any word" disjunction matched with score
// anyScore, as wordsSearcher.next does, or reports that neither clause
// matches it.
func (w *flatWords) score(s *flatSearcher, anyScore float64) (float64, bool) {
	held := 0
	for _, k := range s.nodes[s.root-len(s.leaves)].kids {
		if s.matched[k] {
			held++
		}
	}
	anyWords := held >= w.min
	every, bonus := true, 0.0
	for _, k := range w.all {
		if !s.matched[k] {
			every = false
			break
		}
		bonus += s.scores[k]
	}
	switch {
	case anyWords && every:
		return anyScore + bonus, true
	case anyWords:
		return anyScore * 0.5, true
	case every:
		return bonus * 0.5, true
	}
	return 0, false
}

// flatWordsSearcher builds q's searcher as one flat tree, or reports that
// Bleve's disjunction of its words would be a heap searcher, whose order
// of scores differs.
func (q *wordsQuery) flatSearcher(ctx context.Context, ir index.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, bool, error) {
	if len(q.words) > searcher.DisjunctionHeapTakeover {
		return nil, false, nil
	}
	b := newFlatBuilder(ctx, ir, m, options)
	kids := make([]int, 0, len(q.words))
	for _, w := range q.words {
		k, err := b.add(w)
		if err != nil {
			for _, s := range b.leaves {
				_ = s.Close()
			}
			return nil, true, err
		}
		kids = append(kids, k)
	}
	all := make([]int, len(q.all))
	for i, k := range q.all {
		all[i] = kids[k]
	}
	b.sorter.kids = all
	sort.Sort(&b.sorter)
	// An entry holding every word of all but fewer than min words in all
	// still earns the bonus alone: the disjunction must yield it too.
	root := b.node(kids, min(q.min, len(q.all)))
	return b.finish(root, &flatWords{all: all, min: q.min}), true, nil
}
