package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"go.yaml.in/yaml/v3"

	"github.com/errdex/errdex"
)

// bleveWords rewrites every wordsQuery of q as the Bleve queries it stands
// for: a disjunction of the "any min words" disjunction and the
// conjunction of the every-word words.
func bleveWords(q query.Query) query.Query {
	switch x := q.(type) {
	case *flatQuery:
		return bleveWords(x.q)
	case *wordsQuery:
		for i, w := range x.words {
			x.words[i] = bleveWords(w)
		}
		anyWords := bleve.NewDisjunctionQuery(x.words...)
		anyWords.SetMin(float64(x.min))
		var all []query.Query
		for _, k := range x.all {
			all = append(all, x.words[k])
		}
		return bleve.NewDisjunctionQuery(anyWords, bleve.NewConjunctionQuery(all...))
	case *query.DisjunctionQuery:
		for i, d := range x.Disjuncts {
			x.Disjuncts[i] = bleveWords(d)
		}
	case *query.ConjunctionQuery:
		for i, c := range x.Conjuncts {
			x.Conjuncts[i] = bleveWords(c)
		}
	case *query.BooleanQuery:
		if x.Must != nil {
			x.Must = bleveWords(x.Must)
		}
		if x.Should != nil {
			x.Should = bleveWords(x.Should)
		}
	}
	return q
}

// TestWordsQueryScoresAsBleve checks that a wordsQuery finds the entries,
// with the scores to the last bit, that the Bleve queries it stands for
// find, for every public and held-out case, alone and under a system
// filter (a conjunction, which advances the searcher), on indexes whose
// documents Bleve numbered in different orders.
func TestWordsQueryScoresAsBleve(t *testing.T) {
	texts := evalTexts(t)
	texts = append(texts, "the request failed with an error", "it is not in the list of the", "error message send failed",
		// one stem twice (a leaf two clauses share), two signatures of one entry
		"[-401] domain mismatched! check out registered web domains.",
		`{"code":"INSUFFICIENT_BALANCE","message":"잔액이 부족합니다","providerErrorCode":"-102"}`)
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	words := 0
	for build := range 3 {
		ix, err := New(context.Background(), cat, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts {
			for _, system := range []string{"", "kmsg"} {
				for _, prefix := range []bool{false, true} {
					u := ix.understand(text, prefix, false)
					got := ix.buildQuery(&u)
					u = ix.understand(text, prefix, false)
					want := bleveWords(ix.buildQuery(&u))
					if build == 0 && system == "" && !prefix && hasWordsQuery(got) {
						words++
					}
					req := Request{System: system}
					g, w := hits(t, ix, got, &req), hits(t, ix, want, &req)
					if len(g) != len(w) {
						t.Fatalf("%q (system %q, prefix %v): %d hits, Bleve's queries %d", text, system, prefix, len(g), len(w))
					}
					for id, s := range w {
						if g[id] != s {
							t.Errorf("%q (system %q, prefix %v): %s scores %v, by Bleve's queries %v", text, system, prefix, id, g[id], s)
						}
					}
				}
			}
		}
		ix.Close()
	}
	if words < 20 {
		t.Errorf("only %d texts made a wordsQuery: the test tests little", words)
	}
}

// evalTexts are the texts of every case of the eval sets in testdata and
// of bench/cmd/evalapi's sets.
func evalTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	api, _ := filepath.Glob(filepath.Join("..", "..", "bench", "testdata", "evalapi", "*.yaml"))
	for _, f := range append(files, api...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			Cases []struct {
				Q string `yaml:"q"`
			} `yaml:"cases"`
		}
		if err := yaml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range set.Cases {
			texts = append(texts, c.Q)
		}
	}
	return texts
}

func hasWordsQuery(q query.Query) bool {
	switch x := q.(type) {
	case *wordsQuery:
		return true
	case *query.DisjunctionQuery:
		for _, d := range x.Disjuncts {
			if hasWordsQuery(d) {
				return true
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range x.Conjuncts {
			if hasWordsQuery(c) {
				return true
			}
		}
	case *query.BooleanQuery:
		return hasWordsQuery(x.Must) || hasWordsQuery(x.Should)
	}
	return false
}

// hits returns every entry q finds, under req's filters, with its score.
func hits(t *testing.T, ix *Index, q query.Query, req *Request) map[string]float64 {
	t.Helper()
	if fs := filters(req); len(fs) > 0 {
		q = bleve.NewConjunctionQuery(append([]query.Query{q}, fs...)...)
	}
	sr := bleve.NewSearchRequestOptions(q, 1000, 0, false)
	res, err := ix.bi.Search(sr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out
}
