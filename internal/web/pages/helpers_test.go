package pages_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/web"
)

// builtinIndex indexes the built-in catalog once for every test.
var builtinIndex = sync.OnceValues(func() (*search.Index, error) {
	cat, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	return search.New(context.Background(), cat, search.Options{})
})

func newIndex(t *testing.T, cat *errdex.Catalog) errdex.Index {
	t.Helper()
	if cat == nil {
		idx, err := builtinIndex()
		if err != nil {
			t.Fatal(err)
		}
		return unclosable{idx}
	}
	idx, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// unclosable shares the built-in index between tests: a holder's Close
// (a server shut down) leaves it open for the next test.
type unclosable struct{ errdex.Index }

func (unclosable) Close() error { return nil }

// newEcho returns errdex's own server (internal/web) answering from idx:
// the pages with the server's middleware and error handler, which
// renders their error pages with RenderError.
func newEcho(t *testing.T, idx errdex.Index) (http.Handler, *web.Server) {
	t.Helper()
	return newServerOn(t, live.NewHolder(idx, nil))
}

func newServerOn(t *testing.T, h *live.Holder) (http.Handler, *web.Server) {
	t.Helper()
	s, err := web.New(web.Config{}, h, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(), s
}

// get requests path from h with the given headers.
func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// parse reads an HTML response body into a tree.
func parse(t *testing.T, r io.Reader) *html.Node {
	t.Helper()
	doc, err := html.Parse(r)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// The selector helpers below understand the little CSS the tests need:
// a tag, .class, #id and [attr] / [attr=value], combined in one compound
// ("a.facet-link[aria-current]"), and descendant combinators ("ol li a").

type simpleSel struct {
	tag     string
	id      string
	classes []string
	attrs   [][2]string // name, value ("" value with hasValue false matches presence)
	hasVal  []bool
}

func parseSimple(s string) simpleSel {
	var sel simpleSel
	for len(s) > 0 {
		switch s[0] {
		case '.':
			end := strings.IndexAny(s[1:], ".#[")
			if end < 0 {
				end = len(s) - 1
			}
			sel.classes = append(sel.classes, s[1:end+1])
			s = s[end+1:]
		case '#':
			end := strings.IndexAny(s[1:], ".#[")
			if end < 0 {
				end = len(s) - 1
			}
			sel.id = s[1 : end+1]
			s = s[end+1:]
		case '[':
			end := strings.IndexByte(s, ']')
			body := s[1:end]
			name, val, ok := strings.Cut(body, "=")
			sel.attrs = append(sel.attrs, [2]string{name, strings.Trim(val, `"'`)})
			sel.hasVal = append(sel.hasVal, ok)
			s = s[end+1:]
		default:
			end := strings.IndexAny(s, ".#[")
			if end < 0 {
				end = len(s)
			}
			sel.tag = s[:end]
			s = s[end:]
		}
	}
	return sel
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (s simpleSel) match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if s.tag != "" && n.Data != s.tag {
		return false
	}
	if s.id != "" {
		if v, _ := attr(n, "id"); v != s.id {
			return false
		}
	}
	if len(s.classes) > 0 {
		v, _ := attr(n, "class")
		have := strings.Fields(v)
		for _, c := range s.classes {
			found := false
			for _, h := range have {
				if h == c {
					found = true
				}
			}
			if !found {
				return false
			}
		}
	}
	for i, a := range s.attrs {
		v, ok := attr(n, a[0])
		if !ok || (s.hasVal[i] && v != a[1]) {
			return false
		}
	}
	return true
}

// queryAll returns the elements under root matching a selector, in
// document order.
func queryAll(root *html.Node, selector string) []*html.Node {
	parts := strings.Fields(selector)
	nodes := []*html.Node{root}
	for _, p := range parts {
		sel := parseSimple(p)
		var next []*html.Node
		seen := map[*html.Node]bool{}
		for _, n := range nodes {
			walk(n, func(d *html.Node) {
				if d != n && sel.match(d) && !seen[d] {
					seen[d] = true
					next = append(next, d)
				}
			})
		}
		nodes = next
	}
	return nodes
}

func query(root *html.Node, selector string) *html.Node {
	if ns := queryAll(root, selector); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// text returns the text under n with runs of space collapsed.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	walk(n, func(d *html.Node) {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
