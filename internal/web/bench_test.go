package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
