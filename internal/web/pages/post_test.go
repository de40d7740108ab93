package pages_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// post sends form to POST /search as a browser without JavaScript does.
func post(t *testing.T, h http.Handler, target string, form url.Values) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// pastedLog holds a secret a paste must not carry into any address.
const pastedLog = "2026-11-22T04:00:00Z INFO  sender started\n" +
	"2026-11-22T04:00:01Z ERROR send failed: KOE009 invalid android_key_hash token=sk_live_pasteSecret42"

const pasteSecret = "pasteSecret42"

// TestSearchFormsPost checks issue 15 finding 6 without JavaScript: both
// search forms post, a typed query is redirected (303) to its shareable
// GET address, and a paste is answered at once, not kept by any cache,
// and never put in an address: not in Location, the title, nor any link
// or form of the page.
func TestSearchFormsPost(t *testing.T) {
	srv := newServer(t, newIndex(t, nil))

	for _, path := range []string{"/", "/search?q=4019", "/codes/kakao-share/4019"} {
		res := get(t, srv, path)
		forms := queryAll(parse(t, res.Body), "form[role=search]")
		if len(forms) == 0 {
			t.Errorf("%s: no search form", path)
		}
		for _, f := range forms {
			if m, _ := attr(f, "method"); m != "post" {
				t.Errorf("%s: a search form has method %q, want post (a paste must not go in the address)", path, m)
			}
		}
	}

	t.Run("typed", func(t *testing.T) {
		for _, tt := range []struct {
			target string
			form   url.Values
			want   string
		}{
			{"/search", url.Values{"q": {"KOE009"}}, "/search?q=KOE009"},
			{"/search", url.Values{"q": {"잔액 부족"}}, "/search?q=%EC%9E%94%EC%95%A1+%EB%B6%80%EC%A1%B1"},
			{"/search", url.Values{"q": {"phone"}, "system": {"kirim"}}, "/search?q=phone&system=kirim"},
			{"/search?lang=ko", url.Values{"q": {"4019"}}, "/search?lang=ko&q=4019"},
			{"/search", url.Values{"q": {""}}, "/search?q="},
		} {
			res := post(t, srv, tt.target, tt.form)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.want {
				t.Errorf("POST %s %s: got %d Location %q, want 303 to %s", tt.target, tt.form.Encode(), res.StatusCode, res.Header.Get("Location"), tt.want)
			}
		}
		// The address it is sent to answers the search.
		res := get(t, srv, "/search?q=KOE009")
		if got := text(query(parse(t, res.Body), ".result .code")); got != "KOE009" {
			t.Errorf("GET /search?q=KOE009: first result %q", got)
		}
	})

	t.Run("pasted", func(t *testing.T) {
		long := "send failed: KOE009 invalid android_key_hash " + pasteSecret + strings.Repeat(" and more", 20)
		for name, q := range map[string]string{"a log of two lines": pastedLog, "one line over 200 bytes": long} {
			res := post(t, srv, "/search", url.Values{"q": {q}})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: got %d Location %q, want 200 answered at once", name, res.StatusCode, res.Header.Get("Location"))
			}
			if loc := res.Header.Get("Location"); loc != "" {
				t.Errorf("%s: Location %q", name, loc)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("%s: Cache-Control %q, want no-store", name, cc)
			}
			doc := parse(t, res.Body)
			if got := text(query(doc, ".result .code")); got != "KOE009" {
				t.Errorf("%s: first result %q, want KOE009", name, got)
			}
			if title := text(query(doc, "title")); strings.Contains(title, "KOE009") || strings.Contains(title, pasteSecret) {
				t.Errorf("%s: the title holds the paste: %q", name, title)
			}
			walk(doc, func(n *html.Node) {
				for _, a := range n.Attr {
					if (a.Key == "href" || a.Key == "action" || a.Key == "src") && strings.Contains(a.Val, pasteSecret) {
						t.Errorf("%s: <%s %s=%q> holds the paste", name, n.Data, a.Key, a.Val)
					}
				}
			})
		}
	})

	t.Run("script", func(t *testing.T) {
		// The script's own posts (partial=1) are answered, never redirected.
		res := post(t, srv, "/search?partial=1", url.Values{"q": {pastedLog}})
		if res.StatusCode != http.StatusOK {
			t.Errorf("the script's POST of a paste: got %d", res.StatusCode)
		}
		res = post(t, srv, "/search?partial=1", url.Values{"q": {"KOE009"}})
		if res.StatusCode != http.StatusOK {
			t.Errorf("the script's POST of a typed query: got %d, want 200 (fetch would lose partial=1 on a redirect)", res.StatusCode)
		}
	})
}

// TestBrowserSearchFormsPost submits both search forms in Chromium, with
// JavaScript off and on: a typed query ends at its GET address, and a
// paste at /search, with neither the address nor the title of any history
// entry holding it.
func TestBrowserSearchFormsPost(t *testing.T) {
	b := newBrowser(t)
	longLine := "send failed: KOE009 invalid android_key_hash " + pasteSecret + strings.Repeat(" and more", 20)
	for _, script := range []bool{false, true} {
		name := "without JavaScript"
		if script {
			name = "with JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			tb := b.tab(t)
			if !script {
				tb.do(chromedp.Navigate("about:blank"))
				if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled,
					emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
			}
			// The header form of an entry page (no script handles it).
			tb.open("/codes/kakao-share/4019")
			tb.do(chromedp.SendKeys(chromedp.CSS("#header-q"), "KOE009"))
			tb.submitAndLoad("#header-q")
			if got := tb.location(); got != "/search?q=KOE009" {
				t.Errorf("header form, typed: address %s, want /search?q=KOE009", got)
			}
			tb.open("/codes/kakao-share/4019")
			tb.do(chromedp.SetValue(chromedp.CSS("#header-q"), longLine))
			tb.submitAndLoad("#header-q")
			tb.checkPasteAnswered(t, "header form, a long line")

			if !script {
				// The search page's form; with the script, its own tests
				// cover it (it posts pastes itself).
				tb.open("/")
				tb.do(chromedp.SetValue(chromedp.CSS("#q"), pastedLog))
				tb.clickAndLoad(".search-button")
				tb.checkPasteAnswered(t, "search form, a pasted log")
			}
			tb.checkHistory(t)
		})
	}
}

// submitAndLoad submits the form of the field selector names, as Enter in
// it does, and waits for the page it opens.
func (tb *tab) submitAndLoad(selector string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Submit(chromedp.CSS(selector), chromedp.NodeVisible))); err != nil {
		tb.t.Fatalf("submit %s: %v", selector, err)
	}
}

// checkPasteAnswered checks the page a paste was submitted from: answered
// at /search, the paste in neither the address nor the title.
func (tb *tab) checkPasteAnswered(t *testing.T, what string) {
	t.Helper()
	if got := tb.location(); got != "/search" {
		t.Errorf("%s: address %s, want /search", what, got)
	}
	if got := eval[string](tb, `document.querySelector(".result .code") ? document.querySelector(".result .code").textContent : ""`); got != "KOE009" {
		t.Errorf("%s: first result %q, want KOE009", what, got)
	}
	if title := eval[string](tb, "document.title"); strings.Contains(title, pasteSecret) || strings.Contains(title, "KOE009") {
		t.Errorf("%s: the title holds the paste: %q", what, title)
	}
}

// checkHistory fails if any entry of the tab's history holds the paste.
func (tb *tab) checkHistory(t *testing.T) {
	t.Helper()
	h, err := chromedp.Call(tb.ctx, page.GetNavigationHistory, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Entries) < 3 {
		t.Errorf("history has %d entries, want the pages visited", len(h.Entries))
	}
	for _, e := range h.Entries {
		if strings.Contains(e.URL, pasteSecret) || strings.Contains(e.Title, pasteSecret) {
			t.Errorf("history entry %q %q holds the paste", e.URL, e.Title)
		}
	}
}
