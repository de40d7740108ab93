package pages

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

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
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		if strings.HasPrefix(ctype, "text/") && !strings.Contains(ctype, "charset") {
			ctype += "; charset=utf-8"
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
