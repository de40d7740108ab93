package web

import (
	"bytes"
	"errors"
	"io"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// Past MaxSearches a search answers 503 with Retry-After at once; a lookup
// is not a search and is answered.
func TestSearchSlots(t *testing.T) {
	var logs bytes.Buffer
	s := newLoggingTestServer(t, Config{MaxSearches: 2}, &logs)
	s.slots <- struct{}{}
	s.slots <- struct{}{} // both taken, as by two searches running
	for _, p := range []string{"/api/v1/search?q=4019", "/search?q=4019", "/?q=4019"} {
		w := request(t, s, "GET", p, nil)
		if w.Code != 503 || w.Header().Get("Retry-After") == "" {
			t.Errorf("GET %s with every slot taken: got %d, Retry-After %q; want 503 with one", p, w.Code, w.Header().Get("Retry-After"))
		}
	}
	w := request(t, s, "POST", "/api/v1/identify", strings.NewReader("KOE009"), "Content-Type", "text/plain")
	if w.Code != 503 || decodeEnvelope(t, w).Code != "overloaded" {
		t.Errorf("identify with every slot taken: got %d %s", w.Code, w.Body)
	}
	if w := request(t, s, "GET", "/api/v1/lookup?code=4019", nil); w.Code != 200 {
		t.Errorf("lookup with every search slot taken: got %d, want 200", w.Code)
	}
	<-s.slots
	if w := request(t, s, "GET", "/api/v1/search?q=4019", nil); w.Code != 200 {
		t.Errorf("search with a slot free: got %d, want 200", w.Code)
	}
	if len(s.slots) != 1 {
		t.Errorf("slots taken after the search: %d, want the 1 the test holds", len(s.slots))
	}
	if !strings.Contains(opsRequest(t, s, "GET", "/metrics", nil).Body.String(), "errdex_http_overloaded_total 4") {
		t.Error("errdex_http_overloaded_total does not count the refused searches")
	}
	// A refusal is the designed answer, logged as a warning with why; only
	// faults are errors.
	if n := strings.Count(logs.String(), `"level":"WARN","msg":"request"`); n != 4 || !strings.Contains(logs.String(), `"err":"overloaded"`) {
		t.Errorf("%d refusals logged at WARN, want 4 with their reason:\n%s", n, logs.String())
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a refusal is logged as an error:\n%s", logs.String())
	}
}

// failingBody is a request body whose read fails as a client's would.
type failingBody struct{ err error }

func (b failingBody) Read([]byte) (int, error) { return 0, b.err }

// A body the client broke is the client's fault: 400 or 408, not 500.
func TestClientBodyErrors(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tt := range []struct {
		err        error
		wantStatus int
		wantCode   string
	}{
		{errors.New("http: invalid chunked encoding"), 400, "malformed_body"},
		{io.ErrUnexpectedEOF, 400, "malformed_body"},
		{os.ErrDeadlineExceeded, 408, "request_timeout"},
	} {
		w := request(t, s, "POST", "/api/v1/identify", failingBody{tt.err}, "Content-Type", "text/plain")
		if w.Code != tt.wantStatus {
			t.Errorf("body failing with %v: got %d, want %d\n%s", tt.err, w.Code, tt.wantStatus, w.Body)
			continue
		}
		if e := decodeEnvelope(t, w); e.Code != tt.wantCode || e.Param != "body" {
			t.Errorf("body failing with %v: got %s/%s, want %s/body", tt.err, e.Code, e.Param, tt.wantCode)
		}
	}
}

// Answers that hold what a user typed or pasted are kept by no cache and
// carry no Referer onwards; other answers keep the usual policy.
func TestPrivateAnswers(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tt := range []struct {
		method, path, body string
		private            bool
	}{
		{"GET", "/api/v1/search?q=4019", "", true},
		{"POST", "/api/v1/identify", "KOE009", true},
		{"GET", "/search?q=4019", "", true},
		{"GET", "/?q=4019", "", true},
		{"POST", "/search", "q=KOE009", true},
		{"GET", "/api/v1/lookup?code=4019", "", false},
		{"GET", "/", "", false},
	} {
		var body io.Reader
		var header []string
		if tt.body != "" {
			body = strings.NewReader(tt.body)
			header = []string{"Content-Type", "application/x-www-form-urlencoded"}
			if strings.HasPrefix(tt.path, "/api") {
				header = []string{"Content-Type", "text/plain"}
			}
		}
		w := request(t, s, tt.method, tt.path, body, header...)
		cc, rp := w.Header().Get("Cache-Control"), w.Header().Get("Referrer-Policy")
		if tt.private && (cc != "no-store" || rp != "no-referrer") {
			t.Errorf("%s %s: Cache-Control %q, Referrer-Policy %q; want no-store, no-referrer", tt.method, tt.path, cc, rp)
		}
		if !tt.private && rp == "no-referrer" {
			t.Errorf("%s %s: Referrer-Policy no-referrer on an answer holding no user text", tt.method, tt.path)
		}
	}
}

func TestMethodLabel(t *testing.T) {
	for in, want := range map[string]string{"GET": "GET", "HEAD": "HEAD", "POST": "POST", "OPTIONS": "OPTIONS",
		"PUT": "other", "get": "other", strings.Repeat("X", 30000): "other", "": "other"} {
		if got := methodLabel(in); got != want {
			t.Errorf("methodLabel(%.20q) = %q, want %q", in, got, want)
		}
	}
}

// Misses keep typed queries, masked, and no pastes.
func TestMissesMaskedNoPastes(t *testing.T) {
	m := NewMisses(100)
	for _, q := range []string{
		"zzqq 010-1234-5678",
		"send to kim@example.com failed",
		`{"error":{"code":"X","message":"y"}}`,
		"line one\nline two",
		"HTTP/1.1 500 Internal Server Error",
		"apiKey=sk_live_51HxYzABCDefGhIjKl",
		strings.Repeat("word ", 13),
		strings.Repeat("x", 250),
	} {
		m.Record(q)
	}
	top, total := m.Top(100)
	var got []string
	for _, x := range top {
		got = append(got, x.Query)
	}
	want := []string{"send to [email] failed", "zzqq [phone]"}
	if total != 2 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("misses: got %q (%d), want %q", got, total, want)
	}
}

// Behind TLS (an https base URL, or a trusted proxy's X-Forwarded-Proto)
// answers carry HSTS and the language cookie is Secure; a client's own
// X-Forwarded-Proto is not believed.
func TestHTTPSOnly(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cfg    Config
		header []string
		https  bool
	}{
		{"plain http", Config{}, nil, false},
		{"https base URL", Config{BaseURL: "https://errdex.example.com"}, nil, true},
		{"untrusted X-Forwarded-Proto", Config{}, []string{"X-Forwarded-Proto", "https"}, false},
		{"trusted proxy's X-Forwarded-Proto", Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
			[]string{"X-Forwarded-Proto", "https"}, true},
	} {
		s := newTestServer(t, tt.cfg)
		w := request(t, s, "GET", "/?lang=ko", nil, tt.header...) // the recorder's peer is 192.0.2.1
		hsts := w.Header().Get("Strict-Transport-Security")
		cookie := w.Header().Get("Set-Cookie")
		if cookie == "" {
			t.Fatalf("%s: no language cookie set", tt.name)
		}
		secure := strings.Contains(cookie, "; Secure")
		if tt.https != (hsts != "") || tt.https != secure {
			t.Errorf("%s: HSTS %q, cookie %q; want HTTPS=%v", tt.name, hsts, cookie, tt.https)
		}
	}
}
