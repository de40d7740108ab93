package pages

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
)

// systemPage is the data of /systems/{system}: every entry of the system
// in a table sorted by ?sort=.
type systemPage struct {
	base
	System  systemCard
	Columns []sortColumn
	Rows    []systemRow
}

// systemRow is a row of the table with its place in each column's
// ascending order, which the script sorts by, so that sorting in the
// browser gives the same order as ?sort=.
type systemRow struct {
	entryCard
	Ranks map[string]int
}

// sortColumn is a header of the table: a link that sorts by the column,
// ascending first, then descending when it is already ascending.
type sortColumn struct {
	Key   string
	Label string
	URL   string
	// Sort is the column's aria-sort: "ascending", "descending" or "".
	Sort string
}

// sortKeys compare entries by one column; ties fall back to the code.
var sortKeys = map[string]func(a, b entryCard) int{
	"code":  func(a, b entryCard) int { return 0 },
	"title": func(a, b entryCard) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) },
	"http":  func(a, b entryCard) int { return cmp.Compare(a.HTTPStatus, b.HTTPStatus) },
	"type":  func(a, b entryCard) int { return strings.Compare(a.Type, b.Type) },
	"retry": func(a, b entryCard) int { return cmp.Compare(retryRank(a.Retry.Strategy), retryRank(b.Retry.Strategy)) },
}

// retryRank orders retry advice from "retry now" to "never".
func retryRank(s errdex.RetryStrategy) int {
	switch s {
	case errdex.RetryBackoff:
		return 0
	case errdex.RetryAfter:
		return 1
	case errdex.RetryAfterFixed:
		return 2
	}
	return 3
}

// compareCodes sorts codes as people read them: numbers by value
// ("-401" < "4002" < "4019"), numbers before words, words by letters.
func compareCodes(a, b entryCard) int {
	x, errA := strconv.Atoi(a.Code)
	y, errB := strconv.Atoi(b.Code)
	switch {
	case errA == nil && errB == nil:
		return cmp.Or(cmp.Compare(x, y), strings.Compare(a.Variant, b.Variant))
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Or(strings.Compare(strings.ToLower(a.Code), strings.ToLower(b.Code)), strings.Compare(a.Variant, b.Variant))
}

// handleSystem serves GET /systems/:system.
func (p *Pages) handleSystem(c echo.Context) error {
	idx, release, err := p.cfg.App.Acquire()
	if err != nil {
		return err
	}
	defer release()
	cat := idx.Catalog()
	sys, ok := cat.System(pathParam(c, "system"))
	if !ok {
		return p.renderError(c, http.StatusNotFound, "", "", nil)
	}
	b := p.base(c, "")
	b.Canonical = p.canonical(c)
	lang, t := b.Lang, b.T
	b.Title = sys.Name.In(lang)

	key, desc := strings.CutPrefix(c.QueryParam("sort"), "-")
	if _, ok := sortKeys[key]; !ok {
		key, desc = "code", false
	}
	data := systemPage{base: b, System: newSystemCard(cat, sys, lang)}
	for _, e := range cat.Entries() {
		if e.System == sys.ID {
			data.Rows = append(data.Rows, systemRow{entryCard: newEntryCard(cat, e, lang, t), Ranks: map[string]int{}})
		}
	}
	for k, l := range sortKeys {
		slices.SortStableFunc(data.Rows, func(a, b systemRow) int {
			return cmp.Or(l(a.entryCard, b.entryCard), compareCodes(a.entryCard, b.entryCard))
		})
		for i := range data.Rows {
			data.Rows[i].Ranks[k] = i
		}
	}
	slices.SortStableFunc(data.Rows, func(a, b systemRow) int {
		d := cmp.Compare(a.Ranks[key], b.Ranks[key])
		if desc {
			return -d
		}
		return d
	})

	u := c.Request().URL
	for _, col := range []struct {
		key, label string
	}{
		{"code", t.Code}, {"title", t.Title}, {"http", t.HTTPStatus}, {"type", t.Type}, {"retry", t.Retry},
	} {
		sc := sortColumn{Key: col.key, Label: col.label}
		next := col.key
		if col.key == key {
			sc.Sort = "ascending"
			if desc {
				sc.Sort = "descending"
			} else {
				next = "-" + col.key
			}
		}
		if next == "code" {
			next = "" // the default order has the plain address
		}
		sc.URL = withParams(u, map[string]string{"sort": next})
		data.Columns = append(data.Columns, sc)
	}
	return p.render(c, http.StatusOK, "system", "page", data)
}
