package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The hostile cases of issue 15: what an attacker does to exhaust the
// service or read what others pasted. Each is over real TCP to the real
// run(), like TestHostileInput; latencies go to the same report, which
// bench/soak.sh hostile judges against 50 ms.

// hangul is n random Hangul syllables from a fixed seed: one unbroken run
// no catalog word matches.
func hangul(seed uint64, n int) string {
	rng := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	for range n {
		b.WriteRune(rune(0xAC00 + rng.IntN(11172)))
	}
	return b.String()
}

// distinctWords is about n bytes of distinct random lower-case words.
func distinctWords(seed uint64, n int) string {
	rng := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	for b.Len() < n {
		for range 3 + rng.IntN(7) {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// distinctSnake is about n bytes of distinct random UPPER_SNAKE codes.
func distinctSnake(seed uint64, n int) string {
	rng := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	for b.Len() < n {
		for i := range 3 {
			if i > 0 {
				b.WriteByte('_')
			}
			for range 4 + rng.IntN(4) {
				b.WriteByte(byte('A' + rng.IntN(26)))
			}
		}
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// TestHostileCost sends the inputs that took the most work per byte before
// it was bounded. Each must answer 200 (never a 5xx: 4,097 syllables in
// one run once hit Bleve's clause cap) and log nothing at error level.
func TestHostileCost(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })
	q := url.QueryEscape
	form := func(text string) []byte { return []byte("q=" + q(text)) }
	nestedJSON := strings.Repeat(`{"error":`, 2000) + `"` + hangul(5, 4097) + `"` + strings.Repeat("}", 2000)
	tests := []struct {
		name string
		req  []byte
	}{
		{"identify 4,000 Hangul syllables in one run", rawPost("/api/v1/identify", "text/plain", []byte(hangul(1, 4000)), false)},
		{"identify 4,097 Hangul syllables in one run", rawPost("/api/v1/identify", "text/plain", []byte(hangul(2, 4097)), false)},
		{"identify 21,000 Hangul syllables in one run", rawPost("/api/v1/identify", "text/plain", []byte(hangul(3, 21000)), false)},
		{"identify 64 KiB of distinct words", rawPost("/api/v1/identify", "text/plain", []byte(distinctWords(4, 64<<10)), false)},
		{"identify 64 KiB of distinct UPPER_SNAKE codes", rawPost("/api/v1/identify", "text/plain", []byte(distinctSnake(5, 64<<10)), false)},
		{"identify JSON nested 2,000 deep around a 4,097 run", rawPost("/api/v1/identify", "text/plain", []byte(nestedJSON), false)},
		{"search 666 Hangul syllables in one run", rawGet("/api/v1/search?q=" + q(hangul(6, 666)))},
		{"search 2,000 bytes of distinct UPPER_SNAKE codes", rawGet("/api/v1/search?q=" + q(distinctSnake(7, 2000)))},
		{"search 2,000 bytes of distinct words", rawGet("/api/v1/search?q=" + q(distinctWords(8, 2000)))},
		{"page POST /search with 4,097 Hangul syllables", rawPost("/search", "application/x-www-form-urlencoded", form(hangul(9, 4097)), false)},
		{"page GET /search with 666 Hangul syllables", rawGet("/search?q=" + q(hangul(10, 666)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logStart := len(s.logs.String())
			resp, body, d, err := sendRaw(addr, tt.req)
			if err != nil {
				t.Fatalf("got error %v, want an answer", err)
			}
			recordHostile(t, hostileResult{name: tt.name, kind: "request", status: resp.StatusCode, latency: d})
			if resp.StatusCode != 200 {
				t.Fatalf("status: got %d, want 200\n%.300s", resp.StatusCode, body)
			}
			checkStillServing(t, s, logStart)
		})
	}
}

// metricsSize is the byte size of the operations listener's /metrics.
func metricsSize(t *testing.T, s *service) int {
	t.Helper()
	return len(s.metrics(t))
}

// TestHostileMetricsSeries sends 10,000 requests with invented methods and
// paths, on a server without and then with a rate limit: /metrics must
// stay within 10% of its size before. 300 invented methods once grew it
// from 48 KB to 84 MB.
func TestHostileMetricsSeries(t *testing.T) {
	t.Cleanup(func() { writeHostileReport(t) })
	for _, flags := range [][]string{nil, {"--rate-limit", "5", "--rate-burst", "5"}} {
		name, n := "no rate limit", 10000
		if flags != nil {
			name, n = "rate limited (most refused)", 2000
		}
		t.Run(name, func(t *testing.T) {
			s := startServe(t, flags...)
			// One of each kind of answer first, so the series a normal day
			// creates exist before.
			for _, p := range []string{"/api/v1/search?q=balance", "/api/v1/nope", "/nope", "/codes/kmsg/INSUFFICIENT_BALANCE"} {
				s.get(t, p, nil)
			}
			before := metricsSize(t, s)
			rng := rand.New(rand.NewPCG(11, 11))
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
			var wg sync.WaitGroup
			work := make(chan int)
			for range 8 {
				wg.Go(func() {
					for i := range work {
						method := fmt.Sprintf("M%x%s", i, strings.Repeat("X", i%64))
						path := fmt.Sprintf("/%x/%s?q=%d", i*7919, strings.Repeat("p", i%200), i)
						req, _ := http.NewRequest(method, s.base+path, nil)
						if resp, err := client.Do(req); err == nil {
							io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
						}
					}
				})
			}
			for i := range n {
				work <- i + rng.IntN(1<<20)<<8
			}
			close(work)
			wg.Wait()
			after := metricsSize(t, s)
			ratio := float64(after) / float64(before)
			t.Logf("/metrics: %d bytes before, %d after %d requests with invented methods and paths (x%.3f)", before, after, n, ratio)
			recordHostile(t, hostileResult{name: fmt.Sprintf("metrics after %d invented methods and paths, %s", n, name),
				kind: "ratio", status: 200, latency: time.Duration(ratio * 1e6)}) // the report's µs column holds ratio*1000
			if ratio > 1.10 {
				t.Errorf("/metrics grew from %d to %d bytes: more than 10%%", before, after)
			}
		})
	}
}

// TestHostileBodyCost checks that a large body costs a client more of its
// rate: after one 64 KiB identify, a client with a burst of 20 has about 11
// requests left, not 19.
func TestHostileBodyCost(t *testing.T) {
	s := startServe(t, "--rate-limit", "0.01", "--rate-burst", "20")
	resp, err := http.Post(s.base+"/api/v1/identify", "text/plain", strings.NewReader(distinctWords(12, 64<<10)))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("identify: got %d, want 200", resp.StatusCode)
	}
	allowed := 0
	for range 20 {
		if code := s.get(t, "/api/v1/lookup?code=4019", nil); code == 200 {
			allowed++
		} else if code != 429 {
			t.Fatalf("lookup: got %d, want 200 or 429", code)
		}
	}
	if allowed > 12 {
		t.Errorf("after a 64 KiB identify %d of 20 lookups were allowed, want at most 12: the body cost nothing", allowed)
	}
}

// TestHostileSearchCap fires identifies at a server that answers one search
// at a time: the ones past the cap answer 503 with Retry-After at once,
// and nothing else but 200 comes back.
func TestHostileSearchCap(t *testing.T) {
	s := startServe(t, "--max-searches", "1")
	body := distinctWords(13, 64<<10)
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			resp, err := http.Post(s.base+"/api/v1/identify", "text/plain", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 503 {
				var env struct {
					Error struct{ Code string } `json:"error"`
				}
				if json.Unmarshal(b, &env) != nil || env.Error.Code != "overloaded" || resp.Header.Get("Retry-After") == "" {
					t.Errorf("503 without the overloaded envelope and Retry-After: %s %q", b, resp.Header.Get("Retry-After"))
				}
			}
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	t.Logf("16 identifies at once against --max-searches 1: %v", codes)
	for code := range codes {
		if code != 200 && code != 503 {
			t.Errorf("got status %d, want only 200 and 503", code)
		}
	}
	if codes[200] == 0 {
		t.Error("no identify was answered")
	}
}

// leaks are what a paste holds that must never be logged, kept in the
// misses or shown by the public listener.
var leaks = []string{"sk_live_51HxYzABCDefGhIjKl", "010-9876-5432", "kim.minsu@example.com", "eyJhbGciOiJIUzI1NiJ9"}

const leakyPaste = `2026-12-01 11:49:43 ERROR send failed apiKey=sk_live_51HxYzABCDefGhIjKl to=010-9876-5432 ` +
	`user=kim.minsu@example.com auth=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl zzqqxxnothing`

// TestHostilePrivacy sends pastes with secrets through every way in, then
// reads the logs, the misses and the public listener for them.
func TestHostilePrivacy(t *testing.T) {
	s := startServe(t)
	sendLeakyPastes(t, s)
	checkNothingLeaked(t, s)
	checkPublicListenerBare(t, s)
}

// sendLeakyPastes sends leakyPaste every way in (and a typed query with a
// phone number, and a key in an entry path); each answer is no 5xx, and
// those of searches are kept by no cache and sent as no Referer.
func sendLeakyPastes(t *testing.T, s *service) {
	t.Helper()
	q := url.QueryEscape
	for _, req := range []struct{ method, path, ctype, body string }{
		{"GET", "/api/v1/search?q=" + q(leakyPaste), "", ""},
		{"POST", "/api/v1/identify", "text/plain", leakyPaste},
		{"GET", "/search?q=" + q(leakyPaste), "", ""},
		{"POST", "/search", "application/x-www-form-urlencoded", "q=" + q(leakyPaste)},
		{"GET", "/?q=" + q(leakyPaste), "", ""},
		// A short typed query with a phone number: kept, masked.
		{"GET", "/api/v1/search?q=" + q("zzqq 010-9876-5432"), "", ""},
		{"GET", "/codes/kmsg/" + q("sk_live_51HxYzABCDefGhIjKl"), "", ""},
	} {
		r, _ := http.NewRequest(req.method, s.base+req.path, strings.NewReader(req.body))
		if req.ctype != "" {
			r.Header.Set("Content-Type", req.ctype)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("%s %.60s: got %d", req.method, req.path, resp.StatusCode)
		}
		if (strings.Contains(req.path, "search") || strings.Contains(req.path, "identify") || strings.Contains(req.path, "?q=")) &&
			(resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer") {
			t.Errorf("%s %.40s: Cache-Control %q, Referrer-Policy %q; want no-store and no-referrer", req.method, req.path,
				resp.Header.Get("Cache-Control"), resp.Header.Get("Referrer-Policy"))
		}
	}
}

// checkNothingLeaked reads the log and the misses for the secrets of
// leakyPaste: none is there, the paste is not a miss, and the typed query
// is, masked, in both.
func checkNothingLeaked(t *testing.T, s *service) {
	t.Helper()
	logs := s.logs.String()
	var misses struct {
		Misses []struct{ Query string } `json:"misses"`
	}
	if code := s.opsGet(t, "/api/v1/misses", &misses); code != 200 {
		t.Fatalf("operations misses: got %d", code)
	}
	missText, _ := json.Marshal(misses)
	for _, leak := range leaks {
		if strings.Contains(logs, leak) {
			t.Errorf("the log holds %q", leak)
		}
		if strings.Contains(string(missText), leak) {
			t.Errorf("the misses hold %q: %s", leak, missText)
		}
	}
	if strings.Contains(string(missText), "zzqqxxnothing") {
		t.Errorf("a paste was kept in the misses: %s", missText)
	}
	if !strings.Contains(string(missText), "zzqq [phone]") {
		t.Errorf("the typed query was not kept masked: %s", missText)
	}
	if !strings.Contains(logs, `"event":"miss"`) || !strings.Contains(logs, "zzqq [phone]") {
		t.Error("the miss was not logged as a masked event")
	}
}

// checkPublicListenerBare checks that the public listener serves no
// misses, no metrics, no paths.
func checkPublicListenerBare(t *testing.T, s *service) {
	t.Helper()
	for _, p := range []string{"/api/v1/misses", "/metrics"} {
		if code := s.get(t, p, nil); code != 404 {
			t.Errorf("public %s: got %d, want 404", p, code)
		}
	}
	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, bad := range []string{"source", "problems", "built-in", "/"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("public /readyz shows %q: %s", bad, b)
		}
	}
}

// TestHostileCatalogFIFO puts a FIFO and a symlink out of the directory in
// the catalog directory of a running server: later good edits still apply,
// nothing of the link's target is shown, and SIGTERM still stops it.
func TestHostileCatalogFIFO(t *testing.T) {
	dir := catalogDir(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "zz-fifo.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	s := startServe(t, "--catalog", dir, "--reload-debounce", "50ms")
	outside := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(outside, []byte("root:$6$saltsalt$secrethash:19000:0:99999:7:::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "zz-shadow.yaml")); err != nil {
		t.Fatal(err)
	}
	var rz readyz
	waitFor(t, "the reload with the escaping link to be refused", func() bool {
		s.opsGet(t, "/readyz", &rz)
		return rz.LastReload != nil && !rz.LastReload.OK
	})
	if raw, _ := json.Marshal(rz); bytes.Contains(raw, []byte("saltsalt")) {
		t.Errorf("/readyz shows the linked file's content: %s", raw)
	}
	if err := os.Remove(filepath.Join(dir, "zz-shadow.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "zz-e2e.yaml"), []byte(extraEntry("Probe beside a FIFO", "never")), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the good edit beside the FIFO", func() bool { return probeTitle(t, s) == "Probe beside a FIFO" })
	if code := s.stop(); code != exitOK {
		t.Errorf("exit status after SIGTERM: got %d, want 0", code)
	}
}

// TestHostileBrokenChunks sends a body whose chunked encoding is broken:
// the client's fault, a 400 at info level, not a 500 at error level.
func TestHostileBrokenChunks(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })
	logStart := len(s.logs.String())
	req := []byte("POST /api/v1/identify HTTP/1.1\r\nHost: errdex.test\r\nConnection: close\r\nContent-Type: text/plain\r\n" +
		"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz-not-hex\r\nworld\r\n0\r\n\r\n")
	resp, body, d, err := sendRaw(addr, req)
	if err != nil {
		t.Fatal(err)
	}
	recordHostile(t, hostileResult{name: "identify with a broken chunked body", kind: "request", status: resp.StatusCode, latency: d})
	if resp.StatusCode != 400 {
		t.Fatalf("status: got %d, want 400\n%s", resp.StatusCode, body)
	}
	checkStillServing(t, s, logStart)
}

// TestHostileErrorPages: a path starting "//" must not turn the 404 page's
// language links into links to another site, and an error page chosen by
// Accept-Language says so in Vary.
func TestHostileErrorPages(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })
	for _, target := range []string{"//evil.example/x", "///evil.example/x"} {
		resp, body, d, err := sendRaw(addr, rawGet(target, "Accept-Language", "ko"))
		if err != nil {
			t.Fatal(err)
		}
		recordHostile(t, hostileResult{name: "404 page for " + target, kind: "request", status: resp.StatusCode, latency: d})
		if resp.StatusCode != 404 {
			t.Errorf("GET %s: got %d, want 404", target, resp.StatusCode)
		}
		if bytes.Contains(body, []byte(`href="//`)) {
			t.Errorf("GET %s: the page links off the site: %s", target, body[bytes.Index(body, []byte(`href="//`)):][:60])
		}
		if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Language") {
			t.Errorf("GET %s: Vary %q lacks Accept-Language", target, resp.Header.Values("Vary"))
		}
	}
}

// TestHostileByteRanges asks a static file for 2,000 one-byte ranges: the
// answer is the file once, not a multipart answer thousands of times its size.
func TestHostileByteRanges(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })
	whole, err := http.Get(s.base + "/static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	wholeBody, _ := io.ReadAll(whole.Body)
	whole.Body.Close()
	var rs []string
	for i := range min(2000, len(wholeBody)) {
		rs = append(rs, fmt.Sprintf("%d-%d", i, i)) // one byte each: a multipart part of ~100 bytes per byte
	}
	ranges := "bytes=" + strings.Join(rs, ",")
	resp, body, d, err := sendRaw(addr, rawGet("/static/app.css", "Range", ranges))
	if err != nil {
		t.Fatal(err)
	}
	recordHostile(t, hostileResult{name: "static file with 2,000 byte ranges", kind: "request", status: resp.StatusCode, latency: d})
	if len(body) > len(wholeBody) {
		t.Errorf("2,000 ranges of a %d-byte file answered %d bytes (status %d)", len(wholeBody), len(body), resp.StatusCode)
	}
	if resp.StatusCode >= 500 {
		t.Errorf("got %d", resp.StatusCode)
	}
}

// TestHostileCatalogText: a 5 MB summary (issue 15 finding 10 took the
// process from 53 to 517 MiB with one) stops the start with a problem
// naming the file, and a 9 KB one sent to a running server is refused by
// the reload at the summary's line while the last good catalog serves on.
func TestHostileCatalogText(t *testing.T) {
	withSummary := func(summary string) []byte {
		return []byte(strings.Replace(extraEntry("Long text probe", "never"), "An entry the end-to-end test adds.", summary, 1))
	}
	dir := catalogDir(t)
	if err := os.WriteFile(filepath.Join(dir, "zz-e2e.yaml"), withSummary(strings.Repeat("a", 5_000_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	var errBuf bytes.Buffer
	code := run(t.Context(), []string{"serve", "--addr", "127.0.0.1:0", "--ops-addr", "127.0.0.1:0", "--catalog", dir},
		stdio{in: strings.NewReader(""), out: io.Discard, err: &errBuf}, func(string) string { return "" })
	if code != exitFailed {
		t.Errorf("exit status with a 5 MB summary: got %d, want %d", code, exitFailed)
	}
	if log := errBuf.String(); !strings.Contains(log, "file=zz-e2e.yaml") || !strings.Contains(log, "over the limit of 1048576 bytes for one catalog file") {
		t.Errorf("the log does not say which file is too large:\n%.2000s", log)
	}

	if err := os.Remove(filepath.Join(dir, "zz-e2e.yaml")); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--catalog", dir, "--reload-debounce", "50ms")
	if err := os.WriteFile(filepath.Join(dir, "zz-e2e.yaml"), withSummary(strings.Repeat("a", 9000)), 0o644); err != nil {
		t.Fatal(err)
	}
	var rz readyz
	waitFor(t, "the reload with a 9 KB summary to be refused", func() bool {
		s.opsGet(t, "/readyz", &rz)
		return rz.LastReload != nil && !rz.LastReload.OK
	})
	if p := rz.LastReload.Problems; len(p) != 1 || p[0].File != "zz-e2e.yaml" || p[0].Line != 8 {
		t.Errorf("problems: got %+v, want one at zz-e2e.yaml:8 (summary.en)", p)
	}
	if got := probeTitle(t, s); got != "" {
		t.Errorf("the refused entry is served: %q", got)
	}
}
