package search_test

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// editedCatalog is the built-in catalog with one sentence of
// INSUFFICIENT_BALANCE's summary reworded, as a good edit would.
func editedCatalog(t *testing.T, from, to string) *errdex.Catalog {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(errdex.BuiltinFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(errdex.BuiltinFS(), path)
		if err != nil {
			return err
		}
		if path == "kmsg.yaml" {
			if !strings.Contains(string(b), from) {
				return fmt.Errorf("kmsg.yaml holds no %q", from)
			}
			b = []byte(strings.Replace(string(b), from, to, 1))
		}
		files[path] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := errdex.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// answers renders what matters of each query's response: the entries in
// order, their confidence and snippets.
func answers(t *testing.T, ix *search.Index, queries []string) []string {
	t.Helper()
	var out []string
	for _, q := range queries {
		for _, lang := range []errdex.Lang{errdex.English, errdex.Korean} {
			resp, err := ix.Search(context.Background(), search.Request{Query: q, Lang: lang, Limit: 5})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			s := fmt.Sprintf("%q %s: %v total %d", q, lang, resp.Answer, resp.Total)
			for _, r := range resp.Results {
				s += fmt.Sprintf(" | %s %s %s", r.Entry.ID(), r.Confidence, r.Snippet)
			}
			out = append(out, s)
		}
	}
	return out
}

// TestSharedAnalysisCache: an index sharing the analysis cache of one built
// from another catalog answers exactly as one with a cache of its own, the
// edited text's snippets included. The cache holds analyses of texts, not
// of entries: an entry whose text changed is analyzed again.
func TestSharedAnalysisCache(t *testing.T) {
	const from, to = "prepaid balance or points", "prepaid wallet or points"
	queries := []string{"prepaid balance", "prepaid wallet", "insufficient balance", "잔액 부족",
		"KMsgError INSUFFICIENT_BALANCE: not enough balance", "invalid api key", "4019", "템플릿"}
	before, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	after := editedCatalog(t, from, to)

	shared := search.NewAnalysisCache()
	old, err := search.New(context.Background(), before, search.Options{Analyses: shared})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	answers(t, old, queries) // fills the cache with the old texts

	next, err := search.New(context.Background(), after, search.Options{Analyses: shared})
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	own, err := search.New(context.Background(), after, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()

	got, want := answers(t, next, queries), answers(t, own, queries)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("with the shared cache:\n  %s\nwith its own:\n  %s", got[i], want[i])
		}
	}
	// The edit shows: the new word is marked in the new index's snippet.
	if !strings.Contains(strings.Join(got, "\n"), "<mark>wallet</mark>") {
		t.Errorf("no snippet marks the edited word:\n%s", strings.Join(got, "\n"))
	}
}
