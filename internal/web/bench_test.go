package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
)

var (
	realOnce sync.Once
	realIdx  *search.Index
	realErr  error
)

// benchServer serves the real catalog as `errdex serve --rate-limit 0
// --log-level warn` does: the HTTP benchmark's setup, in process.
func benchServer(b *testing.B) *Server {
	b.Helper()
	realOnce.Do(func() {
		cat, err := errdex.LoadDir("../../catalog")
		if err != nil {
			realErr = err
			return
		}
		realIdx, realErr = search.New(context.Background(), cat, search.Options{})
	})
	if realErr != nil {
		b.Fatal(realErr)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := New(Config{}, live.NewHolder(realIdx, nil), nil, log)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkHTTP measures the lookup and entry endpoints through the real
// router and middleware: go test ./internal/web -run '^$' -bench HTTP -cpuprofile cpu.out
func BenchmarkHTTP(b *testing.B) {
	s := benchServer(b)
	h := s.Handler()
	for _, tc := range []struct{ name, target string }{
		{"lookup", "/api/v1/lookup?code=4019"},
		{"entry", "/api/v1/entries/kakao-share/4019"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "http://127.0.0.1"+tc.target, nil)
			r.RemoteAddr = "127.0.0.1:40000"
			w := &discardWriter{header: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.header)
				w.code = 0
				h.ServeHTTP(w, r)
				if w.code != http.StatusOK {
					b.Fatalf("%s: status %d", tc.target, w.code)
				}
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps only the status, so that the
// benchmark measures the server rather than a recorder's copying.
type discardWriter struct {
	header http.Header
	code   int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *discardWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(b), nil
}

// BenchmarkMix sends the soak's steady mix (bench/cmd/soak/load.go) through
// the real router and middleware, one request per iteration, asking for
// gzip as clients do, to show where a served request's CPU goes outside
// search:
// go test ./internal/web -run '^$' -bench Mix -cpuprofile cpu.out
func BenchmarkMix(b *testing.B) {
	s := benchServer(b)
	h := s.Handler()
	type req struct{ method, target, ctype, body string }
	search := func(q string) req { return req{"GET", "/api/v1/search?q=" + url.QueryEscape(q), "", ""} }
	get := func(p string) req { return req{"GET", p, "", ""} }
	mix := []req{
		search("balance"), search("invalid api key"), search("잔액 부족"), search("템플릿"),
		search("insuficient balanse"), search(`{"error":{"code":"invalid_api_key","message":"Invalid API key"}}`),
		search("[-401] domain mismatched"), search("INSUFF"),
		get("/api/v1/lookup?code=4019"), get("/api/v1/lookup?code=INSUFFICIENT_BALANCE"),
		get("/api/v1/entries/kmsg/INSUFFICIENT_BALANCE"), get("/api/v1/entries/kakao-share/KOE009?lang=ko"),
		get("/api/v1/systems"),
		{"POST", "/api/v1/identify", "text/plain", "2026-11-22T04:35:04Z ERROR send failed: KMsgError INSUFFICIENT_BALANCE: not enough balance to send"},
		{"POST", "/api/v1/identify", "application/json", `{"text":"KOE009 invalid android_key_hash or ios_bundle_id or web_site_url"}`},
	}
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m := mix[i%len(mix)]
		i++
		r := newBodyRequest(m.method, "http://127.0.0.1"+m.target, m.body, m.ctype)
		r.Header.Set("Accept-Encoding", "gzip") // as browsers and Go's client send
		r.RemoteAddr = "127.0.0.1:40000"
		clear(w.header)
		w.code = 0
		h.ServeHTTP(w, r)
		if w.code != http.StatusOK {
			b.Fatalf("%s: status %d", m.target, w.code)
		}
	}
}
