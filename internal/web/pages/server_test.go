package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/errdex/errdex"
)

func newServer(t *testing.T, idx errdex.Index) http.Handler {
	t.Helper()
	h, _ := newEcho(t, idx)
	return h
}

// TestInServer checks the pages behind the real server: its error handler
// renders their error pages, with the security headers and request id.
func TestInServer(t *testing.T) {
	srv := newServer(t, newIndex(t, nil))
	tests := []struct {
		method, path string
		status       int
		wantHTML     bool
		wantDetail   string // text of the detail line, "" for none
	}{
		{"GET", "/", 200, true, ""},
		{"GET", "/codes/kakao-share/4019", 200, true, ""},
		{"GET", "/no/such/page", 404, true, ""},
		{"GET", "/systems/nope", 404, true, ""},
		{"GET", "/search?q=x&limit=0&http_status=abc", 400, true, "http_status must be a number"},
		{"GET", "/search?q=x&cursor=garbage", 400, true, "cursor"},
		// One strict parser for the API and the pages: a pair that does
		// not decode is refused, not dropped (which listed every entry).
		{"GET", "/search?q=%zz", 400, true, "q is not correctly percent-encoded"},
		{"GET", "/search?q=x&retryable=maybe", 400, true, "retryable must be true or false"},
		{"PUT", "/search", 405, true, ""},
		// A form's typed query goes to its GET address; a paste is answered.
		{"POST", "/search", 303, false, ""},
		{"POST", "/search?q=a%0Ab", 200, true, ""},
		{"GET", "/api/v1/nope", 404, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("got status %d, want %d", res.StatusCode, tt.status)
			}
			isHTML := strings.HasPrefix(res.Header.Get("Content-Type"), "text/html")
			if isHTML != tt.wantHTML {
				t.Fatalf("Content-Type %q: got HTML %v, want %v", res.Header.Get("Content-Type"), isHTML, tt.wantHTML)
			}
			if !tt.wantHTML {
				return
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy: got %q", csp)
			}
			doc := parse(t, res.Body)
			if tt.status < 400 {
				return
			}
			if got := text(query(doc, ".error-status")); got != strconv.Itoa(tt.status) {
				t.Errorf(".error-status: got %q, want %d", got, tt.status)
			}
			if id := res.Header.Get("X-Request-Id"); id == "" || !strings.Contains(text(query(doc, ".error-page")), id) {
				t.Errorf("the page does not show the request id %q", id)
			}
			detail := text(query(doc, "[data-error-message]"))
			if tt.wantDetail == "" && detail != "" || !strings.Contains(detail, tt.wantDetail) {
				t.Errorf("detail: got %q, want %q", detail, tt.wantDetail)
			}
		})
	}
}

// TestMissesRecorded checks that a page search that found nothing reaches
// the server's misses, and one made while typing does not.
func TestMissesRecorded(t *testing.T) {
	srv, ws := newEcho(t, newIndex(t, nil))
	for _, path := range []string{"/search?q=zzqqxx", "/search?q=zzqq&prefix=1&partial=1", "/search?q=4019"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	}
	rec := httptest.NewRecorder()
	ws.OpsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/misses", nil))
	body := rec.Body.String()
	if !strings.Contains(body, `"zzqqxx"`) {
		t.Errorf("misses: got %s, want zzqqxx in them", body)
	}
	if strings.Contains(body, `"zzqq"`) || strings.Contains(body, "4019") {
		t.Errorf("misses: got %s, want neither the typed prefix nor a found code", body)
	}
}

// TestSearchesMetered checks that a page search goes through the
// application service: it is timed in the search latency metric.
func TestSearchesMetered(t *testing.T) {
	srv, ws := newEcho(t, newIndex(t, nil))
	count := func() string {
		rec := httptest.NewRecorder()
		ws.OpsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		for _, line := range strings.Split(rec.Body.String(), "\n") {
			if strings.HasPrefix(line, `errdex_search_duration_seconds_count{kind="search"}`) {
				return strings.Fields(line)[1]
			}
		}
		return "0"
	}
	before := count()
	for _, path := range []string{"/search?q=4019", "/search?q=balance&partial=1&prefix=1"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, rec.Code)
		}
	}
	if before != "0" || count() != "2" {
		t.Errorf("search count: %s before, %s after two page searches; want 0 and 2", before, count())
	}
}
