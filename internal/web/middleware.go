package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/labstack/echo/v4"
)

// maxBody bounds any request body, as a backstop: a route that takes a body
// reads it under its own, smaller limit (identify: 64 KiB of text).
// http.MaxBytesReader is used rather than echo's BodyLimit, which can be
// bypassed (echo #3071).
const maxBody = 1 << 20

// middleware installs the chain every request goes through. The order
// matters: the request id comes first so every answer (404s included)
// carries it; the access log sits outside recovery so it sees a panic as
// the 500 it becomes; rate limiting comes before any work is done.
//
// Echo wraps the Use chain around the route's handler anew for every
// request, a closure per middleware. The chain is instead composed once,
// around a handler that calls the context's handler, and installed as the
// one middleware, which makes that handler whatever echo passes it: the
// route's handler (or the router's own 404 and 405 handlers, which so go
// through the chain too) wrapped in any middleware a later e.Use added,
// which would otherwise be dropped.
func (s *Server) middleware() {
	h := func(c echo.Context) error { return c.Handler()(c) }
	chain := s.chain()
	for i := len(chain) - 1; i >= 0; i-- {
		h = chain[i](h)
	}
	s.echo.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.SetHandler(next)
			return h(c)
		}
	})
}

// chain is the middleware, outermost first.
func (s *Server) chain() []echo.MiddlewareFunc {
	return []echo.MiddlewareFunc{
		s.requestIDMiddleware,
		s.accessLog,
		s.recoverPanics,
		securityHeaders,
		s.httpsOnly,
		privateAnswer,
		s.rateLimit,
		limitBody(maxBody),
		s.searchSlots,
		compress,
	}
}

// gzipAnswers compresses answers of 1 KiB or more (below that the gzip
// header costs more than it saves) for clients that accept gzip. It is
// klauspost/compress's gzhttp rather than echo's Gzip middleware, which
// uses compress/gzip: at the same level 5, and within 2% of its size, it
// compresses the answers the API gives in a third of the time (25-57 µs
// against 73-160 µs for 2.5-8.3 KB of JSON), where compress/gzip alone
// was about a fifth of what a served request cost (docs/benchmarks.md).
// zstd stays off: every client errdex has accepts gzip.
var gzipAnswers = func() func(http.Handler) http.HandlerFunc {
	wrap, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(5), gzhttp.MinSize(1024), gzhttp.EnableZstd(false))
	if err != nil {
		panic(err) // the options are constants: only a programming error gets here
	}
	return wrap
}()

// compress runs the rest of the chain with echo's response writing through
// gzipAnswers. The writer is put back however the handler ends, so that an
// error the access log answers, or a panic recoverPanics answers, is
// written plainly to the connection.
func compress(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		res := c.Response()
		plain := res.Writer
		defer func() { res.Writer = plain }()
		gzipAnswers(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			res.Writer = w
			err = next(c)
		})).ServeHTTP(plain, c.Request())
		return err
	}
}

// requestIDMiddleware gives every request a fresh id, in the X-Request-Id
// answer header and in the error envelope. An id a client sends is not
// reused: ids must be unique to be worth quoting in a bug report.
func (s *Server) requestIDMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// The answer header is where the id is kept for the rest of the
		// request too (requestID reads it): echo's c.Set would allocate a
		// map per request for this one value.
		c.Response().Header()[echo.HeaderXRequestID] = []string{newRequestID()}
		return next(c)
	}
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	var id [len("req_") + 2*len(b)]byte
	copy(id[:], "req_")
	hex.Encode(id[len("req_"):], b[:])
	return string(id[:]) // one allocation, where "req_" + hex.EncodeToString made two
}

// requestID returns the id of the request c answers.
func requestID(c echo.Context) string {
	if v := c.Response().Header()[echo.HeaderXRequestID]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// accessLog writes one log line per request and counts it in the metrics.
// A failed request is answered here (rather than by echo after the chain
// returns) so the line has the status that was sent. 5xx are logged as
// errors with the error itself, but for searches refused past
// --max-searches, a warning; 4xx at info, since they are the client's.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		d := time.Since(start)
		status := c.Response().Status
		if err != nil {
			if p := problemOf(err); p.status == statusClientClosed {
				status = statusClientClosed
			}
		}
		route := c.Path()
		if !s.routes[route] {
			// The router's own 404s: one label for all, not one per path.
			route = "unmatched"
		}
		var refused *rateLimitedError
		if !errors.As(err, &refused) {
			// A refused request is counted by errdex_http_rate_limited_total
			// alone: a flood of them must not cost more than it.
			s.metrics.observeRequest(route, c.Request().Method, status, d)
		}

		level := slog.LevelInfo
		var shed *overloadedError
		switch {
		case errors.As(err, &shed):
			// A search refused past --max-searches is the designed answer
			// to too many at once (errdex_http_overloaded_total counts
			// them), not a fault to fix: at ERROR, a burst of them would
			// bury the errors that are.
			level = slog.LevelWarn
		case status >= 500:
			level = slog.LevelError
		}
		ctx := c.Request().Context()
		if !s.log.Enabled(ctx, level) {
			return nil // (--log-level warn): skip building a line nobody writes
		}
		// The route template, not the path: a path holds what the user
		// looked up (a code, a query on a page), and logs keep no user text.
		attrs := []slog.Attr{
			slog.String("request_id", requestID(c)),
			slog.String("method", methodLabel(c.Request().Method)),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Duration("duration", d),
			slog.Int64("bytes", c.Response().Size),
			slog.String("client", c.RealIP()),
		}
		if err != nil && (status >= 500 || status == statusClientClosed) {
			attrs = append(attrs, slog.String("err", err.Error()))
			if pe, ok := err.(*panicError); ok {
				attrs = append(attrs, slog.String("stack", string(pe.stack)))
			}
		}
		s.log.LogAttrs(ctx, level, "request", attrs...)
		return nil
	}
}

// recoverPanics turns a panic in a handler into a 500 whose stack goes to
// the log, never to the client. http.ErrAbortHandler is let through: it is
// how a handler asks the server to drop the connection.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.metrics.panics.Inc()
				err = &panicError{value: v, stack: debug.Stack()}
			}
		}()
		return next(c)
	}
}

// securityHeaders are sent with every answer; the JSON API gains nothing
// from being framed or sniffed as HTML.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// Assigned, not Set: the keys are canonical already and the values
		// shared, which spares two allocations per request. Nothing appends
		// to them (an append to a full slice would copy it anyway).
		h := c.Response().Header()
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = referrerPolicy
		return next(c)
	}
}

var (
	nosniff        = []string{"nosniff"}
	referrerPolicy = []string{"strict-origin-when-cross-origin"}
)

// limitBody caps the bytes a handler can read from the request body.
func limitBody(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > n {
				return &http.MaxBytesError{Limit: n}
			}
			if r.Body != http.NoBody { // a GET's, read by nothing
				r.Body = &trackedBody{ReadCloser: http.MaxBytesReader(c.Response(), r.Body, n)}
			}
			return next(c)
		}
	}
}

// rateLimit refuses a client over its rate with 429 and Retry-After. Every
// path of the public listener is limited, /healthz included; probes and
// scrapers use the operations listener, which is not. A request that was
// large or slow costs more: one token more per bodyTokenBytes read and per
// timeTokenCost spent answering, so a client sending 64 KiB identifies gets
// about a ninth of the rate of one sending short searches, or less.
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.limiter == nil {
			return next(c)
		}
		key := clientKey(c.RealIP())
		start := time.Now()
		if ok, retry := s.limiter.allow(key, start); !ok {
			s.metrics.rateLimited.Inc()
			return &rateLimitedError{retryAfter: retry}
		}
		err := next(c)
		now := time.Now()
		extra := int(now.Sub(start) / timeTokenCost)
		if tb, ok := c.Request().Body.(*trackedBody); ok {
			extra += int(tb.n / bodyTokenBytes)
		}
		s.limiter.charge(key, extra, now)
		return err
	}
}

// bodyTokenBytes is how many bytes of request body cost one more token of
// the rate limit, and timeTokenCost how much time answering it did. The
// time charge covers whatever input turns out costly: a client sending the
// slowest identify it can find (8 KiB of distinct words, some 12 ms of CPU)
// gets its rate cut to match, while a search or lookup (1-2 ms) costs one
// token as before.
const (
	bodyTokenBytes = 8 << 10
	timeTokenCost  = 10 * time.Millisecond
)

// trackedBody is a request body that counts what was read from it and
// keeps the first error the client caused (a broken chunked encoding, a
// body that stopped arriving), so that error answers 400 or 408, not 500.
type trackedBody struct {
	io.ReadCloser
	n   int64
	err error
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
	return n, err
}

// clientBodyError returns the error reading r's body met, if the client
// caused one; a body over its limit is not one (it answers 413).
func clientBodyError(r *http.Request) error {
	tb, ok := r.Body.(*trackedBody)
	if !ok || tb.err == nil {
		return nil
	}
	var mbe *http.MaxBytesError
	if errors.As(tb.err, &mbe) {
		return nil
	}
	return tb.err
}

// searchSlots caps the searches answered at once. Past the cap a search
// is answered 503 with Retry-After at once rather than queued: a queue
// only makes every search late, and under a flood the goroutines waiting
// in it would hold memory without bound. Lookups, entries and pages of a
// code are cheap and never wait.
func (s *Server) searchSlots(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.slots == nil || !isSearchRequest(c.Request()) {
			return next(c)
		}
		select {
		case s.slots <- struct{}{}:
		default:
			s.metrics.overloaded.Inc()
			return &overloadedError{retryAfter: 1}
		}
		defer func() { <-s.slots }()
		return next(c)
	}
}

// isSearchRequest reports whether r runs a search: the search and identify
// API, the search pages (GET with a query, or POST), Slack and MCP.
func isSearchRequest(r *http.Request) bool {
	switch r.URL.Path {
	case "/api/v1/search", "/api/v1/identify", "/chatops/slack", "/mcp":
		return true
	case "/", "/search":
		return r.Method == http.MethodPost || r.URL.RawQuery != ""
	}
	return false
}

// httpsOnly marks answers served over HTTPS: Strict-Transport-Security,
// and Secure on every cookie (the language one). A request is over HTTPS
// when the server's base URL is https, when TLS ends here, or when a
// trusted proxy says so in X-Forwarded-Proto; a client's own header is not
// believed.
func (s *Server) httpsOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.isHTTPS(c.Request()) {
			return next(c)
		}
		res := c.Response()
		res.Header()["Strict-Transport-Security"] = hsts
		res.Before(func() {
			h := res.Header()
			for i, v := range h["Set-Cookie"] {
				if !strings.Contains(strings.ToLower(v), "; secure") {
					h["Set-Cookie"][i] = v + "; Secure"
				}
			}
		})
		return next(c)
	}
}

var hsts = []string{"max-age=31536000"}

func (s *Server) isHTTPS(r *http.Request) bool {
	if r.TLS != nil || strings.HasPrefix(strings.ToLower(s.cfg.BaseURL), "https://") {
		return true
	}
	if len(s.cfg.TrustedProxies) == 0 || !strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return false
	}
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(ap.Addr().Unmap()) {
			return true
		}
	}
	return false
}

// privateAnswer marks an answer that holds what a user typed or pasted:
// no cache keeps it, and no Referer carries the address it came from to
// the next site.
func privateAnswer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if isSearchRequest(c.Request()) {
			// Set just before the header is written, over what a page's
			// own security headers said.
			res := c.Response()
			res.Before(func() {
				h := res.Header()
				h["Cache-Control"] = noStore
				h["Referrer-Policy"] = noReferrer
			})
		}
		return next(c)
	}
}

var (
	noStore    = []string{"no-store"}
	noReferrer = []string{"no-referrer"}
)

// clientKey is the rate limiter's key for a client address: the address
// itself for IPv4, and its /64 for IPv6, since one host usually holds a
// whole /64 and could otherwise change address per request.
func clientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		if host, _, err := net.SplitHostPort(ip); err == nil {
			return host
		}
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

func prefixToIPNet(p netip.Prefix) *net.IPNet {
	p = p.Masked()
	return &net.IPNet{IP: net.IP(p.Addr().AsSlice()), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}
}
