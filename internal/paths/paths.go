// Package paths builds every address errdex links to, in one place: each
// part taken from the catalog (a system, a code, a variant, a provider
// record's parts) is escaped here, once, so that no code can break a link
// and no caller escapes twice. The routes in internal/web and pages match
// these layouts.
package paths

import (
	"net/url"
	"strings"

	"github.com/errdex/errdex"
)

// Home is the site's front page, with the search box and the systems.
const Home = "/"

// SearchPage is the path of the results page, /search; its parameters go
// in the query string.
const SearchPage = "/search"

// Search is the results page of a query: /search?q={query}, the query
// escaped once (a space as %20, as a browser writes it in a link).
func Search(query string) string {
	return SearchPage + "?q=" + strings.ReplaceAll(url.QueryEscape(query), "+", "%20")
}

// Entry is the path of an entry's page: /codes/{system}/{code}[/{variant}].
func Entry(e *errdex.Entry) string {
	return join("/codes", e.System, e.Code, e.Variant)
}

// System is the path of a system's page: /systems/{system}.
func System(id string) string { return join("/systems", id) }

// Record is the path of a provider record's page:
// /providers/{provider}[/{channel}]/{code}.
func Record(r *errdex.ProviderRecord) string {
	return join("/providers", r.Provider, r.Channel, r.Code)
}

// Absolute puts a site's base URL ("https://errdex.example.com", with or
// without a trailing slash) before a path; an empty base leaves the path
// site-relative.
func Absolute(base, path string) string { return strings.TrimRight(base, "/") + path }

// join appends the non-empty parts to prefix, each escaped.
func join(prefix string, parts ...string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, p := range parts {
		if p != "" {
			b.WriteByte('/')
			b.WriteString(url.PathEscape(p))
		}
	}
	return b.String()
}
