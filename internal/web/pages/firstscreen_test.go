package pages_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// viewport is a screen the first-screen tests lay pages out on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var firstScreens = []viewport{{"desktop", 1280, 800, false}, {"phone", 390, 844, true}}

func (tb *tab) emulate(v viewport) {
	tb.t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if v.mobile {
		opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	tb.do(chromedp.EmulateViewport(v.width, v.height, opts...))
}

// rect is an element's getBoundingClientRect, or nil when none matches.
type rect struct{ Top, Bottom, Left, Right, Height float64 }

func rectOf(tb *tab, selector string) *rect {
	tb.t.Helper()
	return eval[*rect](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return null;
		const r = e.getBoundingClientRect(); return {Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Height: r.height}; })()`, selector))
}

// aboveFold fails unless selector's element is wholly on the first screen.
func aboveFold(tb *tab, what, selector string) *rect {
	tb.t.Helper()
	r := rectOf(tb, selector)
	if r == nil {
		tb.t.Errorf("%s: nothing matches %s", what, selector)
		return nil
	}
	h := eval[float64](tb, "innerHeight")
	if r.Top < 0 || r.Bottom > h || r.Height == 0 {
		tb.t.Errorf("%s: %s spans y %.0f to %.0f, want it within the first screen (0 to %.0f)", what, selector, r.Top, r.Bottom, h)
	}
	return r
}

func (tb *tab) typeQuery(q string) {
	tb.t.Helper()
	tb.do(chromedp.SendKeys(chromedp.CSS("#q"), q))
}

// pasteQuery puts text in the box as a paste does: all at once.
func (tb *tab) pasteQuery(text string) {
	tb.t.Helper()
	tb.do(chromedp.SetValue(chromedp.CSS("#q"), text))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#q").dispatchEvent(new Event("input", {bubbles: true}))`))
}

// sixLineLog is what a support engineer pastes from a log viewer.
const sixLineLog = `2026-11-22T04:00:00Z INFO  sender started, 3 workers
2026-11-22T04:00:01Z INFO  worker 1: sending alimtalk batch 7731 (120 recipients)
2026-11-22T04:00:01Z WARN  worker 1: provider answered slowly (2.3 s)
2026-11-22T04:00:02Z ERROR worker 1: send failed: {"error":{"type":"authentication_error","code":"invalid_api_key","message":"Invalid API key"}}
2026-11-22T04:00:02Z INFO  worker 1: batch 7731 marked failed
2026-11-22T04:00:03Z INFO  worker 2: idle`

// TestFirstScreen checks, at a desktop and a phone size and in both
// languages, that what a reader needs first is on the first screen: the
// answer once they type or paste, an entry's retry advice and fixes
// before its causes; and that the typed and the server-rendered results
// are laid out the same.
func TestFirstScreen(t *testing.T) {
	b := newBrowser(t)
	for _, v := range firstScreens {
		for _, lang := range []string{"en", "ko"} {
			t.Run(v.name+"/"+lang, func(t *testing.T) {
				tb := b.tab(t)
				tb.emulate(v)

				// Typing a code: the hero and the examples make room.
				tb.open("/?lang=" + lang)
				tb.typeQuery("4019")
				tb.waitFor(`document.querySelector("[data-results] .result-answer")`)
				if h := rectOf(tb, "[data-hero]"); h == nil || h.Height > 1 {
					t.Errorf("the hero after typing: %+v, want it out of sight", h)
				}
				if n := eval[int](tb, `document.querySelectorAll("[data-try]:not([hidden])").length`); n != 0 {
					t.Errorf("the example queries are still shown after typing")
				}
				typedBox := rectOf(tb, ".search-box")
				typedAnswer := aboveFold(tb, "typed 4019", ".result-answer .answer-title")
				aboveFold(tb, "typed 4019", ".result-answer .answer-retry .badge")
				aboveFold(tb, "typed 4019", ".result-answer .answer-fixes > li")
				if got := eval[string](tb, `document.querySelector(".result-answer .code").textContent`); got != "4019" {
					t.Errorf("the answer's code: got %q, want 4019", got)
				}
				if got := eval[int](tb, `document.querySelectorAll(".result-answer [data-copy-row]:not([hidden]) button").length`); got != 4 {
					t.Errorf("copy buttons on the answer: got %d, want 4 (code, link, Slack, Markdown)", got)
				}
				if got := eval[string](tb, `document.querySelector("[data-live-status]").textContent`); !strings.Contains(got, eval[string](tb, `document.querySelector(".answer-title").textContent`)) {
					t.Errorf("the live status says %q, want the count and the answer's title", got)
				}

				// The server-rendered results look the same.
				tb.open("/search?q=4019&lang=" + lang)
				serverBox := rectOf(tb, ".search-box")
				serverAnswer := aboveFold(tb, "server-rendered 4019", ".result-answer .answer-title")
				if typedBox != nil && serverBox != nil && typedAnswer != nil && serverAnswer != nil {
					if d := typedBox.Top - serverBox.Top; d > 2 || d < -2 {
						t.Errorf("search box: typed at y %.0f, server-rendered at y %.0f, want the same", typedBox.Top, serverBox.Top)
					}
					if d := typedAnswer.Top - serverAnswer.Top; d > 2 || d < -2 {
						t.Errorf("answer: typed at y %.0f, server-rendered at y %.0f, want the same", typedAnswer.Top, serverAnswer.Top)
					}
				}

				// A pasted six-line log.
				tb.open("/?lang=" + lang)
				tb.pasteQuery(sixLineLog)
				tb.waitFor(`document.querySelector("[data-results] .result")`)
				aboveFold(tb, "pasted log", "[data-results] .result .result-title")
				if got := eval[string](tb, `document.documentElement.lang`); got != lang {
					t.Errorf("a pasted log switched the page to %q, want %q", got, lang)
				}
				// A paste is posted: it never reaches the address bar, the
				// title or the language links.
				if got := tb.location(); got != "/search" {
					t.Errorf("address after a paste: %s, want /search", got)
				}
				for _, got := range eval[[]string](tb, `[document.title, ...[...document.querySelectorAll("[data-lang-link]")].map(a => a.getAttribute("href"))]`) {
					if strings.Contains(got, "7731") || strings.Contains(got, "q=") {
						t.Errorf("the paste shows in %q", got)
					}
				}

				// An entry: the retry advice and the fixes come before the
				// causes, and the advice is on the first screen.
				tb.open("/codes/kakao-share/4019?lang=" + lang)
				aboveFold(tb, "entry", ".retry-advice .badge")
				fixes, causes := rectOf(tb, "#fixes-heading"), rectOf(tb, "#causes-heading")
				if fixes == nil || causes == nil || fixes.Top > causes.Top {
					t.Errorf("entry: fixes at %+v, causes at %+v, want the fixes first", fixes, causes)
				}
				if v.mobile {
					aboveFold(tb, "entry on a phone", "#fixes-heading")
				}

				// The "/" shortcut is for keyboards only.
				tb.open("/?lang=" + lang)
				shown := eval[bool](tb, `getComputedStyle(document.querySelector(".kbd-tip")).display !== "none"`)
				if shown == v.mobile {
					t.Errorf("the / shortcut hint shown: %v, want %v", shown, !v.mobile)
				}

				// The facet row of a phone scrolls, and says so.
				if v.mobile {
					tb.open("/search?q=invalid&lang=" + lang)
					scrolls := eval[bool](tb, `(() => { const f = document.querySelector(".facets"); return f.scrollWidth > f.clientWidth; })()`)
					mask := eval[string](tb, `getComputedStyle(document.querySelector(".facets")).maskImage || getComputedStyle(document.querySelector(".facets")).webkitMaskImage`)
					if scrolls && (mask == "" || mask == "none") {
						t.Errorf("the facet row scrolls sideways with no sign of it (mask-image %q)", mask)
					}
				}
			})
		}
	}
}

// TestAnswers checks each kind of answer on the results page, as typed and
// as the server renders it.
func TestAnswers(t *testing.T) {
	b := newBrowser(t)
	t.Run("ambiguous", func(t *testing.T) {
		tb := b.tab(t)
		tb.emulate(firstScreens[0])
		tb.open("/search?q=-401")
		// Every kakao-share variant of -401 is a candidate: the catalog decides how many.
		idx, err := builtinIndex()
		if err != nil {
			t.Fatal(err)
		}
		want := len(idx.Catalog().Lookup("-401", "kakao-share"))
		if want < 2 {
			t.Fatalf("the built-in catalog has %d kakao-share -401 entries; the ambiguous case needs at least 2", want)
		}
		n := eval[int](tb, `document.querySelectorAll(".answer-ambiguous .variant-card").length`)
		if n != want {
			t.Fatalf("ambiguous -401: %d candidates, want %d", n, want)
		}
		if eval[int](tb, `document.querySelectorAll(".answer-ambiguous .variant-card .messages code").length`) < n {
			t.Error("the candidates do not show the messages that tell them apart")
		}
		if eval[int](tb, `document.querySelectorAll(".result-answer").length`) != 0 {
			t.Error("an ambiguous search shows one candidate as the answer")
		}
		first, second := rectOf(tb, ".answer-ambiguous .variant-card:nth-child(1)"), rectOf(tb, ".answer-ambiguous .variant-card:nth-child(2)")
		if first.Top != second.Top || first.Right > second.Left {
			t.Errorf("candidates at %+v and %+v, want them side by side", first, second)
		}
	})
	t.Run("unsure", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=please+help")
		if eval[int](tb, `document.querySelectorAll(".answer-unsure").length`) != 1 {
			t.Error(`"please help" is not shown as "not sure"`)
		}
		if eval[int](tb, `document.querySelectorAll(".result-answer").length`) != 0 {
			t.Error(`"please help" shows an answer`)
		}
		if eval[int](tb, `document.querySelectorAll(".result.is-weak .pill-weak").length`) == 0 {
			t.Error("the weak results are not marked")
		}
	})
	t.Run("copy", func(t *testing.T) {
		tb := b.tab(t)
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
				Setting:    cdpbrowser.PermissionSettingGranted,
				Origin:     b.base,
			}); err != nil {
				t.Fatal(err)
			}
		}
		tb.open("/search?q=4019")
		for i, c := range []struct{ label, want string }{
			{"Copy code", "4019"},
			{"Copy link", b.base + "/codes/kakao-share/4019"},
			{"Copy for Slack", "*4019*"},
			{"Copy as Markdown", "**4019**"},
		} {
			sel := fmt.Sprintf(".result-answer [data-copy-row] button:nth-child(%d)", i+1)
			if got := eval[string](tb, `document.querySelector("`+sel+`").textContent`); got != c.label {
				t.Errorf("copy button %d: %q, want %q", i+1, got, c.label)
			}
			tb.do(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
			tb.waitFor(`document.activeElement.textContent === "Copied"`)
			got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("reading the clipboard: %v", err)
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("%s copied %q, want %q in it", c.label, got, c.want)
			}
			if c.label != "Copy code" && c.label != "Copy link" && !strings.Contains(got, b.base+"/codes/kakao-share/4019") {
				t.Errorf("%s copied %q, want the page's full address in it", c.label, got)
			}
		}
	})
	t.Run("a log with two errors", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/?lang=en")
		tb.pasteQuery("2026-11-22T04:00:01Z ERROR send failed: {\"error\":{\"code\":\"invalid_api_key\"}}\n" +
			"2026-11-22T04:00:02Z INFO retrying\n" +
			"2026-11-22T04:00:03Z ERROR kakao: KOE009 invalid android_key_hash or ios_bundle_id or web_site_url")
		tb.waitFor(`document.querySelector("[data-results] .findings")`)
		if got := eval[string](tb, `document.querySelector(".findings-heading").textContent`); got != "2 errors found in the text" {
			t.Errorf("findings heading: %q, want 2 errors found in the text", got)
		}
		codes := eval[[]string](tb, `[...document.querySelectorAll(".finding .result-answer .code")].map(c => c.textContent)`)
		if strings.Join(codes, " ") != "invalid_api_key KOE009" {
			t.Errorf("one answer per finding: got %v, want [invalid_api_key KOE009]", codes)
		}
		aboveFold(tb, "a log with two errors", ".finding .result-answer .answer-title")
	})
	t.Run("customer reply", func(t *testing.T) {
		tb := b.tab(t)
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
				Setting:    cdpbrowser.PermissionSettingGranted, Origin: b.base,
			}); err != nil {
				t.Fatal(err)
			}
		}
		for _, lang := range []string{"en", "ko"} {
			tb.open("/codes/kakao-share/4019?lang=" + lang)
			reply := eval[string](tb, `(document.querySelector(".customer-reply .reply") || {}).textContent || ""`)
			if strings.TrimSpace(reply) == "" {
				t.Fatalf("%s: the entry page has no customer reply", lang)
			}
			fixes, box := rectOf(tb, "#fixes-heading"), rectOf(tb, ".customer-reply")
			if fixes == nil || box == nil || box.Top < fixes.Top {
				t.Errorf("%s: the customer reply at %+v, want it after the fixes at %+v", lang, box, fixes)
			}
			if n := eval[int](tb, `document.querySelectorAll(".customer-reply li, .customer-reply ol").length`); n != 0 {
				t.Errorf("%s: the customer reply holds %d list parts of the fix", lang, n)
			}
			tb.do(chromedp.Click(chromedp.CSS(".customer-reply .copy-chip"), chromedp.NodeVisible))
			tb.waitFor(`document.querySelector(".customer-reply .copy-chip").textContent === document.body.getAttribute("data-copied-label")`)
			got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if got != strings.TrimSpace(reply) {
				t.Errorf("%s: copied %q, want the reply %q", lang, got, strings.TrimSpace(reply))
			}
		}
	})
	t.Run("keyboard", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		tb.typeQuery("template")
		tb.waitFor(`document.querySelectorAll("[data-results] [data-nav]").length > 2`)
		links := eval[[]string](tb, `[...document.querySelectorAll("[data-results] [data-nav]")].map(a => a.getAttribute("href"))`)
		focused := func() string {
			return eval[string](tb, `document.activeElement.getAttribute("href") || "#" + document.activeElement.id`)
		}
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		if got := focused(); got != links[0] {
			t.Errorf("ArrowDown from the box: focus on %s, want %s", got, links[0])
		}
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		if got := focused(); got != links[1] {
			t.Errorf("ArrowDown again: focus on %s, want %s", got, links[1])
		}
		tb.do(chromedp.KeyEvent(kb.ArrowUp))
		tb.do(chromedp.KeyEvent(kb.ArrowUp))
		if got := focused(); got != "#q" {
			t.Errorf("ArrowUp from the first result: focus on %s, want #q", got)
		}
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		tb.do(chromedp.KeyEvent(kb.Escape)) // Escape: back to the box
		if got := focused(); got != "#q" {
			t.Errorf("Escape in the results: focus on %s, want #q", got)
		}
		tb.do(chromedp.KeyEvent(kb.Escape)) // Escape in the box: clear it
		tb.waitFor(`location.pathname === "/" && location.search === "" && document.querySelector("#q").value === ""`)
		tb.waitFor(`document.querySelector(".system-card")`)
		// Enter opens the focused result.
		tb.typeQuery("KOE009")
		tb.waitFor(`document.querySelector("[data-results] .result-answer")`)
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
			t.Fatal(err)
		}
		if got := tb.location(); got != "/codes/kakao-share/KOE009" {
			t.Errorf("Enter on the answer opened %s, want /codes/kakao-share/KOE009", got)
		}
	})
	t.Run("one language rule", func(t *testing.T) {
		tb := b.tab(t)
		if _, err := chromedp.Call(tb.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		resultsLang := func() string {
			return eval[string](tb, `document.querySelector("[data-results] .results-layout").getAttribute("lang")`)
		}
		// The browser asks for English; a question typed in Hangul is
		// answered in Korean.
		tb.open("/")
		tb.typeQuery("잔액 부족")
		tb.waitFor(`document.querySelector("[data-results] .results-layout")`)
		if got := resultsLang(); got != "ko" {
			t.Errorf("typed 잔액 부족: results in %q, want ko", got)
		}
		tb.open("/search?q=" + url.QueryEscape("잔액 부족"))
		if got := eval[string](tb, "document.documentElement.lang"); got != "ko" {
			t.Errorf("server-rendered 잔액 부족: page in %q, want ko", got)
		}
		// A pasted payload with a Korean message in it does not switch.
		tb.open("/")
		tb.pasteQuery(`{"error":{"code":"INSUFFICIENT_BALANCE","message":"잔액이 부족합니다"}}`)
		tb.waitFor(`document.querySelector("[data-results] .results-layout")`)
		if got := resultsLang(); got != "en" {
			t.Errorf("pasted payload with Korean in it: results in %q, want en", got)
		}
		// An explicit choice wins over the typed Hangul.
		tb.open("/?lang=en")
		tb.typeQuery("잔액 부족")
		tb.waitFor(`document.querySelector("[data-results] .results-layout")`)
		if got := resultsLang(); got != "en" {
			t.Errorf("typed 잔액 부족 after choosing English: results in %q, want en", got)
		}
	})
	t.Run("404 offers near codes", func(t *testing.T) {
		tb := b.tab(t)
		tb.allow("/codes/kakao-share/4091")
		tb.open("/codes/kakao-share/4091")
		near := eval[[]string](tb, `[...document.querySelectorAll(".error-page .card .code")].map(c => c.textContent)`)
		if len(near) == 0 || !strings.Contains(strings.Join(near, " "), "4019") {
			t.Errorf("near codes on the 404 of 4091: %v, want 4019 among them", near)
		}
		if got := eval[string](tb, `document.querySelector(".error-actions a").getAttribute("href")`); got != "/search?q=4091" {
			t.Errorf("the search button: %s, want /search?q=4091", got)
		}
	})
}

// TestScreenshotsFirstScreen saves what the issue asks to look at: the
// home page typing a code, a pasted log, an entry on a phone and an
// ambiguous answer, with -screenshots DIR.
func TestScreenshotsFirstScreen(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("no -screenshots DIR")
	}
	b := newBrowser(t)
	if err := os.MkdirAll(*screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := func(tb *tab, name string) {
		buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*screenshotDir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range firstScreens {
		for _, lang := range []string{"en", "ko"} {
			tb := b.tab(t)
			tb.emulate(v)
			tb.open("/?lang=" + lang)
			tb.typeQuery("4019")
			tb.waitFor(`document.querySelector("[data-results] .result-answer")`)
			shot(tb, "typing-4019-"+v.name+"-"+lang)
			tb.open("/?lang=" + lang)
			tb.pasteQuery(sixLineLog)
			tb.waitFor(`document.querySelector("[data-results] .result")`)
			shot(tb, "pasted-log-"+v.name+"-"+lang)
			tb.open("/codes/kakao-share/4019?lang=" + lang)
			shot(tb, "entry-"+v.name+"-"+lang)
			tb.open("/search?q=-401&lang=" + lang)
			shot(tb, "ambiguous-401-"+v.name+"-"+lang)
			tb.open("/search?q=please+help&lang=" + lang)
			shot(tb, "unsure-please-help-"+v.name+"-"+lang)
		}
	}
}
