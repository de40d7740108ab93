package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/api"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/search"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runCLI runs errdex with args, stdin and environment, as main does.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb},
		func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// The test catalog in testdata/catalog holds shapes that are hard to
// render; the built-in catalog is used where the answer is what matters.
const testCatalog = "testdata/catalog"

func TestCommands(t *testing.T) {
	bigPaste := `{"error":{"code":"invalid_api_key"}}` + strings.Repeat("\nlog line", search.MaxIdentifyBytes/8)
	tests := []struct {
		name       string
		args       []string
		stdin      string
		env        map[string]string
		wantCode   int
		wantOut    []string // each must appear in stdout, in this order
		wantErr    string   // must appear in stderr
		notWantOut string
		wide       bool // output may be wider than 80 columns
	}{
		// The answers the issue asks for, from the built-in catalog.
		{name: "lookup 4019", args: []string{"lookup", "4019"}, wantCode: exitOK,
			wantOut: []string{"4019 · Kakao Talk Share (kakao-share) · HTTP 401", "Retry after fixing.", "Causes", "Fixes", "1. ", "Page: /codes/kakao-share/4019"}},
		{name: "search 잔액 부족", args: []string{"search", "잔액", "부족"}, wantCode: exitOK,
			wantOut: []string{`"잔액 부족" 검색 결과`, "INSUFFICIENT_BALANCE · K-Message (kmsg)", "해결 방법"}},
		{name: "identify a pasted payload", args: []string{"identify"}, stdin: `{"error":{"code":"invalid_api_key"}}`, wantCode: exitOK,
			wantOut: []string{"Found in the text: code invalid_api_key", "invalid_api_key · Kirim public API (kirim) · HTTP 401", `Evidence: code "invalid_api_key"`}},
		// An answer errdex is not sure of is not shown as one, and exits 1.
		{name: "identify small talk is no confident match", args: []string{"identify"}, stdin: "hello world\n", wantCode: exitNotFound,
			notWantOut: "1 entry matches"},
		{name: "search with only weak matches", args: []string{"search", "운영", "중인", "서비스가", "아닙니다", "--lang", "en"}, wantCode: exitNotFound,
			wantOut: []string{"No confident match", "(weak match)"}, wide: true},
		{name: "a code shared by systems is ambiguous, exit 0", args: []string{"lookup", "rate_limit_exceeded"}, wantCode: exitOK,
			wantOut: []string{"rate_limit_exceeded · Kirim", "RATE_LIMIT_EXCEEDED · K-Message"}},
		{name: "identify lists each error of a log", args: []string{"identify"}, wantCode: exitOK,
			stdin: "E KMsgError [INSUFFICIENT_BALANCE] id=1\nE KMsgError [INSUFFICIENT_BALANCE] id=2\nHTTP/1.1 429 Too Many Requests\n\n" +
				`{"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Too many requests."}}`,
			wantOut: []string{"2 errors in the text:", "line 1 ×2: INSUFFICIENT_BALANCE", "lines 3-5: rate_limit_exceeded"}},
		{name: "identify text given as arguments", args: []string{"identify", `{"error":{"code":"invalid_api_key"}}`}, wantCode: exitOK,
			wantOut: []string{"invalid_api_key · Kirim public API"}},

		// Lookups and where flags go.
		{name: "flags after the code; a negative code is not a flag", args: []string{"lookup", "-401", "--system", "kakao-share"}, wantCode: exitOK,
			wantOut: []string{`3 entries for "-401"`, "-401 domain-mismatched", "-401 invalid-token", "-401 wrong-appkey-format"}},
		{name: "flags before the code", args: []string{"lookup", "--catalog", testCatalog, "--system=share", "-102"}, wantCode: exitOK,
			wantOut: []string{"402 · Demo Share (share)", "(provider code aligo:-102)"}, notWantOut: "INSUFFICIENT_BALANCE"},
		{name: "double dash ends the flags", args: []string{"lookup", "--catalog", testCatalog, "--", "-102"}, wantCode: exitOK,
			wantOut: []string{`2 entries for "-102"`}},
		{name: "lookup by alias, any case", args: []string{"lookup", "no_credit", "--catalog", testCatalog}, wantCode: exitOK,
			wantOut: []string{"INSUFFICIENT_BALANCE", "(alias NO_CREDIT)"}},
		{name: "lookup finds nothing", args: []string{"lookup", "NOPE_NOT_A_CODE"}, wantCode: exitNotFound,
			wantOut: []string{`No entry has the code or alias "NOPE_NOT_A_CODE".`}},
		{name: "search finds nothing", args: []string{"search", "--catalog", testCatalog, "zzqqxx"}, wantCode: exitNotFound,
			wantOut: []string{`No entry matches "zzqqxx".`}},
		{name: "search --limit and --system", args: []string{"search", "--limit", "1", "--system", "kmsg", "balance"}, wantCode: exitOK,
			wantOut: []string{`for "balance"`, "(kmsg)"}, notWantOut: "Other matches"},

		// Language.
		{name: "LANG=ko_KR.UTF-8 answers in Korean", args: []string{"lookup", "4019"}, env: map[string]string{"LANG": "ko_KR.UTF-8"}, wantCode: exitOK,
			wantOut: []string{"카카오톡 공유", "원인 해결 후 재시도.", "원인", "해결 방법"}},
		{name: "LC_ALL wins over LANG", args: []string{"lookup", "4019"}, env: map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "C"}, wantCode: exitOK,
			wantOut: []string{"Kakao Talk Share", "Causes"}},
		{name: "--lang wins over the locale", args: []string{"lookup", "4019", "--lang", "ko"}, env: map[string]string{"LC_ALL": "en_US.UTF-8"}, wantCode: exitOK,
			wantOut: []string{"원인"}},
		{name: "ERRDEX_BASE_URL makes links", args: []string{"lookup", "4019"}, env: map[string]string{"ERRDEX_BASE_URL": "https://errdex.example/"}, wantCode: exitOK,
			wantOut: []string{"Page: https://errdex.example/codes/kakao-share/4019"}},

		// Standard input.
		{name: "identify says when it cut the input", args: []string{"identify"}, stdin: bigPaste, wantCode: exitOK,
			wantOut: []string{"invalid_api_key"}, wantErr: "only its first 64 KiB were read"},
		{name: "identify with nothing to read", args: []string{"identify"}, stdin: " \n", wantCode: exitUsage,
			wantErr: "nothing to identify"},
		{name: "identify finds nothing", args: []string{"identify", "--catalog", testCatalog}, stdin: "panic: runtime error: index out of range", wantCode: exitNotFound,
			wantOut: []string{"Nothing in the text matches a known error."}},
		{name: "identify with stray bytes", args: []string{"identify"}, stdin: "\xff\xfe code=invalid_api_key", wantCode: exitOK,
			wantOut: []string{"invalid_api_key"}},

		// Bad usage.
		{name: "lookup without a code", args: []string{"lookup"}, wantCode: exitUsage, wantErr: "which code?"},
		{name: "unknown flag", args: []string{"lookup", "4019", "--sytem", "kmsg"}, wantCode: exitUsage, wantErr: `errdex lookup -h`},
		{name: "unknown system", args: []string{"lookup", "4019", "--system", "kakao"}, wantCode: exitUsage,
			wantErr: `unknown system "kakao" (known: kakao-share, kirim, kmsg)`},
		{name: "bad language", args: []string{"search", "x", "--lang", "fr"}, wantCode: exitUsage, wantErr: `"fr" is not en or ko`},
		{name: "limit out of range", args: []string{"search", "x", "--limit", "0"}, wantCode: exitUsage, wantErr: "--limit"},
		{name: "query too long", args: []string{"search", strings.Repeat("x", search.MaxQueryBytes+1)}, wantCode: exitUsage, wantErr: "longer than"},
		// A failure is not "nothing found": scripts can tell them apart.
		{name: "catalog with problems", args: []string{"lookup", "4019", "--catalog", "testdata"}, wantCode: exitFailed, wantErr: "loading the catalog"},
		{name: "catalog that is not there", args: []string{"search", "x", "--catalog", "testdata/none"}, wantCode: exitFailed, wantErr: "loading the catalog"},
		// The one language rule: typed Hangul answers in Korean, --lang wins.
		{name: "search in Hangul answers in Korean under an English locale", args: []string{"search", "잔액", "부족"}, env: map[string]string{"LANG": "en_US.UTF-8"},
			wantCode: exitOK, wantOut: []string{`"잔액 부족" 검색 결과`, "해결 방법"}},
		{name: "--lang en wins over Hangul", args: []string{"search", "잔액", "부족", "--lang", "en"}, wantCode: exitOK,
			wantOut: []string{`results for "잔액 부족"`, "Fixes"}},
		// The rough edges of issue 17.
		{name: "search --limit 3 says how many it shows", args: []string{"search", "template", "not", "found", "--limit", "3"}, wantCode: exitOK,
			wantOut: []string{`3 of `, ` results for "template not found"`}, wide: true},
		{name: "lookup of nothing suggests a search", args: []string{"lookup", "KOE 009"}, wantCode: exitNotFound,
			wantOut: []string{`No entry has the code or alias "KOE 009".`, "errdex search 'KOE 009'"}},
		{name: "evidence shows a message, not a regular expression", args: []string{"identify"},
			stdin: `{"name":"KAPIError","msg":"wrong appKey(null) format","code":-401}`, wantCode: exitOK,
			wantOut: []string{`message "wrong appKey(…) format"`}, notWantOut: `\(`},
		{name: "export without a format", args: []string{"export"}, wantCode: exitUsage, wantErr: "--format json or --format markdown"},
		{name: "export json with --lang", args: []string{"export", "--format", "json", "--lang", "ko"}, wantCode: exitUsage, wantErr: "both languages"},

		// Help.
		{name: "lookup -h", args: []string{"lookup", "-h"}, wantCode: exitOK, wantOut: []string{"Usage: errdex lookup", "Examples:", "-system"}},
		{name: "help search", args: []string{"help", "search"}, wantCode: exitOK, wantOut: []string{"Usage: errdex search", "errdex search 잔액 부족"}},
		{name: "identify --help", args: []string{"identify", "--help"}, wantCode: exitOK, wantOut: []string{"Usage: errdex identify", "| errdex identify"}},
		{name: "export -h", args: []string{"export", "-h"}, wantCode: exitOK, wantOut: []string{"Usage: errdex export", "--format json"}, notWantOut: "-json"},
		{name: "help lists the commands", args: []string{"help"}, wantCode: exitOK, wantOut: []string{"export", "identify", "lookup", "search"}, wide: true}, // validate's summary is long
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status: got %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errOut)
			}
			rest := out
			for _, w := range tt.wantOut {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("stdout: got no %q (in order)\n%s", w, out)
					break
				}
				rest = rest[i+len(w):]
			}
			if tt.notWantOut != "" && strings.Contains(out, tt.notWantOut) {
				t.Errorf("stdout: got %q, want it absent\n%s", tt.notWantOut, out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errOut, tt.wantErr)
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("stdout is not a terminal but got colour:\n%q", out)
			}
			if !tt.wide {
				checkWidth(t, out, 80)
			}
		})
	}
}

// checkWidth fails when a line of text output is wider than width, unless
// it is one word that cannot be broken (a URL).
func checkWidth(t *testing.T, out string, width int) {
	t.Helper()
	if strings.HasPrefix(strings.TrimSpace(out), "{") {
		return // JSON
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > width && len(strings.Fields(line)) > 1 && !strings.Contains(line, "://") {
			// Runes undercount wide characters, so this only catches gross overflows;
			// textfmt's tests check display width exactly.
			t.Errorf("line longer than %d columns: %q", width, line)
		}
	}
}

// TestGolden pins the text of whole answers over the test catalog.
func TestGolden(t *testing.T) {
	tests := []struct {
		file     string
		args     []string
		env      map[string]string
		stdin    string
		wantCode int
	}{
		{"lookup_provider_code.txt", []string{"lookup", "--catalog", testCatalog, "-102"}, nil, "", exitOK},
		{"search_ko.txt", []string{"search", "--catalog", testCatalog, "잔액"}, map[string]string{"LANG": "ko_KR.UTF-8"}, "", exitOK},
		{"lookup_columns_60.txt", []string{"lookup", "--catalog", testCatalog, "RATE_LIMITED"}, map[string]string{"COLUMNS": "60"}, "", exitOK},
		// One of each answer kind, over the built-in catalog, with its exit status.
		{"answer_found.txt", []string{"identify"}, nil, `{"error":{"type":"authentication_error","code":"invalid_api_key"}}`, exitOK},
		{"answer_ambiguous.txt", []string{"lookup", "-401", "--system", "kakao-share"}, nil, "", exitOK},
		{"answer_unsure.txt", []string{"search", "please", "help"}, nil, "", exitNotFound},
		{"answer_none.txt", []string{"search", "zxcv", "qwpo"}, nil, "", exitNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.env, tt.args...)
			if errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d", code, tt.wantCode)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("%s differs (run go test -update and review the diff); -want +got:\n%s", tt.file, cmp.Diff(string(want), out))
			}
		})
	}
}

// TestJSONIsTheAPIShape checks that --json prints what internal/api builds
// for the HTTP API, field for field.
func TestJSONIsTheAPIShape(t *testing.T) {
	ix, err := builtinIndex() // the index the commands share
	if err != nil {
		t.Fatal(err)
	}
	cat := ix.Catalog()
	ctx := context.Background()
	b := api.Builder{Lang: errdex.Korean}
	payload := `{"error":{"code":"invalid_api_key"}}`

	searched, err := ix.Search(ctx, search.Request{Query: "잔액 부족", Lang: errdex.Korean, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	identified, err := ix.Identify(ctx, payload, errdex.Korean, 5)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		got   any
		want  any
	}{
		{"lookup", []string{"lookup", "4019", "--json", "--lang", "ko"}, "",
			new(api.LookupResponse), b.Lookup(cat, "4019", "", ix.Lookup("4019", ""))},
		{"search", []string{"search", "--json", "--lang", "ko", "잔액", "부족"}, "",
			new(api.SearchResponse), b.Search(searched)},
		{"identify", []string{"identify", "--json", "--lang", "ko"}, payload,
			new(api.IdentifyResponse), b.Identify(identified)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, nil, tt.args...)
			if code != exitOK {
				t.Fatalf("exit status: got %d, want 0 (%s)", code, errOut)
			}
			if err := json.Unmarshal([]byte(out), tt.got); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, out)
			}
			// Compare through JSON on both sides, as a client would see them.
			wantJSON, _ := json.Marshal(tt.want)
			gotJSON, _ := json.Marshal(reflect.ValueOf(tt.got).Elem().Interface())
			if !bytes.Equal(gotJSON, wantJSON) {
				t.Errorf("got\n%s\nwant\n%s", gotJSON, wantJSON)
			}
		})
	}
}

// TestExportJSONRoundTrip exports the built-in catalog as JSON and checks
// that decoding the bundle gives back the same entries and systems.
func TestExportJSONRoundTrip(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "errdex.json")
	code, _, errOut := runCLI(t, "", nil, "export", "--format", "json", "-o", path)
	if code != exitOK {
		t.Fatalf("exit status: got %d, want 0 (%s)", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Kind          string           `json:"kind"`
		FormatVersion int              `json:"format_version"`
		Version       string           `json:"version"`
		Langs         []errdex.Lang    `json:"langs"`
		Systems       []*errdex.System `json:"systems"`
		Entries       []struct {
			ID  string `json:"id"`
			URL string `json:"url"`
			errdex.Entry
		} `json:"entries"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != bundleKind || got.FormatVersion != bundleVersion || got.Version != cat.Version {
		t.Errorf("header: got %q %d %q, want %q %d %q", got.Kind, got.FormatVersion, got.Version, bundleKind, bundleVersion, cat.Version)
	}
	if !reflect.DeepEqual(got.Langs, errdex.Langs) {
		t.Errorf("langs: got %v, want %v", got.Langs, errdex.Langs)
	}
	if len(got.Systems) != len(cat.Systems()) {
		t.Fatalf("systems: got %d, want %d", len(got.Systems), len(cat.Systems()))
	}
	for i, want := range cat.Systems() {
		w := *want
		w.File, w.Line = "", 0 // where it was read from is not exported
		if !reflect.DeepEqual(*got.Systems[i], w) {
			t.Errorf("system %d: got %+v, want %+v", i, *got.Systems[i], w)
		}
	}
	if len(got.Entries) != cat.Len() {
		t.Fatalf("entries: got %d, want %d", len(got.Entries), cat.Len())
	}
	for i, want := range cat.Entries() {
		g := got.Entries[i]
		t.Run(want.ID(), func(t *testing.T) {
			if g.ID != want.ID() || g.Entry.ID() != want.ID() {
				t.Errorf("id: got %q (entry says %q), want %q", g.ID, g.Entry.ID(), want.ID())
			}
			if g.URL != paths.Entry(want) {
				t.Errorf("url: got %q, want %q", g.URL, paths.Entry(want))
			}
			w := *want
			w.File, w.Line = "", 0
			if !reflect.DeepEqual(g.Entry, w) {
				gj, _ := json.MarshalIndent(g.Entry, "", " ")
				wj, _ := json.MarshalIndent(w, "", " ")
				t.Errorf("content differs\ngot:\n%s\nwant:\n%s", gj, wj)
			}
		})
	}
}

func TestExportMarkdown(t *testing.T) {
	cat, err := errdex.LoadDir(testCatalog)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "wiki")
	code, _, errOut := runCLI(t, "", nil, "export", "--format", "markdown", "--lang", "ko", "--catalog", testCatalog, "-o", dir)
	if code != exitOK {
		t.Fatalf("exit status: got %d, want 0 (%s)", code, errOut)
	}
	index, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.Systems() {
		t.Run(s.ID, func(t *testing.T) {
			if !strings.Contains(string(index), "("+s.ID+".md)") {
				t.Errorf("README.md: got no link to %s.md", s.ID)
			}
			doc, err := os.ReadFile(filepath.Join(dir, s.ID+".md"))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range cat.Entries() {
				if e.System != s.ID {
					continue
				}
				for _, want := range []string{"## " + codeLabel(e) + "\n", "(#" + anchor(e) + ")", e.Title.Ko, "### 해결 방법"} {
					if !strings.Contains(string(doc), want) {
						t.Errorf("%s.md: got no %q", s.ID, want)
					}
				}
			}
		})
	}
	// A nested list inside a fix stays inside its item.
	doc, _ := os.ReadFile(filepath.Join(dir, "demo.md"))
	if !strings.Contains(string(doc), "3. 계속 발생한다면:\n\n   1. 잔액 부족 알림을 켭니다.") {
		t.Errorf("demo.md: the nested list of fix 3 is not indented under it:\n%s", doc)
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	tests := []struct {
		env  map[string]string
		flag string
		want errdex.Lang
	}{
		{nil, "", errdex.English},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, "", errdex.Korean},
		{map[string]string{"LANG": "ko_KR.eucKR"}, "", errdex.Korean},
		{map[string]string{"LANG": "ko"}, "", errdex.Korean},
		{map[string]string{"LANG": "en_US.UTF-8"}, "", errdex.English},
		{map[string]string{"LANG": "C.UTF-8"}, "", errdex.English},
		{map[string]string{"LANG": "kok_IN"}, "", errdex.English}, // Konkani, not Korean
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"}, "", errdex.Korean},
		{map[string]string{"LC_MESSAGES": "ko_KR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "", errdex.English},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, "en", errdex.English},
	}
	for _, tt := range tests {
		t.Run(tt.flag+"/"+tt.env["LC_ALL"]+"/"+tt.env["LC_MESSAGES"]+"/"+tt.env["LANG"], func(t *testing.T) {
			o := outputFlags{lang: tt.flag, getenv: func(k string) string { return tt.env[k] }}
			got, ok := o.language()
			if !ok || got != tt.want {
				t.Errorf("got %q (ok %t), want %q", got, ok, tt.want)
			}
		})
	}
}

// TestWantColor: colour only on a terminal, and never with NO_COLOR or a
// dumb terminal.
func TestWantColor(t *testing.T) {
	for _, tc := range []struct {
		terminal bool
		env      map[string]string
		want     bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, map[string]string{}, true},
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{false, map[string]string{"TERM": "xterm"}, false},
	} {
		if got := wantColor(tc.terminal, func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("wantColor(%v, %v) = %v, want %v", tc.terminal, tc.env, got, tc.want)
		}
	}
}
