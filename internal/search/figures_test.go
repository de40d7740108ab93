package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/errdex/errdex"
)

// figureCase is a text with the entries that answer it, or none (noise).
type figureCase struct {
	Q      string   `yaml:"q"`
	Expect []string `yaml:"expect"`
	Noise  bool     `yaml:"noise"`
}

// right reports whether e answers c.
func (c figureCase) right(e *errdex.Entry) bool {
	return slices.ContainsFunc(c.Expect, func(w string) bool { return e.ID() == w || strings.HasPrefix(e.ID(), w+"/") })
}

// figureCases are the eval sets' cases and the catalog's own examples.
func figureCases(t *testing.T, cat *errdex.Catalog) []figureCase {
	t.Helper()
	var cases []figureCase
	for _, f := range []string{"queries.yaml", "own_queries.yaml", "real.yaml", "noise.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Cases []figureCase `yaml:"cases"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, doc.Cases...)
	}
	for _, e := range cat.Entries() {
		for _, x := range e.Examples {
			cases = append(cases, figureCase{Q: x.Text, Expect: []string{e.ID()}})
		}
	}
	return cases
}

// figures are the measurements of first results found by their words.
type figures struct {
	kinds                    map[string]int
	right, wrong, noise      []float64 // shares of the words held
	rightLeads               []float64 // lead over the best rival holding as many
	rightScores, otherScores []float64 // scores of those holding enough
	claimedWrong             []string
}

// measure judges the first result of one text, searched or identified.
func (f *figures) measure(t *testing.T, ix *Index, c figureCase, pasted bool) {
	req := Request{Query: c.Q, Limit: 10}
	if ix.checkRequest(&req, pasted) != nil {
		return
	}
	resp, err := ix.search(context.Background(), req, pasted)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) == 0 {
		f.kinds["none"]++
		return
	}
	u := ix.understand(c.Q, false, pasted)
	probe := ix.newWordProbe(&u)
	r := resp.Results[0]
	j := ix.judgeOne(&r, 0, &u, probe)
	switch {
	case j.names:
		f.kinds["named"]++
		return
	case j.pointed:
		f.kinds["pointed"]++
		return
	case probe.n == 0:
		f.kinds["no words"]++
		return
	}
	f.kinds["words"]++
	share := float64(j.held) / float64(probe.n)
	isRight := c.right(r.Entry)
	switch {
	case c.Noise:
		f.noise = append(f.noise, share)
	case isRight:
		f.right = append(f.right, share)
	default:
		f.wrong = append(f.wrong, share)
	}
	if !isRight && r.Confidence != errdex.ConfidenceWeak {
		f.claimedWrong = append(f.claimedWrong, c.Q+": "+r.Entry.ID()+" "+string(r.Confidence))
	}
	if !holdsEnough(j, probe.n, likelyMinWords) {
		return
	}
	if !isRight {
		f.otherScores = append(f.otherScores, r.Score)
		return
	}
	f.rightScores = append(f.rightScores, r.Score)
	rival := 0.0
	for i, o := range resp.Results[1:] {
		if oj := ix.judgeOne(&o, i+1, &u, probe); !oj.names && !oj.pointed && holdsEnough(oj, probe.n, likelyMinWords) {
			rival = max(rival, o.Score)
		}
	}
	f.rightLeads = append(f.rightLeads, min(r.Score/max(rival, 1e-9), 99))
}

// TestConfidenceFigures measures, over the eval sets and the catalog's own
// examples, how the first result found by its words alone is supported: the
// share of the searched words its text holds, for right answers, wrong ones
// and texts no entry answers, its lead over rivals and its score.
// docs/search.md reports the figures (run with -v). The test fails when
// likelyShare no longer parts them: it must lie at or below the share of at
// least 85% of the right ones, and at most 2% of the first results found by
// words may be wrong and more than weak.
func TestConfidenceFigures(t *testing.T) {
	ix := builtinTestIndex(t)
	f := &figures{kinds: map[string]int{}}
	for _, c := range figureCases(t, ix.Catalog()) {
		for _, pasted := range []bool{false, true} {
			f.measure(t, ix, c, pasted)
		}
	}
	for _, s := range [][]float64{f.right, f.wrong, f.noise, f.rightLeads, f.rightScores, f.otherScores} {
		slices.Sort(s)
	}
	t.Logf("first results by kind: %v", f.kinds)
	t.Logf("share of words held by a first result found by words: right (%d) %.2f", len(f.right), f.right)
	t.Logf("wrong (%d) %.2f", len(f.wrong), f.wrong)
	t.Logf("noise (%d) %.2f", len(f.noise), f.noise)
	t.Logf("scores of first results holding enough words: right %.3f; wrong or noise %.3f", f.rightScores, f.otherScores)
	t.Logf("lead of a right first result over the best rival holding as many words (99: none): %.2f", f.rightLeads)
	// The target for texts claimed wrongly is 2%; of those found by words,
	// no more may be.
	allowed := (2*f.kinds["words"] + 99) / 100
	for _, w := range f.claimedWrong {
		t.Logf("a wrong first result found by words is not weak: %s", w)
	}
	if len(f.claimedWrong) > allowed {
		t.Errorf("%d wrong first results found by words are not weak, more than 2%% of %d (%d)",
			len(f.claimedWrong), f.kinds["words"], allowed)
	}
	if len(f.right) == 0 {
		t.Fatal("no right answer found by words")
	}
	p15 := f.right[len(f.right)*15/100]
	t.Logf("likelyShare %.2f; 15th percentile of right %.2f", likelyShare, p15)
	if p15 < likelyShare {
		t.Errorf("likelyShare %.2f is above the share of more than 15%% of the right answers (%.2f)", likelyShare, p15)
	}
}
