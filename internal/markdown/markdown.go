// Package markdown renders the Markdown of catalog prose (causes, fixes,
// notes) to HTML that is safe to put in a page or a JSON answer.
//
// Catalog files are edited by many people and shown to everyone, so the
// renderer trusts none of them: raw HTML is dropped (goldmark's unsafe mode
// stays off) and a link or image whose address has a scheme other than
// http, https or mailto loses its address. goldmark decodes character
// references in link destinations before this check runs, so obfuscations
// such as "javascript&colon;" or "&#106;avascript:" are caught too.
package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	htmlparse "golang.org/x/net/html"
)

// md is safe for concurrent use and holds no state between calls, so one
// instance serves every request.
var md = goldmark.New(
	goldmark.WithParserOptions(
		parser.WithASTTransformers(util.Prioritized(linkFilter{}, 100)),
	),
	goldmark.WithRendererOptions(
		// Unsafe stays off: raw HTML becomes an "omitted" comment.
		html.WithXHTML(),
	),
)

// ToHTML renders Markdown source to sanitised HTML. A source that cannot be
// rendered (goldmark fails only on write errors, which a buffer does not
// have) comes back HTML-escaped.
//
// Renderings are memoized: the same catalog prose is rendered again for
// every answer and page that shows it, and goldmark's parse and render cost
// far more than a map lookup. The output depends on the source alone, so a
// remembered rendering is never stale.
func ToHTML(src string) template.HTML {
	if h, ok := memo.get(src); ok {
		return h
	}
	h := render(src)
	memo.put(src, h)
	return h
}

func render(src string) template.HTML {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil || tooDeep(buf.Bytes()) {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(strings.TrimSpace(buf.String()))
}

// maxDepth bounds how deep the rendered elements may nest. Prose nests a
// few levels; a run of hundreds of asterisks or quote marks nests hundreds
// of <em> or <blockquote>, past what HTML parsers keep open (512 in Go's),
// so such a text is shown as it was written instead.
const maxDepth = 64

// tooDeep reports whether the elements of h nest deeper than maxDepth.
func tooDeep(h []byte) bool {
	z := htmlparse.NewTokenizer(bytes.NewReader(h))
	depth := 0
	for {
		switch z.Next() {
		case htmlparse.ErrorToken:
			return false
		case htmlparse.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				if depth++; depth > maxDepth {
					return true
				}
			}
		case htmlparse.EndTagToken:
			depth = max(0, depth-1)
		}
	}
}

// voidElements have no end tag, so they open nothing.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "wbr": true,
	"area": true, "base": true, "col": true, "embed": true, "link": true, "meta": true, "source": true,
	"track": true}

// ToHTMLs renders each source of a list; the result has the same length.
func ToHTMLs(srcs []string) []template.HTML {
	out := make([]template.HTML, len(srcs))
	for i, s := range srcs {
		out[i] = ToHTML(s)
	}
	return out
}

// Bounds of the memo. Catalog prose is a finite set of short texts, but a
// catalog can be large and ToHTML takes any string, so memory is bounded:
// texts over maxMemoSource bytes are rendered every time, and each of the
// memo's two generations holds at most memoGenBytes of source and HTML.
const (
	maxMemoSource = 16 << 10
	memoGenBytes  = 4 << 20
)

var memo = &htmlMemo{max: memoGenBytes}

// htmlMemo is a cache of renderings in two generations: new renderings go
// into cur; when cur is full it becomes prev and the old prev is dropped; a
// hit in prev moves back into cur. Recently used texts stay, and memory is
// at most twice max.
type htmlMemo struct {
	mu        sync.Mutex
	max       int
	size      int // bytes held by cur
	cur, prev map[string]template.HTML
}

func (m *htmlMemo) get(src string) (template.HTML, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h, ok := m.cur[src]; ok {
		return h, true
	}
	if h, ok := m.prev[src]; ok {
		delete(m.prev, src)
		m.addLocked(src, h)
		return h, true
	}
	return "", false
}

func (m *htmlMemo) put(src string, h template.HTML) {
	if len(src) > maxMemoSource {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.cur[src]; !ok {
		m.addLocked(src, h)
	}
}

func (m *htmlMemo) addLocked(src string, h template.HTML) {
	n := len(src) + len(h)
	if m.cur == nil || m.size+n > m.max {
		m.prev, m.cur, m.size = m.cur, make(map[string]template.HTML), 0
	}
	// Keep a copy of the key: src may be a substring of a large string the
	// caller holds, which the memo must not keep alive.
	m.cur[strings.Clone(src)] = h
	m.size += n
}

// linkFilter replaces links and images whose destination is not a safe
// address by their text, so the words stay and the address goes.
type linkFilter struct{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(destination(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if !SafeURL(destination(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !SafeURL(string(n.URL(reader.Source()))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(reader.Source())))
			continue
		}
		// Move the link's text in front of it, then drop the link.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// destination decodes a link destination the way the HTML renderer will
// before writing it: the AST keeps the source spelling, with backslash
// escapes and character references ("&colon;", "&#106;") still in it.
func destination(raw []byte) string {
	d := util.UnescapePunctuations(raw)
	d = util.ResolveNumericReferences(d)
	d = util.ResolveEntityNames(d)
	return string(d)
}

// SafeURL reports whether a link destination may be rendered: a relative
// address, a fragment, or one with the scheme http, https or mailto. The
// scheme is read as browsers read it, ignoring letter case, and more
// strictly: ASCII whitespace and control characters are skipped anywhere
// in it (browsers skip only some), so "java\nscript:" is a scheme. A
// character no scheme may hold ("/", "?", "#", "%"...) before any colon
// makes the address relative, as it does for browsers; that is also how
// the renderer's percent-encoded form of a safe address ("http%1C:") reads.
func SafeURL(u string) bool {
	var scheme strings.Builder
	for _, r := range u {
		switch {
		case r <= 0x20 || r == 0x7f:
			continue
		case r == ':':
			switch strings.ToLower(scheme.String()) {
			case "http", "https", "mailto":
				return true
			}
			return false
		case !isSchemeChar(r):
			return true // no scheme: a relative address
		}
		scheme.WriteRune(r)
	}
	return true
}

// isSchemeChar reports whether r may appear in a URL scheme (RFC 3986,
// section 3.1).
func isSchemeChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'
}
