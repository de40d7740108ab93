// Command soak runs errdex serve on loopback under a steady mixed load for a
// bounded time while its catalog directory is edited, broken and fixed
// every second and the process is sent SIGHUP, then SIGTERM under load;
// then it kills a server with -9 in the middle of a reload and checks that
// a restart serves the last good catalog on disk. It prints its figures and
// PASS or FAIL for each criterion of issue 7, and exits 1 if any fails.
//
// With -hostile-report it instead judges the latencies the hostile-input
// tests (cmd/errdex/hostile_test.go) wrote, against 50 ms.
//
// bench/soak.sh builds errdex and runs this; see docs/reliability.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type config struct {
	bin, catalog, work string
	duration           time.Duration
	rate               float64
	workers            int
	unloadedN          int
	killRounds         int
	editEvery          time.Duration
	editWindows        time.Duration
}

func main() {
	var cfg config
	var hostile string
	flag.StringVar(&cfg.bin, "bin", "", "the errdex binary to soak")
	flag.StringVar(&cfg.catalog, "catalog", "catalog", "catalog `dir` to copy and serve")
	flag.StringVar(&cfg.work, "work", "", "working `dir` (catalog copy, index, logs); default: a new temporary one")
	flag.DurationVar(&cfg.duration, "duration", 10*time.Minute, "how long the loaded phase runs")
	flag.Float64Var(&cfg.rate, "rate", 200, "requests per second of the steady load")
	flag.IntVar(&cfg.workers, "workers", 32, "concurrent requests at most")
	flag.IntVar(&cfg.unloadedN, "unloaded", 2000, "requests of the unloaded baseline, sent one at a time")
	flag.IntVar(&cfg.killRounds, "kill-rounds", 3, "kill -9 and restart rounds")
	flag.DurationVar(&cfg.editEvery, "edit-every", time.Second, "how often the catalog directory is changed under load; 0: never (no reloads, no SIGHUP), to tell what reloads cost")
	flag.DurationVar(&cfg.editWindows, "edit-windows", 0, "when set, change the catalog only in every other window of this `length` (the first one changes), and compare the load's latency in the windows with changes and without: what reloads cost, under the same machine")
	flag.StringVar(&hostile, "hostile-report", "", "judge this `file` written by the hostile-input tests and exit")
	flag.Parse()

	if hostile != "" {
		os.Exit(judgeHostile(hostile))
	}
	if cfg.bin == "" {
		fmt.Fprintln(os.Stderr, "soak: -bin is required")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.work == "" {
		dir, err := os.MkdirTemp("", "errdex-soak-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "soak:", err)
			os.Exit(2)
		}
		defer os.RemoveAll(dir)
		cfg.work = dir
	}
	r := &report{}
	if err := soak(ctx, cfg, r); err != nil {
		r.check("soak ran to the end", false, err.Error())
	}
	os.Exit(r.print())
}

// report collects PASS/FAIL verdicts.
type report struct {
	lines []string
	fails int
}

func (r *report) check(name string, ok bool, detail string) {
	verdict := "PASS"
	if !ok {
		verdict = "FAIL"
		r.fails++
	}
	line := fmt.Sprintf("%s  %s: %s", verdict, name, detail)
	r.lines = append(r.lines, line)
	fmt.Println(line)
}

func (r *report) print() int {
	fmt.Println("\n== verdicts")
	for _, l := range r.lines {
		fmt.Println(l)
	}
	if r.fails > 0 {
		fmt.Printf("RESULT: FAIL (%d of %d criteria)\n", r.fails, len(r.lines))
		return 1
	}
	fmt.Printf("RESULT: PASS (%d criteria)\n", len(r.lines))
	return 0
}

// catalogState tracks which catalog versions are good (written as a valid
// directory) so that a version served that is not among them is caught.
type catalogState struct {
	mu      sync.Mutex
	good    map[string]int // version -> entries
	latest  string         // the last good version written
	applied map[string]bool
}

func (c *catalogState) addGood(version string, entries int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.good[version] = entries
	c.latest = version
}

func (c *catalogState) latestVersion() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latest
}

func (c *catalogState) wasApplied(version string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.applied[version]
}

func (c *catalogState) isGood(version string, entries int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.good[version]
	if ok {
		c.applied[version] = true
	}
	return ok && n == entries
}

func soak(ctx context.Context, cfg config, r *report) error {
	fmt.Printf("== errdex soak: %s of load at %.0f requests/s (%d workers), catalog changed every %s (0: never)\n",
		cfg.duration, cfg.rate, cfg.workers, cfg.editEvery)
	fmt.Printf("machine: %d CPUs, %s, %s %s/%s\n", runtime.NumCPU(), cpuModel(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Printf("work dir: %s\n", cfg.work)

	dir := filepath.Join(cfg.work, "catalog")
	kmsg, err := prepareCatalog(cfg.catalog, dir)
	if err != nil {
		return err
	}
	logPath := filepath.Join(cfg.work, "serve.log")
	args := []string{"serve", "--addr", "127.0.0.1:0", "--catalog", dir, "--log-format", "json",
		// The load is one client; a limit it never reaches keeps the limiter
		// in the path without throttling the soak.
		"--rate-limit", "1000000", "--rate-burst", "1000000"}
	srv, err := startServer(ctx, cfg.bin, args, logPath)
	if err != nil {
		return err
	}
	defer func() {
		select {
		case <-srv.done:
		default:
			srv.kill()
		}
	}()
	rz, err := srv.waitReady(30 * time.Second)
	if err != nil {
		return err
	}
	state := &catalogState{good: map[string]int{}, applied: map[string]bool{}}
	v0, err := catalogVersion(dir)
	if err != nil {
		return err
	}
	versionCheck := v0 == rz.Catalog.Version
	r.check("catalog versions computed as errdex does", versionCheck,
		fmt.Sprintf("ours %s, /readyz %s (if they differ, only the marker checks below hold)", v0, rz.Catalog.Version))
	state.addGood(rz.Catalog.Version, rz.Catalog.Entries)
	goodEntries := rz.Catalog.Entries
	fmt.Printf("serving %s (pid %d): version %s, %d entries\n", srv.base, srv.pid(), rz.Catalog.Version, goodEntries)

	unloaded, unloadedStolen := unloadedPhase(srv, cfg.unloadedN, logPath)

	// Loaded phase: load, catalog edits, SIGHUPs, a checker and a sampler.
	loaded, drain := newStats(), newStats()
	var sigtermAt atomic.Pointer[time.Time]
	client := newClient(cfg.workers)
	warm(client, srv.base, cfg.workers)
	gen := &loadGen{client: client, base: srv.base, rate: cfg.rate, workers: cfg.workers, cur: func(started time.Time) *stats {
		if t := sigtermAt.Load(); t != nil && !started.Before(*t) {
			return drain
		}
		return loaded
	}}
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	var loadWG sync.WaitGroup
	loadWG.Go(func() { gen.run(loadCtx) })

	phaseCtx, endPhase := context.WithTimeout(ctx, cfg.duration)
	defer endPhase()
	start := time.Now()
	cpu := startCPU(srv.pid())
	var bg sync.WaitGroup
	mut := &mutator{dir: dir, kmsg: kmsg, srv: srv, state: state, entries: goodEntries, every: cfg.editEvery,
		start: start, windows: cfg.editWindows}
	if cfg.editEvery > 0 {
		bg.Go(func() { mut.run(phaseCtx) })
	}
	chk := &checker{srv: srv, state: state, versionCheck: versionCheck}
	bg.Go(func() { chk.run(phaseCtx) })
	smp := &sampler{srv: srv, start: start}
	bg.Go(func() { smp.run(phaseCtx) })
	bg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}

	// Leave the directory good, as the last step may have broken it.
	mut.fix()
	loadedCPU := cpu.String()

	// The last good edit may still be on its way in.
	waitLatestGood(srv, state, 5*time.Second)
	rzEnd, _ := srv.readyz()

	// SIGTERM under load. Requests begun before it must all be answered;
	// those begun after are refused, as they should be.
	now := time.Now()
	sigtermAt.Store(&now)
	failsBefore := loaded.failures()
	if err := srv.signal(syscall.SIGTERM); err != nil {
		return err
	}
	code, exited := srv.wait(30 * time.Second)
	termTook := time.Since(now)
	stopLoad()
	loadWG.Wait() // every request begun before SIGTERM has its outcome now
	fails := loaded.failures()
	inflightFailed := fails - failsBefore

	fmt.Println()
	printStats(stdout, fmt.Sprintf("loaded (%.0f/s for %s, catalog changed every %s)", cfg.rate, cfg.duration, cfg.editEvery), loaded)
	fmt.Printf("  load fell behind its rate at %d of %d ticks\n", gen.behind.Load(), gen.sent.Load()+gen.behind.Load())
	fmt.Printf("  CPU during the phase: %s\n", loadedCPU)
	if sl := serverLatency(logPath, start, now); len(sl) > 0 {
		fmt.Printf("  inside errdex (its access log, /api/v1 incl. the checker's): %d requests, p50 %s, p99 %s, p99.9 %s, max %s\n",
			len(sl), ms(percentile(sl, 50)), ms(percentile(sl, 99)), ms(percentile(sl, 99.9)), ms(percentile(sl, 100)))
	}
	printStats(stdout, "begun after SIGTERM (refusals expected)", drain)
	fmt.Println()
	mut.print()
	mut.printLatencyBySteps(loaded)
	chk.print()
	fmt.Printf("reloads (from /readyz before SIGTERM): ok %d, refused %d\n", rzEnd.Reloads.OK, rzEnd.Reloads.Failed)
	smp.print()
	ot := cutOverTime(loaded, smp)
	ot.print()
	unexpectedErrors := printErrorLines(srv)
	fmt.Println()

	// Verdicts of the soak.
	r.check("zero failed requests", fails == 0 && unloaded.failures() == 0 && loaded.classes[classThrottled] == 0 && chk.unanswered.Load() == 0,
		fmt.Sprintf("%d unloaded requests with %d failed; %d loaded requests: %d 5xx, %d connection errors, %d timeouts, %d unexpected 4xx, %d 429, %d broken-catalog answers; the checker's %d polls and probes: %d not answered 200",
			unloaded.total(), unloaded.failures(), loaded.total(), loaded.classes[class5xx], loaded.classes[classConn], loaded.classes[classTimeout],
			loaded.classes[classWrong4xx], loaded.classes[classThrottled], loaded.classes[classBroken],
			chk.polls.Load()+chk.probes.Load()+chk.unanswered.Load(), chk.unanswered.Load()))
	ok, detail := judgeP99(unloaded.pct(99), unloadedStolen, loaded.pct(99), ot)
	r.check("p99 under load <= 2x unloaded p99", ok, detail)
	memOK, gorOK, memDetail, gorDetail := smp.verdict()
	r.check("memory flat", memOK, memDetail)
	r.check("goroutines flat", gorOK, gorDetail)
	r.check("broken catalogs never served", chk.violations.Load() == 0 && loaded.classes[classBroken] == 0,
		fmt.Sprintf("%d /readyz polls, %d probe lookups; %d answered a version or entry count not written as good, %d answers held the broken marker",
			chk.polls.Load(), chk.probes.Load(), chk.violations.Load(), loaded.classes[classBroken]+int(chk.markerSeen.Load())))
	r.check("good edits applied", mut.goodApplied() == mut.goodWritten,
		fmt.Sprintf("%d of %d good edits seen served by /readyz", mut.goodApplied(), mut.goodWritten))
	r.check("nothing unexpected logged at ERROR", unexpectedErrors == 0,
		fmt.Sprintf("%d lines other than refused reloads and their problems", unexpectedErrors))
	r.check("SIGTERM under load drains and exits 0", exited && code == 0 && inflightFailed == 0,
		fmt.Sprintf("exit status %d after %s (exited: %v); requests in flight at SIGTERM that failed: %d",
			code, termTook.Round(time.Millisecond), exited, inflightFailed))

	// kill -9 during a reload, then restart.
	fmt.Println()
	return killRounds(ctx, cfg, dir, goodEntries, r)
}

// judgeP99 judges the loaded p99 against twice the unloaded one. When the
// hypervisor stole CPU during the loaded phase (a shared virtual machine's
// other tenants: the loaded p99 of one 10-minute run went from 3.9 to
// 10.9 ms and back from one minute to the next, with the same binary and
// nothing else running), the stretches in which it stole next to nothing
// are judged instead, provided they hold at least a third of the phase:
// what they measure is errdex, not its neighbours. Both figures are
// printed either way. A baseline measured under steal judges nothing.
func judgeP99(p99u time.Duration, stolenU float64, p99l time.Duration, ot overTime) (bool, string) {
	ratio := func(l time.Duration) float64 { return float64(l) / float64(max(p99u, 1)) }
	detail := fmt.Sprintf("loaded p99 %s, unloaded p99 %s (ratio %.2f)", ms(p99l), ms(p99u), ratio(p99l))
	if stolenU > stealFree {
		// A baseline slowed by the machine passes what it should not.
		return false, detail + fmt.Sprintf("; the hypervisor stole %.3f CPUs in every unloaded measurement: no baseline to judge by", stolenU)
	}
	var all int
	stolen := 0.0
	for _, b := range ot.bins {
		all += len(b.ds)
		stolen = max(stolen, b.steal)
	}
	if p99l <= 2*p99u || stolen <= stealFree {
		return p99l <= 2*p99u, detail
	}
	free, bins := ot.stealFreeLatencies()
	p99f := percentile(free, 99)
	detail += fmt.Sprintf("; the hypervisor stole up to %.3f CPUs in a %s stretch: in the %d of %d stretches with at most %.3f stolen (%d of %d requests), loaded p99 %s (ratio %.2f)",
		stolen, stealBin, bins, len(ot.bins), stealFree, len(free), all, ms(p99f), ratio(p99f))
	if 3*len(free) < all {
		return false, detail + "; too few to judge by"
	}
	return p99f <= 2*p99u, detail
}

// prepareCatalog copies the catalog to dir with the good probe file and
// returns the main file's content, which the edits start from.
func prepareCatalog(from, dir string) ([]byte, error) {
	if err := copyCatalog(from, dir); err != nil {
		return nil, err
	}
	if err := writeFile(dir, probeFile, goodProbe("soakgood0")); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(dir, mainFile))
}

// unloadedTries is how many times the unloaded phase is measured at most
// while the hypervisor steals CPU during it.
const unloadedTries = 5

// unloadedPhase measures n requests one at a time, after a warm-up, and
// prints their figures with the server's own latency from its log. A
// baseline measured while the hypervisor stole CPU (0.36 CPUs once, for
// an unloaded p99 of 13 ms against 2-4 ms on a quiet machine) would let
// any loaded p99 pass, so such a measurement is thrown away and the phase
// measured again, up to unloadedTries times; the last is kept if none was
// steal-free, and judged as not (stolen is what it had).
func unloadedPhase(srv *server, n int, logPath string) (unloaded *stats, stolen float64) {
	sequential(srv.base, 200, 0) // warm up
	for try := 1; ; try++ {
		cpu := startCPU(srv.pid())
		unloaded = sequential(srv.base, n, 5*time.Millisecond)
		stolen = cpu.stolen()
		fmt.Println()
		printStats(stdout, "unloaded (one request at a time)", unloaded)
		fmt.Printf("  CPU during the phase: %s\n", cpu)
		if sl := serverLatency(logPath, cpu.start, time.Now()); len(sl) > 0 {
			fmt.Printf("  inside errdex (its access log): p50 %s, p99 %s, max %s\n", ms(percentile(sl, 50)), ms(percentile(sl, 99)), ms(percentile(sl, 100)))
		}
		if stolen <= stealFree || try == unloadedTries {
			return unloaded, stolen
		}
		fmt.Printf("  the hypervisor stole %.3f CPUs meanwhile: measured again (%d of %d)\n", stolen, try+1, unloadedTries)
	}
}

// waitLatestGood waits, at most d, until /readyz serves the last good
// catalog written.
func waitLatestGood(srv *server, state *catalogState, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if rz, err := srv.readyz(); err == nil && state.isGood(rz.Catalog.Version, rz.Catalog.Entries) && rz.Catalog.Version == state.latestVersion() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// printErrorLines prints the server's log lines at ERROR by message and
// returns how many were not the expected refused reloads and their
// problems.
func printErrorLines(srv *server) int {
	errCounts, errEx := srv.errorLines()
	fmt.Println("log lines at ERROR, by message:")
	unexpected := 0
	for msg, n := range errCounts {
		expected := msg == "catalog reload refused; the last good catalog keeps serving" || msg == "catalog problem"
		fmt.Printf("  %6d  %q (expected: %v)\n", n, msg, expected)
		if !expected {
			unexpected += n
			fmt.Printf("          e.g. %.400s\n", errEx[msg])
		}
	}
	return unexpected
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
		}
	}
	return "unknown CPU"
}
