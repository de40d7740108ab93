package main

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/errdex/errdex"
)

// The hostile-input tests send what a careless or malicious client sends,
// over real TCP to the real run(), and check that each gets its contract
// answer, that nothing is logged as an error and that the process keeps
// serving. They record each case's latency but never assert on it: speed
// is judged by `bench/soak.sh hostile`, which reads the report written
// with -hostile.report and prints PASS or FAIL against 50 ms.
var hostileReport = flag.String("hostile.report", "", "write each hostile case's status and latency to this `file` (tab-separated)")

// hostileResult is one line of the report.
type hostileResult struct {
	name    string
	kind    string // "request": judged against 50 ms; "timeout": how long the server took to close; "ratio": latency/1ms is a size ratio, judged against 1.10
	status  int
	latency time.Duration
}

var (
	hostileMu      sync.Mutex
	hostileResults []hostileResult
)

func recordHostile(t *testing.T, r hostileResult) {
	t.Helper()
	if r.kind == "timeout" {
		t.Logf("%s: closed by the server after %s", r.name, r.latency)
	} else {
		t.Logf("%s: status %d in %s", r.name, r.status, r.latency)
	}
	hostileMu.Lock()
	defer hostileMu.Unlock()
	hostileResults = append(hostileResults, r)
}

// writeHostileReport writes the results recorded so far, when asked to.
func writeHostileReport(t *testing.T) {
	t.Helper()
	if *hostileReport == "" {
		return
	}
	hostileMu.Lock()
	defer hostileMu.Unlock()
	var b strings.Builder
	for _, r := range hostileResults {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", r.name, r.kind, r.status, r.latency.Microseconds())
	}
	if err := os.WriteFile(*hostileReport, []byte(b.String()), 0o644); err != nil {
		t.Errorf("writing the report: %v", err)
	}
}

// hostileWant is what a hostile request must get.
type hostileWant struct {
	status int
	// typ, code and param are the error envelope's, checked on any status
	// but 200.
	typ, code, param string
	// transport marks an answer net/http gives before any handler runs (431
	// for headers over MaxHeaderBytes): plain text, without a request id,
	// since no middleware has seen the request.
	transport bool
	// check, when set, looks further into a 200's body.
	check func(t *testing.T, body []byte)
}

func invalid(code, param string) hostileWant {
	return hostileWant{status: 400, typ: "invalid_request_error", code: code, param: param}
}

var (
	wantOK          = hostileWant{status: 200}
	wantTooLarge    = hostileWant{status: 413, typ: "invalid_request_error", code: "request_too_large"}
	wantNotFound    = hostileWant{status: 404, typ: "not_found", code: "resource_not_found"}
	wantHeaderLimit = hostileWant{status: 431, transport: true}
)

// rawGet is a GET request line and headers, written as given: the target is
// not escaped, so it may hold bytes no client library would send.
func rawGet(target string, header ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: errdex.test\r\nConnection: close\r\n", target)
	for i := 0; i+1 < len(header); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", header[i], header[i+1])
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// rawPost is a POST with a Content-Length body, or a chunked one.
func rawPost(target, ctype string, body []byte, chunked bool) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: errdex.test\r\nConnection: close\r\nContent-Type: %s\r\n", target, ctype)
	if !chunked {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
		b.Write(body)
		return b.Bytes()
	}
	b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
	for len(body) > 0 {
		n := min(len(body), 32<<10)
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// sendRaw writes req on a new connection and reads the answer, timing the
// whole exchange. The request is written while the answer is read, since
// the server may answer (413, 431) before it has read a large request and
// then stop reading it.
func sendRaw(addr string, req []byte) (*http.Response, []byte, time.Duration, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, nil, 0, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	start := time.Now()
	go conn.Write(req) // a write cut short by the server's close is expected
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil, nil, time.Since(start), err
	}
	body, err := io.ReadAll(resp.Body)
	d := time.Since(start)
	resp.Body.Close()
	return resp, body, d, err
}

// forgedCursor makes the cursor search hands out for an empty query with
// the given limit at offset over the built-in catalog, with the key of
// internal/search/cursor.go and the fingerprint of filters.go (catalog
// version, query, one value per filter, limit, prefix): a cursor is signed
// against typos and tampering, not kept secret, so anyone can make one for
// any offset.
func forgedCursor(offset uint64, limit int) string {
	cat, err := errdex.Builtin()
	if err != nil {
		panic(err)
	}
	parts := []string{cat.Version, ""}
	for range errdex.Filters {
		parts = append(parts, "")
	}
	fingerprint := strings.Join(append(parts, fmt.Sprint(limit), "false"), "\x00")
	buf := binary.AppendUvarint(nil, offset)
	h := sha256.Sum256([]byte(fingerprint))
	buf = append(buf, h[:8]...)
	mac := hmac.New(sha256.New, []byte("errdex cursor v1"))
	mac.Write(buf)
	buf = mac.Sum(buf)[:len(buf)+8]
	return base64.RawURLEncoding.EncodeToString(buf)
}

func nested(depth int, open, close string) string {
	return strings.Repeat(open, depth) + strings.Repeat(close, depth)
}

// manyParams is a query string of n parameters, each as short as can be, so
// that as many as possible fit under the server's header limit.
func manyParams(n int) string {
	return strings.TrimSuffix(strings.Repeat("x&", n), "&")
}

// wantResults checks that a 200 search answer has at least min results and,
// when id is set, that the first is id.
func wantResults(min int, id string) func(t *testing.T, body []byte) {
	return func(t *testing.T, body []byte) {
		t.Helper()
		var r struct {
			Total   int `json:"total"`
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
		}
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("answer is not JSON: %v\n%.300s", err, body)
		}
		if len(r.Results) < min {
			t.Errorf("results: got %d, want at least %d", len(r.Results), min)
		}
		if id != "" && (len(r.Results) == 0 || r.Results[0].ID != id) {
			t.Errorf("first result: got %+v, want %s", r.Results, id)
		}
	}
}

// payloadWords is a pasted log of about n bytes: real error words, codes
// and noise, the worst an identify or a long search has to take apart.
func payloadWords(n int) string {
	words := strings.Fields(`ERROR 2026-11-22T04:35:04Z kmsg INSUFFICIENT_BALANCE balance timeout
		{"error":{"code":"invalid_api_key","message":"Invalid API key"}} KOE009 -401 4019 잔액 부족
		ECONNRESET socket hang up retry after 429 Too Many Requests domain mismatched appKey`)
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// TestHostileInput sends each hostile request once and checks its answer,
// the log and /healthz after it.
func TestHostileInput(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })

	q := url.QueryEscape
	long := strings.Repeat("a", 20000)
	tests := []struct {
		name string
		req  []byte
		want hostileWant
	}{
		// Query syntax a search engine might take as an operator: errdex
		// never hands user text to Bleve's query string parser, so each
		// is words to look for, at worst finding nothing.
		{"syntax: *", rawGet("/api/v1/search?q=" + q("*")), wantOK},
		{"syntax: /.*/", rawGet("/api/v1/search?q=" + q("/.*/")), wantOK},
		{"syntax: *a*", rawGet("/api/v1/search?q=" + q("*a*")), wantOK},
		{"syntax: x~2", rawGet("/api/v1/search?q=" + q("x~2")), wantOK},
		{"syntax: field:", rawGet("/api/v1/search?q=" + q("field:")), wantOK},
		{"syntax: title:* AND _all:*", rawGet("/api/v1/search?q=" + q("title:* AND _all:*")), wantOK},
		{"syntax: regexp with huge repeat", rawGet("/api/v1/search?q=" + q("/(a+)+{1000}[^b]*$/")), wantOK},
		{"syntax: unbalanced quotes and brackets", rawGet("/api/v1/search?q=" + q(`"((([[{{ +-!^~*? "`)), wantOK},
		{"syntax: fuzzy and boost on a code", rawGet("/api/v1/search?q=" + q("4019~5^1000")), wantOK},
		{"syntax: * in identify", rawPost("/api/v1/identify", "text/plain", []byte("* /.*/ *a* x~2 field:"), false), wantOK},
		{"addresses run together", rawGet("/api/v1/search?q=" + q("a@b.co@c.de")), wantOK},
		{"addresses run together in identify", rawPost("/api/v1/identify", "text/plain", []byte("to a@b.co@c.de failed"), false), wantOK},

		// Size: the contract caps q at 2,000 bytes; just under the cap is
		// the most work a search can be asked to do.
		{"q of 20,000 characters", rawGet("/api/v1/search?q=" + long), invalid("invalid_field_value", "q")},
		{"q of 2,000 bytes of words", rawGet("/api/v1/search?q=" + q(payloadWords(2000))), hostileWant{status: 200, check: wantResults(1, "")}},
		{"q of 1,000 one-letter words", rawGet("/api/v1/search?q=" + q(strings.Repeat("a ", 1000))), wantOK},
		{"identify 64 KiB of log", rawPost("/api/v1/identify", "text/plain", []byte(payloadWords(64<<10)), false), hostileWant{status: 200, check: wantResults(1, "")}},
		{"lookup code of 20,000 characters", rawGet("/api/v1/lookup?code=" + long), invalid("invalid_field_value", "code")},

		// 10,001 parameters: in 20 KB they fit under the header limit and
		// are ignored; spelled out they do not, and net/http refuses them.
		{"10,001 query parameters", rawGet("/api/v1/search?q=4019&" + manyParams(10000)), hostileWant{status: 200, check: wantResults(1, "kakao-share/4019")}},
		{"10,001 q parameters", rawGet("/api/v1/search?" + strings.Repeat("q=4019&", 10001)), wantHeaderLimit},

		// Bodies over their limits.
		{"2 MB text body to identify", rawPost("/api/v1/identify", "text/plain", bytes.Repeat([]byte("x"), 2<<20), false), wantTooLarge},
		{"2 MB JSON body to identify", rawPost("/api/v1/identify", "application/json",
			[]byte(`{"text":"`+strings.Repeat("x", 2<<20)+`"}`), false), wantTooLarge},
		{"2 MB chunked body to identify", rawPost("/api/v1/identify", "text/plain", bytes.Repeat([]byte("x"), 2<<20), true),
			hostileWant{status: 413, typ: "invalid_request_error", code: "request_too_large", param: "body"}},
		{"2 MB body to a GET route", rawPost("/api/v1/search?q=x", "text/plain", bytes.Repeat([]byte("x"), 2<<20), false), wantTooLarge},

		// Headers over MaxHeaderBytes (32 KiB): net/http answers 431 itself.
		{"1 MB header value", rawGet("/api/v1/search?q=x", "X-Big", strings.Repeat("a", 1<<20)), wantHeaderLimit},
		{"1 MB of headers (10,000 of 100 bytes)", rawGet("/api/v1/search?q=x", manyHeaders(10000, 100)...), wantHeaderLimit},

		// JSON nested 10,001 deep: encoding/json stops at depth 10,000.
		{"JSON arrays 10,001 deep", rawPost("/api/v1/identify", "application/json", []byte(nested(10001, "[", "]")), false),
			invalid("invalid_field_value", "body")},
		{"JSON text holding arrays 10,001 deep", rawPost("/api/v1/identify", "application/json",
			[]byte(`{"text":`+nested(10001, "[", "]")+`}`), false), invalid("invalid_field_value", "body")},
		{"JSON objects 10,001 deep", rawPost("/api/v1/identify", "application/json",
			[]byte(strings.Repeat(`{"a":`, 10001)+"1"+strings.Repeat("}", 10001)), false), invalid("invalid_field_value", "body")},

		// Bytes that are not UTF-8, escaped and raw.
		{"non-UTF-8 q (escaped)", rawGet("/api/v1/search?q=%ff%fe"), invalid("invalid_field_value", "q")},
		{"non-UTF-8 q (raw bytes)", rawGet("/api/v1/search?q=\xff\xfe\xc3\x28"), invalid("invalid_field_value", "q")},
		{"non-UTF-8 lookup code", rawGet("/api/v1/lookup?code=%c3%28"), invalid("invalid_field_value", "code")},
		{"non-UTF-8 parameter name", rawGet("/api/v1/search?%ff=1"), invalid("invalid_field_value", "%ff")},
		{"non-UTF-8 text body", rawPost("/api/v1/identify", "text/plain", []byte("\xff\xfe error \xc3\x28"), false),
			invalid("invalid_field_value", "text")},
		{"non-UTF-8 JSON body", rawPost("/api/v1/identify", "application/json", []byte("{\"text\":\"\xff\xfe error\"}"), false),
			invalid("invalid_field_value", "body")},
		{"non-UTF-8 path (escaped)", rawGet("/api/v1/entries/kmsg/%ff%fe"), wantNotFound},
		{"non-UTF-8 path (raw bytes)", rawGet("/api/v1/entries/\xff/\xfe\xc3\x28"), wantNotFound},
		{"non-UTF-8 variant path", rawGet("/api/v1/entries/kakao-share/-401/%ff"), wantNotFound},

		// Pagination pushed to its ends.
		{"huge limit", rawGet("/api/v1/search?q=a&limit=100000000000000000000000"), invalid("invalid_limit", "limit")},
		{"negative limit", rawGet("/api/v1/search?q=a&limit=-1"), invalid("invalid_limit", "limit")},
		{"deepest cursor allowed", rawGet("/api/v1/search?q=&limit=100&cursor=" + forgedCursor(10000, 100)),
			hostileWant{status: 200, check: wantResults(0, "")}},
		{"cursor past the deepest", rawGet("/api/v1/search?q=&limit=100&cursor=" + forgedCursor(10001, 100)), invalid("invalid_cursor", "cursor")},
		{"cursor at offset 2^63", rawGet("/api/v1/search?q=&limit=100&cursor=" + forgedCursor(1<<63, 100)), invalid("invalid_cursor", "cursor")},
		{"cursor of 5,000 characters", rawGet("/api/v1/search?q=a&cursor=" + strings.Repeat("A", 5000)), invalid("invalid_cursor", "cursor")},
	}

	// One search first, so the first case does not pay for warming up.
	if code := s.get(t, "/api/v1/search?q=balance", nil); code != 200 {
		t.Fatalf("warm-up search: got %d, want 200", code)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logStart := len(s.logs.String())
			resp, body, d, err := sendRaw(addr, tt.req)
			if err != nil {
				t.Fatalf("got error %v, want an answer", err)
			}
			recordHostile(t, hostileResult{name: tt.name, kind: "request", status: resp.StatusCode, latency: d})
			checkHostileAnswer(t, resp, body, tt.want)
			checkStillServing(t, s, logStart)
		})
	}
}

// manyHeaders returns n headers of size bytes each, as name, value pairs.
func manyHeaders(n, size int) []string {
	out := make([]string, 0, 2*n)
	for i := range n {
		name := fmt.Sprintf("X-H%05d", i)
		out = append(out, name, strings.Repeat("v", size-len(name)-4))
	}
	return out
}

func checkHostileAnswer(t *testing.T, resp *http.Response, body []byte, want hostileWant) {
	t.Helper()
	if resp.StatusCode != want.status {
		t.Fatalf("status: got %d, want %d\n%.300s", resp.StatusCode, want.status, body)
	}
	if want.transport {
		return
	}
	id := resp.Header.Get("X-Request-Id")
	if id == "" {
		t.Error("X-Request-Id: got none, want one on every answer")
	}
	if got, wantCT := resp.Header.Get("Content-Type"), "application/json; charset=utf-8"; got != wantCT {
		t.Errorf("Content-Type: got %q, want %q", got, wantCT)
	}
	if want.status == 200 {
		if !json.Valid(body) {
			t.Errorf("body is not JSON: %.300s", body)
		}
		if want.check != nil {
			want.check(t, body)
		}
		return
	}
	var env struct {
		Error struct {
			Type      string `json:"type"`
			Code      string `json:"code"`
			Message   string `json:"message"`
			Param     string `json:"param"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("envelope: %v\n%.300s", err, body)
	}
	e := env.Error
	if e.Type != want.typ || e.Code != want.code || e.Param != want.param {
		t.Errorf("got type=%s code=%s param=%q, want type=%s code=%s param=%q",
			e.Type, e.Code, e.Param, want.typ, want.code, want.param)
	}
	if e.Message == "" {
		t.Error("message: got none, want one")
	}
	if e.RequestID != id {
		t.Errorf("request_id: got %q, want the X-Request-Id header %q", e.RequestID, id)
	}
}

// checkStillServing checks that /healthz answers (on the operations
// listener, which probes use and no rate limit refuses) and that nothing
// was logged at error level since the log was logStart bytes long.
func checkStillServing(t *testing.T, s *service, logStart int) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(s.ops + "/healthz")
	if err != nil {
		t.Fatalf("healthz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz: got %d, want 200", resp.StatusCode)
	}
	for _, line := range strings.Split(s.logs.String()[logStart:], "\n") {
		if strings.Contains(line, `"level":"ERROR"`) {
			t.Errorf("logged at error level: %s", truncateLine(line))
		}
	}
}

func truncateLine(s string) string {
	if len(s) > 500 {
		return s[:500] + "..."
	}
	return s
}

// TestHostileSlowHeaders holds connections open by sending a request's
// headers one byte at a time, never finishing them. The server must close
// each one (its ReadHeaderTimeout is 5 s) and keep answering others
// meanwhile. How long the close took is recorded, not asserted; the read
// deadline of 30 s only keeps a broken server from hanging the test.
func TestHostileSlowHeaders(t *testing.T) {
	s := startServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	t.Cleanup(func() { writeHostileReport(t) })
	logStart := len(s.logs.String())

	tests := []struct {
		name   string
		prefix string // sent at once, before the byte-at-a-time part
	}{
		{"slow headers: request line dripped", ""},
		{"slow headers: one header dripped", "GET /api/v1/search?q=balance HTTP/1.1\r\nHost: errdex.test\r\n"},
		{"slow headers: endless header value", "GET /api/v1/search?q=balance HTTP/1.1\r\nHost: errdex.test\r\nX-Slow: "},
	}
	const conns = 10 // per case: a handful at once must not starve others
	var wg sync.WaitGroup
	type outcome struct {
		closedAfter time.Duration
		sent        int
		err         error
	}
	results := make([][]outcome, len(tests))
	for i, tt := range tests {
		results[i] = make([]outcome, conns)
		for j := range conns {
			wg.Go(func() {
				d, sent, err := dripUntilClosed(addr, tt.prefix)
				results[i][j] = outcome{d, sent, err}
			})
		}
	}
	// While they drip, others are served.
	time.Sleep(time.Second)
	for range 5 {
		if code := s.get(t, "/api/v1/search?q=balance", nil); code != 200 {
			t.Errorf("search while slow clients hold connections: got %d, want 200", code)
		}
	}
	wg.Wait()

	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var slowest time.Duration
			for _, o := range results[i] {
				if o.err != nil {
					t.Errorf("got %v after sending %d bytes, want the server to close the connection", o.err, o.sent)
				}
				slowest = max(slowest, o.closedAfter)
			}
			recordHostile(t, hostileResult{name: fmt.Sprintf("%s (%d at once)", tt.name, conns), kind: "timeout", latency: slowest})
		})
	}
	checkStillServing(t, s, logStart)
}

// dripUntilClosed sends prefix, then a header line one byte every 100 ms
// (never ending it), until the server closes the connection. It returns how
// long that took from the first byte, and an error when the server did not
// close it, or answered instead of closing.
func dripUntilClosed(addr, prefix string) (time.Duration, int, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	start := time.Now()
	deadline := start.Add(30 * time.Second)
	conn.SetDeadline(deadline)

	closed := make(chan error, 1)
	go func() {
		// When the server gives up on a request's headers it closes the
		// connection, saying nothing or (for a request line cut short) a
		// 400 first. Any other answer, or our own deadline, is a failure.
		got, err := io.ReadAll(conn)
		switch {
		case len(got) > 0 && !bytes.HasPrefix(got, []byte("HTTP/1.1 400 ")):
			closed <- fmt.Errorf("server answered %q, want a close or a 400", got)
		case err == nil || errors.Is(err, syscall.ECONNRESET):
			closed <- nil
		default:
			closed <- err
		}
	}()
	sent := 0
	if prefix != "" {
		if _, err := io.WriteString(conn, prefix); err != nil {
			return time.Since(start), sent, err
		}
		sent += len(prefix)
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	drip := "GET /api/v1/search?q=" // for a dripped request line
	if prefix != "" {
		drip = "X-Drip: "
	}
	for i := 0; ; i++ {
		select {
		case err := <-closed:
			return time.Since(start), sent, err
		case <-tick.C:
		}
		c := byte('a')
		if i < len(drip) {
			c = drip[i]
		}
		if _, err := conn.Write([]byte{c}); err != nil {
			// The server closed it; the reader says how.
			if rerr := <-closed; rerr != nil {
				return time.Since(start), sent, rerr
			}
			return time.Since(start), sent, nil
		}
		sent++
	}
}

// TestHostileForwardedFor sends requests with X-Forwarded-For (and
// X-Real-IP) rotating through random values, as a client does to look like
// many. With a low --rate-limit it must still be refused with 429: the
// client is the TCP peer unless that peer is a trusted proxy, and behind a
// trusted proxy only the address the proxy appended counts.
func TestHostileForwardedFor(t *testing.T) {
	t.Cleanup(func() { writeHostileReport(t) })
	rng := rand.New(rand.NewPCG(7, 7)) // fixed, so a failure can be replayed
	randomXFF := func() string {
		switch rng.IntN(4) {
		case 0:
			return fmt.Sprintf("%d.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(256))
		case 1:
			return fmt.Sprintf("2001:db8:%x::%x", rng.IntN(1<<16), rng.IntN(1<<16))
		case 2:
			return fmt.Sprintf("10.0.%d.%d, 192.168.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(256))
		default:
			return fmt.Sprintf("not-an-address-%d, , unknown", rng.Int())
		}
	}
	tests := []struct {
		name  string
		flags []string
		// xff makes the header: what the client sends, plus what a trusted
		// proxy in front would append.
		xff func() string
	}{
		{"no trusted proxy", nil, randomXFF},
		{"trusted proxies elsewhere", []string{"--trusted-proxies", "10.0.0.0/8,192.168.0.0/16"}, randomXFF},
		// Our loopback connection plays a trusted proxy that appends the real
		// client, 198.51.100.7, after whatever the client sent.
		{"behind a trusted proxy", []string{"--trusted-proxies", "127.0.0.1"},
			func() string { return randomXFF() + ", 198.51.100.7" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flags := append([]string{"--rate-limit", "1", "--rate-burst", "3"}, tt.flags...)
			s := startServe(t, flags...)
			addr := strings.TrimPrefix(s.base, "http://")
			logStart := len(s.logs.String())
			const requests = 20
			var limited int
			var worst time.Duration
			for i := range requests {
				xff := tt.xff()
				resp, body, d, err := sendRaw(addr, rawGet("/api/v1/search?q=balance",
					"X-Forwarded-For", xff, "X-Real-IP", fmt.Sprintf("203.0.113.%d", i)))
				if err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
				worst = max(worst, d)
				switch resp.StatusCode {
				case 200:
				case 429:
					limited++
					if resp.Header.Get("Retry-After") == "" {
						t.Errorf("429 without Retry-After")
					}
					checkHostileAnswer(t, resp, body, hostileWant{status: 429, typ: "rate_limit_error", code: "rate_limit_exceeded"})
				default:
					t.Fatalf("request %d with X-Forwarded-For %q: got %d, want 200 or 429\n%s", i, xff, resp.StatusCode, body)
				}
			}
			// A burst of 3 at 1/s: 20 requests in well under the 16 s it
			// would take to earn the rest, so most must be refused.
			if limited < requests/2 {
				t.Errorf("429s: got %d of %d, want at least %d: rotating X-Forwarded-For fooled the limiter", limited, requests, requests/2)
			}
			recordHostile(t, hostileResult{name: "rotating X-Forwarded-For, " + tt.name, kind: "request", status: 429, latency: worst})
			checkStillServing(t, s, logStart)
		})
	}
}
