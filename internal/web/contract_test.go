package web

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/web/pages"
)

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI())
	if err != nil {
		t.Fatalf("loading openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIFollowsFilters holds the OpenAPI document to errdex.Filters,
// the one table of filters: each is a parameter of the search (with the
// table's enum), each faceted one a required facet, and nothing else is.
func TestOpenAPIFollowsFilters(t *testing.T) {
	doc := loadOpenAPI(t)
	op := doc.Paths.Find("/api/v1/search").Get
	params := map[string]*openapi3.Parameter{}
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInQuery {
			params[p.Value.Name] = p.Value
		}
	}
	notFilters := []string{"q", "lang", "limit", "cursor", "format"}
	for name := range params {
		if _, ok := filterByParam(name); !ok && !slices.Contains(notFilters, name) {
			t.Errorf("the search's parameter %q is neither a filter of errdex.Filters nor one of %v", name, notFilters)
		}
	}
	facets := doc.Components.Schemas["Facets"].Value
	for _, f := range errdex.Filters {
		p, ok := params[f.Param]
		if !ok {
			t.Errorf("filter %s: the search has no parameter %q", f.Facet, f.Param)
			continue
		}
		var enum []string
		for _, v := range p.Schema.Value.Enum {
			if s, ok := v.(string); ok {
				enum = append(enum, s)
			}
		}
		if !slices.Equal(enum, f.Enum) {
			t.Errorf("filter %s: OpenAPI enum %v, table enum %v", f.Facet, enum, f.Enum)
		}
		_, inDoc := facets.Properties[string(f.Facet)]
		if inDoc != f.Faceted || f.Faceted != slices.Contains(facets.Required, string(f.Facet)) {
			t.Errorf("filter %s: faceted %v in the table, a (required) facet %v in the document", f.Facet, f.Faceted, inDoc)
		}
		if string(f.Facet) == f.IndexField {
			t.Errorf("filter %s: its index field has its public name; keep them apart so a rename of one cannot change the other", f.Facet)
		}
	}
	for name := range facets.Properties {
		if f, ok := errdex.FilterFor(errdex.Facet(name)); !ok || !f.Faceted {
			t.Errorf("the document's facet %q is no faceted filter of the table", name)
		}
	}
}

func filterByParam(name string) (errdex.Filter, bool) {
	for _, f := range errdex.Filters {
		if f.Param == name {
			return f, true
		}
	}
	return errdex.Filter{}, false
}

// notInOpenAPI are the routes besides the web UI's pages that the OpenAPI
// document does not describe, each for a reason: Prometheus' text format,
// Slack's own protocol, and the catch-all that makes /api itself a JSON
// 404.
var notInOpenAPI = []string{"/metrics", "/chatops/slack", "/api"}

// pageRoutes are the routes package pages registers: HTML for people.
func pageRoutes(t *testing.T, s *Server) []string {
	t.Helper()
	p, err := pages.New(pages.Config{App: s.App()})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	p.Register(e)
	var out []string
	for _, r := range e.Routes() {
		out = append(out, r.Path)
	}
	return out
}

var echoParam = regexp.MustCompile(`:(\w+)`)

// TestEveryRouteInOpenAPI fails when a route is added without describing
// it in the OpenAPI document (or naming it in notInOpenAPI).
func TestEveryRouteInOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t)
	s := newTestServer(t, Config{SlackHandler: http.NotFoundHandler()})
	s.echo.GET("/api/v1/not-described", func(echo.Context) error { return nil })
	pagePaths := pageRoutes(t, s)
	var missing []string
	for _, r := range s.echo.Routes() {
		if slices.Contains(pagePaths, r.Path) {
			continue
		}
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		if slices.Contains(notInOpenAPI, path) || r.Method == "echo_route_any" {
			continue
		}
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(r.Method) == nil && !(r.Method == http.MethodHead && item.Get != nil) {
			missing = append(missing, r.Method+" "+path)
		}
	}
	sort.Strings(missing)
	// The route added above shows that the check catches one.
	if want := []string{"GET /api/v1/not-described"}; !slices.Equal(missing, want) {
		t.Errorf("routes with no OpenAPI operation: %v, want only %v", missing, want)
	}
}
