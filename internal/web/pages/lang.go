package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/web/params"
)

// langCookie remembers the language a reader picked with ?lang=.
const langCookie = "errdex_lang"

// langCookieMaxAge keeps the choice for a year.
const langCookieMaxAge = 365 * 24 * 60 * 60

// pickLang chooses the language of a page: ?lang= first, then the cookie
// a previous ?lang= set, then Accept-Language, then English. An unknown
// ?lang= or cookie value is ignored, not an error: a page should still
// show. fromQuery reports that ?lang= decided, so the caller remembers it.
func pickLang(r *http.Request) (lang errdex.Lang, fromQuery bool) {
	if l, ok := errdex.ParseLang(r.URL.Query().Get("lang")); ok {
		return l, true
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := errdex.ParseLang(c.Value); ok {
			return l, false
		}
	}
	return params.PreferredLang(r.Header.Get("Accept-Language")), false
}

// searchLang is the language of a search page, by the rule every surface
// follows (app.ChooseLang): an explicit choice (?lang=, or the cookie a
// choice left) wins; else a question typed in Hangul is answered in
// Korean; else picked (Accept-Language). A pasted payload or log never
// switches the language, even with a Korean message in it.
func searchLang(r *http.Request, query string, picked errdex.Lang) errdex.Lang {
	if explicitLang(r) || !app.IsTyped(query) {
		return picked
	}
	return app.ChooseLang("", query, picked)
}

// explicitLang reports whether the reader chose the language.
func explicitLang(r *http.Request) bool {
	if _, ok := errdex.ParseLang(r.URL.Query().Get("lang")); ok {
		return true
	}
	c, err := r.Cookie(langCookie)
	if err != nil {
		return false
	}
	_, ok := errdex.ParseLang(c.Value)
	return ok
}

// rememberLang sets the cookie that keeps a ?lang= choice.
func rememberLang(c echo.Context, lang errdex.Lang) {
	c.SetCookie(&http.Cookie{
		Name:     langCookie,
		Value:    string(lang),
		Path:     "/",
		MaxAge:   langCookieMaxAge,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   c.IsTLS(),
	})
}

// langLink is one entry of the language switch.
type langLink struct {
	Lang    errdex.Lang
	Name    string
	URL     string
	Current bool
}

// langLinks builds the language switch for the page at u: the same
// address, with lang set, so switching keeps the reader where they are.
func langLinks(u *url.URL, current errdex.Lang) []langLink {
	out := make([]langLink, 0, len(errdex.Langs))
	for _, l := range errdex.Langs {
		out = append(out, langLink{
			Lang:    l,
			Name:    stringsFor(l).LangName,
			URL:     withParams(u, map[string]string{"lang": string(l), "partial": "", "cursor": ""}),
			Current: l == current,
		})
	}
	return out
}

// withParams returns u's path and query with the given parameters set, or
// removed when the value is "". Keys are sorted, so equal pages have equal
// addresses.
func withParams(u *url.URL, set map[string]string) string {
	q := u.Query()
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if set[k] == "" {
			q.Del(k)
		} else {
			q.Set(k, set[k])
		}
	}
	path := u.EscapedPath()
	if path == "" {
		path = paths.Home
	}
	// A path of "//evil.example/x" (or "/\evil.example") would be a link to
	// another site: keep one leading slash.
	if len(path) > 1 && (path[1] == '/' || path[1] == '\\') {
		path = "/" + strings.TrimLeft(path, "/\\")
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
