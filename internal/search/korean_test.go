package search

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/errdex/errdex"
)

func koAnalyze(t *testing.T, text string) []string {
	t.Helper()
	im, err := buildIndexMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed(analyzerKorean)
	if a == nil {
		t.Fatal("korean analyzer not registered")
	}
	var terms []string
	for _, tok := range a.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
	}
	return terms
}

func TestKoreanAnalyzerStemsAndBigrams(t *testing.T) {
	tests := []struct {
		text string
		want []string // terms that must be among the tokens
	}{
		{"잔액이 부족하여", []string{"잔액", "부족"}},
		{"잔액이 부족해요", []string{"잔액", "부족"}},
		{"템플릿을 찾을 수 없습니다", []string{"템플릿", "템플", "플릿", "없"}},
		{"네트워크연결이 끊김", []string{"연결", "끊김"}},
		{"공유 URL이 잘못됨", []string{"공유", "url", "잘못"}},
		{"API 키", []string{"api", "키"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := koAnalyze(t, tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("analyze(%q) = %q, want it to contain %q", tt.text, got, w)
				}
			}
		})
	}
}

func TestKoreanAnalyzerLeavesEndingsOut(t *testing.T) {
	got := koAnalyze(t, "금지되었어요")
	for _, noise := range []string{"되었", "었어", "어요", "금지되었어요"} {
		if slices.Contains(got, noise) {
			t.Errorf("analyze(금지되었어요) = %q, want no %q: it matches any entry with that ending", got, noise)
		}
	}
}

func TestKoStemKeepsShortNouns(t *testing.T) {
	tests := map[string]string{
		"잔액이":    "잔액",
		"부족합니다":  "부족",
		"한도":     "한도", // a two-syllable noun ending in a particle-like syllable stays whole
		"요금":     "요금",
		"승인되지":   "승인",
		"템플릿을":   "템플릿",
		"도메인에서는": "도메인",
		"끊김":     "끊김",
	}
	for in, want := range tests {
		if got := koStem(in); got != want {
			t.Errorf("koStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKoreanFilterOffsetsWithinToken(t *testing.T) {
	f, err := registry.NewCache().TokenFilterNamed(koFilterName)
	if err != nil {
		t.Fatal(err)
	}
	in := analysis.TokenStream{{Term: []byte("잔액이"), Start: 10, End: 19, Position: 3}}
	for _, tok := range f.Filter(in) {
		if tok.Start < 10 || tok.End > 19 || tok.Start >= tok.End {
			t.Errorf("token %q has offsets %d-%d, want within 10-19", tok.Term, tok.Start, tok.End)
		}
		if tok.Position != 3 {
			t.Errorf("token %q at position %d, want 3", tok.Term, tok.Position)
		}
	}
}

// builtinTestIndex returns the built-in catalog's index, built once for
// the package's internal tests, which only read it (a test that closes an
// index or builds it another way makes its own).
func builtinTestIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := sharedBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var sharedBuiltin = sync.OnceValues(func() (*Index, error) {
	cat, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	return New(context.Background(), cat, Options{})
})
