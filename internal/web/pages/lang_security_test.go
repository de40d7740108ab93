package pages

import (
	"net/url"
	"strings"
	"testing"

	"github.com/errdex/errdex"
)

// A 404 for a path starting "//" once had language links to another site.
func TestLangLinksStayOnSite(t *testing.T) {
	for _, raw := range []string{"//evil.example/x", "///evil.example", "/%2F/evil.example", "/\\evil.example/x"} {
		u, err := url.Parse("http://errdex.test" + strings.ReplaceAll(raw, "\\", "%5C"))
		if err != nil {
			u = &url.URL{Path: raw}
		}
		u.Path, u.RawPath = raw, ""
		for _, l := range langLinks(u, errdex.English) {
			if strings.HasPrefix(l.URL, "//") || strings.HasPrefix(l.URL, "/\\") {
				t.Errorf("path %q: language link %q leaves the site", raw, l.URL)
			}
		}
	}
}
