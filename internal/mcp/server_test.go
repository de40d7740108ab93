package mcp_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/mcp"
	"github.com/errdex/errdex/internal/search"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	holderOnce sync.Once
	holder     *live.Holder
)

// testHolder serves the built-in catalog, indexed once for all tests.
func testHolder(t *testing.T) *live.Holder {
	t.Helper()
	holderOnce.Do(func() {
		cat, err := errdex.Builtin()
		if err != nil {
			panic(err)
		}
		idx, err := search.New(context.Background(), cat, search.Options{})
		if err != nil {
			panic(err)
		}
		holder = live.NewHolder(idx, nil)
	})
	return holder
}

// connect serves cfg in memory and returns a client session to it.
func connect(t *testing.T, cfg mcp.Config) *sdk.ClientSession {
	t.Helper()
	if cfg.App == nil {
		// The service's deadline is what bounds a search in production
		// (TestDeadlineIsAToolError checks it); here it is long enough that
		// a slow run (-race on a busy machine) still gets every answer,
		// which is what the tests check.
		cfg.App = app.New(testHolder(t), app.Config{Timeout: 5 * time.Minute})
	}
	srv := mcp.New(cfg)
	ct, st := sdk.NewInMemoryTransports()
	ctx := context.Background()
	ss, err := srv.SDK().Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := sdk.NewClient(&sdk.Implementation{Name: "errdex-test", Version: "0"}, nil)
	cs, err := client.Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close(); ss.Wait() })
	return cs
}

// call calls a tool and returns its result; a protocol error fails the test.
func call(t *testing.T, cs *sdk.ClientSession, tool string, args any) *sdk.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: protocol error %v", tool, args, err)
	}
	return res
}

func text(res *sdk.CallToolResult) string {
	var sb strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			sb.WriteString(tc.Text)
		}
	}
	return sb.String()
}

func decode[T any](t *testing.T, res *sdk.CallToolResult) T {
	t.Helper()
	var v T
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("structured content: %v\n%s", err, b)
	}
	return v
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s changed (-want +got); if the change is meant, run go test -update:\n%s", name, diff)
	}
}

// TestToolsListGolden keeps every tool's name, description and schemas
// in testdata, so a change to what clients see is a visible diff.
func TestToolsListGolden(t *testing.T) {
	cs := connect(t, mcp.Config{})
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(res.Tools, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "tools_list.json", append(b, '\n'))
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
	}
	if diff := cmp.Diff([]string{"get_entry", "identify", "lookup", "search"}, names); diff != "" {
		t.Errorf("tools (-want +got):\n%s", diff)
	}
}

// TestTools calls every tool with the questions its description invites
// and checks the answer, the first result and the text a model reads.
func TestTools(t *testing.T) {
	cs := connect(t, mcp.Config{BaseURL: "https://errdex.example.com/"})
	tests := []struct {
		name, tool string
		args       map[string]any
		answer     string
		first      string // id of the first result, "" for none
		text       []string
	}{
		{"lookup a code", "lookup", map[string]any{"code": "4019"}, "found", "kakao-share/4019",
			[]string{"FOUND: kakao-share/4019", "Permalink: https://errdex.example.com/codes/kakao-share/4019", "Retry: "}},
		{"lookup is case-insensitive", "lookup", map[string]any{"code": "koe009"}, "found", "kakao-share/KOE009", nil},
		{"lookup variants", "lookup", map[string]any{"code": "-401"}, "ambiguous", "kakao-share/-401/domain-mismatched",
			[]string{"AMBIGUOUS", "tell them apart"}},
		{"lookup of a provider's code", "lookup", map[string]any{"code": "iwinv 519"}, "found", "kmsg/INSUFFICIENT_BALANCE",
			[]string{"Evidence: provider_code "}},
		{"lookup narrowed to a system", "lookup", map[string]any{"code": "-401", "system": "kmsg"}, "none", "",
			[]string{"NO MATCH", "do not guess"}},
		{"lookup of an unknown code", "lookup", map[string]any{"code": "ZZZ_NOT_A_CODE"}, "none", "",
			[]string{"NO MATCH", `"ZZZ_NOT_A_CODE"`}},
		{"search for a code", "search", map[string]any{"query": "KOE009"}, "found", "kakao-share/KOE009", nil},
		{"search for nothing known", "search", map[string]any{"query": "zzqx wvvu"}, "none", "", []string{"NO MATCH"}},
		{"identify a payload", "identify", map[string]any{"text": `{"error":{"code":"invalid_api_key","message":"API key is invalid"}}`},
			"found", "kirim/invalid_api_key", []string{"Evidence: code \"invalid_api_key\""}},
		{"identify a log line", "identify", map[string]any{"text": "2026-01-02T03:04:05Z ERROR send failed: KAPIError: wrong appKey(null) format"},
			"found", "kakao-share/-401/wrong-appkey-format", nil},
		{"get an entry", "get_entry", map[string]any{"id": "kmsg/INSUFFICIENT_BALANCE"}, "", "",
			[]string{"# kmsg/INSUFFICIENT_BALANCE: ", "## Fixes", "1. ", "## Reply to the customer", "## Providers' codes", "- iwinv alimtalk `519`"}},
		{"get a variant", "get_entry", map[string]any{"id": "kakao-share/-401/wrong-appkey-format", "lang": "ko"}, "", "",
			[]string{"## 해결 방법"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, cs, tt.tool, tt.args)
			if res.IsError {
				t.Fatalf("tool error: %s", text(res))
			}
			for _, want := range tt.text {
				if !strings.Contains(text(res), want) {
					t.Errorf("text lacks %q:\n%s", want, text(res))
				}
			}
			if tt.tool == "get_entry" {
				e := decode[mcp.Entry](t, res)
				if e.ID != tt.args["id"] || len(e.Fixes) == 0 || e.URL == "" || e.Resource != "errdex://entries/"+e.ID ||
					e.CustomerReply == "" {
					t.Errorf("entry: got %+v", e)
				}
				return
			}
			a := decode[mcp.Answer](t, res)
			if a.Answer != tt.answer {
				t.Errorf("answer: got %q, want %q\n%s", a.Answer, tt.answer, text(res))
			}
			if a.Verdict == "" {
				t.Error("no verdict")
			}
			if tt.first == "" {
				if len(a.Results) > 0 && a.Answer == "none" {
					t.Errorf("none with results: %+v", a.Results)
				}
				return
			}
			if len(a.Results) == 0 {
				t.Fatalf("no results, want %s first", tt.first)
			}
			r := a.Results[0]
			if r.ID != tt.first {
				t.Errorf("first result: got %s, want %s", r.ID, tt.first)
			}
			if r.Confidence == "" || r.URL != "https://errdex.example.com/codes/"+r.ID ||
				r.Resource != "errdex://entries/"+r.ID || r.Retry.Strategy == "" || r.Retry.Advice == "" {
				t.Errorf("result lacks confidence, permalink, resource or retry advice: %+v", r)
			}
		})
	}
}

// TestFindings checks that identify answers each distinct error of a log
// on its own, with its lines, its count and a masked excerpt.
func TestFindings(t *testing.T) {
	cs := connect(t, mcp.Config{})
	log := "2026-01-02 ERROR send failed: KAPIError: wrong appKey(null) format\n" +
		"2026-01-02 ERROR {\"error\":{\"code\":\"invalid_api_key\"}} user=someone@example.com\n" +
		"2026-01-02 ERROR {\"error\":{\"code\":\"invalid_api_key\"}} user=someone@example.com\n"
	res := call(t, cs, "identify", map[string]any{"text": log})
	a := decode[mcp.Answer](t, res)
	if len(a.Findings) != 2 {
		t.Fatalf("findings: got %+v, want 2", a.Findings)
	}
	f := a.Findings[1]
	if f.Lines != [2]int{2, 2} || f.Count != 2 || f.Answer != "found" || len(f.Results) == 0 ||
		f.Results[0].ID != "kirim/invalid_api_key" || strings.Contains(f.Excerpt, "someone@") {
		t.Errorf("second finding: got %+v", f)
	}
	for _, want := range []string{"The text holds 2 distinct errors, each answered alone:", "line 2, 2 times", "FOUND kirim/invalid_api_key"} {
		if !strings.Contains(text(res), want) {
			t.Errorf("text lacks %q:\n%s", want, text(res))
		}
	}
	if strings.Contains(text(res), "someone@") {
		t.Errorf("the text shows the e-mail address unmasked:\n%s", text(res))
	}
}

// TestUnsureIsNotAnAnswer checks that a weak answer says so in words a
// model cannot take for an answer, and never puts a summary where the
// answer would stand.
func TestUnsureIsNotAnAnswer(t *testing.T) {
	cs := connect(t, mcp.Config{})
	// Queries whose words only brush a few entries: "kakao" names a
	// system, "weather" and "banana" nothing errdex knows.
	for _, q := range []string{"kakao weather", "banana key"} {
		t.Run(q, func(t *testing.T) {
			res := call(t, cs, "search", map[string]any{"query": q})
			a := decode[mcp.Answer](t, res)
			if a.Answer != "unsure" || len(a.Results) == 0 {
				t.Fatalf("answer: got %q with %d results, want unsure with some", a.Answer, len(a.Results))
			}
			got := text(res)
			first, _, _ := strings.Cut(got, "\n")
			if first != "NOT SURE: errdex has no answer to this" {
				t.Errorf("first line: got %q", first)
			}
			for _, want := range []string{"not sure", "do not present any of them as the answer", "Weak matches (not answers):"} {
				if !strings.Contains(got, want) {
					t.Errorf("text lacks %q:\n%s", want, got)
				}
			}
			for _, r := range a.Results {
				if strings.Contains(got, r.Summary) {
					t.Errorf("an unsure answer shows %s's summary as if it were the answer:\n%s", r.ID, got)
				}
				if r.Confidence != "weak" {
					t.Errorf("%s: confidence %q in an unsure answer", r.ID, r.Confidence)
				}
			}
		})
	}
}

// TestBadCalls checks that bad arguments are tool errors with a message
// naming the argument, and that the session still answers afterwards.
func TestBadCalls(t *testing.T) {
	cs := connect(t, mcp.Config{})
	tests := []struct {
		name, tool string
		args       any
		want       string
	}{
		{"missing code", "lookup", map[string]any{}, `"code"`},
		{"empty code", "lookup", map[string]any{"code": "  "}, `"code": code is required`},
		{"code of the wrong type", "lookup", map[string]any{"code": 4019}, `invalid argument "code"`},
		{"unknown system", "lookup", map[string]any{"code": "4019", "system": "nope"}, `unknown system "nope"; the systems are`},
		{"bad lang", "search", map[string]any{"query": "x", "lang": "fr"}, `invalid argument "lang"`},
		{"limit too big", "search", map[string]any{"query": "x", "limit": 1000}, `invalid argument "limit": maximum: 1000 is greater than 100`},
		{"limit not a number", "search", map[string]any{"query": "x", "limit": "ten"}, `invalid argument "limit"`},
		{"misspelt argument", "search", map[string]any{"query": "x", "sytem": "kmsg"}, `unexpected additional properties ["sytem"]`},
		{"query too long", "search", map[string]any{"query": strings.Repeat("가", 700)}, `"query": query is longer than 2000 bytes; send a whole payload or log to identify`},
		{"blank query", "search", map[string]any{"query": "   "}, `"query": query is required`},
		{"text too long", "identify", map[string]any{"text": strings.Repeat("x", 64<<10+1)}, `"text": text is 65537 bytes, more than the 65536`},
		{"text as an object", "identify", map[string]any{"text": map[string]any{"error": "x"}}, `invalid argument "text"`},
		{"blank text", "identify", map[string]any{"text": "\n\t "}, `"text": text is required`},
		{"id without a code", "get_entry", map[string]any{"id": "kmsg"}, "is not an entry id"},
		{"id of an unknown system", "get_entry", map[string]any{"id": "nope/4019"}, `no system "nope"`},
		{"id of an unknown entry", "get_entry", map[string]any{"id": "kmsg/NOPE"}, `no entry "kmsg/NOPE"`},
		{"id naming variants", "get_entry", map[string]any{"id": "kakao-share/-401"}, "has variants; ask for one of: kakao-share/-401/"},
		{"arguments not an object", "search", []any{"x"}, "invalid arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, cs, tt.tool, tt.args)
			if !res.IsError {
				t.Fatalf("no tool error; got %s", text(res))
			}
			if !strings.Contains(text(res), tt.want) {
				t.Errorf("message: got %q, want it to contain %q", text(res), tt.want)
			}
		})
	}
	// An unknown tool is the protocol's error, and the session lives on.
	if _, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "nope"}); err == nil {
		t.Error("calling an unknown tool: no error")
	}
	if res := call(t, cs, "lookup", map[string]any{"code": "4019"}); res.IsError {
		t.Errorf("after the bad calls: %s", text(res))
	}
}

// TestHostileInput sends what the API's hostile suite sends, within the
// same bounds: every call is answered, none is a protocol failure.
func TestHostileInput(t *testing.T) {
	cs := connect(t, mcp.Config{})
	nested := strings.Repeat(`{"a":`, 5000) + `"INSUFFICIENT_BALANCE"` + strings.Repeat("}", 5000)
	tests := []struct {
		name, tool string
		args       map[string]any
		wantError  bool
	}{
		{"64 KiB of text", "identify", map[string]any{"text": strings.Repeat("error code 4019 ", 4096)}, false},
		{"a CJK run at the query limit", "search", map[string]any{"query": strings.Repeat("잔", 666)}, false},
		{"a CJK run as a paste", "identify", map[string]any{"text": strings.Repeat("잔액부족", 5000)}, false},
		{"deeply nested JSON", "identify", map[string]any{"text": nested}, false},
		{"control characters", "search", map[string]any{"query": "\x00\x01\x1b[31m4019\u202e"}, false},
		{"invalid UTF-8", "search", map[string]any{"query": "4019 \xff\xfe"}, false},
		{"a long code", "lookup", map[string]any{"code": strings.Repeat("9", 200)}, false},
		{"a too long code", "lookup", map[string]any{"code": strings.Repeat("9", 201)}, true},
		{"an id with dots", "get_entry", map[string]any{"id": "../../etc/passwd"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, cs, tt.tool, tt.args)
			if res.IsError != tt.wantError {
				t.Errorf("tool error: got %v, want %v: %.300s", res.IsError, tt.wantError, text(res))
			}
		})
	}
}

// TestDeadlineIsAToolError checks that a search cut short by the
// service's deadline is told to the client as a tool error that says so.
func TestDeadlineIsAToolError(t *testing.T) {
	cs := connect(t, mcp.Config{App: app.New(testHolder(t), app.Config{Timeout: time.Nanosecond})})
	res := call(t, cs, "identify", map[string]any{"text": strings.Repeat("error code 4019 ", 4096)})
	if !res.IsError || !strings.Contains(text(res), "took too long") {
		t.Errorf("got %v %q, want the deadline's tool error", res.IsError, text(res))
	}
}

// panicking is an index that blows up, to show that a handler's panic is
// a tool error and not the end of the process.
type panicking struct{}

func (panicking) Search(context.Context, errdex.Request) (*errdex.Response, error) { panic("boom") }
func (panicking) Identify(context.Context, string, errdex.Lang, int) (*errdex.Response, error) {
	panic("boom")
}
func (panicking) Lookup(string, string) []errdex.Match { panic("boom") }
func (panicking) Catalog() *errdex.Catalog             { panic("boom") }
func (panicking) Close() error                         { return nil }

func TestPanicIsAToolError(t *testing.T) {
	cs := connect(t, mcp.Config{App: app.New(live.NewHolder(panicking{}, nil), app.Config{})})
	for _, tool := range []string{"lookup", "search", "identify", "get_entry"} {
		args := map[string]any{"code": "4019", "query": "x", "text": "x", "id": "kmsg/X"}
		switch tool {
		case "lookup":
			args = map[string]any{"code": "4019"}
		case "search":
			args = map[string]any{"query": "x"}
		case "identify":
			args = map[string]any{"text": "x"}
		case "get_entry":
			args = map[string]any{"id": "kmsg/X"}
		}
		res := call(t, cs, tool, args)
		if !res.IsError || strings.Contains(text(res), "boom") {
			t.Errorf("%s: got %v %q, want a tool error that says nothing internal", tool, res.IsError, text(res))
		}
	}
}

// TestLanguage checks the contract's language rule as MCP has it.
func TestLanguage(t *testing.T) {
	cs := connect(t, mcp.Config{})
	ko := connect(t, mcp.Config{Lang: errdex.Korean})
	tests := []struct {
		name string
		cs   *sdk.ClientSession
		tool string
		args map[string]any
		want string
	}{
		{"default", cs, "lookup", map[string]any{"code": "4019"}, "en"},
		{"explicit lang", cs, "lookup", map[string]any{"code": "4019", "lang": "ko"}, "ko"},
		{"typed Hangul", cs, "search", map[string]any{"query": "잔액 부족"}, "ko"},
		{"explicit lang wins over Hangul", cs, "search", map[string]any{"query": "잔액 부족", "lang": "en"}, "en"},
		{"a Korean paste does not switch", cs, "identify", map[string]any{"text": "KMsgError: 잔액이 부족합니다 (INSUFFICIENT_BALANCE)"}, "en"},
		{"server default", ko, "identify", map[string]any{"text": "INSUFFICIENT_BALANCE"}, "ko"},
		{"explicit lang wins over the default", ko, "lookup", map[string]any{"code": "4019", "lang": "en"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, tt.cs, tt.tool, tt.args)
			if res.IsError {
				t.Fatal(text(res))
			}
			if a := decode[mcp.Answer](t, res); a.Lang != tt.want {
				t.Errorf("lang: got %q, want %q", a.Lang, tt.want)
			}
		})
	}
}

// TestResources lists every entry and reads one in each language.
func TestResources(t *testing.T) {
	cs := connect(t, mcp.Config{})
	ctx := context.Background()
	cat, _ := errdex.Builtin()
	var uris []string
	for r, err := range cs.Resources(ctx, nil) { // follows the cursor across pages
		if err != nil {
			t.Fatal(err)
		}
		uris = append(uris, r.URI)
	}
	if len(uris) != cat.Len()+1 || uris[0] != "errdex://systems" {
		t.Fatalf("resources: got %d (first %v), want errdex://systems and %d entries", len(uris), uris[:1], cat.Len())
	}
	seen := map[string]bool{}
	for _, u := range uris {
		if seen[u] {
			t.Errorf("%s listed twice", u)
		}
		seen[u] = true
	}
	for _, e := range cat.Entries() {
		if !seen["errdex://entries/"+e.ID()] {
			t.Errorf("%s not listed", e.ID())
		}
	}
	tmpls, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil || len(tmpls.ResourceTemplates) != 1 || tmpls.ResourceTemplates[0].URITemplate != "errdex://entries/{+id}{?lang}" {
		t.Fatalf("templates: got %+v, %v", tmpls, err)
	}

	tests := []struct {
		uri        string
		want, deny []string
	}{
		{"errdex://entries/kmsg/INSUFFICIENT_BALANCE", []string{"# kmsg/INSUFFICIENT_BALANCE", "## Fixes"}, []string{"## 해결 방법"}},
		{"errdex://entries/kmsg/INSUFFICIENT_BALANCE?lang=ko", []string{"## 해결 방법"}, []string{"## Fixes"}},
		{"errdex://entries/kmsg/INSUFFICIENT_BALANCE?lang=both", []string{"## Fixes", "\n---\n", "## 해결 방법"}, nil},
		{"errdex://entries/kakao-share/-401/wrong-appkey-format", []string{"# kakao-share/-401/wrong-appkey-format"}, nil},
		{"errdex://entries/kakao-share/koe009", []string{"# kakao-share/KOE009"}, nil},
		{"errdex://systems", []string{`"id": "kmsg"`, `"entries": `}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			res, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: tt.uri})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Contents[0].Text
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%.500s", w, got)
				}
			}
			for _, d := range tt.deny {
				if strings.Contains(got, d) {
					t.Errorf("has %q", d)
				}
			}
		})
	}
	for _, bad := range []string{"errdex://entries/kmsg/NOPE", "errdex://entries/nope", "errdex://entries/kmsg/INSUFFICIENT_BALANCE?lang=fr", "errdex://other/x"} {
		if _, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: bad}); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestMissesAreRecorded checks that a search that found nothing reaches
// the service's misses, as the API's do (the web server masks and keeps
// them); an identify is a paste and never does.
func TestMissesAreRecorded(t *testing.T) {
	var got []string
	cs := connect(t, mcp.Config{App: app.New(testHolder(t), app.Config{Timeout: 5 * time.Minute, Missed: func(q string) { got = append(got, q) }})})
	call(t, cs, "search", map[string]any{"query": "zzqx wvvu"})
	call(t, cs, "search", map[string]any{"query": "4019"})       // found: not a miss
	call(t, cs, "identify", map[string]any{"text": "zzqx wvvu"}) // a paste: not kept
	if len(got) != 1 || got[0] != "zzqx wvvu" {
		t.Errorf("misses: got %q, want the one search", got)
	}
}

// probeEntry is a catalog file with one warning entry that has a customer
// reply and a contradiction, which get_entry and the resource must show.
const probeEntry = `system: kmsg
entries:
  - code: ERRDEX_MCP_PROBE
    level: warning
    title:
      en: A probe entry
      ko: 시험 항목
    summary:
      en: An entry the MCP test adds.
      ko: MCP 시험이 추가한 항목입니다.
    causes:
      - en: The test wrote it.
        ko: 시험이 썼습니다.
    fixes:
      - en: Nothing to fix.
        ko: 고칠 것이 없습니다.
    customer_reply:
      en: Your message is on its way.
      ko: 메시지를 보내는 중입니다.
    contradictions:
      - about:
          en: Whether the probe exists
          ko: 시험 항목이 있는지
        claims:
          - source: The first guide
            url: https://example.com/first
            says:
              en: It does.
              ko: 있습니다.
          - source: The second guide
            says:
              en: It does not.
              ko: 없습니다.
    retry:
      retryable: false
      strategy: never
      note:
        en: Not applicable.
        ko: 해당 없음.
`

func TestEntryExtras(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob("../../catalog/*.yaml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "zz-probe.yaml"), []byte(probeEntry), 0o644)
	cat, err := errdex.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := live.NewHolder(idx, nil)
	t.Cleanup(h.Close)
	cs := connect(t, mcp.Config{App: app.New(h, app.Config{})})

	res := call(t, cs, "get_entry", map[string]any{"id": "kmsg/ERRDEX_MCP_PROBE"})
	e := decode[mcp.Entry](t, res)
	if e.Level != "warning" || e.CustomerReply != "Your message is on its way." || len(e.Contradictions) != 1 ||
		len(e.Contradictions[0].Claims) != 2 || e.Contradictions[0].Claims[0].URL != "https://example.com/first" {
		t.Errorf("entry: got %+v", e)
	}
	lk := call(t, cs, "lookup", map[string]any{"code": "ERRDEX_MCP_PROBE"})
	if a := decode[mcp.Answer](t, lk); len(a.Results) != 1 || a.Results[0].Level != "warning" ||
		!strings.Contains(text(lk), "Level: warning") {
		t.Errorf("lookup of a warning: got %+v\n%s", a, text(lk))
	}
	rr, err := cs.ReadResource(context.Background(), &sdk.ReadResourceParams{URI: "errdex://entries/kmsg/ERRDEX_MCP_PROBE?lang=ko"})
	if err != nil {
		t.Fatal(err)
	}
	md := rr.Contents[0].Text
	for _, want := range []string{"수준: 경고", "## 고객 안내 문구\n\n> 메시지를 보내는 중입니다.", "## 출처 간 차이", "- [The first guide](https://example.com/first): 있습니다.", "- The second guide: 없습니다."} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestLookupRecords checks that a lookup answers a provider's own code
// with its record, as the API and the CLI do: Kakao's -4, which no entry
// maps, is the provider's meaning and not "no match"; IWINV's SMS 42 is
// its own meaning and then its entry.
func TestLookupRecords(t *testing.T) {
	cs := connect(t, mcp.Config{BaseURL: "https://errdex.example.com"})
	tests := []struct {
		code, lang, answer, record, entry, first string
		ownRetry                                 bool
		text, notText                            []string
	}{
		{code: "-4", answer: "none", record: "kakao/-4", ownRetry: true,
			text: []string{"PROVIDER CODE", "Kakao REST API -4 · provider code (kakao/-4) No errdex entry maps this code.",
				"Meaning: Kakao has blocked the account", "What to do: ", "Retry: Retry after fixing. Fails until Kakao lifts",
				"Permalink: https://errdex.example.com/providers/kakao/-4", "not an errdex entry"},
			notText: []string{"NO MATCH", "do not guess"}},
		{code: "blockedAccount", answer: "none", record: "kakao/-4", ownRetry: true, text: []string{"PROVIDER CODE"}},
		{code: "-4", lang: "ko", answer: "none", record: "kakao/-4", ownRetry: true,
			text: []string{"프로바이더 자체 코드", "의미: ", "조치: ", "이 코드에 해당하는 errdex 항목이 없습니다."}},
		{code: "iwinv sms 42", answer: "found", record: "iwinv/sms/42", entry: "kmsg/INVALID_REQUEST", first: "kmsg/INVALID_REQUEST",
			text: []string{"FOUND: kmsg/INVALID_REQUEST", "IWINV sms 42 · provider code (iwinv/sms/42) → kmsg/INVALID_REQUEST",
				`"예약 전송 가능 시간이 아닙니다."`, "Meaning: The scheduled send time", "provider_records gives",
				"Permalink: https://errdex.example.com/providers/iwinv/sms/42"}},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.lang, func(t *testing.T) {
			args := map[string]any{"code": tt.code}
			if tt.lang != "" {
				args["lang"] = tt.lang
			}
			res := call(t, cs, "lookup", args)
			if res.IsError {
				t.Fatalf("tool error: %s", text(res))
			}
			a := decode[mcp.Answer](t, res)
			if a.Answer != tt.answer {
				t.Errorf("answer %q, want %q", a.Answer, tt.answer)
			}
			if tt.first != "" && (len(a.Results) == 0 || a.Results[0].ID != tt.first) {
				t.Errorf("results %+v, want %s first", a.Results, tt.first)
			}
			if len(a.ProviderRecords) != 1 {
				t.Fatalf("provider_records %+v, want %s", a.ProviderRecords, tt.record)
			}
			r := a.ProviderRecords[0]
			if r.ID != tt.record || r.Entry != tt.entry || r.Meaning == "" || r.Action == "" ||
				r.URL != "https://errdex.example.com/providers/"+tt.record || (r.Retry != nil) != tt.ownRetry {
				t.Errorf("record %+v: want %s onto %q, meaning, action, page, own retry %v", r, tt.record, tt.entry, tt.ownRetry)
			}
			for _, want := range tt.text {
				if !strings.Contains(text(res), want) && !strings.Contains(a.Verdict, want) {
					t.Errorf("text lacks %q:\n%s", want, text(res))
				}
			}
			for _, bad := range tt.notText {
				if strings.Contains(text(res), bad) {
					t.Errorf("text holds %q:\n%s", bad, text(res))
				}
			}
		})
	}
}
