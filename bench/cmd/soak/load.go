package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// reqSpec is one request of the mix and the status it must get.
type reqSpec struct {
	kind   string
	method string
	path   string
	ctype  string
	body   string
	want   int
	weight int
}

func search(q string) string { return "/api/v1/search?q=" + url.QueryEscape(q) }

// mix is the steady load: what users and bots send, weighted roughly as
// they send it, with a few requests whose 4xx is the right answer.
var mix = func() []reqSpec {
	var m []reqSpec
	add := func(kind string, weight, want int, paths ...string) {
		for _, p := range paths {
			m = append(m, reqSpec{kind: kind, method: "GET", path: p, want: want, weight: weight})
		}
	}
	add("search en", 4, 200, search("balance"), search("invalid api key"), search("rate limit exceeded"),
		search("template not found"), search("timeout"))
	add("search ko", 4, 200, search("잔액 부족"), search("수신 거부"), search("템플릿"), search("발신번호 미등록"))
	add("search typo", 3, 200, search("insuficient balanse"), search("authentcation faild"), search("templat not fond"))
	add("search payload", 3, 200, search(`{"error":{"code":"invalid_api_key","message":"Invalid API key"}}`),
		search("[-401] domain mismatched"), search("KOE009 error"), search("ECONNRESET socket hang up"))
	add("search prefix", 2, 200, search("INSUFF"), search("invalid_ph"), search("KOE0"))
	add("lookup", 4, 200, "/api/v1/lookup?code=4019", "/api/v1/lookup?code=KOE009",
		"/api/v1/lookup?code=INSUFFICIENT_BALANCE", "/api/v1/lookup?code=invalid_phone_number", "/api/v1/lookup?code=-401")
	add("entry", 4, 200, "/api/v1/entries/kmsg/INSUFFICIENT_BALANCE", "/api/v1/entries/kakao-share/4019",
		"/api/v1/entries/kirim/invalid_phone_number", "/api/v1/entries/kakao-share/KOE009?lang=ko")
	add("systems", 2, 200, "/api/v1/systems")
	add("intended 4xx", 1, 400, "/api/v1/search?q=x&limit=0", "/api/v1/lookup")
	add("intended 4xx", 1, 404, "/api/v1/entries/kmsg/NO_SUCH_CODE")
	for _, body := range []string{
		`{"error":{"code":"invalid_api_key","message":"Invalid API key","type":"authentication_error"}}`,
		"2026-11-22T04:35:04Z ERROR send failed: KMsgError INSUFFICIENT_BALANCE: not enough balance to send",
		"[-401] domain mismatched",
	} {
		m = append(m, reqSpec{kind: "identify", method: "POST", path: "/api/v1/identify", ctype: "text/plain", body: body, want: 200, weight: 3})
	}
	m = append(m, reqSpec{kind: "identify", method: "POST", path: "/api/v1/identify", ctype: "application/json",
		body: `{"text":"KOE009 invalid android_key_hash or ios_bundle_id or web_site_url"}`, want: 200, weight: 3})
	return m
}()

// weighted expands the mix by weight, so that picking by index follows it.
var weighted = func() []int {
	var w []int
	for i, r := range mix {
		for range r.weight {
			w = append(w, i)
		}
	}
	return w
}()

// Classes of outcome.
const (
	classOK        = "ok (200)"
	classIntended  = "intended 4xx"
	classThrottled = "429"
	classWrong4xx  = "unexpected 4xx"
	class5xx       = "5xx"
	classConn      = "connection error"
	classTimeout   = "timeout"
	classBroken    = "broken catalog served"
)

// failureClasses are the outcomes that fail the soak.
var failureClasses = []string{classWrong4xx, class5xx, classConn, classTimeout, classBroken}

// stats collects the outcomes of one phase.
type stats struct {
	mu        sync.Mutex
	latencies []time.Duration
	started   []time.Time // of each latency, to tell which catalog step it ran under
	byKind    map[string][]time.Duration
	classes   map[string]int
	examples  map[string]string
}

func newStats() *stats {
	return &stats{byKind: map[string][]time.Duration{}, classes: map[string]int{}, examples: map[string]string{}}
}

func (s *stats) add(kind, class string, started time.Time, d time.Duration, example string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.classes[class]++
	if class == classOK || class == classIntended {
		s.latencies = append(s.latencies, d)
		s.started = append(s.started, started)
		s.byKind[kind] = append(s.byKind[kind], d)
	}
	if _, ok := s.examples[class]; !ok && example != "" {
		s.examples[class] = example
	}
}

func (s *stats) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.classes {
		n += c
	}
	return n
}

func (s *stats) failures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range failureClasses {
		n += s.classes[c]
	}
	return n
}

// percentile returns the p-th percentile (0-100) of ds, nearest rank.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func (s *stats) pct(p float64) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return percentile(s.latencies, p)
}

// newClient is the load's HTTP client: keep-alive connections, one per
// worker, and a timeout well past any sane answer.
func newClient(workers int) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        workers,
			MaxIdleConnsPerHost: workers,
			IdleConnTimeout:     90 * time.Second,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		},
	}
}

// do sends one request of the mix and classifies the answer.
func do(client *http.Client, base string, r reqSpec) (class string, d time.Duration, example string) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, base+r.path, body)
	if err != nil {
		return classConn, 0, err.Error()
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		d = time.Since(start)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return classTimeout, d, fmt.Sprintf("%s %s: %v", r.method, r.path, err)
		}
		return classConn, d, fmt.Sprintf("%s %s: %v", r.method, r.path, err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d = time.Since(start)
	if err != nil {
		return classConn, d, fmt.Sprintf("%s %s: reading the body: %v", r.method, r.path, err)
	}
	ex := fmt.Sprintf("%s %s: %d %.200s", r.method, r.path, resp.StatusCode, b)
	// No request of the mix names the marker, so it can only come from a
	// served broken catalog (a title, a suggestion).
	if bytes.Contains(bytes.ToLower(b), []byte(brokenMarker)) {
		return classBroken, d, ex
	}
	switch {
	case resp.StatusCode == r.want && r.want == 200:
		return classOK, d, ""
	case resp.StatusCode == r.want:
		return classIntended, d, ""
	case resp.StatusCode == 429:
		return classThrottled, d, ex
	case resp.StatusCode >= 500:
		return class5xx, d, ex
	default:
		return classWrong4xx, d, ex
	}
}

// sequential sends n requests of the mix one at a time, pausing between
// them: the unloaded baseline.
func sequential(base string, n int, pause time.Duration) *stats {
	st := newStats()
	client := newClient(1)
	for i := range n {
		r := mix[weighted[i%len(weighted)]]
		started := time.Now()
		class, d, ex := do(client, base, r)
		st.add(r.kind, class, started, d, ex)
		time.Sleep(pause)
	}
	return st
}

// loadGen sends the mix at a fixed rate from a pool of workers until ctx
// ends. Each result goes to the stats that cur returns at the time the
// request was started, so that the phase a request belongs to is the one
// it began in.
type loadGen struct {
	client  *http.Client
	base    string
	rate    float64
	workers int
	cur     func(started time.Time) *stats
	// behind counts ticks at which every worker was busy: the load fell
	// behind its rate because the server was slow to answer.
	behind atomic.Int64
	sent   atomic.Int64
}

func (g *loadGen) run(ctx context.Context) {
	client := g.client
	jobs := make(chan int, g.workers)
	var wg sync.WaitGroup
	for range g.workers {
		wg.Go(func() {
			for i := range jobs {
				r := mix[weighted[i%len(weighted)]]
				started := time.Now()
				class, d, ex := do(client, g.base, r)
				at := started
				if class == classConn && strings.Contains(ex, "connect: connection refused") {
					// Refused at the dial, so errdex never had it: it was not
					// in flight, and it belongs to when the dial failed (after
					// SIGTERM closed the listener, it is a refusal as meant).
					at = started.Add(d)
				}
				if st := g.cur(at); st != nil {
					st.add(r.kind, class, started, d, ex)
				}
			}
		})
	}
	tick := time.NewTicker(time.Duration(float64(time.Second) / g.rate))
	defer tick.Stop()
	i := 0
	for {
		select {
		case <-ctx.Done():
			close(jobs)
			wg.Wait()
			return
		case <-tick.C:
		}
		// Pick the mix's requests spread out, not in order.
		i += 7919
		select {
		case jobs <- i % len(weighted):
			g.sent.Add(1)
		default:
			g.behind.Add(1)
		}
	}
}

// warm opens n keep-alive connections at once, so that the load starts
// with every connection it will use and the goroutine count of the first
// minute is not lowered by connections not yet made.
func warm(client *http.Client, base string, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { do(client, base, mix[0]) })
	}
	wg.Wait()
}

// printStats prints one phase's figures.
func printStats(w io.Writer, name string, st *stats) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	for _, c := range st.classes {
		n += c
	}
	fmt.Fprintf(w, "%s: %d requests, p50 %s, p95 %s, p99 %s, max %s\n", name, n,
		ms(percentile(st.latencies, 50)), ms(percentile(st.latencies, 95)), ms(percentile(st.latencies, 99)), ms(percentile(st.latencies, 100)))
	var classes []string
	for c := range st.classes {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		fmt.Fprintf(w, "  %-22s %d\n", c, st.classes[c])
	}
	for _, c := range failureClasses {
		if ex, ok := st.examples[c]; ok {
			fmt.Fprintf(w, "  first %s: %s\n", c, ex)
		}
	}
	var kinds []string
	for k := range st.byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		ds := st.byKind[k]
		fmt.Fprintf(w, "  %-16s n=%-7d p50 %-8s p99 %s\n", k, len(ds), ms(percentile(ds, 50)), ms(percentile(ds, 99)))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

var stdout io.Writer = os.Stdout
