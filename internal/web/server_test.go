package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/google/go-cmp/cmp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/api"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var (
	indexOnce sync.Once
	testIdx   *search.Index
	indexErr  error
)

// testIndex indexes testdata/catalog once for the whole package: a small
// catalog of our own, so golden files do not change with the real one.
func testIndex(t *testing.T) *search.Index {
	t.Helper()
	indexOnce.Do(func() {
		cat, err := errdex.LoadDir("testdata/catalog")
		if err != nil {
			indexErr = err
			return
		}
		testIdx, indexErr = search.New(context.Background(), cat, search.Options{})
	})
	if indexErr != nil {
		t.Fatalf("indexing testdata/catalog: %v", indexErr)
	}
	return testIdx
}

// newTestServer returns a Server on the shared test index. Its holder is
// never closed, since the index is shared.
func newTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	return newLoggingTestServer(t, cfg, nil)
}

// newLoggingTestServer is newTestServer logging JSON to logs at debug
// level, for tests that read what is logged; nil logs: the default logger.
func newLoggingTestServer(t *testing.T, cfg Config, logs io.Writer) *Server {
	t.Helper()
	var log *slog.Logger
	if logs != nil {
		log = slogTo(logs)
	}
	s, err := New(cfg, live.NewHolder(testIndex(t), nil), nil, log)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// request sends one request through the server's real router.
func request(t *testing.T, s *Server, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://errdex.test"+target, body)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

// opsRequest is request on the operations listener.
func opsRequest(t *testing.T, s *Server, method, target string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1:9090"+target, body)
	w := httptest.NewRecorder()
	s.OpsHandler().ServeHTTP(w, r)
	return w
}

func decodeEnvelope(t *testing.T, w *httptest.ResponseRecorder) api.ErrorBody {
	t.Helper()
	var env api.ErrorEnvelope
	if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
		t.Fatalf("error answer is not the JSON envelope: %v\n%s", err, w.Body)
	}
	return env.Error
}

// TestErrorTable sends a request for every row of the contract's error
// table and checks status, type, code, param and the request id.
func TestErrorTable(t *testing.T) {
	big := strings.Repeat("x", 70<<10)
	tests := []struct {
		name         string
		method, path string
		body         string
		header       []string
		cfg          Config
		wantStatus   int
		wantType     string
		wantCode     string
		wantParam    string
	}{
		{name: "missing code", method: "GET", path: "/api/v1/lookup",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "missing_required_field", wantParam: "code"},
		{name: "blank code", method: "GET", path: "/api/v1/lookup?code=%20",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "missing_required_field", wantParam: "code"},
		{name: "identify without text", method: "POST", path: "/api/v1/identify", body: `{}`, header: []string{"Content-Type", "application/json"},
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "missing_required_field", wantParam: "text"},
		{name: "identify empty body", method: "POST", path: "/api/v1/identify", body: ``,
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "missing_required_field", wantParam: "text"},
		{name: "unknown system in search", method: "GET", path: "/api/v1/search?q=x&system=nope",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "system"},
		{name: "unknown system in lookup", method: "GET", path: "/api/v1/lookup?code=4019&system=nope",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "system"},
		{name: "bad lang", method: "GET", path: "/api/v1/search?q=x&lang=fr",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "lang"},
		{name: "non-UTF-8 q", method: "GET", path: "/api/v1/search?q=%ff%fe",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "q"},
		{name: "non-UTF-8 identify text", method: "POST", path: "/api/v1/identify", body: "\xff\xfe error",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "text"},
		{name: "q over 2000 bytes", method: "GET", path: "/api/v1/search?q=" + strings.Repeat("a", 2001),
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "q"},
		{name: "malformed percent escape", method: "GET", path: "/api/v1/search?q=%zz",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "q"},
		{name: "malformed key", method: "GET", path: "/api/v1/search?%zz=1",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "%zz"},
		{name: "bad http_status", method: "GET", path: "/api/v1/search?http_status=abc",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "http_status"},
		{name: "bad retryable", method: "GET", path: "/api/v1/search?retryable=maybe",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "retryable"},
		{name: "bad format", method: "GET", path: "/api/v1/lookup?code=x&format=xml",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "format"},
		// encoding/json would turn the bytes into U+FFFD and search for that;
		// JSON text must be UTF-8, so this is the same 400 as a raw body's.
		{name: "non-UTF-8 bytes in a JSON body", method: "POST", path: "/api/v1/identify", body: "{\"text\":\"\xff\xfe error\"}",
			header:     []string{"Content-Type", "application/json"},
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "body"},
		{name: "malformed JSON body", method: "POST", path: "/api/v1/identify", body: `{"text":`, header: []string{"Content-Type", "application/json"},
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_field_value", wantParam: "body"},
		{name: "limit zero", method: "GET", path: "/api/v1/search?limit=0",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_limit", wantParam: "limit"},
		{name: "limit over 100", method: "GET", path: "/api/v1/search?limit=101",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_limit", wantParam: "limit"},
		{name: "limit not a number", method: "GET", path: "/api/v1/search?limit=ten",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_limit", wantParam: "limit"},
		{name: "misses on the public listener", method: "GET", path: "/api/v1/misses",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "garbage cursor", method: "GET", path: "/api/v1/search?cursor=garbage",
			wantStatus: 400, wantType: "invalid_request_error", wantCode: "invalid_cursor", wantParam: "cursor"},
		{name: "unknown path", method: "GET", path: "/api/v1/nope",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "api root", method: "GET", path: "/api",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "no such entry", method: "GET", path: "/api/v1/entries/kmsg/NOPE",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "no such system", method: "GET", path: "/api/v1/entries/nope/4019",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "no such variant", method: "GET", path: "/api/v1/entries/kakao-share/-401/nope",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "code of variants only", method: "GET", path: "/api/v1/entries/kakao-share/-401",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "slack off without secret", method: "POST", path: "/chatops/slack",
			wantStatus: 404, wantType: "not_found", wantCode: "resource_not_found"},
		{name: "POST on search", method: "POST", path: "/api/v1/search",
			wantStatus: 405, wantType: "invalid_request_error", wantCode: "method_not_allowed"},
		{name: "GET on identify", method: "GET", path: "/api/v1/identify",
			wantStatus: 405, wantType: "invalid_request_error", wantCode: "method_not_allowed"},
		{name: "DELETE on an entry", method: "DELETE", path: "/api/v1/entries/kmsg/RATE_LIMITED",
			wantStatus: 405, wantType: "invalid_request_error", wantCode: "method_not_allowed"},
		{name: "identify text body over 64 KiB", method: "POST", path: "/api/v1/identify", body: big,
			header:     []string{"Content-Type", "text/plain"},
			wantStatus: 413, wantType: "invalid_request_error", wantCode: "request_too_large", wantParam: "body"},
		{name: "identify JSON text over 64 KiB", method: "POST", path: "/api/v1/identify", body: `{"text":"` + big + `"}`,
			header:     []string{"Content-Type", "application/json"},
			wantStatus: 413, wantType: "invalid_request_error", wantCode: "request_too_large", wantParam: "text"},
		{name: "body on a GET route over the global limit", method: "GET", path: "/api/v1/systems", body: strings.Repeat("x", maxBody+1),
			wantStatus: 413, wantType: "invalid_request_error", wantCode: "request_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, tt.cfg)
			w := request(t, s, tt.method, tt.path, strings.NewReader(tt.body), tt.header...)
			if w.Code != tt.wantStatus {
				t.Fatalf("status: got %d, want %d\n%s", w.Code, tt.wantStatus, w.Body)
			}
			if got, want := w.Header().Get("Content-Type"), "application/json; charset=utf-8"; got != want {
				t.Errorf("Content-Type: got %q, want %q", got, want)
			}
			e := decodeEnvelope(t, w)
			if e.Type != tt.wantType || e.Code != tt.wantCode || e.Param != tt.wantParam {
				t.Errorf("got type=%s code=%s param=%q, want type=%s code=%s param=%q",
					e.Type, e.Code, e.Param, tt.wantType, tt.wantCode, tt.wantParam)
			}
			if e.Message == "" {
				t.Error("message is empty")
			}
			if id := w.Header().Get("X-Request-Id"); id == "" || e.RequestID != id {
				t.Errorf("request_id: got %q, want the X-Request-Id header %q", e.RequestID, id)
			}
		})
	}
}

// TestRateLimited checks the 429 row: Retry-After is set and the envelope
// says rate_limit_exceeded.
func TestRateLimited(t *testing.T) {
	s := newTestServer(t, Config{RateLimit: 0.5, RateBurst: 2})
	for i := range 2 {
		if w := request(t, s, "GET", "/api/v1/systems", nil); w.Code != 200 {
			t.Fatalf("request %d: got %d, want 200", i, w.Code)
		}
	}
	w := request(t, s, "GET", "/api/v1/systems", nil)
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("got %d, want 429", w.Code)
	}
	if got := w.Header().Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After: got %q, want %q", got, "2")
	}
	e := decodeEnvelope(t, w)
	if e.Type != "rate_limit_error" || e.Code != "rate_limit_exceeded" {
		t.Errorf("got %s/%s, want rate_limit_error/rate_limit_exceeded", e.Type, e.Code)
	}
	if e.RequestID != w.Header().Get("X-Request-Id") {
		t.Errorf("request_id %q differs from X-Request-Id %q", e.RequestID, w.Header().Get("X-Request-Id"))
	}
	// The public probes are limited like any path; the operations
	// listener, which probes and scrapers use, never is.
	for _, p := range []string{"/healthz", "/readyz"} {
		if w := request(t, s, "GET", p, nil); w.Code != http.StatusTooManyRequests {
			t.Errorf("public GET %s while limited: got %d, want 429", p, w.Code)
		}
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/api/v1/misses"} {
		if w := opsRequest(t, s, "GET", p, nil); w.Code != 200 {
			t.Errorf("operations GET %s while limited: got %d, want 200", p, w.Code)
		}
	}
	// Refused requests add no series: only the counter of refusals moves.
	for range 50 {
		request(t, s, "GET", "/api/v1/systems", nil)
	}
	body := opsRequest(t, s, "GET", "/metrics", nil).Body.String()
	if strings.Contains(body, `status="429"`) {
		t.Error("refused requests added series to errdex_http_requests_total")
	}
	if !strings.Contains(body, "errdex_http_rate_limited_total 5") {
		t.Errorf("errdex_http_rate_limited_total does not count the refusals:\n%s", grepLines(body, "rate_limited"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestRateLimitKey checks that X-Forwarded-For cannot spoof a new client
// unless its sender is a configured trusted proxy.
func TestRateLimitKey(t *testing.T) {
	tests := []struct {
		name    string
		trusted []netip.Prefix
		want    []int // statuses of three requests, each with a new XFF address
	}{
		{"XFF ignored without trusted proxies", nil, []int{200, 429, 429}},
		{"XFF ignored from an untrusted peer", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, []int{200, 429, 429}},
		{"XFF believed from a trusted proxy", []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}, []int{200, 200, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, Config{RateLimit: 0.001, RateBurst: 1, TrustedProxies: tt.trusted})
			for i, want := range tt.want {
				// httptest requests come from 192.0.2.1.
				xff := "203.0.113." + string(rune('1'+i))
				w := request(t, s, "GET", "/api/v1/systems", nil, "X-Forwarded-For", xff, "X-Real-IP", xff)
				if w.Code != want {
					t.Errorf("request %d (XFF %s): got %d, want %d", i, xff, w.Code, want)
				}
			}
		})
	}
}

func TestRateLimiterBounded(t *testing.T) {
	l := newRateLimiter(1, 1, 3)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		l.allow(k, testNow)
	}
	if got := l.len(); got != 3 {
		t.Errorf("clients remembered: got %d, want 3", got)
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := clientKey(tt.ip); got != tt.want {
				t.Errorf("clientKey(%q) = %q, want %q", tt.ip, got, tt.want)
			}
		})
	}
}

// TestPanicIs500 checks the 500 row: a panicking handler answers the
// envelope with a message that says nothing internal, and is logged with
// its stack.
func TestPanicIs500(t *testing.T) {
	var logs bytes.Buffer
	s := newLoggingTestServer(t, Config{}, &logs)
	s.echo.GET("/api/v1/boom", func(echo.Context) error { panic("secret internal detail") })
	s.echo.GET("/boom", func(echo.Context) error { panic("secret internal detail") })

	w := request(t, s, "GET", "/api/v1/boom", nil)
	if w.Code != 500 {
		t.Fatalf("got %d, want 500", w.Code)
	}
	e := decodeEnvelope(t, w)
	if e.Type != "api_error" || e.Code != "internal_error" {
		t.Errorf("got %s/%s, want api_error/internal_error", e.Type, e.Code)
	}
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("500 answer leaks the panic: %s", w.Body)
	}
	if !strings.Contains(logs.String(), "secret internal detail") || !strings.Contains(logs.String(), "goroutine") {
		t.Errorf("log lacks the panic and its stack:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a 5xx is not logged as an error:\n%s", logs.String())
	}

	// Outside /api the web UI's HTML error page answers.
	w = request(t, s, "GET", "/boom", nil)
	if w.Code != 500 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("page error: got %d %q, want 500 text/html", w.Code, w.Header().Get("Content-Type"))
	}
	if strings.Contains(w.Body.String(), "secret") || !strings.Contains(w.Body.String(), w.Header().Get("X-Request-Id")) {
		t.Errorf("page error body: %s", w.Body)
	}
}

func TestErrorPageHook(t *testing.T) {
	s := newTestServer(t, Config{})
	var got api.ErrorBody
	s.SetErrorPage(func(c echo.Context, status int, body api.ErrorBody) error {
		got = body
		return c.HTML(status, "<p>not here</p>")
	})
	w := request(t, s, "GET", "/no/such/page", nil)
	if w.Code != 404 || w.Body.String() != "<p>not here</p>" {
		t.Errorf("got %d %q, want 404 from the hook", w.Code, w.Body)
	}
	if got.Code != "resource_not_found" || got.RequestID != w.Header().Get("X-Request-Id") {
		t.Errorf("hook got %+v", got)
	}
}

// TestEveryAnswerHasRequestID covers answers that no handler writes.
func TestEveryAnswerHasRequestID(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tt := range []struct{ method, path string }{
		{"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/nope"}, {"POST", "/healthz"},
		{"OPTIONS", "/api/v1/search"}, {"HEAD", "/api/v1/nope"}, {"GET", "/api/openapi.json"},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			w := request(t, s, tt.method, tt.path, nil)
			if id := w.Header().Get("X-Request-Id"); !strings.HasPrefix(id, "req_") {
				t.Errorf("X-Request-Id: got %q, want req_...", id)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	s := newTestServer(t, Config{})
	w := request(t, s, "GET", "/api/v1/search?limit=100", nil, "Accept-Encoding", "gzip")
	if got := w.Header().Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding: got %q, want gzip", got)
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	var resp api.SearchResponse
	if err := json.NewDecoder(zr).Decode(&resp); err != nil {
		t.Fatalf("decoding the gunzipped answer: %v", err)
	}
	if resp.Total != 5 {
		t.Errorf("total: got %d, want 5", resp.Total)
	}
	// An error answer of a gzip-accepting request is still readable.
	w = request(t, s, "GET", "/api/v1/search?limit=0", nil, "Accept-Encoding", "gzip")
	if w.Code != 400 {
		t.Fatalf("got %d, want 400", w.Code)
	}
	if w.Header().Get("Content-Encoding") == "gzip" {
		if zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes())); err == nil {
			b, _ := io.ReadAll(zr)
			w.Body = bytes.NewBuffer(b)
		}
	}
	decodeEnvelope(t, w)

	// Below 1 KiB, or to a client that does not ask, the answer is plain
	// and keeps its length; every answer says it varies by encoding.
	for _, tc := range []struct{ target, accept string }{
		{"/api/v1/lookup?code=NO_SUCH_CODE_AT_ALL", "gzip"},
		{"/api/v1/search?limit=100", ""},
	} {
		w := request(t, s, "GET", tc.target, nil, "Accept-Encoding", tc.accept)
		if ce, cl := w.Header().Get("Content-Encoding"), w.Header().Get("Content-Length"); ce != "" || cl != strconv.Itoa(w.Body.Len()) {
			t.Errorf("%s (Accept-Encoding %q): Content-Encoding %q, Content-Length %q for %d bytes; want none and the length", tc.target, tc.accept, ce, cl, w.Body.Len())
		}
		if got := w.Header().Get("Vary"); !strings.Contains(got, "Accept-Encoding") {
			t.Errorf("%s: Vary %q lacks Accept-Encoding", tc.target, got)
		}
	}
}

// TestGzipPanic checks that a handler that panics under the gzip writer
// still gets its readable 500 (recoverPanics writes it after the gzip
// writer is gone), and that the next request is gzipped as usual.
func TestGzipPanic(t *testing.T) {
	s := newLoggingTestServer(t, Config{}, io.Discard)
	s.echo.GET("/api/v1/boom", func(echo.Context) error { panic("boom") })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, target := range []string{"/api/v1/boom", "/api/v1/search?limit=100"} {
		req, _ := http.NewRequest("GET", ts.URL+target, nil)
		resp, err := ts.Client().Do(req) // the transport asks for gzip and unpacks it
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: reading the answer: %v", target, err)
		}
		want := 200
		if target == "/api/v1/boom" {
			want = 500
		}
		if resp.StatusCode != want || !json.Valid(body) {
			t.Errorf("%s: %d, valid JSON %v; want %d and JSON:\n%.300s", target, resp.StatusCode, json.Valid(body), want, body)
		}
		if target != "/api/v1/boom" && !resp.Uncompressed {
			t.Errorf("%s: the answer was not gzipped", target)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, query, accept, wantTitle, wantLang string
	}{
		{"default", "", "", "Too many requests to the provider", "en"},
		{"lang param", "?lang=ko", "", "프로바이더 요청 한도 초과", "ko"},
		{"lang over header", "?lang=en", "ko", "Too many requests to the provider", "en"},
		{"Accept-Language", "", "ko-KR,ko;q=0.9,en;q=0.8", "프로바이더 요청 한도 초과", "ko"},
		{"Accept-Language q order", "", "en;q=0.5, ko;q=0.9", "프로바이더 요청 한도 초과", "ko"},
		{"unsupported Accept-Language", "", "fr, de", "Too many requests to the provider", "en"},
		{"malformed Accept-Language", "", ";;;q=x,,", "Too many requests to the provider", "en"},
	}
	s := newTestServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := request(t, s, "GET", "/api/v1/entries/kmsg/RATE_LIMITED"+tt.query, nil, "Accept-Language", tt.accept)
			var e api.EntryJSON
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
				t.Fatal(err)
			}
			if e.Title != tt.wantTitle || string(e.Lang) != tt.wantLang {
				t.Errorf("got %q (%s), want %q (%s)", e.Title, e.Lang, tt.wantTitle, tt.wantLang)
			}
		})
	}
}

// TestGolden compares whole answers with testdata/*.json.
func TestGolden(t *testing.T) {
	tests := []struct{ name, method, path, body string }{
		{"entry", "GET", "/api/v1/entries/kmsg/INSUFFICIENT_BALANCE", ""},
		{"entry_ko", "GET", "/api/v1/entries/kmsg/INSUFFICIENT_BALANCE?lang=ko", ""},
		{"entry_variant", "GET", "/api/v1/entries/kakao-share/-401/domain-mismatched", ""},
		{"entry_case_insensitive", "GET", "/api/v1/entries/kmsg/insufficient_balance", ""},
		{"lookup_alias", "GET", "/api/v1/lookup?code=no_balance", ""},
		{"lookup_none", "GET", "/api/v1/lookup?code=ZZZ", ""},
		{"lookup_record", "GET", "/api/v1/lookup?code=aligo+-102", ""},
		{"systems", "GET", "/api/v1/systems", ""},
		{"search_filters", "GET", "/api/v1/search?system=kakao-share&retryable=false&limit=2", ""},
	}
	s := newTestServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := request(t, s, tt.method, tt.path, strings.NewReader(tt.body))
			if w.Code != 200 {
				t.Fatalf("got %d, want 200: %s", w.Code, w.Body)
			}
			var v any
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if sr, ok := v.(map[string]any); ok {
				// Scores and cursors depend on Bleve's internals, not the contract.
				for _, r := range asSlice(sr["results"]) {
					if m, ok := r.(map[string]any); ok {
						if _, has := m["score"]; has {
							m["score"] = 1
						}
					}
				}
				if sr["next_cursor"] != nil {
					sr["next_cursor"] = "CURSOR"
				}
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // the golden files read better with <p> than \u003cp\u003e
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			file := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s %s differs from %s (-update rewrites it); -want +got:\n%s", tt.method, tt.path, file, cmp.Diff(string(want), string(got)))
			}
		})
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func TestPagination(t *testing.T) {
	s := newTestServer(t, Config{})
	seen := map[string]bool{}
	path := "/api/v1/search?limit=2"
	for page := 0; ; page++ {
		if page > 5 {
			t.Fatal("more pages than entries")
		}
		w := request(t, s, "GET", path, nil)
		var resp api.SearchResponse
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != 200 {
			t.Fatalf("page %d: %d %v", page, w.Code, err)
		}
		for _, r := range resp.Results {
			seen[r.ID] = true
		}
		if resp.NextCursor == nil {
			break
		}
		path = "/api/v1/search?limit=2&cursor=" + *resp.NextCursor
	}
	if len(seen) != 5 {
		t.Errorf("entries over all pages: got %d, want 5", len(seen))
	}
}

func TestFormatText(t *testing.T) {
	s := newTestServer(t, Config{BaseURL: "https://errdex.example.com"})
	for _, path := range []string{"/api/v1/search?q=4019&format=text", "/api/v1/lookup?code=4019&format=text"} {
		t.Run(path, func(t *testing.T) {
			w := request(t, s, "GET", path, nil)
			if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
				t.Fatalf("got %d %s, want 200 text/plain", w.Code, w.Header().Get("Content-Type"))
			}
			if !strings.Contains(w.Body.String(), "https://errdex.example.com/codes/kakao-share/4019") {
				t.Errorf("text answer lacks the entry's link:\n%s", w.Body)
			}
		})
	}
}

// TestSearchLanguage: the API follows the one language rule.
func TestSearchLanguage(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tc := range []struct{ path, accept, want string }{
		{"/api/v1/search?q=" + url.QueryEscape("잔액 부족"), "en-US", "ko"},
		{"/api/v1/search?lang=en&q=" + url.QueryEscape("잔액 부족"), "ko-KR", "en"},
		{"/api/v1/search?q=" + url.QueryEscape(`{"error":{"message":"잔액 부족"}}`), "en-US", "en"},
		{"/api/v1/search?q=balance", "ko-KR", "ko"},
	} {
		w := request(t, s, "GET", tc.path, nil, "Accept-Language", tc.accept)
		var resp struct {
			Lang string `json:"lang"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || resp.Lang != tc.want {
			t.Errorf("%s (Accept-Language %s): lang %q, want %q (%v)", tc.path, tc.accept, resp.Lang, tc.want, err)
		}
	}
}

// A lookup of a code nothing has answers its text with 404, so that a bot
// can tell "nothing" from an answer without reading the words.
func TestFormatTextNotFound(t *testing.T) {
	s := newTestServer(t, Config{})
	w := request(t, s, "GET", "/api/v1/lookup?code=NOPE&format=text", nil)
	if w.Code != http.StatusNotFound || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("got %d %s, want 404 text/plain", w.Code, w.Header().Get("Content-Type"))
	}
	if !strings.Contains(w.Body.String(), "No entry") {
		t.Errorf("404 text does not say nothing was found:\n%s", w.Body)
	}
	if w := request(t, s, "GET", "/api/v1/lookup?code=NOPE", nil); w.Code != http.StatusOK {
		t.Errorf("JSON lookup of a missing code: got %d, want 200 with no results", w.Code)
	}
}

func TestIdentify(t *testing.T) {
	s := newTestServer(t, Config{})
	tests := []struct {
		name, ctype, body, wantID, wantKind string
	}{
		{"text", "text/plain", "Uncaught KAPIError: wrong appKey(null) format", "kakao-share/-401/wrong-appkey-format", "signature"},
		{"form-encoded curl --data is text", "application/x-www-form-urlencoded", "[-401] domain mismatched caller=x", "kakao-share/-401/domain-mismatched", "signature"},
		{"json", "application/json", `{"text": "{\"code\": \"INSUFFICIENT_BALANCE\"}"}`, "kmsg/INSUFFICIENT_BALANCE", "code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := request(t, s, "POST", "/api/v1/identify", strings.NewReader(tt.body), "Content-Type", tt.ctype)
			if w.Code != 200 {
				t.Fatalf("got %d, want 200: %s", w.Code, w.Body)
			}
			var resp api.IdentifyResponse
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if len(resp.Results) == 0 || resp.Results[0].ID != tt.wantID {
				t.Fatalf("best result: got %+v, want %s", resp.Results, tt.wantID)
			}
			ev := resp.Results[0].Evidence
			if !slices.ContainsFunc(ev, func(e api.Evidence) bool { return e.Kind == tt.wantKind }) {
				t.Errorf("evidence: got %+v, want one of kind %s", ev, tt.wantKind)
			}
		})
	}
}

func TestMissesEndpoint(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, q := range []string{"frobnicated  Widget", "FROBNICATED widget", "zzzqqq", ""} {
		request(t, s, "GET", "/api/v1/search?q="+strings.ReplaceAll(q, " ", "+"), nil)
	}
	request(t, s, "GET", "/api/v1/search?q=4019", nil) // found: not a miss
	w := opsRequest(t, s, "GET", "/api/v1/misses", nil)
	var resp api.MissesResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range resp.Misses {
		got = append(got, m.Query+"="+strconv.Itoa(m.Count))
	}
	if want := []string{"frobnicated widget=2", "zzzqqq=1"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("misses: got %v, want %v", got, want)
	}
}

func TestMissesBounded(t *testing.T) {
	m := NewMisses(2)
	m.Record("a")
	m.Record("b")
	m.Record("a")
	m.Record("c") // evicts b, the least recently seen
	top, total := m.Top(10)
	if total != 2 || len(top) != 2 || top[0].Query != "a" || top[1].Query != "c" {
		t.Errorf("got %+v (total %d), want a then c", top, total)
	}
	m.Record(strings.Repeat("가", 100))
	top, _ = m.Top(1)
	if len(top[0].Query) > maxMissBytes {
		t.Errorf("query kept whole: %d bytes", len(top[0].Query))
	}
}

func TestMetrics(t *testing.T) {
	s := newTestServer(t, Config{})
	request(t, s, "GET", "/api/v1/search?q=nothing-like-this-exists", nil)
	request(t, s, "GET", "/api/v1/entries/kmsg/RATE_LIMITED", nil)
	request(t, s, "GET", "/no/such/path/12345", nil)
	w := opsRequest(t, s, "GET", "/metrics", nil)
	body := w.Body.String()
	for _, want := range []string{
		`errdex_http_requests_total{method="GET",route="/api/v1/entries/:system/:code",status="200"} 1`,
		`errdex_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`errdex_http_request_duration_seconds_bucket{route="/api/v1/search"`,
		`errdex_search_duration_seconds_count{kind="search"} 1`,
		`errdex_search_zero_results_total 1`,
		`errdex_catalog_entries{system="kakao-share"} 3`,
		`errdex_catalog_last_reload_successful 1`,
		`errdex_catalog_reloads_total{result="failed"} 0`,
		`go_goroutines`,
		`go_memstats_heap_inuse_bytes`,
		"\ngo_gc_heap_live_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "12345") {
		t.Error("an unmatched path became a label value")
	}
}

func TestEntryPathEscapes(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, path := range []string{"/api/v1/entries/kakao-share/%2D401/domain-mismatched", "/api/v1/entries/kakao-share/-401/domain%2Dmismatched"} {
		if w := request(t, s, "GET", path, nil); w.Code != 200 {
			t.Errorf("GET %s: got %d, want 200", path, w.Code)
		}
	}
	if w := request(t, s, "GET", "/api/v1/entries/kmsg/a%2Fb", nil); w.Code != 404 {
		t.Errorf("escaped slash: got %d, want 404", w.Code)
	}
}

// TestContentLength checks that JSON and text answers carry their length,
// so that net/http does not chunk those over 4 KiB, and that a gzipped
// answer does not carry the uncompressed one.
func TestContentLength(t *testing.T) {
	s := newTestServer(t, Config{})
	const big = "/api/v1/search?limit=100"
	for _, target := range []string{big, "/api/v1/entries/kakao-share/4019", "/api/v1/lookup?code=4019", "/api/v1/search?q=4019&format=text", "/api/v1/entries/kakao-share/nope"} {
		w := request(t, s, "GET", target, nil)
		if got, want := w.Header().Get("Content-Length"), strconv.Itoa(w.Body.Len()); got != want {
			t.Errorf("%s: Content-Length %q, body %s bytes", target, got, want)
		}
		if target == big && w.Body.Len() < 1024 {
			t.Errorf("%s: body %d bytes; the gzip check below wants one of 1 KiB or more", target, w.Body.Len())
		}
	}
	w := request(t, s, "GET", big, nil, "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Content-Length") != "" {
		t.Errorf("gzipped answer: Content-Encoding %q, Content-Length %q; want gzip and none", w.Header().Get("Content-Encoding"), w.Header().Get("Content-Length"))
	}
}

// TestHead checks that every route that answers GET answers HEAD the same
// way without the body, over a real connection (a recorder would keep the
// body that net/http drops), and that a method no route takes is still 405.
func TestHead(t *testing.T) {
	ts := httptest.NewServer(newTestServer(t, Config{}).Handler())
	defer ts.Close()
	for _, path := range []string{
		"/api/v1/lookup?code=4019", "/api/v1/entries/kakao-share/4019", "/api/v1/search?q=template",
		"/api/v1/systems", "/api/openapi.json", "/healthz", "/readyz", "/", "/codes/kakao-share/4019",
		"/api/v1/lookup", // a 400 stays a 400
	} {
		get, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(get.Body)
		get.Body.Close()
		res, err := http.Head(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		headBody, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != get.StatusCode || len(headBody) != 0 {
			t.Errorf("HEAD %s: status %d with %d body bytes; GET: %d", path, res.StatusCode, len(headBody), get.StatusCode)
		}
		if got, want := res.Header.Get("Content-Type"), get.Header.Get("Content-Type"); got != want {
			t.Errorf("HEAD %s: Content-Type %q, GET's %q", path, got, want)
		}
		if cl := get.Header.Get("Content-Length"); cl != "" && res.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("HEAD %s: Content-Length %q, want the GET body's %d", path, res.Header.Get("Content-Length"), len(body))
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/api/v1/lookup?code=4019", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "HEAD") {
		t.Errorf("DELETE: got %d, Allow %q; want 405 naming GET and HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
}

// TestIdentifyPayloadPostedAsJSON checks that an error payload posted as
// the JSON body itself, a common slip, is told how to send it.
func TestIdentifyPayloadPostedAsJSON(t *testing.T) {
	s := newTestServer(t, Config{})
	w := request(t, s, "POST", "/api/v1/identify",
		strings.NewReader(`{"error":{"type":"authentication_error","code":"expired_api_key"}}`),
		"Content-Type", "application/json")
	got := decodeEnvelope(t, w)
	if w.Code != http.StatusBadRequest || got.Code != "missing_required_field" || got.Param != "text" ||
		!strings.Contains(got.Message, `{"text": "..."}`) || !strings.Contains(got.Message, "text/plain") {
		t.Errorf("got %d %+v; want 400 missing_required_field on text, saying how to send the error", w.Code, got)
	}
}

// TestUseAfterNew checks that middleware added after New runs, inside the
// server's own chain (it sees the request id), on routes and on 404s.
func TestUseAfterNew(t *testing.T) {
	s := newTestServer(t, Config{})
	s.echo.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("X-Later", c.Response().Header().Get(echo.HeaderXRequestID))
			return next(c)
		}
	})
	for _, path := range []string{"/healthz", "/api/v1/search?q=4019", "/no/such/path"} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if got := rec.Header().Get("X-Later"); got == "" || got != rec.Header().Get(echo.HeaderXRequestID) {
			t.Errorf("GET %s: X-Later %q, want the request id %q: the later middleware did not run inside the chain",
				path, got, rec.Header().Get(echo.HeaderXRequestID))
		}
	}
}

// TestOpsOnly checks what only the operations listener serves: metrics,
// misses, file paths and the last reload's problems.
func TestOpsOnly(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, p := range []string{"/metrics", "/api/v1/misses"} {
		if w := request(t, s, "GET", p, nil); w.Code != 404 {
			t.Errorf("public GET %s: got %d, want 404", p, w.Code)
		}
		if w := opsRequest(t, s, "GET", p, nil); w.Code != 200 {
			t.Errorf("operations GET %s: got %d, want 200", p, w.Code)
		}
	}
	pub := request(t, s, "GET", "/readyz", nil)
	var ready map[string]any
	if err := json.Unmarshal(pub.Body.Bytes(), &ready); err != nil {
		t.Fatal(err)
	}
	cat, _ := ready["catalog"].(map[string]any)
	if len(ready) != 2 || ready["status"] != "ready" || len(cat) != 2 || cat["version"] == nil || cat["entries"] == nil {
		t.Errorf("public /readyz: got %s, want only status, catalog.version and catalog.entries", pub.Body)
	}
	ops := opsRequest(t, s, "GET", "/readyz", nil).Body.String()
	for _, want := range []string{`"source"`, `"last_reload"`, `"systems"`} {
		if !strings.Contains(ops, want) {
			t.Errorf("operations /readyz lacks %s: %s", want, ops)
		}
	}
	// An unknown path on the operations listener is the JSON 404.
	if w := opsRequest(t, s, "GET", "/nope", nil); w.Code != 404 || decodeEnvelope(t, w).Code != "resource_not_found" {
		t.Errorf("operations GET /nope: got %d %s", w.Code, w.Body)
	}
}
