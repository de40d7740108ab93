package pages_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule tags of WCAG 2.2 levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeSource reads axe-core's browser build. .ci/run installs it with npm
// into .tools/ at the repository root (not committed); ERRDEX_AXE names
// another copy. Without one the test skips, except in CI, where a missing
// copy is a failure: an accessibility check that silently did not run
// would read as a pass.
func axeSource(t *testing.T) string {
	t.Helper()
	paths := []string{os.Getenv("ERRDEX_AXE"), filepath.Join("..", "..", "..", ".tools", "node_modules", "axe-core", "axe.min.js")}
	for _, p := range paths {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	const how = "npm install --prefix .tools axe-core@4.14.1 (as .ci/run does), or set ERRDEX_AXE to axe.min.js"
	if os.Getenv("CI") != "" {
		t.Fatal("axe-core is missing: " + how)
	}
	t.Skip("axe-core is missing (set CI to make this a failure): " + how)
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
		Fail   string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeRun injects axe-core into the open page (once per document) and
// returns the WCAG 2.2 A and AA violations it finds.
func axeRun(tb *tab, src string) []axeViolation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof window.axe === "object"`) {
		tb.do(chromedp.Evaluate[chromedp.Void](src))
	}
	tags, _ := json.Marshal(axeTags)
	expr := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, tags)
	out, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("axe.run: %v", err)
	}
	var v []axeViolation
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		tb.t.Fatalf("axe.run's answer: %v", err)
	}
	return v
}

func setColorScheme(tb *tab, scheme string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		tb.t.Fatal(err)
	}
}

// TestAccessibility runs axe-core on every kind of page, in both languages,
// in the light and the dark scheme, at a desktop and a phone width, and
// after search as you type has changed the page; there must be no WCAG 2.2
// A or AA violation.
func TestAccessibility(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	pagesToCheck := []struct{ name, path string }{
		{"home", "/"},
		{"results", "/search?q=template"},
		{"found", "/search?q=4019"},
		{"ambiguous", "/search?q=-401"},
		{"unsure", "/search?q=please+help"},
		{"no results", "/search?q=KOE999"},
		{"payload", "/search?q=" + `%7B%22error%22%3A%7B%22code%22%3A%22invalid_api_key%22%7D%7D`},
		{"findings", "/search?q=" + url.QueryEscape("ERROR {\"code\":\"INSUFFICIENT_BALANCE\",\"message\":\"잔액이 부족합니다\"}\nHTTP/1.1 401 Unauthorized\n{\"error\":{\"code\":\"invalid_api_key\"}}")},
		{"entry", "/codes/kakao-share/4019"},
		{"entry with examples", "/codes/kmsg/INSUFFICIENT_BALANCE"},
		{"variants", "/codes/kakao-share/-401"},
		{"system", "/systems/kirim"},
		{"404", "/codes/kakao-share/4091"},
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, lang := range []string{"en", "ko"} {
			for _, w := range []struct {
				name          string
				width, height int64
				mobile        bool
			}{{"desktop", 1280, 800, false}, {"phone", 390, 844, true}} {
				t.Run(scheme+"/"+lang+"/"+w.name, func(t *testing.T) {
					tb := b.tab(t)
					tb.allow("/codes/kakao-share/4091")
					tb.allow("/codes/kakao-share/4091?lang=" + lang)
					setColorScheme(tb, scheme)
					opts := []chromedp.EmulateViewportOption{}
					if w.mobile {
						opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait)
					}
					tb.do(chromedp.EmulateViewport(w.width, w.height, opts...))
					for _, p := range pagesToCheck {
						sep := "?"
						if strings.Contains(p.path, "?") {
							sep = "&"
						}
						tb.open(p.path + sep + "lang=" + lang)
						if got := eval[string](tb, "document.documentElement.lang"); got != lang {
							t.Errorf("%s: html lang %q, want %q", p.name, got, lang)
						}
						reportAxe(t, p.name, axeRun(tb, src))
					}
					// The page as search as you type leaves it.
					tb.open("/?lang=" + lang)
					tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "KOE009"))
					tb.waitFor(`document.querySelector("[data-result-list] .result")`)
					reportAxe(t, "typed", axeRun(tb, src))
				})
			}
		}
	}
}

func reportAxe(t *testing.T, page string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("... %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprintf("%v %s", n.Target, strings.ReplaceAll(n.Fail, "\n", " ")))
		}
		t.Errorf("%s: axe %s (%s): %s\n\t%s", page, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
	}
}
