// Package pages is errdex's web UI: server-rendered HTML pages for people
// (search, one entry, one system, errors) in English and Korean, and the
// static files they use, all embedded from package web.
//
// Every page works without JavaScript; the small script in web/static adds
// search as you type, the "/" shortcut, copy buttons and table sorting on
// top. Pages send a Content-Security-Policy that allows no inline script or
// style, so nothing a catalog author or a query writes can run.
//
// The package only adds routes to an echo instance: handlers return errors,
// and the server's error handler turns them into answers, calling
// RenderError for the HTML error page of a page route.
package pages

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/web"
)

// Config is what the pages are told by the server that mounts them.
type Config struct {
	// BaseURL ("https://errdex.example.com") makes canonical links absolute;
	// empty leaves them site-relative.
	BaseURL string
	// App answers the pages' questions: it holds the index being served
	// (a reload may swap indexes meanwhile), applies the search deadline and
	// records latency and misses.
	App *app.Service
	// Logger receives what cannot be shown to the reader; nil discards it.
	Logger *slog.Logger
}

// Pages serves the web UI. It is safe for concurrent use.
type Pages struct {
	cfg    Config
	log    *slog.Logger
	tmpl   map[string]*template.Template // by page name
	static map[string]staticFile         // by path under static/
}

// The pages, each parsed from base.html, partials.html and its own file.
var pageNames = []string{"search", "entry", "variants", "system", "error", "provider"}

// New parses every template and loads the static files, failing when one
// is missing or does not parse, so that a broken UI stops the server at
// startup instead of failing one request at a time.
func New(cfg Config) (*Pages, error) {
	if cfg.App == nil {
		return nil, errors.New("pages: Config.App is nil")
	}
	p := &Pages{cfg: cfg, log: cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler))}
	var err error
	if p.static, err = loadStatic(web.FS); err != nil {
		return nil, err
	}
	if p.tmpl, err = parseTemplates(web.FS, p.funcs()); err != nil {
		return nil, err
	}
	return p, nil
}

func parseTemplates(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	common, err := template.New("base.html").Funcs(funcs).ParseFS(fsys, "templates/base.html", "templates/partials.html", "templates/catalog.html")
	if err != nil {
		return nil, fmt.Errorf("pages: parse templates: %w", err)
	}
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.Must(common.Clone()).ParseFS(fsys, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("pages: parse template %s: %w", name, err)
		}
		for _, def := range []string{"page", "content"} {
			if t.Lookup(def) == nil {
				return nil, fmt.Errorf("pages: template %s: %q is not defined", name, def)
			}
		}
		out[name] = t
	}
	return out, nil
}

// funcs are the template functions. They know nothing of a request; what
// depends on one (the language, the strings) is in the page data.
func (p *Pages) funcs() template.FuncMap {
	return template.FuncMap{
		// searchURL is the results page of a query (paths.Search).
		"searchURL": paths.Search,
		// static returns the address of a static file with its content
		// hash, so that it may be cached for a year and still change.
		"static": func(name string) (string, error) {
			f, ok := p.static[name]
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return "/static/" + name + "?v=" + f.hash, nil
		},
		// vcard passes a variant, the strings and whether to name its
		// system (not among variants of one system) to the "variantcard"
		// template, which a template call cannot pass as several arguments.
		// acard passes an answer and the strings to "answercard".
		"acard": func(a *answerEntry, t *Strings) any {
			return struct {
				A *answerEntry
				T *Strings
			}{a, t}
		},
		"vcard": func(v variantView, t *Strings, showSystem bool) any {
			return struct {
				V          variantView
				T          *Strings
				ShowSystem bool
			}{v, t, showSystem}
		},
	}
}

// Register adds the page routes and /static/* to e. Each route gets the
// security headers and the language of the request; the rest of e is left
// as it is.
func (p *Pages) Register(e *echo.Echo) {
	e.Match(GetOrHead, "/", p.handleSearch, p.pageMiddleware)
	e.Match(GetOrHead, "/search", p.handleSearch, p.pageMiddleware)
	e.POST("/search", p.handleSearch, p.pageMiddleware)
	e.Match(GetOrHead, "/codes/:system/:code", p.handleEntry, p.pageMiddleware)
	e.Match(GetOrHead, "/codes/:system/:code/:variant", p.handleEntry, p.pageMiddleware)
	e.Match(GetOrHead, "/systems/:system", p.handleSystem, p.pageMiddleware)
	e.Match(GetOrHead, "/providers/:provider/:code", p.handleProviderRecord, p.pageMiddleware)
	e.Match(GetOrHead, "/providers/:provider/:channel/:code", p.handleProviderRecord, p.pageMiddleware)
	e.Match(GetOrHead, "/static/*", p.handleStatic, staticMiddleware)
}

// GetOrHead are the methods of a route that reads: HTTP has every server
// answer HEAD wherever it answers GET (RFC 9110, section 9.1), and
// net/http drops the body of an answer to HEAD by itself, keeping its
// headers and length.
var GetOrHead = []string{http.MethodGet, http.MethodHead}

// staticMiddleware sets the security headers of static files, which do not
// depend on the language.
func staticMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		setSecurityHeaders(c.Response().Header())
		// One byte range at most: a request for thousands of (overlapping)
		// ranges made a multipart answer many times the file's size. A
		// request for several gets the whole file, as RFC 9110 allows.
		if r := c.Request().Header.Get("Range"); strings.Contains(r, ",") || len(r) > 64 {
			c.Request().Header.Del("Range")
		}
		return next(c)
	}
}

// contentSecurityPolicy allows scripts, styles, images and fetches from
// errdex only, no inline script or style, no plugins, no <base>, no
// framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// setSecurityHeaders puts the headers every page and file of the UI carries.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
}

// ctxLang is the echo context key of the request's language.
const ctxLang = "errdex.pages.lang"

// pageMiddleware sets the security headers, picks the request's language
// and remembers a ?lang= choice in a cookie.
func (p *Pages) pageMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		setSecurityHeaders(c.Response().Header())
		lang, fromQuery := pickLang(c.Request())
		if fromQuery {
			rememberLang(c, lang)
		}
		c.Set(ctxLang, lang)
		// The same address answers in the language of the cookie or the
		// header, so caches must tell them apart.
		c.Response().Header().Add("Vary", "Accept-Language, Cookie")
		return next(c)
	}
}

// langOf returns the language pageMiddleware picked, or picks it for a
// request that did not pass through it (an error on an unknown path).
func langOf(c echo.Context) errdex.Lang {
	if l, ok := c.Get(ctxLang).(errdex.Lang); ok {
		return l
	}
	l, _ := pickLang(c.Request())
	return l
}

// base is what every page's data holds: the language, its strings, and the
// parts of the layout that depend on the request.
type base struct {
	Lang      errdex.Lang
	T         *Strings
	Title     string // the page's own title, without the site name
	Canonical string // empty for pages without one (search, errors)
	LangLinks []langLink
	// Query fills the header's search box; SearchPage hides that box on
	// the search page, which has its own.
	Query      string
	SearchPage bool
	// C holds the words of the catalog's provider records, levels,
	// customer replies and contradictions.
	C *catalogStrings
}

func (p *Pages) base(c echo.Context, title string) base {
	return p.baseIn(c, title, langOf(c))
}

// baseIn is base in a language chosen for the page (searchLang).
func (p *Pages) baseIn(c echo.Context, title string, lang errdex.Lang) base {
	u := c.Request().URL
	return base{
		Lang:      lang,
		T:         stringsFor(lang),
		C:         catalogStringsFor(lang),
		Title:     title,
		LangLinks: langLinks(u, lang),
	}
}

// canonical returns the absolute address of a page whose path alone names
// it (an entry, a system).
func (p *Pages) canonical(c echo.Context) string {
	return paths.Absolute(p.cfg.BaseURL, c.Request().URL.EscapedPath())
}

// render executes a page into a buffer and writes it only when the whole
// page rendered, so that a template error becomes a clean 500 instead of
// half a page.
func (p *Pages) render(c echo.Context, status int, page, tmpl string, data any) error {
	t, ok := p.tmpl[page]
	if !ok {
		return fmt.Errorf("pages: no template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, tmpl, data); err != nil {
		return fmt.Errorf("pages: render %s/%s: %w", page, tmpl, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// staticFile is one embedded file served under /static/.
type staticFile struct {
	data  []byte
	hash  string
	ctype string
}
