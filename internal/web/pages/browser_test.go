package pages_test

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var screenshotDir = flag.String("screenshots", "", "save screenshots of the main pages, at desktop and phone widths, in this directory")

// chromiumPath finds Debian's Chromium. The browser tests skip without it
// only outside CI: in CI (CI set) a missing browser fails them.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; CI must install it (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed (set CI to make this a failure)")
	return ""
}

// browser is a headless Chromium driven against errdex's server.
type browser struct {
	t    *testing.T
	base string
	ctx  context.Context // the browser; tabs are made from it
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	execPath := chromiumPath(t)
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	// errdex's own server with the pages mounted, on 127.0.0.1:0.
	srv := httptest.NewServer(newServer(t, newIndex(t, nil)))
	t.Cleanup(srv.Close)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("starting chromium: %v", err)
	}
	return &browser{t: t, base: srv.URL, ctx: ctx}
}

// tab is one browser tab that records every console error, exception and
// failed request, and fails the test with them when it closes.
type tab struct {
	t   *testing.T
	b   *browser
	ctx context.Context

	mu       sync.Mutex
	problems []string
	allowed  map[string]bool // paths whose 4xx answer the test expects
}

func (b *browser) tab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tb := &tab{t: t, b: b, ctx: ctx, allowed: map[string]bool{}}
	// The whole test must finish well within the go test timeout.
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	tb.ctx = ctx
	if err := chromedp.Listen(ctx, tb.record); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Let late events (a fetch that just finished) arrive.
		time.Sleep(100 * time.Millisecond)
		cancelTimeout()
		cancel()
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, p := range tb.problems {
			t.Errorf("browser: %s", p)
		}
	})
	return tb
}

func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert ||
			ev.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tb.problems = append(tb.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		// CSP violations and failed loads are reported here.
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			if tb.allowed[pathOf(ev.Entry.URL)] {
				return
			}
			tb.problems = append(tb.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventLoadingFailed:
		// The script aborts a search that a newer keystroke replaced.
		if ev.Canceled {
			return
		}
		tb.problems = append(tb.problems, fmt.Sprintf("request failed (%s): %s %s", ev.Type, ev.ErrorText, ev.BlockedReason))
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !tb.allowed[pathOf(ev.Response.URL)] {
			tb.problems = append(tb.problems, fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
		}
		if !strings.HasPrefix(ev.Response.URL, tb.b.base) && !strings.HasPrefix(ev.Response.URL, "data:") {
			tb.problems = append(tb.problems, "request outside errdex: "+ev.Response.URL)
		}
	}
}

func pathOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
	}
	return u
}

// allow marks a path whose error answer the test asks for.
func (tb *tab) allow(path string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.allowed[path] = true
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.b.base + path))
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is true.
func (tb *tab) waitFor(expr string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		tb.t.Fatalf("waiting for %s: %v (page: %s)", expr, err, eval[string](tb, "location.href"))
	}
}

// clickAndLoad clicks and waits for the page it opens.
func (tb *tab) clickAndLoad(selector string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))); err != nil {
		tb.t.Fatalf("click %s: %v", selector, err)
	}
}

func (tb *tab) location() string {
	tb.t.Helper()
	return strings.TrimPrefix(eval[string](tb, "location.href"), tb.b.base)
}

func TestBrowser(t *testing.T) {
	b := newBrowser(t)

	t.Run("search as you type", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		if got := eval[string](tb, "document.activeElement.id"); got != "q" {
			t.Errorf("focused element on load: got #%s, want #q", got)
		}
		tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "KOE0"))
		tb.waitFor(`document.querySelector("[data-result-list] .result")`)
		tb.waitFor(`location.search === "?q=KOE0"`)
		tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "09"))
		tb.waitFor(`location.search === "?q=KOE009"`)
		tb.waitFor(`document.querySelector(".result .code") && document.querySelector(".result .code").textContent === "KOE009"`)
		if got := eval[string](tb, `document.querySelector("[data-live-status]").textContent`); got == "" {
			t.Error("the live status says nothing after the results changed")
		}
		// The language links follow the address.
		if got := eval[string](tb, `document.querySelector("[data-lang-link=ko]").getAttribute("href")`); got != "/search?q=KOE009&lang=ko" {
			t.Errorf("language link after typing: got %q, want %q", got, "/search?q=KOE009&lang=ko")
		}
	})

	t.Run("paste a payload", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		payload := `{"name":"KAPIError","msg":"wrong appKey(null) format","code":-401}`
		tb.do(chromedp.SetValue(chromedp.CSS("#q"), payload))
		tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#q").dispatchEvent(new Event("input", {bubbles: true}))`))
		tb.waitFor(`[...document.querySelectorAll(".result a")].some(a => a.getAttribute("href") === "/codes/kakao-share/-401/wrong-appkey-format")`)
	})

	t.Run("paste a long log", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		// Too long for an address: the script posts it, and the server
		// reads it as a payload.
		logText := strings.Repeat("2026-11-22T04:00:00Z INFO worker heartbeat ok\n", 200) +
			`2026-11-22T04:00:01Z ERROR send failed: KOE009 invalid android_key_hash or ios_bundle_id or web_site_url`
		tb.do(chromedp.SetValue(chromedp.CSS("#q"), logText))
		tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#q").dispatchEvent(new Event("input", {bubbles: true}))`))
		tb.waitFor(`[...document.querySelectorAll("[data-results] .code")].some(c => c.textContent === "KOE009")`)
		if got := tb.location(); got != "/search" {
			t.Errorf("address after a long paste: got %s, want /search", got)
		}
	})

	t.Run("open an entry", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=4019")
		tb.clickAndLoad(".result-title a")
		if got := tb.location(); got != "/codes/kakao-share/4019" {
			t.Errorf("entry address: got %s, want /codes/kakao-share/4019", got)
		}
		if got := eval[string](tb, `document.querySelector("h1").textContent`); got == "" {
			t.Error("the entry page has no heading")
		}
		if got := eval[int](tb, `document.querySelectorAll(".example .copy-button").length`); got == 0 {
			t.Error("no copy button on the examples")
		}
		tb.do(chromedp.Click(chromedp.CSS(".copy-button"), chromedp.NodeVisible))
		tb.waitFor(`document.querySelector(".copy-button").textContent === "Copied"`)
	})

	t.Run("switch language", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/codes/kmsg/INSUFFICIENT_BALANCE")
		tb.clickAndLoad(`[data-lang-link=ko]`)
		if got := eval[string](tb, "document.documentElement.lang"); got != "ko" {
			t.Errorf("html lang after switching: got %q, want ko", got)
		}
		if got := tb.location(); got != "/codes/kmsg/INSUFFICIENT_BALANCE?lang=ko" {
			t.Errorf("address after switching: got %s, want the same page", got)
		}
		// The cookie remembers the choice.
		tb.open("/systems/kirim")
		if got := eval[string](tb, "document.documentElement.lang"); got != "ko" {
			t.Errorf("html lang on the next page: got %q, want ko", got)
		}
		tb.clickAndLoad(`[data-lang-link=en]`)
		if got := eval[string](tb, "document.documentElement.lang"); got != "en" {
			t.Errorf("html lang after switching back: got %q, want en", got)
		}
	})

	t.Run("slash focuses the search box", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/systems/kmsg")
		if got := eval[string](tb, "document.activeElement.tagName"); got != "BODY" {
			t.Fatalf("focus before the shortcut: got %s, want BODY", got)
		}
		tb.do(pressSlash())
		if got := eval[string](tb, "document.activeElement.id"); got != "header-q" {
			t.Errorf("focus after /: got #%s, want #header-q", got)
		}
		if got := eval[string](tb, `document.querySelector("#header-q").value`); got != "" {
			t.Errorf("the box after /: got %q, want it empty", got)
		}
		// In a field, "/" is a character.
		tb.do(chromedp.KeyEvent("a/b"))
		if got := eval[string](tb, `document.querySelector("#header-q").value`); got != "a/b" {
			t.Errorf("typing in the box: got %q, want a/b", got)
		}
	})

	t.Run("follow a facet", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=template")
		tb.clickAndLoad(`.facet-link[data-facet=kirim]`)
		if got := tb.location(); !strings.Contains(got, "system=kirim") {
			t.Errorf("address after the facet: got %s, want system=kirim in it", got)
		}
		systems := eval[[]string](tb, `[...document.querySelectorAll(".result .sys")].map(e => e.textContent)`)
		if len(systems) == 0 {
			t.Fatal("no results after the facet")
		}
		for _, s := range systems {
			if s != "Kirim public API" {
				t.Errorf("result of system %q after the kirim facet", s)
			}
		}
		if got := eval[int](tb, `document.querySelectorAll(".chips .chip").length`); got != 1 {
			t.Errorf("active filter chips: got %d, want 1", got)
		}
		// Typing keeps the filter.
		tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("#q").select()`))
		tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "phone"))
		tb.waitFor(`location.search.includes("q=phone") && location.search.includes("system=kirim")`)
	})

	t.Run("more results", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search")
		before := eval[int](tb, `document.querySelectorAll("[data-result-list] > li").length`)
		tb.do(chromedp.Click(chromedp.CSS("a[data-more]"), chromedp.NodeVisible))
		tb.waitFor(fmt.Sprintf(`document.querySelectorAll("[data-result-list] > li").length > %d`, before))
	})

	t.Run("sort a system table", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/systems/kirim")
		tb.do(chromedp.Click(chromedp.CSS(`a[data-sort-key=http]`), chromedp.NodeVisible))
		tb.waitFor(`location.search === "?sort=http"`)
		got := eval[[]int](tb, `[...document.querySelectorAll("tbody tr")].map(r => Number(r.querySelector(".col-http").textContent) || 0)`)
		for i := 1; i < len(got); i++ {
			if got[i] < got[i-1] {
				t.Fatalf("HTTP statuses after sorting: got %v, want ascending", got)
			}
		}
		if s := eval[string](tb, `document.querySelector("th.col-http").getAttribute("aria-sort")`); s != "ascending" {
			t.Errorf("aria-sort: got %q, want ascending", s)
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		tb := b.tab(t)
		tb.do(chromedp.Navigate("about:blank"))
		if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		tb.open("/")
		tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "invalid_phone_number"))
		tb.clickAndLoad(".search-button")
		if got := tb.location(); got != "/search?q=invalid_phone_number" {
			t.Errorf("address after submitting: got %s", got)
		}
		if got := eval[string](tb, `document.querySelector(".result .code").textContent`); got != "invalid_phone_number" {
			t.Errorf("first result without JavaScript: got %q", got)
		}
		tb.clickAndLoad(".result-title a")
		tb.clickAndLoad(".crumbs a[href^='/systems/']")
		tb.clickAndLoad(`a[data-sort-key=title]`)
		if got := tb.location(); got != "/systems/kirim?sort=title" {
			t.Errorf("address after sorting without JavaScript: got %s", got)
		}
		// Every page shows its content with no script at all.
		for path, sel := range map[string]string{
			"/":                                ".system-card",
			"/search?q=template&lang=en":       ".result .snippet mark",
			"/search?q=KOE999":                 ".empty .card",
			"/search":                          "a[data-more]",
			"/codes/kakao-share/-401":          ".variant-card .messages",
			"/codes/kmsg/INSUFFICIENT_BALANCE": ".example pre",
			"/systems/kmsg?lang=ko":            "html[lang=ko] tbody tr",
		} {
			tb.open(path)
			if n := eval[int](tb, `document.querySelectorAll("`+sel+`").length`); n == 0 {
				t.Errorf("%s without JavaScript: nothing matches %s", path, sel)
			}
		}
	})

	if *screenshotDir != "" {
		t.Run("screenshots", func(t *testing.T) { takeScreenshots(t, b, *screenshotDir) })
	}
}

// pressSlash presses "/" the way a keyboard does: one keyDown that
// carries its text, so that the browser types the character only when no
// handler prevented the keydown. (KeyEvent sends the character in a
// separate char event, which a prevented keydown does not stop.)
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/",
			WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191,
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash",
			WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// takeScreenshots saves the main pages at a desktop and a phone width.
func takeScreenshots(t *testing.T, b *browser, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct{ name, path string }{
		{"home", "/?lang=en"},
		{"results", "/search?q=template"},
		{"results-filtered", "/search?q=invalid&system=kirim"},
		{"no-results", "/search?q=KOE999"},
		{"entry", "/codes/kakao-share/4019"},
		{"entry-kmsg", "/codes/kmsg/INSUFFICIENT_BALANCE"},
		{"variants", "/codes/kakao-share/-401"},
		{"system", "/systems/kirim"},
		{"not-found", "/codes/kmsg/4019"},
		{"home-ko", "/?lang=ko"},
		{"entry-ko", "/codes/kakao-share/4019?lang=ko"},
		{"system-ko", "/systems/kmsg?lang=ko"},
	}
	widths := []struct {
		name          string
		width, height int64
		mobile        bool
	}{
		{"desktop", 1280, 900, false},
		{"phone", 390, 844, true},
	}
	tb := b.tab(t)
	tb.allow("/codes/kmsg/4019")
	for _, w := range widths {
		opts := []chromedp.EmulateViewportOption{}
		if w.mobile {
			opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait)
		}
		tb.do(chromedp.EmulateViewport(w.width, w.height, opts...))
		for _, s := range shots {
			tb.open(s.path)
			buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, s.name+"-"+w.name+".png")
			if err := os.WriteFile(name, buf, 0o644); err != nil {
				t.Fatal(err)
			}
			if !w.mobile {
				continue
			}
			// A phone page is long; its first screen is what a reader sees.
			top, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, s.name+"-"+w.name+"-top.png"), top, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The dark scheme, for a look at its contrast.
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.EmulateViewport(1280, 900))
	for _, s := range []struct{ name, path string }{{"results", "/search?q=template&lang=en"}, {"entry", "/codes/kakao-share/4019"}} {
		tb.open(s.path)
		buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+"-dark-desktop.png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}
