package web_test

import (
	"io/fs"
	"testing"

	"github.com/errdex/errdex/web"
)

// TestEmbeddedFiles checks that every file the pages need is in the binary.
func TestEmbeddedFiles(t *testing.T) {
	for _, name := range []string{
		"templates/base.html", "templates/partials.html", "templates/search.html", "templates/entry.html",
		"templates/variants.html", "templates/system.html", "templates/error.html",
		"static/app.css", "static/app.js", "static/favicon.svg",
	} {
		data, err := fs.ReadFile(web.FS, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(data) == 0 {
			t.Errorf("%s: empty", name)
		}
	}
}
