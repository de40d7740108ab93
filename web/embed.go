// Package web holds the files of errdex's web UI: the html/template pages
// under templates/ and the stylesheet, script and icon under static/. They
// are embedded in the binary, so the UI makes no request to anything but
// errdex itself.
package web

import "embed"

// FS holds templates/*.html and static/**. Package pages parses the
// templates once at startup and serves static/ under /static/.
//
//go:embed templates/*.html static
var FS embed.FS
