package textfmt_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/textfmt"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testCatalog loads testdata/catalog, a small catalog holding the shapes
// that are hard to render, so that golden files do not change whenever the
// real catalog is edited.
func testCatalog(t *testing.T) *errdex.Catalog {
	t.Helper()
	cat, err := errdex.LoadDir("testdata/catalog")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	return cat
}

func entry(t *testing.T, cat *errdex.Catalog, id string) *errdex.Entry {
	t.Helper()
	e, ok := cat.Entry(id)
	if !ok {
		t.Fatalf("no entry %s in the test catalog", id)
	}
	return e
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and review the diff); -want +got:\n%s", name, cmp.Diff(string(want), got))
	}
}

// checkWidth fails when a line is wider than width, unless the line is a
// single word that cannot be broken (a URL) or an entry's headline, which
// is never wrapped so that a code stays whole.
func checkWidth(t *testing.T, text string, width int) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if w := textfmt.DisplayWidth(line); w > width && len(strings.Fields(line)) > 1 && !strings.Contains(line, " · ") {
			t.Errorf("line %d is %d columns wide, want at most %d: %q", i+1, w, width, line)
		}
	}
}

func TestTerminal(t *testing.T) {
	cat := testCatalog(t)
	balance := entry(t, cat, "demo/INSUFFICIENT_BALANCE")
	rate := entry(t, cat, "demo/RATE_LIMITED")
	quota := entry(t, cat, "share/402")

	searchResp := &errdex.Response{
		Query: "잔액 부족",
		Total: 2,
		Results: []errdex.Result{
			{Entry: balance, Score: 3, Match: errdex.MatchText},
			{Entry: quota, Score: 1, Match: errdex.MatchText},
		},
	}
	emptyResp := &errdex.Response{
		Query:       "balanse",
		Suggestions: []errdex.Suggestion{{Entry: balance, Reason: "similar title"}},
	}
	identifyResp := &errdex.Response{
		Query: `{"code":"INSUFFICIENT_BALANCE","status":402}`,
		Total: 2,
		Results: []errdex.Result{
			{Entry: balance, Match: errdex.MatchCode, Evidence: []errdex.Evidence{
				{Kind: errdex.MatchCode, Value: "INSUFFICIENT_BALANCE"}, {Kind: errdex.MatchHTTPStatus, Value: "402"}}},
			{Entry: rate, Match: errdex.MatchHTTPStatus, Evidence: []errdex.Evidence{{Kind: errdex.MatchHTTPStatus, Value: "429"}}},
		},
		Understood: errdex.Understanding{Codes: []string{"INSUFFICIENT_BALANCE"}, HTTPStatuses: []int{402}, Payload: true},
	}

	tests := []struct {
		name   string
		term   textfmt.Terminal
		render func(textfmt.Terminal, *strings.Builder) error
	}{
		{"lookup_en.txt", textfmt.Terminal{Lang: errdex.English, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "insufficient_balance", cat.Lookup("insufficient_balance", ""))
		}},
		{"lookup_ko.txt", textfmt.Terminal{Lang: errdex.Korean, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "INSUFFICIENT_BALANCE", cat.Lookup("INSUFFICIENT_BALANCE", ""))
		}},
		{"lookup_color.txt", textfmt.Terminal{Lang: errdex.English, Color: true, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "RATE_LIMITED", cat.Lookup("RATE_LIMITED", ""))
		}},
		{"lookup_narrow.txt", textfmt.Terminal{Lang: errdex.Korean, Width: 50, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "-401", cat.Lookup("-401", ""))
		}},
		{"lookup_provider.txt", textfmt.Terminal{Lang: errdex.English}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "-102", cat.Lookup("-102", ""))
		}},
		{"lookup_none.txt", textfmt.Terminal{Lang: errdex.English}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Lookup(w, "NOPE\x1b[31m", nil)
		}},
		{"search_ko.txt", textfmt.Terminal{Lang: errdex.Korean, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Search(w, searchResp)
		}},
		{"search_none.txt", textfmt.Terminal{Lang: errdex.English, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Search(w, emptyResp)
		}},
		{"identify_en.txt", textfmt.Terminal{Lang: errdex.English, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Identify(w, identifyResp)
		}},
		{"identify_none.txt", textfmt.Terminal{Lang: errdex.Korean, Catalog: cat}, func(tm textfmt.Terminal, w *strings.Builder) error {
			return tm.Identify(w, &errdex.Response{Query: "segfault"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sb strings.Builder
			if err := tt.render(tt.term, &sb); err != nil {
				t.Fatal(err)
			}
			got := sb.String()
			golden(t, tt.name, got)
			width := tt.term.Width
			if width == 0 {
				width = textfmt.DefaultWidth
			}
			checkWidth(t, got, width)
			if !tt.term.Color && strings.Contains(got, "\x1b") {
				t.Errorf("got an escape sequence without colour:\n%q", got)
			}
			if strings.Contains(got, "<b>") {
				t.Errorf("got raw HTML:\n%s", got)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	cat := testCatalog(t)
	balance := entry(t, cat, "demo/INSUFFICIENT_BALANCE")
	quota := entry(t, cat, "share/402")
	resp := &errdex.Response{
		Query: "balance",
		Total: 2,
		Results: []errdex.Result{
			{Entry: balance, Match: errdex.MatchText},
			{Entry: quota, Match: errdex.MatchText},
		},
	}
	empty := &errdex.Response{
		Query:       "balanse",
		Suggestions: []errdex.Suggestion{{Entry: balance, Reason: "similar title"}},
	}
	const base = "https://errdex.example/"
	tests := []struct {
		name string
		got  string
	}{
		{"search_text_en.txt", textfmt.SearchText(resp, errdex.English, base)},
		{"search_text_ko.txt", textfmt.SearchText(resp, errdex.Korean, base)},
		{"search_text_none.txt", textfmt.SearchText(empty, errdex.English, base)},
		{"lookup_text_en.txt", textfmt.LookupText(cat.Lookup("-102", ""), errdex.English, base)},
		{"lookup_text_relative.txt", textfmt.LookupText(cat.Lookup("-401", ""), errdex.Korean, "")},
		{"lookup_text_none.txt", textfmt.LookupText(nil, errdex.English, base)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, tt.got)
			if strings.Contains(tt.got, "<b>") || strings.Contains(tt.got, "\x1b") {
				t.Errorf("got raw HTML or an escape sequence:\n%q", tt.got)
			}
		})
	}
}

func TestFromMarkdown(t *testing.T) {
	const src = "Use `getBalance()` and **check** <b>it</b>: [guide](https://x.example/g) or <https://y.example>."
	tests := []struct {
		name string
		src  string
		d    textfmt.Dialect
		want string
	}{
		{"plain", src, textfmt.Plain, "Use `getBalance()` and *check* it: guide (https://x.example/g) or https://y.example."},
		{"slack", src, textfmt.Slack, "Use `getBalance()` and *check* it: <https://x.example/g|guide> or <https://y.example>."},
		{"terminal", src, textfmt.TermPlain, "Use `getBalance()` and check it: guide (https://x.example/g) or https://y.example."},
		{"terminal colour", "`a` **b**", textfmt.TermColor, "\x1b[36ma\x1b[39m \x1b[1mb\x1b[22m"},
		{"slack escapes mentions", "tell <!channel> & <@U123>", textfmt.Slack, "tell &lt;!channel&gt; &amp; &lt;@U123&gt;"},
		{"slack escapes code", "`a<b>`", textfmt.Slack, "`a&lt;b&gt;`"},
		{"terminal drops escapes", "red \x1b[31mtext", textfmt.TermPlain, "red [31mtext"},
		{"list", "Steps:\n\n1. one\n2. two\n   - nested", textfmt.Plain, "Steps:\n1. one\n2. two\n  - nested"},
		{"html block dropped", "<div>\nhidden\n</div>\n\nshown", textfmt.Plain, "shown"},
		{"code block fenced", "```\nx := 1\n```", textfmt.Slack, "```\nx := 1\n```"},
		{"code block indented on a terminal", "```\nx := 1\n```", textfmt.TermPlain, "    x := 1"},
		{"bold before a Korean particle, terminal", "**[설정] > [플랫폼]**에서 확인", textfmt.TermPlain, "[설정] > [플랫폼]에서 확인"},
		{"bold before a Korean particle, slack", "**[설정]**에서", textfmt.Slack, "*[설정]*에서"},
		{"soft breaks become spaces", "one\ntwo", textfmt.Plain, "one two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textfmt.FromMarkdown(tt.src, tt.d); got != tt.want {
				t.Errorf("FromMarkdown(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"abc", 3},
		{"잔액 부족", 9},
		{"\x1b[1mbold\x1b[22m", 4},
		{"é", 1},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := textfmt.DisplayWidth(tt.s); got != tt.want {
				t.Errorf("DisplayWidth(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

// TestDevNullIsNoTerminal: a character device is not a terminal.
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if textfmt.IsTerminal(f) {
		t.Errorf("%s is taken for a terminal", os.DevNull)
	}
	if _, ok := textfmt.TermWidth(f); ok {
		t.Errorf("%s has a terminal width", os.DevNull)
	}
}
