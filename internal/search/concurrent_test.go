package search_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/errdex/errdex/internal/search"
)

// TestConcurrentSearchesAgree runs the benchmark queries from several
// goroutines at once on one index, whose caches (analyzed words, entry
// term sets, entry texts) they share, and checks each answer against the
// same query asked alone. Under -race it also checks the caches for data
// races.
func TestConcurrentSearchesAgree(t *testing.T) {
	ix := builtinIndex(t)
	var reqs []search.Request
	for _, qs := range realQueries {
		for _, q := range qs {
			reqs = append(reqs, search.Request{Query: q.text, Lang: q.lang, Prefix: q.prefix, Limit: 10})
		}
	}
	answer := func(req search.Request) string {
		resp, err := ix.Search(context.Background(), req)
		if err != nil {
			return "error: " + err.Error()
		}
		s := fmt.Sprint(resp.Total, resp.Answer)
		for _, r := range resp.Results {
			s += fmt.Sprintf(" %s:%v:%s:%s", r.Entry.ID(), r.Score, r.Confidence, r.Snippet)
		}
		return s
	}
	want := make([]string, len(reqs))
	for i, req := range reqs {
		want[i] = answer(req)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 3 * len(reqs) {
				i := (k + g*7) % len(reqs)
				if got := answer(reqs[i]); got != want[i] {
					t.Errorf("%q asked alongside others: %s, alone: %s", reqs[i].Query, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
