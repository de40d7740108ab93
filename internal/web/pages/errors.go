package pages

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
)

// errorPage is the data of an error page.
type errorPage struct {
	base
	Status  int
	Heading string
	Text    string
	// Detail is the message the server's error handler chose for the
	// reader (never internal detail); shown under the explanation.
	Detail    string
	RequestID string
	// Found lists entries with the code of a missing entry page, in the
	// systems that have it; Near, when none has it, the codes search
	// suggests instead. Query is the missing code, for the search button.
	Found []entryCard
	Near  []suggestionView
	Query string
}

// RenderError writes the HTML error page for status in the look of the
// other pages and in the reader's language: a heading and an explanation
// for the status, the request id, and message as a detail. The server's
// error handler calls it for errors outside the JSON paths; message must
// already be fit for users. It is shown for 400-class errors that say
// something specific (a bad parameter, a rate limit), not for 404 and 405,
// whose generic English words the page's own say better.
func (p *Pages) RenderError(c echo.Context, status int, message string) error {
	if status == http.StatusNotFound || status == http.StatusMethodNotAllowed || status >= 500 {
		message = ""
	}
	return p.renderError(c, status, message, "", nil)
}

// renderNotFound renders the 404 page of a missing entry: the entries with
// its code elsewhere, or the near codes, and a search for the code.
func (p *Pages) renderNotFound(c echo.Context, heading, code string, found []entryCard, near []suggestionView) error {
	return p.renderErrorPage(c, http.StatusNotFound, "", heading, func(d *errorPage) {
		d.Found, d.Near, d.Query = found, near, code
	})
}

// renderError renders an error page; heading, when set, replaces the
// status's own (a 404 that can say what is missing).
func (p *Pages) renderError(c echo.Context, status int, message, heading string, found []entryCard) error {
	return p.renderErrorPage(c, status, message, heading, func(d *errorPage) { d.Found = found })
}

func (p *Pages) renderErrorPage(c echo.Context, status int, message, heading string, fill func(*errorPage)) error {
	h := c.Response().Header()
	setSecurityHeaders(h)
	// An error on an unknown path is in the language of the header or the
	// cookie too (pageMiddleware, which says so for pages, never ran).
	if !slices.Contains(h.Values("Vary"), "Accept-Language, Cookie") {
		h.Add("Vary", "Accept-Language, Cookie")
	}
	b := p.base(c, "")
	t := b.T
	data := errorPage{
		base:      b,
		Status:    status,
		Heading:   cmp.Or(t.ErrorTitles[status], t.ErrorFallback),
		Text:      cmp.Or(t.ErrorTexts[status], t.ErrorFallbackTxt),
		Detail:    message,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	}
	fill(&data)
	if heading != "" {
		data.Heading = heading
	}
	if len(data.Found) > 0 || len(data.Near) > 0 {
		data.Text = ""
	}
	data.Title = data.Heading
	if err := p.render(c, status, "error", "page", data); err != nil {
		// The error page itself failed: say so plainly rather than not at
		// all. Nothing of err reaches the reader.
		p.log.Error("rendering the error page", "status", status, "err", err)
		return c.String(cmp.Or(status, http.StatusInternalServerError), http.StatusText(status))
	}
	return nil
}
