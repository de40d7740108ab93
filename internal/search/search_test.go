package search_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

var (
	builtinOnce sync.Once
	builtinIx   *search.Index
	builtinErr  error
)

// builtinIndex indexes the real catalog once for the package's tests, or
// the catalog directory ERRDEX_TEST_CATALOG names: the eval sets can then
// be run against a catalog being edited.
func builtinIndex(t testing.TB) *search.Index {
	t.Helper()
	builtinOnce.Do(func() {
		cat, err := errdex.Builtin()
		if dir := os.Getenv("ERRDEX_TEST_CATALOG"); dir != "" {
			cat, err = errdex.LoadDir(dir)
		}
		if err != nil {
			builtinErr = err
			return
		}
		builtinIx, builtinErr = search.New(context.Background(), cat, search.Options{})
	})
	if builtinErr != nil {
		t.Fatalf("index the built-in catalog: %v", builtinErr)
	}
	return builtinIx
}

func ids(resp *search.Response) []string {
	out := make([]string, len(resp.Results))
	for i, r := range resp.Results {
		out[i] = r.Entry.ID()
	}
	return out
}

func mustSearch(t *testing.T, ix *search.Index, req search.Request) *search.Response {
	t.Helper()
	resp, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	return resp
}
