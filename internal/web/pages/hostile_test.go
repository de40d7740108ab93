package pages_test

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/errdex/errdex"
)

// hostile is Markdown and text that tries every way we know to get script
// into a page: raw tags, event handlers, javascript: links spelled with
// entities and escapes, data: URLs, breaking out of attributes and <pre>.
var hostile = []string{
	`<script>alert(1)</script>`,
	`[click](javascript:alert(1))`,
	`[click](javascript&colon;alert(1))`,
	`[click](&#106;avascript:alert(1))`,
	`[click](JaVaScRiPt:alert(1))`,
	`[click](java\script:alert(1))`,
	`[click](<javascript:alert(1)>)`,
	`<javascript:alert(1)>`,
	`[ref]` + "\n\n" + `[ref]: javascript:alert(1)`,
	`![img](javascript:alert(1))`,
	`[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`<a href="javascript:alert(1)">raw link</a>`,
	`<img src=x onerror="alert(1)">`,
	`<svg onload=alert(1)>`,
	`<iframe src="https://evil.example/"></iframe>`,
	`<style>body{display:none}</style>`,
	`<div style="background:url(javascript:alert(1))">styled</div>`,
	`[title](https://example.com "x\" onmouseover=\"alert(1)")`,
	`<base href="https://evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>`,
	"```html\n<script>alert(1)</script>\n```",
	`" onmouseover="alert(1)`,
	`'><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`</code></pre><script>alert(1)</script>`,
}

func hostileText() errdex.Text {
	s := strings.Join(hostile, "\n\n")
	return errdex.Text{En: s, Ko: s}
}

func hostileLine() errdex.Text {
	s := `<img src=x onerror=alert(1)> "><script>alert(1)</script>`
	return errdex.Text{En: s, Ko: s}
}

func hostileCatalog(t *testing.T) *errdex.Catalog {
	t.Helper()
	md := hostileText()
	line := hostileLine()
	// The validator refuses javascript: and data: addresses in references
	// and homepages; the pages check again, but these are what a valid
	// catalog can hold.
	sys := &errdex.System{ID: "evil", Name: line, Description: md, Homepage: `https://example.com/"><script>alert(1)</script>`}
	entry := func(variant string) *errdex.Entry {
		return &errdex.Entry{
			System: "evil", Code: "XSS", Variant: variant,
			Aliases:    []string{`"><svg/onload=alert(1)>` + variant},
			Type:       `"><script>alert(1)</script>`,
			HTTPStatus: 400,
			Title:      line, Summary: md,
			Causes: []errdex.Text{md}, Fixes: []errdex.Text{md}, Notes: []errdex.Text{md},
			Retry:      errdex.Retry{Strategy: errdex.RetryNever, Note: md},
			Signatures: []errdex.Signature{{Text: `<script>alert(1)</script>` + variant}},
			Examples:   []errdex.Example{{Label: line.En, Text: `</code></pre><script>alert(1)</script>`}},
			References: []errdex.Reference{
				{Title: line.En, URL: `https://example.com/" onmouseover="alert(1)`},
				{Title: "ok", URL: "https://example.com/?q=<script>"},
				{Title: line.En, URL: `https://example.com/"><script>alert(1)</script>`},
			},
			ProviderCodes: []errdex.ProviderCode{{Provider: "evil", Codes: []string{"X1"}, Note: md}},
			Related:       []string{"evil/XSS/" + map[string]string{"a": "b", "b": "a"}[variant]},
		}
	}
	cat, err := errdex.New([]*errdex.System{sys}, []*errdex.Entry{entry("a"), entry("b")}, "hostile")
	if err != nil {
		t.Fatalf("building the hostile catalog: %v", err)
	}
	return cat
}

// TestHostileContent renders every page of a catalog full of hostile
// Markdown, and hostile queries, and checks that nothing executable comes
// out: no script but ours, no event handler, no javascript: or data: URL,
// no element that loads or styles from the content.
func TestHostileContent(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, hostileCatalog(t)))
	q := url.QueryEscape
	paths := []string{
		"/",
		"/search",
		"/search?q=" + q(`<script>alert(1)</script>`),
		"/search?q=" + q(`"><img src=x onerror=alert(1)>`),
		"/search?q=" + q(`</textarea><script>alert(1)</script>`),
		"/search?q=" + q(`javascript:alert(1)`) + "&partial=1",
		"/search?q=XSS&type=" + q(`"><script>alert(1)</script>`),
		"/search?q=" + q(strings.Repeat("<script>alert(1)</script>", 100)),
		"/search?q=x&system=" + q(`<script>alert(1)</script>`),
		"/search?q=x&http_status=" + q(`"><script>`),
		"/codes/evil/XSS",
		"/codes/evil/XSS/a",
		"/codes/evil/XSS/b?lang=ko",
		"/codes/evil/" + q(`<script>alert(1)</script>`),
		"/codes/evil/XSS/a?lang=" + q(`"><script>alert(1)</script>`),
		"/systems/evil",
		"/systems/evil?sort=" + q(`"><script>alert(1)</script>`),
		"/systems/" + q(`<script>alert(1)</script>`),
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			res := get(t, e, p, "Accept-Language", `"><script>alert(1)</script>`, "Cookie", `errdex_lang="><script>`)
			if res.StatusCode >= 500 {
				t.Fatalf("got status %d, want no 5xx", res.StatusCode)
			}
			for _, problem := range executable(parse(t, res.Body)) {
				t.Error(problem)
			}
		})
	}
	// The hostile entry must have been rendered, not dropped: its words
	// stay as text.
	doc := parse(t, get(t, e, "/codes/evil/XSS/a").Body)
	if got := text(query(doc, "h1")); !strings.Contains(got, "<script>alert(1)</script>") {
		t.Errorf("the hostile title: got %q, want it shown as text", got)
	}
	if len(queryAll(doc, ".prose")) == 0 {
		t.Error("the hostile Markdown was not rendered")
	}
}

// urlAttrs are the attributes a browser loads or navigates to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"srcset": true, "background": true, "xlink:href": true, "ping": true, "cite": true, "manifest": true,
}

// forbidden are elements that load, embed or style from the page itself.
var forbidden = map[string]bool{
	"iframe": true, "frame": true, "object": true, "embed": true, "base": true, "style": true,
	"svg":  false, // our search icon is an inline SVG; its attributes are checked like any other
	"form": false, "meta": false,
}

// executable lists everything in a page that could run script.
func executable(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if forbidden[n.Data] {
			out = append(out, "element <"+n.Data+">")
		}
		switch n.Data {
		case "script":
			src, _ := attr(n, "src")
			if !strings.HasPrefix(src, "/static/") {
				out = append(out, "script not from /static/: src="+src)
			}
			if n.FirstChild != nil {
				out = append(out, "inline script: "+text(n))
			}
		case "meta":
			if v, ok := attr(n, "http-equiv"); ok {
				out = append(out, "<meta http-equiv="+v+">")
			}
		case "form":
			if action, _ := attr(n, "action"); action != "/search" {
				out = append(out, "form action "+action)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				out = append(out, "<"+n.Data+"> has "+a.Key+"="+a.Val)
			}
			if key == "style" {
				out = append(out, "<"+n.Data+"> has style="+a.Val)
			}
			if urlAttrs[key] && dangerousURL(a.Val) {
				out = append(out, "<"+n.Data+"> "+a.Key+"="+a.Val)
			}
		}
	})
	return out
}

// dangerousURL reads a URL's scheme the way a browser does (ignoring
// whitespace and control characters, any case) and reports the schemes
// that run script or carry a document.
func dangerousURL(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r > 0x20 && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(s, scheme) {
			return true
		}
	}
	return false
}

// TestExecutableCatchesHostileHTML makes sure the checker itself would
// notice each kind of problem.
func TestExecutableCatchesHostileHTML(t *testing.T) {
	tests := []string{
		`<script>alert(1)</script>`,
		`<script src="https://evil.example/x.js"></script>`,
		`<img src=x onerror="alert(1)">`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#x09;Script:alert(1)">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<iframe src="/"></iframe>`,
		`<div style="color:red">x</div>`,
		`<meta http-equiv="refresh" content="0">`,
		`<form action="javascript:alert(1)"></form>`,
	}
	for _, src := range tests {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := executable(doc); len(got) == 0 {
			t.Errorf("executable(%s): got nothing, want a problem", src)
		}
	}
}
