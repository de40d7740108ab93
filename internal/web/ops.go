package web

import (
	_ "embed"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/errdex/errdex"
)

// openAPI is the OpenAPI 3 document of the JSON API. A test validates real
// answers of the router against it, so it cannot drift from the code.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI document served at /api/openapi.json.
func OpenAPI() []byte { return openAPI }

// handleOpenAPI answers GET /api/openapi.json.
func (s *Server) handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", openAPI)
}

// handleHealthz answers GET /healthz: the process is up and serving HTTP.
// It checks nothing else, so a liveness probe never restarts a process
// that is merely reloading.
func (s *Server) handleHealthz(c echo.Context) error {
	return writeJSON(c, http.StatusOK, map[string]string{"status": "ok"})
}

// PublicReady is the answer of GET /readyz on the public listener: ready
// or not, the catalog's version and entry count, nothing more. Its fields
// are a subset of Ready's, at the same places.
type PublicReady struct {
	Status  string             `json:"status"`
	Catalog PublicReadyCatalog `json:"catalog"`
}

// PublicReadyCatalog is the catalog served, as the public /readyz shows it.
type PublicReadyCatalog struct {
	Version string `json:"version"`
	Entries int    `json:"entries"`
}

// handlePublicReadyz answers GET /readyz on the public listener.
func (s *Server) handlePublicReadyz(c echo.Context) error {
	idx := s.live.Current()
	if idx == nil {
		return writeJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
	}
	cat := idx.Catalog()
	return writeJSON(c, http.StatusOK, PublicReady{Status: "ready",
		Catalog: PublicReadyCatalog{Version: cat.Version, Entries: cat.Len()}})
}

// Ready is the answer of GET /readyz on the operations listener.
type Ready struct {
	Status  string       `json:"status"`
	Catalog ReadyCatalog `json:"catalog"`
	// LastReload is null until a reload has been tried.
	LastReload *ReadyReload `json:"last_reload"`
	Reloads    ReadyCounts  `json:"reloads"`
}

// ReadyCatalog describes the catalog being served.
type ReadyCatalog struct {
	Version  string         `json:"version"`
	Entries  int            `json:"entries"`
	Systems  map[string]int `json:"systems"`
	LoadedAt time.Time      `json:"loaded_at"`
	Source   string         `json:"source"`
}

// ReadyReload is the outcome of the last reload.
type ReadyReload struct {
	OK         bool             `json:"ok"`
	Unchanged  bool             `json:"unchanged"`
	Trigger    string           `json:"trigger"`
	At         time.Time        `json:"at"`
	DurationMS int64            `json:"duration_ms"`
	Error      string           `json:"error,omitempty"`
	Problems   []errdex.Problem `json:"problems"`
}

// ReadyCounts counts reloads.
type ReadyCounts struct {
	OK     int64 `json:"ok"`
	Failed int64 `json:"failed"`
}

// handleReadyz answers GET /readyz on the operations listener: 200 while an index is served, with the
// catalog it holds and how the last reload went. A refused reload does not
// make the server unready: the last good catalog is still served, and the
// answer shows the failure for whoever looks.
func (s *Server) handleReadyz(c echo.Context) error {
	idx := s.live.Current()
	if idx == nil {
		return writeJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
	}
	cat := idx.Catalog()
	out := Ready{
		Status: "ready",
		Catalog: ReadyCatalog{
			Version:  cat.Version,
			Entries:  cat.Len(),
			Systems:  make(map[string]int, len(cat.Systems())),
			LoadedAt: cat.LoadedAt.UTC(),
			Source:   cat.Source,
		},
	}
	for _, sys := range cat.Systems() {
		out.Catalog.Systems[sys.ID] = cat.Count(sys.ID)
	}
	if s.reloader != nil {
		out.Reloads.OK, out.Reloads.Failed = s.reloader.Counts()
		if last, ok := s.reloader.Last(); ok {
			r := &ReadyReload{
				OK:         last.OK,
				Unchanged:  last.Unchanged,
				Trigger:    last.Trigger,
				At:         last.At.UTC(),
				DurationMS: last.Duration.Milliseconds(),
				Error:      last.Err,
				Problems:   last.Problems,
			}
			if r.Problems == nil {
				r.Problems = []errdex.Problem{}
			}
			out.LastReload = r
		}
	}
	return writeJSON(c, http.StatusOK, out)
}

// metricsHandler answers GET /metrics in the Prometheus text format.
func (s *Server) metricsHandler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{
		// A failing collector should not hide every other metric.
		ErrorHandling: promhttp.ContinueOnError,
	}))
}
