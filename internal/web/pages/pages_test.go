package pages_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/labstack/echo/v4"
	"golang.org/x/net/html"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/web/pages"
)

func TestNewNeedsApp(t *testing.T) {
	if _, err := pages.New(pages.Config{}); err == nil {
		t.Error("New without App: got no error, want one")
	}
}

// TestPages requests each page through the router and checks what it shows
// by selectors.
func TestPages(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	tests := []struct {
		name   string
		path   string
		status int
		// want maps a selector to the text its first match must contain;
		// "" only requires a match.
		want map[string]string
		// count maps a selector to how many matches it must have.
		count map[string]int
	}{
		{
			name: "home", path: "/", status: 200,
			want:  map[string]string{"textarea#q[autofocus]": "", "h1.hero-title": "Which error", "label[for=q]": "Search error codes"},
			count: map[string]int{".system-card": 3, ".result": 0},
		},
		{
			name: "search by code", path: "/search?q=4019", status: 200,
			want: map[string]string{".result .code": "4019", ".result .sys": "Kakao Talk Share", "textarea#q": "4019",
				".result .pill": "HTTP 401", ".result .badge": "Retry after fixing"},
			// One result: no facet can narrow it.
			count: map[string]int{".facets": 0},
		},
		{
			name: "highlighted snippet", path: "/search?q=template", status: 200,
			want: map[string]string{".result .snippet mark": "template"},
		},
		{
			name: "facets and a filter", path: "/search?q=template&system=kirim", status: 200,
			want: map[string]string{
				".chips .chip":                              "System: Kirim public API",
				".facet-link.is-active[aria-current]":       "Kirim public API",
				"form[data-live-search] input[name=system]": "",
			},
		},
		{
			name: "nothing found offers suggestions", path: "/search?q=KOE999", status: 200,
			want:  map[string]string{".empty .empty-title": "Nothing matches", ".empty .card-list .card .code": ""},
			count: map[string]int{".result": 0},
		},
		{
			name: "listing without a query", path: "/search", status: 200,
			want:  map[string]string{".results-count": "entries", "a[data-more]": "More results"},
			count: map[string]int{".result": 20},
		},
		{
			name: "pasted payload", path: "/search?q=" + urlQuery(`{"error":{"type":"invalid_request_error","code":"invalid_phone_number","message":"bad"}}`), status: 200,
			want: map[string]string{".result .code": "invalid_phone_number", ".note-pill": "pasted error"},
		},
		{
			name: "long paste goes to identify", path: "/search?q=" + urlQuery(strings.Repeat("x ", 1100)+"KOE009"), status: 200,
			want:  map[string]string{".result .code": "KOE009", ".note-pill": "pasted error"},
			count: map[string]int{".facets": 0},
		},
		{
			name: "partial results", path: "/search?q=4019&partial=1&prefix=1", status: 200,
			want:  map[string]string{"[data-result-list] .result .code": "4019"},
			count: map[string]int{"header": 0, "form": 0},
		},
		{
			name: "entry", path: "/codes/kakao-share/4019", status: 200,
			want: map[string]string{
				"h1#entry-title":               "App platform mismatch",
				".retry-advice .badge":         "Retry after fixing",
				".facts":                       "401",
				"#causes-heading":              "Causes",
				"#fixes-heading":               "How to fix it",
				".example pre[data-copy] code": "KOE009",
				".card-list .card .code":       "",
				"link[rel=canonical]":          "",
			},
		},
		{
			name: "variant entry lists the other variants", path: "/codes/kakao-share/-401/domain-mismatched", status: 200,
			want:  map[string]string{".entry-code .variant": "domain-mismatched", "#variants-heading": "Other variants"},
			count: map[string]int{".variant-card": 3, ".variant-card.is-current": 1},
		},
		{
			name: "code with variants side by side", path: "/codes/kakao-share/-401", status: 200,
			want:  map[string]string{"h1": "-401 has 3 variants", ".variant-card .messages code": "[-401] domain mismatched"},
			count: map[string]int{".variant-card": 3},
		},
		{
			name: "system", path: "/systems/kakao-share", status: 200,
			want:  map[string]string{"h1": "Kakao Talk Share", "th.col-code[aria-sort=ascending]": "Code"},
			count: map[string]int{"tbody tr": catalogCount(t, "kakao-share")},
		},
		{
			name: "korean", path: "/codes/kakao-share/4019?lang=ko", status: 200,
			want: map[string]string{"html[lang=ko]": "", "#causes-heading": "원인", ".retry-advice .badge": "원인 해결 후 재시도"},
		},
		{
			name: "unknown system", path: "/systems/nope", status: 404,
			want: map[string]string{"h1": "Page not found", ".error-status": "404"},
		},
		{
			name: "code of another system", path: "/codes/kmsg/4019", status: 404,
			want: map[string]string{"h1": "K-Message has no code 4019", ".card-list a[href=/codes/kakao-share/4019]": ""},
		},
		{
			name: "unknown code", path: "/codes/kmsg/NO_SUCH_CODE", status: 404,
			want:  map[string]string{"h1": "K-Message has no code NO_SUCH_CODE"},
			count: map[string]int{".card-list": 0},
		},
		{
			name: "bad filter", path: "/search?q=x&http_status=abc", status: 400,
			want: map[string]string{"[data-error-message]": "http_status must be a number", ".error-status": "400"},
		},
		{
			name: "unknown system filter", path: "/search?q=x&system=nope", status: 400,
			want: map[string]string{"[data-error-message]": "unknown system"},
		},
		{
			name: "bad cursor", path: "/search?q=x&cursor=garbage", status: 400,
			want: map[string]string{"h1": "That request did not make sense"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, e, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s: got status %d, want %d", tt.path, res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=UTF-8" {
				t.Errorf("Content-Type: got %q, want text/html; charset=UTF-8", ct)
			}
			doc := parse(t, res.Body)
			for sel, want := range tt.want {
				n := query(doc, sel)
				if n == nil {
					t.Errorf("%s: no element", sel)
					continue
				}
				if got := text(n); !strings.Contains(got, want) {
					t.Errorf("%s: got %q, want it to contain %q", sel, got, want)
				}
			}
			for sel, want := range tt.count {
				if got := len(queryAll(doc, sel)); got != want {
					t.Errorf("%s: got %d elements, want %d", sel, got, want)
				}
			}
		})
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "+", `"`, "%22", "{", "%7B", "}", "%7D")
	return r.Replace(s)
}

func catalogCount(t *testing.T, system string) int {
	t.Helper()
	idx := newIndex(t, nil)
	return idx.Catalog().Count(system)
}

func TestRedirectsOtherSpellings(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	tests := []struct{ path, want string }{
		{"/codes/kakao-share/koe009", "/codes/kakao-share/KOE009"},
		{"/codes/kakao-share/koe009?lang=ko", "/codes/kakao-share/KOE009?lang=ko"},
	}
	for _, tt := range tests {
		res := get(t, e, tt.path)
		if res.StatusCode != http.StatusFound {
			t.Errorf("GET %s: got status %d, want 302", tt.path, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Location"); got != tt.want {
			t.Errorf("GET %s: got Location %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestSecurityHeaders checks the headers on every kind of answer, error
// pages and static files included.
func TestSecurityHeaders(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	paths := []string{"/", "/search?q=4019", "/search?q=4019&partial=1", "/codes/kakao-share/4019",
		"/codes/kakao-share/-401", "/systems/kmsg", "/systems/nope", "/codes/kmsg/nope", "/search?http_status=x",
		"/static/app.css", "/static/app.js", "/static/nope.js"}
	want := map[string]string{
		"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
			"connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
		"X-Frame-Options":        "DENY",
	}
	for _, p := range paths {
		res := get(t, e, p)
		for h, v := range want {
			if h == "Referrer-Policy" && strings.HasPrefix(p, "/search?") {
				v = "no-referrer" // a search's address holds what the user typed
			}
			if got := res.Header.Get(h); got != v {
				t.Errorf("GET %s: %s: got %q, want %q", p, h, got, v)
			}
		}
	}
}

func TestLanguage(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	tests := []struct {
		name       string
		path       string
		header     []string
		wantLang   string
		wantCookie string // the Set-Cookie value, "" for none
	}{
		{"default", "/", nil, "en", ""},
		{"accept-language korean", "/", []string{"Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8"}, "ko", ""},
		{"accept-language weights", "/", []string{"Accept-Language", "en;q=0.5,ko;q=0.7"}, "ko", ""},
		{"accept-language unknown", "/", []string{"Accept-Language", "fr-FR,de;q=0.9"}, "en", ""},
		{"accept-language refused", "/", []string{"Accept-Language", "ko;q=0,en;q=0.1"}, "en", ""},
		{"query sets cookie", "/?lang=ko", nil, "ko", "ko"},
		{"query beats cookie", "/systems/kmsg?lang=en", []string{"Cookie", "errdex_lang=ko"}, "en", "en"},
		{"cookie beats header", "/", []string{"Cookie", "errdex_lang=ko", "Accept-Language", "en"}, "ko", ""},
		{"bad query ignored", "/?lang=xx", []string{"Accept-Language", "ko"}, "ko", ""},
		{"bad cookie ignored", "/", []string{"Cookie", "errdex_lang=xx"}, "en", ""},
		{"error page", "/systems/nope?lang=ko", nil, "ko", "ko"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, e, tt.path, tt.header...)
			doc := parse(t, res.Body)
			if got, _ := attr(query(doc, "html"), "lang"); got != tt.wantLang {
				t.Errorf("html lang: got %q, want %q", got, tt.wantLang)
			}
			var cookie *http.Cookie
			for _, c := range res.Cookies() {
				if c.Name == "errdex_lang" {
					cookie = c
				}
			}
			switch {
			case tt.wantCookie == "" && cookie != nil:
				t.Errorf("got cookie %v, want none", cookie)
			case tt.wantCookie != "" && cookie == nil:
				t.Errorf("got no cookie, want %s", tt.wantCookie)
			case cookie != nil:
				if cookie.Value != tt.wantCookie || cookie.Path != "/" || cookie.SameSite != http.SameSiteLaxMode || !cookie.HttpOnly {
					t.Errorf("cookie: got %+v, want value %s, Path=/, SameSite=Lax, HttpOnly", cookie, tt.wantCookie)
				}
			}
		})
	}
}

// TestLanguageLinksKeepTheAddress checks that the switch points at the
// same page with only lang changed.
func TestLanguageLinksKeepTheAddress(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	tests := []struct{ path, wantEN, wantKO string }{
		{"/", "/?lang=en", "/?lang=ko"},
		{"/search?q=4019&system=kakao-share", "/search?lang=en&q=4019&system=kakao-share", "/search?lang=ko&q=4019&system=kakao-share"},
		{"/codes/kakao-share/-401/domain-mismatched?lang=ko", "/codes/kakao-share/-401/domain-mismatched?lang=en", "/codes/kakao-share/-401/domain-mismatched?lang=ko"},
		{"/systems/kmsg?sort=-http", "/systems/kmsg?lang=en&sort=-http", "/systems/kmsg?lang=ko&sort=-http"},
	}
	for _, tt := range tests {
		doc := parse(t, get(t, e, tt.path).Body)
		for lang, want := range map[string]string{"en": tt.wantEN, "ko": tt.wantKO} {
			a := query(doc, "nav.lang-switch a[data-lang-link="+lang+"]")
			if a == nil {
				t.Fatalf("%s: no %s link", tt.path, lang)
			}
			if got, _ := attr(a, "href"); got != want {
				t.Errorf("%s: %s link: got %q, want %q", tt.path, lang, got, want)
			}
		}
	}
}

func TestSystemSort(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	tests := []struct {
		sort     string
		col      string
		ariaSort string
		nextLink string // the column's header link after this sort
		ordered  func(a, b string) bool
	}{
		{"http", "http", "ascending", "/systems/kirim?sort=-http", func(a, b string) bool { return num(a) <= num(b) }},
		{"-http", "http", "descending", "/systems/kirim?sort=http", func(a, b string) bool { return num(a) >= num(b) }},
		{"title", "title", "ascending", "/systems/kirim?sort=-title", func(a, b string) bool { return strings.ToLower(a) <= strings.ToLower(b) }},
		{"", "code", "ascending", "/systems/kirim?sort=-code", codeOrder},
		{"bogus", "code", "ascending", "/systems/kirim?sort=-code", codeOrder},
	}
	for _, tt := range tests {
		t.Run(tt.sort, func(t *testing.T) {
			res := get(t, e, "/systems/kirim?sort="+tt.sort)
			if res.StatusCode != 200 {
				t.Fatalf("got status %d, want 200", res.StatusCode)
			}
			doc := parse(t, res.Body)
			th := query(doc, "th.col-"+tt.col)
			if got, _ := attr(th, "aria-sort"); got != tt.ariaSort {
				t.Errorf("aria-sort of %s: got %q, want %q", tt.col, got, tt.ariaSort)
			}
			if got, _ := attr(query(th, "a"), "href"); got != tt.nextLink {
				t.Errorf("header link of %s: got %q, want %q", tt.col, got, tt.nextLink)
			}
			if n := len(queryAll(doc, "th[aria-sort]")); n != 1 {
				t.Errorf("sorted columns: got %d, want 1", n)
			}
			var vals []string
			for _, td := range queryAll(doc, "tbody td.col-"+tt.col) {
				vals = append(vals, text(td))
			}
			for i := 1; i < len(vals); i++ {
				if !tt.ordered(vals[i-1], vals[i]) {
					t.Fatalf("column %s out of order at %d: %q then %q", tt.col, i, vals[i-1], vals[i])
				}
			}
		})
	}
}

// codeOrder is the order codes are read in: numbers by value (Meta's
// 100, 190, 131026 that Kirim forwards), before words.
func codeOrder(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return x <= y
	case errA == nil || errB == nil:
		return errA == nil
	}
	return a <= b
}

func num(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func TestStatic(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	doc := parse(t, get(t, e, "/").Body)
	css, _ := attr(query(doc, "link[rel=stylesheet]"), "href")
	js, _ := attr(query(doc, "script"), "src")
	tests := []struct {
		path, wantType, wantCache string
		status                    int
	}{
		{css, "text/css; charset=utf-8", "public, max-age=31536000, immutable", 200},
		{js, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", 200},
		{"/static/app.css", "text/css; charset=utf-8", "public, max-age=300", 200},
		{"/static/favicon.svg", "image/svg+xml", "public, max-age=300", 200},
		{"/static/nope.css", "", "", 404},
	}
	for _, tt := range tests {
		res := get(t, e, tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: got status %d, want %d", tt.path, res.StatusCode, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if got := res.Header.Get("Content-Type"); got != tt.wantType {
			t.Errorf("GET %s: Content-Type: got %q, want %q", tt.path, got, tt.wantType)
		}
		if got := res.Header.Get("Cache-Control"); got != tt.wantCache {
			t.Errorf("GET %s: Cache-Control: got %q, want %q", tt.path, got, tt.wantCache)
		}
		etag := res.Header.Get("ETag")
		if again := get(t, e, tt.path, "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: got status %d, want 304", tt.path, again.StatusCode)
		}
	}
}

// TestNoExternalRequests checks that pages load nothing from elsewhere:
// every script, stylesheet, icon and image is under /static/.
func TestNoExternalRequests(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	for _, p := range []string{"/", "/search?q=4019", "/codes/kakao-share/4019", "/systems/kmsg", "/systems/nope"} {
		doc := parse(t, get(t, e, p).Body)
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			var ref string
			switch n.Data {
			case "script", "img", "iframe", "source", "video", "audio":
				ref, _ = attr(n, "src")
			case "link":
				ref, _ = attr(n, "href")
				if rel, _ := attr(n, "rel"); rel == "canonical" {
					return
				}
			default:
				return
			}
			if !strings.HasPrefix(ref, "/static/") {
				t.Errorf("%s: <%s> loads %q, want a /static/ address", p, n.Data, ref)
			}
		})
	}
}

// TestEveryStringTranslated checks that no UI string is empty in any
// language, and that the keyed tables have the same keys.
func TestEveryStringTranslated(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	// The strings are unexported through the package API, so check what
	// they produce: every language renders every page with the same
	// structure, and no element that holds UI text is empty.
	for _, lang := range errdex.Langs {
		for _, p := range []string{"/", "/search?q=template", "/search?q=KOE999", "/codes/kmsg/INSUFFICIENT_BALANCE",
			"/codes/kakao-share/-401", "/codes/kakao-share/-401/domain-mismatched", "/systems/kirim", "/systems/nope"} {
			doc := parse(t, get(t, e, p+sep(p)+"lang="+string(lang)).Body)
			for _, sel := range []string{"h1", "h2", "h3", "th", "label", "button", ".badge", ".facet-title", "a.skip-link", "nav.lang-switch a"} {
				for _, n := range queryAll(doc, sel) {
					if text(n) == "" {
						t.Errorf("%s (%s): an empty %s", p, lang, sel)
					}
				}
			}
		}
	}
}

func sep(p string) string {
	if strings.Contains(p, "?") {
		return "&"
	}
	return "?"
}

// countingIndex counts how often its holder closes it.
type countingIndex struct {
	errdex.Index
	closed *atomic.Int32
}

func (c countingIndex) Close() error { c.closed.Add(1); return nil }

// TestAcquireRelease checks that each page releases the index it acquired:
// the holder closes an index only once its last user has released it.
func TestAcquireRelease(t *testing.T) {
	var closed atomic.Int32
	h := live.NewHolder(countingIndex{newIndex(t, nil), &closed}, nil)
	e, _ := newServerOn(t, h)
	for _, path := range []string{"/", "/search?q=4019", "/codes/kakao-share/4019", "/systems/kmsg", "/codes/x/y", "/search?system=nope"} {
		get(t, e, path)
	}
	h.Close()
	if n := closed.Load(); n != 1 {
		t.Errorf("the index was closed %d times after the server stopped serving it, want 1 (a request kept it)", n)
	}
}

// TestNoIndex checks that the server answers every page with the 503
// page once it serves no index (after shutdown began), not a crash or 500.
func TestNoIndex(t *testing.T) {
	h := live.NewHolder(newIndex(t, nil), nil)
	e, _ := newServerOn(t, h)
	h.Close()
	for _, path := range []string{"/", "/search?q=4019", "/codes/kmsg/X", "/systems/kmsg"} {
		res := get(t, e, path)
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET %s without an index: got %d, want 503", path, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s without an index: Content-Type %q, want the HTML error page", path, ct)
		}
	}
}

// TestRoutes checks that Register adds only the page routes.
func TestRoutes(t *testing.T) {
	p, err := pages.New(pages.Config{App: app.New(live.NewHolder(newIndex(t, nil), nil), app.Config{})})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	p.Register(e)
	var got []string
	for _, r := range e.Routes() {
		got = append(got, r.Method+" "+r.Path)
	}
	slices.Sort(got)
	want := []string{"GET /", "GET /codes/:system/:code", "GET /codes/:system/:code/:variant",
		"GET /providers/:provider/:channel/:code", "GET /providers/:provider/:code", "GET /search",
		"GET /static/*", "GET /systems/:system", "HEAD /", "HEAD /codes/:system/:code",
		"HEAD /codes/:system/:code/:variant", "HEAD /providers/:provider/:channel/:code", "HEAD /providers/:provider/:code",
		"HEAD /search", "HEAD /static/*", "HEAD /systems/:system", "POST /search"}
	if !slices.Equal(got, want) {
		t.Errorf("routes: got %v, want %v", got, want)
	}
}
