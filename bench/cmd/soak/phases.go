package main

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// mutator changes the catalog directory every second: a good edit, then
// each breakage in turn, each followed by a fix; every fifth second it also
// sends SIGHUP, so signal reloads race watcher reloads.
type mutator struct {
	dir     string
	kmsg    []byte // mainFile as it was: what a fix restores
	srv     *server
	state   *catalogState
	entries int // entries of every good catalog
	every   time.Duration
	// windows, when set, makes changes only in every other window of this
	// length from start, the first one included (editing).
	start   time.Time
	windows time.Duration

	n           int    // good edits so far
	marker      string // the current good probe's marker
	goodWritten int
	goodVers    []string
	steps       map[string]int
	sighups     int
	errs        []string
	timeline    []stepAt
}

// stepAt is when a catalog change was written.
type stepAt struct {
	at   time.Time
	name string
}

// versionWith computes the version the directory will have once files are
// written, so the checker knows a good version before it can be served.
func versionWith(dir string, files map[string][]byte) (string, error) {
	tmp, err := os.MkdirTemp("", "soak-version-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := copyCatalog(dir, tmp); err != nil {
		return "", err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return catalogVersion(tmp)
}

func (m *mutator) good() {
	m.n++
	m.marker = fmt.Sprintf("soakgood%d", m.n)
	files := map[string][]byte{mainFile: m.kmsg, probeFile: goodProbe(m.marker)}
	v, err := versionWith(m.dir, files)
	if err != nil {
		m.errs = append(m.errs, err.Error())
		return
	}
	m.state.addGood(v, m.entries) // known good before it can be served
	for name, data := range files {
		if err := writeFile(m.dir, name, data); err != nil {
			m.errs = append(m.errs, err.Error())
		}
	}
	m.goodWritten++
	m.goodVers = append(m.goodVers, v)
}

// fix restores the last good directory.
func (m *mutator) fix() {
	if err := writeFile(m.dir, mainFile, m.kmsg); err != nil {
		m.errs = append(m.errs, err.Error())
	}
	if m.marker == "" {
		m.marker = "soakgood0"
	}
	if err := writeFile(m.dir, probeFile, goodProbe(m.marker)); err != nil {
		m.errs = append(m.errs, err.Error())
	}
}

func (m *mutator) run(ctx context.Context) {
	m.steps = map[string]int{}
	tick := time.NewTicker(m.every)
	defer tick.Stop()
	step := 0
	cycle := 1 + 2*len(breakages)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !m.editing(time.Now()) {
			continue
		}
		i := step % cycle
		m.timeline = append(m.timeline, stepAt{time.Now(), stepName(i)})
		switch {
		case i == 0:
			m.good()
			m.steps["good edit"]++
		case i%2 == 1:
			b := breakages[i/2]
			if err := b.apply(m.dir, m.kmsg); err != nil {
				m.errs = append(m.errs, err.Error())
			}
			m.steps["broken: "+b.name]++
		default:
			m.fix()
			m.steps["fix"]++
		}
		if step%5 == 4 {
			if err := m.srv.signal(syscall.SIGHUP); err == nil {
				m.sighups++
			}
		}
		step++
	}
}

// editing reports whether the catalog is changed at t: always, or in
// every other window.
func (m *mutator) editing(t time.Time) bool {
	return m.windows <= 0 || (t.Sub(m.start)/m.windows)%2 == 0
}

// printLatencyByWindow compares the latency of the requests begun in the
// windows with catalog changes with those begun in the windows without.
// st.mu is held.
func (m *mutator) printLatencyByWindow(st *stats) {
	if m.windows <= 0 {
		return
	}
	var on, off []time.Duration
	for i, t := range st.started {
		if t.Before(m.start) {
			continue
		}
		if m.editing(t) {
			on = append(on, st.latencies[i])
		} else {
			off = append(off, st.latencies[i])
		}
	}
	fmt.Printf("loaded latency in alternate windows of %s:\n", m.windows)
	for _, w := range []struct {
		name string
		ds   []time.Duration
	}{{"catalog changed", on}, {"catalog unchanged", off}} {
		fmt.Printf("  %-18s n=%-7d p50 %-8s p95 %-8s p99 %-9s max %s\n", w.name, len(w.ds), ms(percentile(w.ds, 50)),
			ms(percentile(w.ds, 95)), ms(percentile(w.ds, 99)), ms(percentile(w.ds, 100)))
	}
}

func stepName(i int) string {
	switch {
	case i == 0:
		return "good edit"
	case i%2 == 1:
		return "broken: " + breakages[i/2].name
	}
	return "fix"
}

// printLatencyBySteps prints the latency of the requests begun in the
// second after each kind of catalog change, to show which costs what.
func (m *mutator) printLatencyBySteps(st *stats) {
	st.mu.Lock()
	defer st.mu.Unlock()
	by := map[string][]time.Duration{}
	for i, t := range st.started {
		name := "before the first change"
		if last, ok := m.lastChange(t); ok {
			name = last.name
		}
		by[name] = append(by[name], st.latencies[i])
	}
	var names []string
	for k := range by {
		names = append(names, k)
	}
	slices.Sort(names)
	fmt.Println("loaded latency by the catalog change of the second the request began in:")
	for _, k := range names {
		ds := by[k]
		fmt.Printf("  %-26s %s\n", k, latencySummary(ds))
	}
	m.printLatencyByOffset(st)
	m.printLatencyByWindow(st)
}

// lastChange returns the catalog change last written before t, and false
// before the first one.
func (m *mutator) lastChange(t time.Time) (stepAt, bool) {
	j, _ := slices.BinarySearchFunc(m.timeline, t, func(s stepAt, t time.Time) int { return s.at.Compare(t) })
	if j == 0 {
		return stepAt{}, false
	}
	return m.timeline[j-1], true
}

// latencySummary is one line's figures of ds: how many, p50, p99, max.
func latencySummary(ds []time.Duration) string {
	return fmt.Sprintf("n=%-7d p50 %-8s p99 %-9s max %s", len(ds), ms(percentile(ds, 50)), ms(percentile(ds, 99)), ms(percentile(ds, 100)))
}

// stealBin is the length of the stretches of the loaded phase whose
// latency is told apart by the hypervisor's steal in them.
const stealBin = 30 * time.Second

// stealFree is the most the hypervisor may steal in a stretch (as CPUs,
// on average; 0.25% of two) for the stretch to count as steal-free.
const stealFree = 0.005

// overTime is the loaded phase cut into stretches of stealBin.
type overTime struct {
	bins []timeBin
}

type timeBin struct {
	from    time.Duration // since the first request
	ds      []time.Duration
	steal   float64
	stealOK bool // steal is known
}

// cutOverTime cuts st's requests into stretches and finds the steal in each.
func cutOverTime(st *stats, smp *sampler) overTime {
	st.mu.Lock()
	defer st.mu.Unlock()
	var ot overTime
	if len(st.started) == 0 {
		return ot
	}
	first := slices.MinFunc(st.started, time.Time.Compare)
	for i, t := range st.started {
		k := int(t.Sub(first) / stealBin)
		for len(ot.bins) <= k {
			ot.bins = append(ot.bins, timeBin{from: time.Duration(len(ot.bins)) * stealBin})
		}
		ot.bins[k].ds = append(ot.bins[k].ds, st.latencies[i])
	}
	for k := range ot.bins {
		b := &ot.bins[k]
		b.steal, b.stealOK = smp.stolen(first.Add(b.from), first.Add(b.from+stealBin))
	}
	return ot
}

// print prints the p99 of each stretch with the steal in it, to tell a
// tail that lasts from one that comes and goes with the machine.
func (ot overTime) print() {
	fmt.Printf("loaded latency by %s of the run, with the CPUs the hypervisor stole meanwhile:\n", stealBin)
	for _, b := range ot.bins {
		steal := "?"
		if b.stealOK {
			steal = fmt.Sprintf("%.3f", b.steal)
		}
		fmt.Printf("  from %-6s %-58s stolen %s\n", b.from.String(), latencySummary(b.ds), steal)
	}
}

// stealFreeLatencies returns the latencies of the stretches in which the
// hypervisor stole at most stealFree CPUs, and how many stretches those are.
func (ot overTime) stealFreeLatencies() (ds []time.Duration, bins int) {
	for _, b := range ot.bins {
		if b.stealOK && b.steal <= stealFree {
			ds = append(ds, b.ds...)
			bins++
		}
	}
	return ds, bins
}

// printLatencyByOffset prints the latency of the requests begun after the
// first change by how long after the last change they began, in tenths of
// the step: work that follows each change (the watcher's debounce, the
// reload) shows in the tenths it falls in, work spread over time in all.
// st.mu is held.
func (m *mutator) printLatencyByOffset(st *stats) {
	const bins = 10
	var by [bins][]time.Duration
	for i, t := range st.started {
		last, ok := m.lastChange(t)
		if !ok {
			continue
		}
		b := int(t.Sub(last.at) * bins / m.every)
		if b >= bins {
			continue // in a window without changes
		}
		by[b] = append(by[b], st.latencies[i])
	}
	fmt.Println("loaded latency by when after the last change the request began:")
	for b, ds := range by {
		fmt.Printf("  %4d-%-4d ms  %s\n", m.every.Milliseconds()*int64(b)/bins, m.every.Milliseconds()*int64(b+1)/bins, latencySummary(ds))
	}
}

func (m *mutator) goodApplied() int {
	n := 0
	for _, v := range m.goodVers {
		if m.state.wasApplied(v) {
			n++
		}
	}
	return n
}

func (m *mutator) print() {
	fmt.Printf("catalog changes written (one every %s):\n", m.every)
	var names []string
	for k := range m.steps {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		fmt.Printf("  %-26s %d\n", k, m.steps[k])
	}
	fmt.Printf("  %-26s %d\n", "SIGHUP sent", m.sighups)
	for _, e := range m.errs {
		fmt.Printf("  error writing the catalog: %s\n", e)
	}
}

// checker polls /readyz and looks up the marker entries, several times a
// second, to catch a broken catalog being served even for a moment.
type checker struct {
	srv          *server
	state        *catalogState
	versionCheck bool

	polls, probes, violations, markerSeen atomic.Int64
	// unanswered counts the polls and probes that got no 200 (a 503 when
	// errdex refused a search, a connection error): requests that failed
	// as the load's would, first one kept.
	unanswered atomic.Int64
	mu         sync.Mutex
	example    string
	firstMiss  string
}

// answered records one of the checker's requests and reports whether it
// got a 200.
func (c *checker) answered(what string, code int, err error) bool {
	if err == nil && code == 200 {
		return true
	}
	c.unanswered.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.firstMiss == "" {
		c.firstMiss = fmt.Sprintf("%s: status %d, error %v", what, code, err)
	}
	return false
}

func (c *checker) fail(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.example == "" {
		c.example = fmt.Sprintf(format, args...)
	}
}

func (c *checker) run(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if rz, err := c.srv.readyz(); c.answered("/readyz", 200, err) {
			c.polls.Add(1)
			if !c.state.isGood(rz.Catalog.Version, rz.Catalog.Entries) && c.versionCheck {
				c.violations.Add(1)
				c.fail("/readyz served version %s with %d entries, never written as good", rz.Catalog.Version, rz.Catalog.Entries)
			}
		}
		var lr struct {
			Total   int `json:"total"`
			Results []struct {
				Title string `json:"title"`
			} `json:"results"`
		}
		if code, err := getJSON(c.srv.base+"/api/v1/lookup?code="+brokenCode, &lr); c.answered("probe lookup", code, err) {
			c.probes.Add(1)
			if lr.Total > 0 {
				c.markerSeen.Add(1)
				c.fail("lookup %s found %+v", brokenCode, lr.Results)
			}
		}
		var sr struct {
			Results []struct {
				Title string `json:"title"`
			} `json:"results"`
		}
		if code, err := getJSON(c.srv.base+"/api/v1/search?q="+url.QueryEscape("soak probe "+brokenMarker), &sr); c.answered("probe search", code, err) {
			c.probes.Add(1)
			for _, r := range sr.Results {
				if strings.Contains(strings.ToLower(r.Title), brokenMarker) {
					c.markerSeen.Add(1)
					c.fail("search found the broken title %q", r.Title)
				}
			}
		}
	}
}

func (c *checker) print() {
	fmt.Printf("checker: %d /readyz polls, %d probe requests, %d bad versions, %d broken-marker answers\n",
		c.polls.Load(), c.probes.Load(), c.violations.Load(), c.markerSeen.Load())
	if c.example != "" {
		fmt.Printf("  first: %s\n", c.example)
	}
	if n := c.unanswered.Load(); n > 0 {
		fmt.Printf("  %d polls and probes not answered 200; first: %s\n", n, c.firstMiss)
	}
}

// sampler records RSS and goroutines every 5 s.
type sampler struct {
	srv     *server
	start   time.Time
	mu      sync.Mutex
	samples []sample
	err     error // the first sample that could not be taken
}

type sample struct {
	at         time.Duration
	when       time.Time
	cpu        machineTicks // the machine's, from /proc/stat
	rss        int64        // from /proc/PID/status
	promRSS    float64      // process_resident_memory_bytes
	goroutines float64      // go_goroutines
	heap       float64      // go_memstats_heap_inuse_bytes
	live       float64      // go_gc_heap_live_bytes: what the last collection kept
	heapHeld   float64      // go_memstats_heap_sys_bytes - go_memstats_heap_released_bytes
}

// outside is the resident memory outside the Go heap: the binary, the
// index files, stacks and the runtime's own. heapHeld is all the Go heap
// holds of the machine's memory, so this is at least what is outside.
func (x sample) outside() float64 { return float64(x.rss) - x.heapHeld }

func (s *sampler) run(ctx context.Context) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		s.take()
		select {
		case <-ctx.Done():
			s.take()
			return
		case <-tick.C:
		}
	}
}

func (s *sampler) take() {
	now := time.Now()
	cpu, _ := cpuTicks(s.srv.pid())
	rss, _ := rssBytes(s.srv.pid())
	m, err := s.srv.metricValues("go_goroutines", "process_resident_memory_bytes", "go_memstats_heap_inuse_bytes",
		"go_gc_heap_live_bytes", "go_memstats_heap_sys_bytes", "go_memstats_heap_released_bytes")
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		if s.err == nil {
			s.err = err
		}
		return
	}
	s.samples = append(s.samples, sample{at: now.Sub(s.start), when: now, cpu: cpu, rss: rss, promRSS: m["process_resident_memory_bytes"],
		goroutines: m["go_goroutines"], heap: m["go_memstats_heap_inuse_bytes"], live: m["go_gc_heap_live_bytes"],
		heapHeld: m["go_memstats_heap_sys_bytes"] - m["go_memstats_heap_released_bytes"]})
}

// stolen returns the CPUs the hypervisor took, on average, between the
// samples taken at from or after and those at to or before; false when
// fewer than two samples lie between.
func (s *sampler) stolen(from, to time.Time) (float64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var a, b *sample
	for i := range s.samples {
		x := &s.samples[i]
		if x.when.Before(from) || x.when.After(to) {
			continue
		}
		if a == nil {
			a = x
		}
		b = x
	}
	if a == nil || a == b {
		return 0, false
	}
	return float64(b.cpu.steal-a.cpu.steal) / (b.when.Sub(a.when).Seconds() * 100), true
}

// windows returns the samples of the first and the last window, a minute
// each (or a third of a shorter run).
func (s *sampler) windows() (first, last []sample) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.samples) == 0 {
		return nil, nil
	}
	end := s.samples[len(s.samples)-1].at
	w := min(time.Minute, end/3)
	for _, x := range s.samples {
		if x.at <= w {
			first = append(first, x)
		}
		if x.at >= end-w {
			last = append(last, x)
		}
	}
	return first, last
}

func mean(xs []sample, f func(sample) float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var t float64
	for _, x := range xs {
		t += f(x)
	}
	return t / float64(len(xs))
}

// verdict compares the last window with the first: growth beyond 20%
// (and 8 MiB, or 10 goroutines) over a run this short is a leak on its way.
// Memory is flat when both parts of RSS that a leak would grow are: the
// live heap (what the last collection kept) and what is resident outside
// the Go heap. RSS itself is printed but not judged, because the heap's
// share of it follows when the collector last ran, not growth: under
// GOGC=400 the heap grows to five times what the last collection kept
// before the next, and what it kept doubles when that collection ran
// during a reload. At 9dc2595 RSS went +27.5% from the first minute to the
// last while the live heap stayed at 16-33 MB throughout
// (docs/reliability.md).
func (s *sampler) verdict() (memOK, gorOK bool, memDetail, gorDetail string) {
	first, last := s.windows()
	if len(first) == 0 {
		s.mu.Lock()
		defer s.mu.Unlock()
		d := fmt.Sprintf("no samples (%v)", s.err)
		return false, false, d, d
	}
	mib := func(f func(sample) float64) func(sample) float64 {
		return func(x sample) float64 { return f(x) / (1 << 20) }
	}
	live := mib(func(x sample) float64 { return x.live })
	outside := mib(sample.outside)
	rss := mib(func(x sample) float64 { return float64(x.rss) })
	liveOK, liveD := flat(first, last, live, 8, "live heap", " MiB")
	outOK, outD := flat(first, last, outside, 8, "resident outside the Go heap", " MiB")
	_, rssD := flat(first, last, rss, 8, "RSS", " MiB")
	gorOK, gorDetail = flat(first, last, func(x sample) float64 { return x.goroutines }, 10, "goroutines", "")
	return liveOK && outOK, gorOK, liveD + "; " + outD + "; " + rssD + " (not judged: paced by the collector)", gorDetail
}

// flat reports whether the mean of f over last is within 20%, and slack,
// of its mean over first, and says so with the two means.
func flat(first, last []sample, f func(sample) float64, slack float64, what, unit string) (bool, string) {
	a, b := mean(first, f), mean(last, f)
	return len(first) > 0 && b <= a*1.2+slack,
		fmt.Sprintf("%s mean first window %.1f%s, last window %.1f%s (%+.1f%%)", what, a, unit, b, unit, 100*(b-a)/max(a, 1))
}

func (s *sampler) print() {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Println("process, sampled every 5 s (one line a minute):")
	fmt.Println("  at       RSS(/proc)  RSS(metrics)  heap in use  live heap  outside heap  goroutines")
	next := time.Duration(0)
	for i, x := range s.samples {
		if x.at < next && i != len(s.samples)-1 {
			continue
		}
		next = x.at.Truncate(time.Minute) + time.Minute
		fmt.Printf("  %-8s %7.1f MiB  %8.1f MiB  %7.1f MiB  %5.1f MiB  %8.1f MiB  %6.0f\n", x.at.Round(time.Second),
			float64(x.rss)/(1<<20), x.promRSS/(1<<20), x.heap/(1<<20), x.live/(1<<20), x.outside()/(1<<20), x.goroutines)
	}
}

// killRounds starts a server with an on-disk index, makes a good edit,
// sends SIGHUP and kills the server with SIGKILL while the new index is
// being built; a restart must serve the last good catalog on disk.
func killRounds(ctx context.Context, cfg config, dir string, entries int, r *report) error {
	k := &killer{cfg: cfg, dir: dir, entries: entries, r: r,
		indexDir: filepath.Join(cfg.work, "index"), logPath: filepath.Join(cfg.work, "kill.log")}
	k.args = []string{"serve", "--addr", "127.0.0.1:0", "--catalog", dir, "--index-dir", k.indexDir,
		"--watch=false", "--log-format", "json", "--rate-limit", "0"}
	kmsg, err := os.ReadFile(filepath.Join(dir, mainFile))
	if err != nil {
		return err
	}
	k.kmsg = kmsg
	if cfg.killRounds > 0 {
		fmt.Println("== kill -9 during a reload, then restart (--index-dir " + k.indexDir + ")")
	}
	for round := 1; round <= cfg.killRounds; round++ {
		if err := k.round(ctx, round); err != nil {
			return err
		}
	}
	if cfg.killRounds == 0 {
		return nil
	}
	left := building(k.indexDir)
	des, _ := os.ReadDir(k.indexDir)
	fmt.Printf("index dir after %d rounds: %d entries, of which %d half-built (.building-*) left behind\n",
		cfg.killRounds, len(des), len(left))
	return nil
}

// killer holds what every kill -9 round uses.
type killer struct {
	cfg                    config
	dir, indexDir, logPath string
	args                   []string
	kmsg                   []byte
	entries                int
	r                      *report
}

// kill is what one round's kill saw.
type kill struct {
	after                   time.Duration // from SIGHUP to SIGKILL
	midBuild, stillBuilding bool          // a half-built index seen before, and at, the kill
}

// round starts a server, writes a good edit, kills the server while it
// builds the edit's index, and checks the restart. An error is a round
// that could not be set up.
func (k *killer) round(ctx context.Context, round int) error {
	srv, err := startServer(ctx, k.cfg.bin, k.args, k.logPath)
	if err != nil {
		return err
	}
	if _, err := srv.waitReady(60 * time.Second); err != nil {
		srv.kill()
		return err
	}
	marker := fmt.Sprintf("soakkill%d", round)
	want, err := k.writeEdit(marker)
	if err != nil {
		srv.kill()
		return err
	}
	kl := k.killMidBuild(srv, round)
	k.checkRestart(ctx, round, marker, want, kl)
	return nil
}

// writeEdit writes a good edit whose probe title holds marker and
// returns the catalog version it makes.
func (k *killer) writeEdit(marker string) (string, error) {
	files := map[string][]byte{mainFile: k.kmsg, probeFile: goodProbe(marker)}
	want, err := versionWith(k.dir, files)
	if err != nil {
		return "", err
	}
	for name, data := range files {
		if err := writeFile(k.dir, name, data); err != nil {
			return "", err
		}
	}
	return want, nil
}

// killMidBuild sends SIGHUP and kills the server as soon as the
// half-built index exists on disk, a little later each round, so the
// kill lands at different points of the build.
func (k *killer) killMidBuild(srv *server, round int) kill {
	delay := time.Duration(round-1) * 20 * time.Millisecond
	sent := time.Now()
	srv.signal(syscall.SIGHUP)
	var kl kill
	for time.Since(sent) < 10*time.Second {
		if len(building(k.indexDir)) > 0 {
			kl.midBuild = true
			break
		}
		time.Sleep(200 * time.Microsecond)
	}
	time.Sleep(delay)
	kl.stillBuilding = len(building(k.indexDir)) > 0
	srv.kill()
	kl.after = time.Since(sent)
	return kl
}

// checkRestart restarts the server and checks that it serves the last
// good catalog (version want, the probe's marker, lookups and search),
// then stops it with SIGTERM, which must exit 0.
func (k *killer) checkRestart(ctx context.Context, round int, marker, want string, kl kill) {
	start := time.Now()
	srv2, err := startServer(ctx, k.cfg.bin, k.args, k.logPath)
	if err != nil {
		k.r.check(fmt.Sprintf("kill -9 round %d: restart", round), false, err.Error())
		return
	}
	rz, err := srv2.waitReady(60 * time.Second)
	readyIn := time.Since(start)
	probe := lookupTitle(srv2.base, probeCode)
	first := lookupFirstID(srv2.base, "4019")
	var sr struct {
		Total int `json:"total"`
	}
	scode, _ := getJSON(srv2.base+"/api/v1/search?q=balance", &sr)
	ok := err == nil && rz.Catalog.Version == want && rz.Catalog.Entries == k.entries &&
		strings.Contains(probe, marker) && first == "kakao-share/4019" && scode == 200 && sr.Total > 0
	srv2.signal(syscall.SIGTERM)
	code, exited := srv2.wait(30 * time.Second)
	if !exited {
		srv2.kill()
	}
	k.r.check(fmt.Sprintf("kill -9 round %d: last good catalog serves after restart", round), ok && exited && code == 0,
		fmt.Sprintf("killed %s after SIGHUP (half-built index on disk: seen %v, at the kill %v); restart ready in %s: version %s (want %s), %d entries (want %d), probe title %q, lookup 4019 -> %s, search balance %d/%d results; exit %d",
			kl.after.Round(time.Millisecond), kl.midBuild, kl.stillBuilding, readyIn.Round(time.Millisecond),
			rz.Catalog.Version, want, rz.Catalog.Entries, k.entries, probe, first, scode, sr.Total, code))
}

// building lists the half-built index directories under dir.
func building(dir string) []string {
	des, _ := os.ReadDir(dir)
	var out []string
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".building-") {
			out = append(out, de.Name())
		}
	}
	return out
}

func lookupTitle(base, code string) string {
	var lr struct {
		Results []struct {
			Title string `json:"title"`
		} `json:"results"`
	}
	if code, err := getJSON(base+"/api/v1/lookup?code="+url.QueryEscape(code), &lr); err != nil || code != 200 || len(lr.Results) == 0 {
		return ""
	}
	return lr.Results[0].Title
}

func lookupFirstID(base, code string) string {
	var lr struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	if code, err := getJSON(base+"/api/v1/lookup?code="+url.QueryEscape(code), &lr); err != nil || code != 200 || len(lr.Results) == 0 {
		return ""
	}
	return lr.Results[0].ID
}

// mdEscape keeps case names such as "*a*" literal in a Markdown table.
var mdEscape = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "~", `\~`)

// judgeHostile prints the hostile-input report as a table, each request
// case judged against 50 ms and each slow-client case against the server's
// 5 s ReadHeaderTimeout (plus 1 s of slack).
func judgeHostile(path string) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 2
	}
	defer f.Close()
	const limit, closeLimit = 50 * time.Millisecond, 6 * time.Second
	fails, n := 0, 0
	fmt.Println("| case | status | latency | target | verdict |")
	fmt.Println("|---|---|---|---|---|")
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 4 {
			continue
		}
		us, _ := strconv.ParseInt(parts[3], 10, 64)
		d := time.Duration(us) * time.Microsecond
		status, target, ok := parts[2], limit, d <= limit
		shown, targetShown := ms(d), "≤ "+target.String()
		switch parts[1] {
		case "timeout":
			status, target, ok = "closed", closeLimit, d <= closeLimit
			targetShown = "≤ " + target.String()
		case "ratio":
			// A size after the attack over the size before (x1000 in the
			// report's microseconds column): /metrics after invented methods.
			ratio := float64(us) / 1000
			shown, targetShown, ok = fmt.Sprintf("x%.3f", ratio), "≤ x1.10", ratio <= 1.10
		}
		verdict := "PASS"
		if !ok {
			verdict = "FAIL"
			fails++
		}
		n++
		fmt.Printf("| %s | %s | %s | %s | %s |\n", mdEscape.Replace(parts[0]), status, shown, targetShown, verdict)
	}
	if n == 0 {
		fmt.Println("soak: the report is empty")
		return 1
	}
	if fails > 0 {
		fmt.Printf("RESULT: FAIL (%d of %d cases over their target)\n", fails, n)
		return 1
	}
	fmt.Printf("RESULT: PASS (%d cases)\n", n)
	return 0
}
