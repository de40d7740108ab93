package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/errdex/errdex"
)

// TestConfidenceFigures measures, over the eval sets and the catalog's own
// examples, how the first result found by its words alone is supported: the
// share of the searched words its text holds, for right answers, wrong ones
// and texts no entry answers. docs/search.md reports the figures (run with
// -v). The test fails when likelyShare no longer parts them: it must lie
// at or below the share of at least 85% of the right ones, and no wrong
// or noise first result found by words may be more than weak.
func TestConfidenceFigures(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(context.Background(), cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	type evalCase struct {
		Q      string   `yaml:"q"`
		Expect []string `yaml:"expect"`
		Noise  bool     `yaml:"noise"`
	}
	var cases []evalCase
	for _, f := range []string{"queries.yaml", "own_queries.yaml", "real.yaml", "noise.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Cases []map[string]any `yaml:"cases"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range doc.Cases {
			b, _ := yaml.Marshal(m)
			var c evalCase
			_ = yaml.Unmarshal(b, &c)
			cases = append(cases, c)
		}
	}
	for _, e := range ix.cat.Entries() {
		for _, x := range e.Examples {
			cases = append(cases, evalCase{Q: x.Text, Expect: []string{e.ID()}})
		}
	}
	var right, wrong, noise, rightLeads []float64
	var rightScores, otherScores []float64
	kinds := map[string]int{}
	for _, c := range cases {
		for _, pasted := range []bool{false, true} {
			req := Request{Query: c.Q, Limit: 10}
			if ix.checkRequest(&req, pasted) != nil {
				continue
			}
			resp, err := ix.search(context.Background(), req, pasted)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Results) == 0 {
				kinds["none"]++
				continue
			}
			u := ix.understand(c.Q, false, pasted)
			probe := ix.newWordProbe(&u)
			r := resp.Results[0]
			j := ix.judgeOne(&r, 0, &u, probe)
			switch {
			case j.names:
				kinds["named"]++
				continue
			case j.pointed:
				kinds["pointed"]++
				continue
			case probe.n == 0:
				kinds["no words"]++
				continue
			}
			kinds["words"]++
			share := float64(j.held) / float64(probe.n)
			// The lead over the best rival that holds as many words.
			lead := 0.0
			if holdsEnough(j, probe.n) {
				rival := 0.0
				for _, o := range resp.Results[1:] {
					if oj := ix.judgeOne(&o, 1, &u, probe); !oj.names && !oj.pointed && holdsEnough(oj, probe.n) {
						rival = max(rival, o.Score)
					}
				}
				lead = r.Score / max(rival, 1e-9)
			}
			isRight := slices.ContainsFunc(c.Expect, func(w string) bool { return r.Entry.ID() == w || strings.HasPrefix(r.Entry.ID(), w+"/") })
			switch {
			case c.Noise:
				noise = append(noise, share)
			case isRight:
				right = append(right, share)
				if share >= likelyShare {
					rightScores = append(rightScores, r.Score)
				}
				if lead > 0 {
					rightLeads = append(rightLeads, min(lead, 99))
				}
			default:
				wrong = append(wrong, share)
			}
			if !isRight && share >= likelyShare {
				otherScores = append(otherScores, r.Score)
			}
			if !isRight && r.Confidence != errdex.ConfidenceWeak {
				t.Errorf("%.50q: %s first with %.2f of the words held, and %s", c.Q, r.Entry.ID(), share, r.Confidence)
			}
		}
	}
	slices.Sort(right)
	slices.Sort(wrong)
	slices.Sort(noise)
	slices.Sort(rightLeads)
	slices.Sort(rightScores)
	slices.Sort(otherScores)
	t.Logf("first results by kind: %v", kinds)
	t.Logf("share of words held by a first result found by words: right (%d) %v", len(right), right)
	t.Logf("wrong (%d) %v", len(wrong), wrong)
	t.Logf("noise (%d) %v", len(noise), noise)
	t.Logf("scores of first results holding enough words: right %.3f; wrong or noise %.3f", rightScores, otherScores)
	t.Logf("lead of a right first result over the best rival holding as many words (99: none): %.2f", rightLeads)
	if len(right) == 0 {
		t.Fatal("no right answer found by words")
	}
	p15 := right[len(right)*15/100]
	t.Logf("likelyShare %.2f; 15th percentile of right %.2f", likelyShare, p15)
	if p15 < likelyShare {
		t.Errorf("likelyShare %.2f is above the share of more than 15%% of the right answers (%.2f)", likelyShare, p15)
	}
}
