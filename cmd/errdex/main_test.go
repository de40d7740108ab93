package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/errdex/errdex"
)

// logWriter collects the service's JSON log lines and reports the
// addresses of the "listening" line (the public one, then the operations
// listener's), so a test can serve on 127.0.0.1:0.
type logWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	addrc chan string
	ops   string
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	start := w.buf.Len()
	w.buf.Write(p)
	sc := bufio.NewScanner(bytes.NewReader(w.buf.Bytes()[start:]))
	for sc.Scan() {
		var line struct {
			Msg     string `json:"msg"`
			Addr    string `json:"addr"`
			OpsAddr string `json:"ops_addr"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
			w.ops = line.OpsAddr
			w.addrc <- line.Addr
		}
	}
	return len(p), nil
}

func (w *logWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// service is one run of `errdex serve`.
type service struct {
	base string
	ops  string // the operations listener's base URL
	logs *logWriter
	stop func() int // cancels the run and returns its exit status
}

// startServe runs the real run() with serve on 127.0.0.1:0 and the given
// flags, and waits until it listens.
func startServe(t *testing.T, flags ...string) *service {
	t.Helper()
	return startServeEnv(t, nil, flags...)
}

// startServeEnv is startServe with an environment.
func startServeEnv(t *testing.T, env map[string]string, flags ...string) *service {
	t.Helper()
	logs := &logWriter{addrc: make(chan string, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--ops-addr", "127.0.0.1:0", "--log-format", "json", "--rate-limit", "0"}, flags...)
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, stdio{in: strings.NewReader(""), out: io.Discard, err: logs}, func(k string) string { return env[k] })
	}()
	var addr string
	select {
	case addr = <-logs.addrc:
	case code := <-done:
		cancel()
		t.Fatalf("serve exited with %d before listening:\n%s", code, logs)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("serve did not listen in time:\n%s", logs)
	}
	var once sync.Once
	code := -1
	logs.mu.Lock()
	ops := "http://" + logs.ops
	logs.mu.Unlock()
	s := &service{base: "http://" + addr, ops: ops, logs: logs, stop: func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Errorf("serve did not stop in time")
			}
		})
		return code
	}}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			// The request lines drown the rest; show what the service said.
			for _, line := range strings.Split(logs.String(), "\n") {
				if !strings.Contains(line, `"msg":"request"`) {
					t.Log(line)
				}
			}
		}
	})
	return s
}

func (s *service) get(t *testing.T, path string, v any) int {
	t.Helper()
	return getJSON(t, s.base+path, v)
}

// opsGet is get on the operations listener.
func (s *service) opsGet(t *testing.T, path string, v any) int {
	t.Helper()
	return getJSON(t, s.ops+path, v)
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	path := url
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v\n%s", path, err, b)
		}
	}
	return resp.StatusCode
}

// catalogDir copies the real catalog into a temporary directory.
func catalogDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("../../catalog/*.yaml")
	if len(files) == 0 {
		t.Fatal("no catalog files in ../../catalog")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// extraEntry is a catalog file with one entry of kmsg, titled title and
// with the retry strategy given (an invalid one breaks the catalog).
func extraEntry(title, strategy string) string {
	return fmt.Sprintf(`system: kmsg
entries:
  - code: ERRDEX_E2E_PROBE
    title:
      en: %s
      ko: 시험 항목
    summary:
      en: An entry the end-to-end test adds.
      ko: 종단 간 시험이 추가한 항목입니다.
    causes:
      - en: The test wrote it.
        ko: 시험이 썼습니다.
    fixes:
      - en: Nothing to fix.
        ko: 고칠 것이 없습니다.
    retry:
      retryable: false
      strategy: %s
      note:
        en: Not applicable.
        ko: 해당 없음.
`, title, strategy)
}

type readyz struct {
	Status  string `json:"status"`
	Catalog struct {
		Version string `json:"version"`
		Entries int    `json:"entries"`
	} `json:"catalog"`
	LastReload *struct {
		OK       bool `json:"ok"`
		Problems []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Warning bool   `json:"warning"`
		} `json:"problems"`
	} `json:"last_reload"`
}

type lookupResp struct {
	Total   int `json:"total"`
	Results []struct {
		Title string `json:"title"`
	} `json:"results"`
}

func probeTitle(t *testing.T, s *service) string {
	t.Helper()
	var lr lookupResp
	if code := s.get(t, "/api/v1/lookup?code=ERRDEX_E2E_PROBE", &lr); code != 200 {
		t.Fatalf("lookup: got %d, want 200", code)
	}
	if lr.Total == 0 {
		return ""
	}
	return lr.Results[0].Title
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	// A hang guard, not a speed check: a reload under the race detector on
	// a busy 2-core machine can take many seconds.
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func TestServeBuiltin(t *testing.T) {
	s := startServe(t)
	var rz readyz
	if code := s.get(t, "/readyz", &rz); code != 200 || rz.Status != "ready" || rz.Catalog.Entries == 0 {
		t.Fatalf("readyz: got %d %+v", code, rz)
	}
	if code := s.get(t, "/healthz", nil); code != 200 {
		t.Errorf("healthz: got %d", code)
	}
	var sr struct {
		Total int `json:"total"`
	}
	if code := s.get(t, "/api/v1/search?q=4019", &sr); code != 200 || sr.Total == 0 {
		t.Errorf("search 4019: got %d with %d results", code, sr.Total)
	}
	if code := s.stop(); code != 0 {
		t.Errorf("exit status after shutdown: got %d, want 0", code)
	}
}

// TestServeReload edits the catalog directory of a running service under a
// steady load of searches: a good edit shows up, a broken one is refused
// (readyz and metrics say so, with file and line) while every search goes
// on being answered, and a fix is applied again.
func TestServeReload(t *testing.T) {
	dir := catalogDir(t)
	s := startServe(t, "--catalog", dir, "--reload-debounce", "50ms")
	extra := filepath.Join(dir, "zz-e2e.yaml")
	load := startSearchLoad(s, 3)

	// A good edit shows up.
	if err := os.WriteFile(extra, []byte(extraEntry("First probe", "never")), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the added entry", func() bool { return probeTitle(t, s) == "First probe" })

	// A broken edit is refused; the last good catalog keeps serving.
	if err := os.WriteFile(extra, []byte(extraEntry("Broken probe", "whenever")), 0o644); err != nil {
		t.Fatal(err)
	}
	checkRefusedEdit(t, s, "First probe")

	// Fixing it applies again.
	if err := os.WriteFile(extra, []byte(extraEntry("Fixed probe", "never")), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the fixed entry", func() bool { return probeTitle(t, s) == "Fixed probe" })
	if m := s.metrics(t); !strings.Contains(m, "errdex_catalog_last_reload_successful 1") {
		t.Error("metrics do not report the successful reload")
	}

	answered, failed, first := load.stop()
	if failed > 0 {
		t.Errorf("%d searches failed during reloads (first: %v); %d answered", failed, first, answered)
	}
	if answered == 0 {
		t.Error("no search was answered during the reloads")
	}
	if code := s.stop(); code != 0 {
		t.Errorf("exit status: got %d, want 0", code)
	}
}

// searchLoad is a steady load of searches on a running service.
type searchLoad struct {
	stopped          atomic.Bool
	answered, failed atomic.Int64
	firstFailure     atomic.Value
	wg               sync.WaitGroup
}

// startSearchLoad starts clients searching s, one after another each.
func startSearchLoad(s *service, clients int) *searchLoad {
	l := &searchLoad{}
	client := &http.Client{Timeout: 10 * time.Second}
	for range clients {
		l.wg.Go(func() {
			for !l.stopped.Load() {
				l.search(client, s.base+"/api/v1/search?q=balance")
			}
		})
	}
	return l
}

func (l *searchLoad) search(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err != nil {
		l.failed.Add(1)
		l.firstFailure.CompareAndSwap(nil, err.Error())
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		l.failed.Add(1)
		l.firstFailure.CompareAndSwap(nil, resp.Status)
	} else {
		l.answered.Add(1)
	}
}

// stop ends the load and says how many searches were answered and failed,
// and the first failure.
func (l *searchLoad) stop() (answered, failed int64, first any) {
	l.stopped.Store(true)
	l.wg.Wait()
	return l.answered.Load(), l.failed.Load(), l.firstFailure.Load()
}

// checkRefusedEdit waits for the reload of a broken zz-e2e.yaml to be
// refused, and checks that readyz, the metrics and the log say so while
// the last good catalog (whose probe is titled served) keeps serving.
func checkRefusedEdit(t *testing.T, s *service, served string) {
	t.Helper()
	var rz readyz
	waitFor(t, "readyz to report the refusal", func() bool {
		s.opsGet(t, "/readyz", &rz)
		return rz.LastReload != nil && !rz.LastReload.OK
	})
	// The catalog's warnings (fields on their way out) are listed too; the
	// one error is the broken file's.
	var errs []string
	for _, p := range rz.LastReload.Problems {
		if !p.Warning {
			errs = append(errs, fmt.Sprintf("%s:%d", p.File, p.Line))
		}
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "zz-e2e.yaml:") || strings.HasSuffix(errs[0], ":0") {
		t.Errorf("readyz problems: got errors %v, want one in zz-e2e.yaml with a line", errs)
	}
	if got := probeTitle(t, s); got != served {
		t.Errorf("served after a refused edit: got %q, want the last good %q", got, served)
	}
	if m := s.metrics(t); !strings.Contains(m, "errdex_catalog_last_reload_successful 0") {
		t.Error("metrics do not report the failed reload")
	}
	if logs := s.logs.String(); !strings.Contains(logs, `"file":"zz-e2e.yaml"`) {
		t.Error("the log does not name the broken file")
	}
}

// TestServeSIGHUP reloads on SIGHUP with the watcher off.
func TestServeSIGHUP(t *testing.T) {
	dir := catalogDir(t)
	s := startServe(t, "--catalog", dir, "--watch=false")
	if err := os.WriteFile(filepath.Join(dir, "zz-e2e.yaml"), []byte(extraEntry("Hangup probe", "never")), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if got := probeTitle(t, s); got != "" {
		t.Fatalf("applied without a watcher or signal: %q", got)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the SIGHUP reload", func() bool { return probeTitle(t, s) == "Hangup probe" })
}

func TestServeBadCatalogExits(t *testing.T) {
	dir := catalogDir(t)
	if err := os.WriteFile(filepath.Join(dir, "zz-e2e.yaml"), []byte(extraEntry("x", "whenever")), 0o644); err != nil {
		t.Fatal(err)
	}
	var errBuf bytes.Buffer
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--catalog", dir},
		stdio{in: strings.NewReader(""), out: io.Discard, err: &errBuf}, func(string) string { return "" })
	if code != exitFailed { // a failure, not "nothing found"
		t.Errorf("exit status: got %d, want %d", code, exitFailed)
	}
	if !strings.Contains(errBuf.String(), "file=zz-e2e.yaml") {
		t.Errorf("log does not name the file:\n%s", errBuf.String())
	}
}

func TestServeConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(serveConfig) error
		wantErr bool
	}{
		{name: "defaults", check: func(c serveConfig) error {
			if c.Addr != "127.0.0.1:8080" || c.CatalogDir != "" || !c.Watch || c.RateLimit != 20 || !c.MCP {
				return fmt.Errorf("got %+v", c)
			}
			return nil
		}},
		{name: "env", env: map[string]string{envAddr: ":9000", envCatalog: "/cat", envBaseURL: "https://e.x",
			envSlackSecret: "s3cret", envTrustedProxies: "10.0.0.0/8, 192.168.1.1"}, check: func(c serveConfig) error {
			if c.Addr != ":9000" || c.CatalogDir != "/cat" || c.BaseURL != "https://e.x" || c.SlackSigningSecret != "s3cret" ||
				len(c.TrustedProxies) != 2 || c.TrustedProxies[1].Bits() != 32 {
				return fmt.Errorf("got %+v", c)
			}
			return nil
		}},
		{name: "flag over env", args: []string{"--addr", ":7000"}, env: map[string]string{envAddr: ":9000"},
			check: func(c serveConfig) error {
				if c.Addr != ":7000" {
					return fmt.Errorf("addr: got %q, want :7000", c.Addr)
				}
				return nil
			}},
		{name: "mcp off", args: []string{"--mcp=false"}, check: func(c serveConfig) error {
			if c.MCP {
				return fmt.Errorf("mcp: got on, want off")
			}
			return nil
		}},
		{name: "mcp off by env", env: map[string]string{envMCP: "false"}, check: func(c serveConfig) error {
			if c.MCP {
				return fmt.Errorf("mcp: got on, want off")
			}
			return nil
		}},
		{name: "bad mcp", args: []string{"--mcp=maybe"}, wantErr: true},
		{name: "bad proxy", args: []string{"--trusted-proxies", "nope"}, wantErr: true},
		{name: "bad rate", args: []string{"--rate-limit", "-1"}, wantErr: true},
		{name: "bad log level", args: []string{"--log-level", "loud"}, wantErr: true},
		{name: "bad log format", env: map[string]string{envLogFormat: "xml"}, wantErr: true},
		{name: "stray argument", args: []string{"extra"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := &cmdEnv{stdio: stdio{err: io.Discard}, getenv: func(k string) string { return tt.env[k] }}
			c, err := parseServeConfig(env, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err: got %v, want error %v", err, tt.wantErr)
			}
			if tt.check != nil && err == nil {
				if err := tt.check(c); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestServeHelp(t *testing.T) {
	var out bytes.Buffer
	code := run(context.Background(), []string{"serve", "-h"}, stdio{in: strings.NewReader(""), out: io.Discard, err: &out},
		func(string) string { return "" })
	if code != exitOK {
		t.Errorf("exit status: got %d, want 0", code)
	}
	for _, flag := range []string{"-addr", "-ops-addr", "-max-searches", "-catalog", "-index-dir", "-trusted-proxies", "-rate-limit", "-rate-burst",
		"-base-url", "-log-level", "-log-format", "-watch", "-reload-debounce", "-shutdown-timeout", "ERRDEX_SLACK_SIGNING_SECRET",
		"-mcp", "ERRDEX_MCP"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("serve -h does not document %s", flag)
		}
	}
}

func (s *service) metrics(t *testing.T) string {
	t.Helper()
	resp, err := http.Get(s.ops + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestServeStopsDuringBuild sends the stop (main turns SIGTERM into the
// end of run's context) as soon as serve says it is indexing a large
// synthetic catalog, at the production batch size: the build gives up
// before its one batch is in (search.TestFillGivesUpDuringBatch shows a
// batch under way is not waited for) and the command exits 0, instead of
// outlasting the shutdown timeout and being killed. bench/sigterm.sh does
// the same with a real SIGTERM at 100k entries.
func TestServeStopsDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a 4,000-entry catalog")
	}
	cat, err := syntheticCatalog(4000)
	if err != nil {
		t.Fatal(err)
	}
	serveCatalog = func(serveConfig, *slog.Logger) (*errdex.Catalog, error) { return cat, nil }
	t.Cleanup(func() { serveCatalog = loadCatalog })

	logs := &logWriter{addrc: make(chan string, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	args := []string{"serve", "--addr", "127.0.0.1:0", "--ops-addr", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug", "--shutdown-timeout", "1s"}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, stdio{in: strings.NewReader(""), out: io.Discard, err: logs}, func(string) string { return "" })
	}()
	// The build is under way: some seconds of work to go, more under -race.
	for guard := time.Now().Add(90 * time.Second); !strings.Contains(logs.String(), `"msg":"indexing the catalog"`); {
		if time.Now().After(guard) { // a hang guard, not a speed check
			t.Fatalf("serve did not start indexing:\n%s", logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit status: got %d, want 0\n%s", code, logs)
		}
	case <-time.After(60 * time.Second): // a hang guard, not a speed check
		t.Fatal("serve did not stop while indexing")
	}
	out := logs.String()
	if !strings.Contains(out, "stopped while indexing") {
		t.Errorf("the log does not say the build was given up:\n%s", out)
	}
	if strings.Contains(out, `"msg":"indexing",`) {
		t.Errorf("the build's only batch was indexed, want the build given up before:\n%s", out)
	}
	if strings.Contains(out, `"msg":"listening"`) {
		t.Error("the service started listening after the stop")
	}
}
