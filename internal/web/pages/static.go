package pages

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// staticTypes are the content types of the static files, by extension.
// They are fixed here rather than asked of package mime, whose answers
// come partly from the host's MIME tables: a file is served with the same
// type on every machine, and the process does not keep those tables (some
// 10,000 objects the garbage collector would mark on every cycle).
var staticTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
}

// loadStatic reads every file under static/ once: they are small, and
// hashing them at startup gives each a cache-busting version.
func loadStatic(fsys fs.FS) (map[string]staticFile, error) {
	out := map[string]staticFile{}
	err := fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ctype, ok := staticTypes[path.Ext(name)]
		if !ok {
			return fmt.Errorf("%s: no content type is set for %q files (add one to staticTypes)", name, path.Ext(name))
		}
		out[strings.TrimPrefix(name, "static/")] = staticFile{data: data, hash: hex.EncodeToString(sum[:6]), ctype: ctype}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pages: static files: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("pages: no static files embedded")
	}
	return out, nil
}

// handleStatic serves GET /static/*: the embedded stylesheet, script and
// icon. Addressed with their content hash (?v=, as the templates write
// them) they are cached for a year; otherwise for five minutes.
func (p *Pages) handleStatic(c echo.Context) error {
	f, ok := p.static[c.Param("*")]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Content-Type", f.ctype)
	h.Set("ETag", `"`+f.hash+`"`)
	if c.QueryParam("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(f.data))
	return nil
}
