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

// TestQuality runs the public cases and errdex's own, and reports the mean
// reciprocal rank of each set.
func TestQuality(t *testing.T) {
	ix := builtinIndex(t)
	for _, set := range []struct{ name, path string }{
		{"public", casesPath("queries.yaml")},
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
	return rankIn(c, ask(t, ix, c, false))
}

// ask runs a case as a search, or as an identify.
func ask(t *testing.T, ix *search.Index, c evalCase, identify bool) *search.Response {
	t.Helper()
	lang := errdex.English
	if c.Lang == "ko" {
		lang = errdex.Korean
	}
	var (
		resp *search.Response
		err  error
	)
	if identify {
		resp, err = ix.Identify(context.Background(), c.Q, lang, 10)
	} else {
		resp, err = ix.Search(context.Background(), search.Request{Query: c.Q, Lang: lang, Limit: 10, Prefix: c.Prefix})
	}
	if err != nil {
		t.Fatalf("%q: %v", c.Q, err)
	}
	return resp
}

// rankIn returns the 1-based rank of the first right answer among resp's
// results, or 0 when none is there.
func rankIn(c evalCase, resp *search.Response) int {
	for i, r := range resp.Results {
		if c.right(r.Entry) {
			return i + 1
		}
	}
	return 0
}

// right reports whether e is a right answer to c.
func (c evalCase) right(e *errdex.Entry) bool {
	for _, want := range c.Expect {
		if e.ID() != want && !strings.HasPrefix(e.ID(), want+"/") {
			continue
		}
		if c.Mentions != "" && !strings.Contains(strings.ToLower(e.Title.En+" "+e.Summary.En),
			strings.ToLower(c.Mentions)) {
			continue
		}
		return true
	}
	return false
}

// casesPath prefers the shared eval file beside the checkout and falls
// back to the copy kept in testdata.
func casesPath(name string) string {
	shared := filepath.Join("..", "..", "..", "shared", "eval", name)
	if _, err := os.Stat(shared); err == nil {
		return shared
	}
	return filepath.Join("testdata", name)
}

// tally counts how one set of cases was answered.
type tally struct {
	cases, right, claimedWrong, claimed, unclaimed int
}

func (t *tally) add(c evalCase, resp *search.Response) (ok bool) {
	t.cases++
	claimed := resp.Answer.Claims()
	if claimed {
		t.claimed++
	} else {
		t.unclaimed++
	}
	if c.Noise {
		return !claimed
	}
	rank := rankIn(c, resp)
	if rank > 0 && rank <= c.Within {
		t.right++
	}
	if claimed && !c.right(resp.Results[0].Entry) {
		t.claimedWrong++
	}
	return rank > 0 && rank <= c.Within
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }

// TestEval runs the real-world texts and the texts no entry answers
// through search and identify: each real text must be answered right
// within its rank and never claimed wrong, and no noise text claimed. It
// logs the figures docs/search.md reports.
func TestEval(t *testing.T) {
	ix := builtinIndex(t)
	for _, set := range []struct{ name, file string }{
		{"real", "real.yaml"}, {"noise", "noise.yaml"}, {"public", "queries.yaml"},
	} {
		cases := loadCases(t, casesPath(set.file))
		for _, identify := range []bool{false, true} {
			kind := "search"
			if identify {
				kind = "identify"
			}
			if set.name == "public" && identify {
				continue // typed queries, not pastes
			}
			var tl tally
			for _, c := range cases {
				resp := ask(t, ix, c, identify)
				if !tl.add(c, resp) {
					t.Errorf("%s %s %.60q: answer %s, results %v", set.name, kind, c.Q, resp.Answer, judged(resp))
				} else if !c.Noise && resp.Answer.Claims() && !c.right(resp.Results[0].Entry) {
					t.Errorf("%s %s %.60q: claimed %s wrongly (%s)", set.name, kind, c.Q, resp.Results[0].Entry.ID(), resp.Answer)
				}
			}
			if set.name == "noise" {
				t.Logf("%s %s: %d cases, unsure/none %.1f%%", set.name, kind, tl.cases, pct(tl.unclaimed, tl.cases))
				continue
			}
			t.Logf("%s %s: %d cases, right within rank %.1f%%, claimed %.1f%%, claimed and wrong %.1f%%",
				set.name, kind, tl.cases, pct(tl.right, tl.cases), pct(tl.claimed, tl.cases), pct(tl.claimedWrong, tl.cases))
		}
	}
}
