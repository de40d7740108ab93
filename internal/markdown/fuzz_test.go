package markdown_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/errdex/errdex/internal/markdown"
)

// FuzzRender renders arbitrary Markdown and parses the HTML that comes out
// as a browser would: no element may run script, whatever the input.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](javascript&colon;alert(1))",
		"[x](JaVaScRiPt:alert(1))", "[x](\x00javascript:alert(1))", "![i](data:text/html;base64,PHNjcmlwdD4=)",
		"<img src=x onerror=alert(1)>", "<a href=\"vbscript:x\">v</a>", "`code` **bold** [ok](https://example.com)",
		"<iframe src=//evil>", "[x]: javascript:alert(1)\n[y][x]", "<svg onload=alert(1)>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(markdown.ToHTML(src))
		doc, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link":
					t.Fatalf("ToHTML(%q) made a <%s> element: %s", src, n.Data, out)
				}
				for _, a := range n.Attr {
					key := strings.ToLower(a.Key)
					if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
						t.Fatalf("ToHTML(%q) made attribute %s: %s", src, a.Key, out)
					}
					if (key == "href" || key == "src") && !markdown.SafeURL(a.Val) {
						t.Fatalf("ToHTML(%q) made unsafe %s=%q: %s", src, key, a.Val, out)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}
