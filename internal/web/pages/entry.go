package pages

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/paths"
)

// entryPage is the data of one entry's permalink page.
type entryPage struct {
	base
	E      entryView
	System systemCard
	// Variants are the other entries of the system with the same code;
	// Elsewhere the entries of other systems with it as code or alias.
	Variants  []variantView
	Elsewhere []variantView
}

// variantsPage is the data of /codes/{system}/{code} when the code has
// several variants and no entry of its own: all of them, side by side.
type variantsPage struct {
	base
	Code      string
	System    systemCard
	Variants  []variantView
	Elsewhere []variantView
}

// pathParam returns a path parameter unescaped, as it was spelled. echo
// leaves parameters escaped only when the path had escapes that needed
// keeping (a RawPath); otherwise they are decoded already, and decoding
// again would read /codes/kmsg/%2541 as the code "A" instead of "%41".
func pathParam(c echo.Context, name string) string {
	v := c.Param(name)
	if c.Request().URL.RawPath == "" {
		return v
	}
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

// handleEntry serves GET /codes/:system/:code and
// /codes/:system/:code/:variant: the entry's page; for a code with
// variants and no variant named, the variants side by side; for a code
// spelled another way (case, an alias), a redirect to its entry; else a
// 404 page that names the systems the code exists in, if any.
func (p *Pages) handleEntry(c echo.Context) error {
	sysID, code, variant := pathParam(c, "system"), pathParam(c, "code"), pathParam(c, "variant")
	idx, release, err := p.cfg.App.Acquire()
	if err != nil {
		return err
	}
	defer release()
	cat := idx.Catalog()
	b := p.base(c, "")
	b.Canonical = p.canonical(c)

	sys, sysOK := cat.System(sysID)
	if sysOK {
		if e, ok := cat.Entry(errdex.EntryID(sysID, code, variant)); ok {
			return p.renderEntry(c, b, cat, sys, sysID, e)
		}
		if variant == "" {
			if vs := cat.Variants(sysID, code); len(vs) > 0 {
				return p.renderVariants(c, b, cat, sys, sysID, code, vs)
			}
			// Another spelling of one entry's code or alias: send the
			// reader to the permalink.
			if ms := cat.Lookup(code, sysID); len(ms) == 1 && ms[0].Field != errdex.MatchProviderCode {
				target := &url.URL{Path: paths.Entry(ms[0].Entry), RawQuery: c.Request().URL.RawQuery}
				return c.Redirect(http.StatusFound, target.String())
			}
		}
	}
	return p.renderNoEntry(c, b, idx, sys, sysID, code)
}

// renderEntry renders entry e's page, with its variants side by side and
// the entries of other systems with the same code.
func (p *Pages) renderEntry(c echo.Context, b base, cat *errdex.Catalog, sys *errdex.System, sysID string, e *errdex.Entry) error {
	lang, t := b.Lang, b.T
	b.Title = e.Code + " " + e.Title.In(lang)
	data := entryPage{base: b, E: newEntryView(cat, e, lang, t), System: newSystemCard(cat, sys, lang)}
	if vs := cat.Variants(sysID, e.Code); len(vs) > 1 {
		for _, v := range vs {
			data.Variants = append(data.Variants, newVariantView(cat, v, lang, t, e))
		}
	}
	for _, o := range elsewhere(cat, e.Code, sysID) {
		data.Elsewhere = append(data.Elsewhere, newVariantView(cat, o, lang, t, nil))
	}
	return p.render(c, http.StatusOK, "entry", "page", data)
}

// renderVariants renders the variants vs of a code named without a
// variant, side by side, with the entries of other systems with the code.
func (p *Pages) renderVariants(c echo.Context, b base, cat *errdex.Catalog, sys *errdex.System, sysID, code string, vs []*errdex.Entry) error {
	lang, t := b.Lang, b.T
	b.Title = code + " · " + sys.Name.In(lang)
	data := variantsPage{base: b, Code: code, System: newSystemCard(cat, sys, lang)}
	for _, v := range vs {
		data.Variants = append(data.Variants, newVariantView(cat, v, lang, t, nil))
	}
	for _, o := range elsewhere(cat, code, sysID) {
		data.Elsewhere = append(data.Elsewhere, newVariantView(cat, o, lang, t, nil))
	}
	return p.render(c, http.StatusOK, "variants", "page", data)
}

// renderNoEntry renders the 404 page of a code no entry of system sys
// (nil when the system does not exist either) has: the entries of other
// systems with the code, else the codes search would suggest (a digit
// off, a letter swapped), and a search that keeps it.
func (p *Pages) renderNoEntry(c echo.Context, b base, idx errdex.Index, sys *errdex.System, sysID, code string) error {
	cat := idx.Catalog()
	lang, t := b.Lang, b.T
	var found []entryCard
	for _, m := range cat.Lookup(code, "") {
		if m.Field != errdex.MatchProviderCode {
			found = append(found, newEntryCard(cat, m.Entry, lang, t))
		}
	}
	heading := ""
	if sys != nil {
		heading = t.NoSuchCode(sys.Name.In(lang), code)
	}
	var near []suggestionView
	if len(found) == 0 && code != "" && len(code) <= 64 {
		req := errdex.Request{Query: code, Lang: lang, Limit: 1}
		if sys != nil {
			req.System = sysID
		}
		if resp, err := idx.Search(c.Request().Context(), req); err == nil {
			for _, s := range resp.Suggestions {
				near = append(near, suggestionView{entryCard: newEntryCard(cat, s.Entry, lang, t),
					Reason: i18n.ReasonLabel(lang, s.Reason)})
			}
		}
	}
	return p.renderNotFound(c, heading, code, found, near)
}
