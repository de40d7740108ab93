// Package web is errdex's HTTP service: the JSON API of the contract
// (../shared/design/api.md), the operations endpoints (/healthz, /readyz,
// /metrics) and, in files of their own, the web UI pages.
//
// A Server answers from a live.Holder, so a catalog reload swaps the index
// under it without a request ever seeing a half-built one. Handlers return
// errors; one HTTPErrorHandler (errors.go) turns every error into the
// contract's envelope, and one table there maps domain errors to statuses.
// Routes are registered in routes.go.
package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex/internal/api"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/web/pages"
)

// Config is what a Server is told by its command; the web package reads no
// flags or environment of its own.
type Config struct {
	// BaseURL ("https://errdex.example.com") is put before the page links of
	// API answers; empty leaves them site-relative.
	BaseURL string
	// TrustedProxies are the proxies whose X-Forwarded-For is believed when
	// finding a client's address. Empty means none: the address is the TCP
	// peer's, which a client cannot forge.
	TrustedProxies []netip.Prefix
	// RateLimit is the sustained requests per second allowed to one client,
	// and RateBurst the burst above it. RateLimit 0 turns limiting off.
	RateLimit float64
	RateBurst int
	// MaxClients bounds how many clients the rate limiter remembers; the
	// least recently seen are forgotten first. Default 10,000.
	MaxClients int
	// SearchTimeout bounds one search. Default 10s.
	SearchTimeout time.Duration
	// MaxMisses bounds how many distinct zero-result queries are remembered.
	// Default 1,000.
	MaxMisses int
	// MaxSearches caps the searches (search and identify API, search
	// pages, Slack, MCP) answered at once; past it they are answered 503
	// with Retry-After. Default 8 per CPU, at least 8.
	MaxSearches int
	// SlackHandler, when set, answers POST /chatops/slack. It is nil unless
	// a Slack signing secret is configured, and then the path is a 404.
	SlackHandler http.Handler
	// Slack, when set and SlackHandler is not, builds the Slack handler over
	// the server's application service, so its searches get the same
	// deadline, metrics and misses as the API's and the pages'.
	Slack func(*app.Service) (http.Handler, error)
	// MCP, when set, builds the handler of POST /mcp (the Model Context
	// Protocol's Streamable HTTP transport) over the application service;
	// it sits behind the same middleware as the API. Unset, /mcp is a 404.
	MCP func(*app.Service) http.Handler
}

func (c *Config) setDefaults() {
	if c.RateBurst <= 0 {
		c.RateBurst = max(1, int(c.RateLimit*2))
	}
	if c.MaxClients <= 0 {
		c.MaxClients = 10000
	}
	if c.SearchTimeout <= 0 {
		c.SearchTimeout = 10 * time.Second
	}
	if c.MaxMisses <= 0 {
		c.MaxMisses = 1000
	}
	if c.MaxSearches <= 0 {
		c.MaxSearches = max(8, 8*runtime.GOMAXPROCS(0))
	}
}

// ErrorPageFunc writes the error page of a failed request outside /api and
// /chatops. The web UI sets an HTML one with SetErrorPage; body is what the
// JSON envelope would have said, and never holds internal detail.
type ErrorPageFunc func(c echo.Context, status int, body api.ErrorBody) error

// Server is the errdex HTTP service.
type Server struct {
	cfg      Config
	echo     *echo.Echo
	live     *live.Holder
	app      *app.Service
	mcp      http.Handler   // POST /mcp; nil when MCP is off
	reloader *live.Reloader // nil when serving the built-in catalog
	metrics  *Metrics
	misses   *Misses
	limiter  *rateLimiter  // nil when rate limiting is off
	slots    chan struct{} // one per search answered at once
	ops      *echo.Echo    // the operations listener's routes
	answers  answerCache   // encoded lookup and entry answers of the catalog served
	log      *slog.Logger

	errorPage ErrorPageFunc
	// routes holds the registered route templates, so that metrics label
	// unmatched paths as one value instead of one per path.
	routes map[string]bool
}

// New returns a Server answering from h, with the web UI's pages mounted.
// reloader is nil when the catalog cannot be reloaded (the built-in one);
// /readyz and the metrics report its outcomes otherwise. It fails only when
// the pages' templates do not parse.
func New(cfg Config, h *live.Holder, reloader *live.Reloader, log *slog.Logger) (*Server, error) {
	cfg.setDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:       cfg,
		echo:      echo.New(),
		live:      h,
		reloader:  reloader,
		misses:    NewMisses(cfg.MaxMisses),
		log:       log,
		errorPage: plainErrorPage,
	}
	s.misses.log = log
	s.metrics = newMetrics(h, reloader)
	s.slots = make(chan struct{}, cfg.MaxSearches)
	s.app = app.New(h, app.Config{Timeout: cfg.SearchTimeout, Observe: s.metrics.ObserveSearch, Missed: s.recordMiss})
	if s.cfg.SlackHandler == nil && cfg.Slack != nil {
		sh, err := cfg.Slack(s.app)
		if err != nil {
			return nil, err
		}
		s.cfg.SlackHandler = sh
	}
	if cfg.MCP != nil {
		s.mcp = cfg.MCP(s.app)
	}
	if cfg.RateLimit > 0 {
		s.limiter = newRateLimiter(cfg.RateLimit, cfg.RateBurst, cfg.MaxClients)
	}

	e := s.echo
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	s.middleware()
	// Templates are parsed once, here: a missing or broken one stops the
	// server from starting rather than failing a request later.
	p, err := pages.New(pages.Config{BaseURL: cfg.BaseURL, App: s.app, Logger: log})
	if err != nil {
		return nil, err
	}
	s.registerRoutes(p)
	s.errorPage = func(c echo.Context, status int, b api.ErrorBody) error {
		return p.RenderError(c, status, b.Message)
	}
	s.routes = make(map[string]bool)
	for _, r := range e.Routes() {
		s.routes[r.Path] = true
	}
	s.ops = s.newOps()
	return s, nil
}

// SetErrorPage sets how errors outside the JSON paths are shown (the web UI
// renders an HTML page). The default is a short plain-text page.
func (s *Server) SetErrorPage(f ErrorPageFunc) { s.errorPage = f }

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// App returns the application service the server's handlers answer with.
func (s *Server) App() *app.Service { return s.app }

// recordMiss counts a search that found nothing and remembers its query
// for catalog editors (app.Config.Missed).
func (s *Server) recordMiss(query string) {
	s.metrics.zeroResults.Inc()
	s.misses.Record(query)
}

// Timeouts of the http.Server. echo's own server has none, which lets a
// slow client hold a connection (and a goroutine) forever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second // a 64 KiB identify body over a slow link
	writeTimeout      = 30 * time.Second
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 32 << 10
)

// HTTPServer returns an http.Server for the handler with timeouts and
// header limits set; the caller chooses the listener and shuts it down.
func (s *Server) HTTPServer() *http.Server { return s.httpServer(s.echo) }

// OpsHandler returns the operations listener's handler: /metrics,
// /api/v1/misses, /healthz and the /readyz that shows the last reload's
// problems. It is meant for a loopback or cluster-internal address only.
func (s *Server) OpsHandler() http.Handler { return s.ops }

// OpsHTTPServer is HTTPServer for the operations listener.
func (s *Server) OpsHTTPServer() *http.Server { return s.httpServer(s.ops) }

func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// ipExtractor finds the client's address for rate limiting and logs. With
// no trusted proxy it is the TCP peer's address: X-Forwarded-For and
// X-Real-IP are ignored, since any client can send them. With trusted
// proxies it walks X-Forwarded-For from the right, trusting only those
// ranges (not echo's default of every private network).
func ipExtractor(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{
		echo.TrustLoopback(false),
		echo.TrustLinkLocal(false),
		echo.TrustPrivateNet(false),
	}
	for _, p := range trusted {
		opts = append(opts, echo.TrustIPRange(prefixToIPNet(p)))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
