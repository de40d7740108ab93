package search_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// evalCase is one search-quality case: a query, the entries that count as
// a right answer, and the rank it must be found at or above.
type evalCase struct {
	Q        string   `yaml:"q"`
	Expect   []string `yaml:"expect"`
	Within   int      `yaml:"within"`
	Mentions string   `yaml:"mentions"`
	Lang     string   `yaml:"lang"`
	// Prefix searches as the web UI does while the user types: the last
	// word may be unfinished.
	Prefix bool `yaml:"prefix"`
	// Noise marks a text no entry answers: the answer must be unsure or none.
	Noise bool `yaml:"noise"`
	// Source says where a real-world text comes from.
	Source string `yaml:"source"`
}

func loadCases(t *testing.T, path string) []evalCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var f struct {
		Cases []evalCase `yaml:"cases"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s has no cases", path)
	}
	return f.Cases
}

// publicCasesPath prefers the shared eval file beside the checkout (CI has
// it) and falls back to the copy kept in testdata (a user's clone).
func publicCasesPath() string {
	shared := filepath.Join("..", "..", "..", "shared", "eval", "queries.yaml")
	if _, err := os.Stat(shared); err == nil {
		return shared
	}
	return filepath.Join("testdata", "queries.yaml")
}

// TestQuality runs the public cases and errdex's own, and reports the mean
// reciprocal rank of each set.
func TestQuality(t *testing.T) {
	ix := builtinIndex(t)
	for _, set := range []struct{ name, path string }{
		{"public", publicCasesPath()},
		{"own", filepath.Join("testdata", "own_queries.yaml")},
	} {
		t.Run(set.name, func(t *testing.T) {
			cases := loadCases(t, set.path)
			var rrSum float64
			for _, c := range cases {
				rank := rankOf(t, ix, c)
				if rank > 0 {
					rrSum += 1 / float64(rank)
				}
				t.Run(c.Q, func(t *testing.T) {
					if rank == 0 || rank > c.Within {
						t.Errorf("q=%q: right answer %v at rank %d, want within %d", c.Q, c.Expect, rank, c.Within)
					} else if rank > 1 {
						t.Logf("q=%q: right answer at rank %d (allowed %d)", c.Q, rank, c.Within)
					}
				})
			}
			t.Logf("%s: %d cases, MRR %.3f", set.name, len(cases), rrSum/float64(len(cases)))
		})
	}
}

// rankOf returns the 1-based rank of the first right answer in the top 10,
// or 0 when none is there.
func rankOf(t *testing.T, ix *search.Index, c evalCase) int {
	t.Helper()
	lang := errdex.English
	if c.Lang == "ko" {
		lang = errdex.Korean
	}
	resp, err := ix.Search(context.Background(), search.Request{Query: c.Q, Lang: lang, Limit: 10, Prefix: c.Prefix})
	if err != nil {
		t.Fatalf("Search(%q): %v", c.Q, err)
	}
	for i, r := range resp.Results {
		for _, want := range c.Expect {
			if r.Entry.ID() != want && !strings.HasPrefix(r.Entry.ID(), want+"/") {
				continue
			}
			if c.Mentions != "" && !strings.Contains(strings.ToLower(r.Entry.Title.En+" "+r.Entry.Summary.En),
				strings.ToLower(c.Mentions)) {
				continue
			}
			return i + 1
		}
	}
	return 0
}
