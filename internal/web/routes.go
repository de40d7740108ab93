package web

import (
	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex/internal/web/pages"
)

// registerRoutes declares every route of the server, in one place; the
// web UI's pages (package pages) add theirs from here.
func (s *Server) registerRoutes(p *pages.Pages) {
	e := s.echo

	// The web UI: search, entry, variant, system and static pages.
	p.Register(e)

	// Probes. The public /readyz says only whether the server is ready,
	// with the catalog's version and entry count; metrics, misses and the
	// last reload's problems are on the operations listener (newOps).
	e.Match(pages.GetOrHead, "/healthz", s.handleHealthz)
	e.Match(pages.GetOrHead, "/readyz", s.handlePublicReadyz)

	// The JSON API of the contract.
	e.Match(pages.GetOrHead, "/api/openapi.json", s.handleOpenAPI)
	v1 := e.Group("/api/v1")
	v1.Match(pages.GetOrHead, "/search", s.handleSearch)
	v1.POST("/identify", s.handleIdentify)
	v1.Match(pages.GetOrHead, "/lookup", s.handleLookup)
	v1.Match(pages.GetOrHead, "/entries/:system/:code", s.handleEntry)
	v1.Match(pages.GetOrHead, "/entries/:system/:code/:variant", s.handleEntry)
	v1.Match(pages.GetOrHead, "/systems", s.handleSystems)

	// Chat: off (a 404 like any unknown path) unless a signing secret is set.
	if s.cfg.SlackHandler != nil {
		e.POST("/chatops/slack", echo.WrapHandler(s.cfg.SlackHandler))
	}

	// MCP for AI assistants: on unless turned off (--mcp=false), then a 404.
	// Only POST is served; GET and DELETE answer 405, which the transport
	// reads as "no event stream, no sessions".
	if s.mcp != nil {
		e.POST("/mcp", echo.WrapHandler(s.mcp))
	}

	// Unknown paths under /api answer the JSON 404 (the error handler picks
	// the format by path); this route only makes that explicit for /api
	// itself, which no other route covers.
	e.Any("/api", func(echo.Context) error { return echo.ErrNotFound })
}

// newOps returns the operations listener's router: what probes, scrapers
// and catalog editors read, kept off the public listener because it shows
// what users searched for, file paths and catalog problems. It is not rate
// limited (a kubelet or Prometheus must never be refused) and answers
// every error as JSON.
func (s *Server) newOps() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleOpsError
	e.Use(s.requestIDMiddleware, s.recoverPanics)
	e.Match(pages.GetOrHead, "/healthz", s.handleHealthz)
	e.Match(pages.GetOrHead, "/readyz", s.handleReadyz)
	e.Match(pages.GetOrHead, "/metrics", s.metricsHandler())
	e.Match(pages.GetOrHead, "/api/v1/misses", s.handleMisses)
	return e
}
