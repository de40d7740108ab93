package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// errdexBinary builds the errdex command once per test run, so the stdio
// test talks to the real binary as an assistant would start it.
func errdexBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "errdex-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "errdex")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err: err, out: string(out)}
		}
	})
	if buildErr != nil {
		t.Fatalf("building errdex: %v", buildErr)
	}
	return builtBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func TestMain(m *testing.M) {
	mainWithSyntheticCatalog() // bench/sigterm.sh: the binary is errdex serve
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

func newMCPClient() *sdk.Client {
	return sdk.NewClient(&sdk.Implementation{Name: "errdex-test", Version: "0"}, nil)
}

// TestMCPStdio starts `errdex mcp` as a subprocess and talks to it with
// the SDK's own client, the way Claude Code or Cursor does.
func TestMCPStdio(t *testing.T) {
	cmd := exec.Command(errdexBinary(t), "mcp", "--catalog", catalogDir(t))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "ERRDEX_BASE_URL=https://errdex.example.com")
	cs, err := newMCPClient().Connect(context.Background(), &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("initialize: %v\n%s", err, stderr.String())
	}
	exerciseMCP(t, cs, "https://errdex.example.com")
	if err := cs.Close(); err != nil {
		t.Errorf("closing: %v", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("errdex mcp wrote to stderr:\n%s", stderr.String())
	}
}

// TestMCPHTTP talks to POST /mcp of a real errdex serve.
func TestMCPHTTP(t *testing.T) {
	s := startServe(t, "--base-url", "https://errdex.example.com")
	cs, err := newMCPClient().Connect(context.Background(), &sdk.StreamableClientTransport{Endpoint: s.base + "/mcp"}, nil)
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	defer cs.Close()
	exerciseMCP(t, cs, "https://errdex.example.com")

	// Over HTTP the request's Accept-Language is the fallback language.
	ko, err := newMCPClient().Connect(context.Background(), &sdk.StreamableClientTransport{
		Endpoint: s.base + "/mcp", HTTPClient: &http.Client{Transport: acceptLanguage("ko-KR,ko;q=0.9")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ko.Close()
	for _, c := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"code": "4019"}, `"lang":"ko"`},
		{map[string]any{"code": "4019", "lang": "en"}, `"lang":"en"`},
	} {
		res, err := ko.CallTool(context.Background(), &sdk.CallToolParams{Name: "lookup", Arguments: c.args})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(res.StructuredContent); !strings.Contains(string(b), c.want) {
			t.Errorf("Accept-Language ko, %v: want %s, got %.200s", c.args, c.want, b)
		}
	}

	// What is not MCP is answered without a 5xx.
	post := func(ctype, accept, body string) int {
		req, _ := http.NewRequest("POST", s.base+"/mcp", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	const both = "application/json, text/event-stream"
	nested := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, tt := range []struct {
		name, ctype, accept, body string
		want                      int
	}{
		{"garbage", "application/json", both, "{{{", 400},
		{"empty", "application/json", both, "", 400},
		{"deeply nested JSON", "application/json", both, nested, 400},
		{"not JSON", "text/plain", both, "hello", 415},
		{"no event-stream in Accept", "application/json", "application/json", `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, 400},
		{"over the body limit", "application/json", both, `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"identify","arguments":{"text":"` + strings.Repeat("a", 400<<10) + `"}}}`, 413},
		{"over the server's limit", "application/json", both, strings.Repeat(" ", 2<<20), 413},
	} {
		if got := post(tt.ctype, tt.accept, tt.body); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
	if code := s.get(t, "/mcp", nil); code != http.StatusMethodNotAllowed {
		t.Errorf("GET /mcp: got %d, want 405", code)
	}
}

// acceptLanguage is a transport that sends an Accept-Language header.
type acceptLanguage string

func (a acceptLanguage) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Language", string(a))
	return http.DefaultTransport.RoundTrip(r)
}

// TestMCPHTTPLimits checks that /mcp is behind the API's rate limit and
// off with --mcp=false.
func TestMCPHTTPLimits(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		s := startServe(t, "--rate-limit", "0.01", "--rate-burst", "1")
		body := `{"jsonrpc":"2.0","id":1,"method":"ping"}`
		codes := make([]int, 0, 2)
		var env struct {
			Error struct{ Code string } `json:"error"`
		}
		for range 2 {
			req, _ := http.NewRequest("POST", s.base+"/mcp", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			codes = append(codes, resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests {
				_ = json.Unmarshal(b, &env)
			}
		}
		if codes[1] != http.StatusTooManyRequests || env.Error.Code != "rate_limit_exceeded" {
			t.Errorf("statuses %v, error code %q: want the second refused with rate_limit_exceeded", codes, env.Error.Code)
		}
	})
	t.Run("off", func(t *testing.T) {
		s := startServe(t, "--mcp=false")
		req, _ := http.NewRequest("POST", s.base+"/mcp", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST /mcp with --mcp=false: got %d, want 404", resp.StatusCode)
		}
	})
}

// exerciseMCP runs what every transport must do: initialize (done by
// Connect), tools/list, every tool, resources/list and read, a bad call.
func exerciseMCP(t *testing.T, cs *sdk.ClientSession, base string) {
	t.Helper()
	checkMCPTools(t, cs)
	callMCPTools(t, cs, base)
	checkMCPResources(t, cs)
	checkMCPBadCalls(t, cs)
}

// checkMCPTools checks the initialize result and that tools/list names
// every tool with its schemas.
func checkMCPTools(t *testing.T, cs *sdk.ClientSession) {
	t.Helper()
	ctx := context.Background()
	if info := cs.InitializeResult(); info == nil || info.ServerInfo.Name != "errdex" || info.Capabilities.Tools == nil {
		t.Fatalf("initialize: got %+v", info)
	}
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, tool := range tools.Tools {
		names[tool.Name] = tool.InputSchema != nil && tool.OutputSchema != nil
	}
	for _, name := range []string{"lookup", "search", "identify", "get_entry"} {
		if !names[name] {
			t.Errorf("tools/list: %s missing or without schemas", name)
		}
	}
}

// callMCPTools calls every tool once and checks its structured content.
func callMCPTools(t *testing.T, cs *sdk.ClientSession, base string) {
	t.Helper()
	ctx := context.Background()
	calls := []struct {
		tool string
		args map[string]any
		want []string // in the structured content's JSON
	}{
		{"lookup", map[string]any{"code": "4019"}, []string{`"answer":"found"`, `"id":"kakao-share/4019"`, `"url":"` + base + `/codes/kakao-share/4019"`}},
		{"search", map[string]any{"query": "KOE009", "limit": 3}, []string{`"answer":"found"`, `"id":"kakao-share/KOE009"`}},
		{"identify", map[string]any{"text": `{"error":{"code":"invalid_api_key"}}`}, []string{`"answer":"found"`, `"id":"kirim/invalid_api_key"`}},
		{"get_entry", map[string]any{"id": "kmsg/INSUFFICIENT_BALANCE", "lang": "ko"}, []string{`"id":"kmsg/INSUFFICIENT_BALANCE"`, `"lang":"ko"`}},
	}
	for _, c := range calls {
		res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: c.tool, Arguments: c.args})
		if err != nil {
			t.Errorf("%s: %v", c.tool, err)
			continue
		}
		b, _ := json.Marshal(res.StructuredContent)
		if res.IsError || len(res.Content) == 0 {
			t.Errorf("%s: error %v, %d contents", c.tool, res.IsError, len(res.Content))
		}
		for _, w := range c.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: structured content lacks %s:\n%.600s", c.tool, w, b)
			}
		}
	}
}

// checkMCPResources lists the entry resources and reads one in both
// languages.
func checkMCPResources(t *testing.T, cs *sdk.ClientSession) {
	t.Helper()
	ctx := context.Background()
	n := 0
	for r, err := range cs.Resources(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(r.URI, "errdex://entries/") {
			n++
		}
	}
	if n < 50 {
		t.Errorf("resources/list: %d entries", n)
	}
	rr, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: "errdex://entries/kakao-share/4019?lang=both"})
	if err != nil {
		t.Fatal(err)
	}
	if md := rr.Contents[0].Text; !strings.Contains(md, "# kakao-share/4019") || !strings.Contains(md, "## 해결 방법") {
		t.Errorf("resources/read: got %.300s", md)
	}
}

// checkMCPBadCalls checks that a bad argument is a tool error, an unknown
// tool a protocol error, and that the session survives both.
func checkMCPBadCalls(t *testing.T, cs *sdk.ClientSession) {
	t.Helper()
	ctx := context.Background()
	bad, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "search", Arguments: map[string]any{"query": "x", "limit": 101}})
	if err != nil {
		t.Fatalf("a bad argument is a protocol error: %v", err)
	}
	if !bad.IsError {
		t.Error("limit 101: no tool error")
	}
	if _, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "no_such_tool"}); err == nil {
		t.Error("an unknown tool: no error")
	}
	if _, err := cs.ListTools(ctx, nil); err != nil {
		t.Errorf("after the bad calls: %v", err)
	}
}

// BenchmarkMCPToolCall measures one tool call's round trip through the
// SDK's client, over stdio to an `errdex mcp` subprocess and over HTTP to
// an `errdex serve` subprocess on 127.0.0.1 (rate limit off), and reports
// the median (p50-µs) and p90 beside Go's mean. docs/benchmarks.md has the
// figures and the command.
func BenchmarkMCPToolCall(b *testing.B) {
	bin := errdexBinary(b)
	calls := []struct {
		tool string
		args map[string]any
	}{
		{"lookup", map[string]any{"code": "4019"}},
		{"search", map[string]any{"query": "잔액 부족"}},
		{"identify", map[string]any{"text": `{"error":{"code":"invalid_api_key","message":"The API key is invalid."}}`}},
	}
	transports := []struct {
		name    string
		connect func(b *testing.B) *sdk.ClientSession
	}{
		{"stdio", func(b *testing.B) *sdk.ClientSession {
			cs, err := newMCPClient().Connect(context.Background(), &sdk.CommandTransport{Command: exec.Command(bin, "mcp")}, nil)
			if err != nil {
				b.Fatal(err)
			}
			return cs
		}},
		{"http", func(b *testing.B) *sdk.ClientSession {
			base := serveProcess(b, bin)
			cs, err := newMCPClient().Connect(context.Background(), &sdk.StreamableClientTransport{Endpoint: base + "/mcp"}, nil)
			if err != nil {
				b.Fatal(err)
			}
			return cs
		}},
	}
	for _, tr := range transports {
		b.Run(tr.name, func(b *testing.B) {
			cs := tr.connect(b)
			defer cs.Close()
			for _, c := range calls {
				b.Run(c.tool, func(b *testing.B) {
					ctx := context.Background()
					params := &sdk.CallToolParams{Name: c.tool, Arguments: c.args}
					ds := make([]time.Duration, 0, b.N)
					for b.Loop() {
						start := time.Now()
						res, err := cs.CallTool(ctx, params)
						ds = append(ds, time.Since(start))
						if err != nil || res.IsError {
							b.Fatalf("%s: %v %v", c.tool, err, res)
						}
					}
					slices.Sort(ds)
					b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
					b.ReportMetric(float64(ds[len(ds)*9/10].Microseconds()), "p90-µs")
				})
			}
		})
	}
}

// serveProcess starts `errdex serve` as a subprocess on 127.0.0.1:0 and
// returns its base URL once it listens; it is stopped when b ends.
func serveProcess(b *testing.B, bin string) string {
	b.Helper()
	// Logged at info: the listening line gives the address; the request
	// lines after it are drained unread.
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--rate-limit", "0", "--log-format", "json")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if !sent && json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
				sent = true
			}
		}
	}()
	select {
	case a := <-addr:
		return fmt.Sprintf("http://%s", a)
	case <-time.After(30 * time.Second):
		b.Fatal("errdex serve did not listen in time")
	}
	return ""
}

// TestMCPStdioOversizedMessage checks the stdio bound: a message longer
// than any call may be (identify's 64 KiB, escaped, plus the envelope)
// ends the connection with a line on stderr, not a panic or a hang.
func TestMCPStdioOversizedMessage(t *testing.T) {
	huge := `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"identify","arguments":{"text":"` +
		strings.Repeat("가", 200<<10) + `"}}}` + "\n"
	cmd := exec.Command(errdexBinary(t), "mcp")
	cmd.Stdin = strings.NewReader(huge)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("errdex mcp did not stop")
	}
	if strings.Contains(stderr.String(), "panic") || !strings.Contains(stderr.String(), "maximum line length") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if stdout.Len() > 0 {
		t.Errorf("answered an oversized message: %.200s", stdout.String())
	}
}
