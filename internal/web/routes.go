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

	// Operations: probes and metrics.
	e.GET("/healthz", s.handleHealthz)
	e.GET("/readyz", s.handleReadyz)
	e.GET("/metrics", s.metricsHandler())

	// The JSON API of the contract.
	e.GET("/api/openapi.json", s.handleOpenAPI)
	v1 := e.Group("/api/v1")
	v1.GET("/search", s.handleSearch)
	v1.POST("/identify", s.handleIdentify)
	v1.GET("/lookup", s.handleLookup)
	v1.GET("/entries/:system/:code", s.handleEntry)
	v1.GET("/entries/:system/:code/:variant", s.handleEntry)
	v1.GET("/systems", s.handleSystems)
	v1.GET("/misses", s.handleMisses)

	// Chat: off (a 404 like any unknown path) unless a signing secret is set.
	if s.cfg.SlackHandler != nil {
		e.POST("/chatops/slack", echo.WrapHandler(s.cfg.SlackHandler))
	}

	// Unknown paths under /api answer the JSON 404 (the error handler picks
	// the format by path); this route only makes that explicit for /api
	// itself, which no other route covers.
	e.Any("/api", func(echo.Context) error { return echo.ErrNotFound })
}
