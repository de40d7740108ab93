package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeErrdex answers search and identify from a table keyed by the query.
func fakeErrdex(t *testing.T, answers map[string]answer) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, q string) {
		a, ok := answers[q]
		if !ok {
			a = answer{Answer: "none"}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(a)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /api/v1/search", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		if q == "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"results":[{"id":"kmsg/A"},{"id":"kmsg/B"},{"id":"kakao-share/-401/domain"}],"next_cursor":null,"answer":"found"}`)
			return
		}
		reply(w, q)
	})
	mux.HandleFunc("POST /api/v1/identify", func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("identify Content-Type %q, want text/plain", ct)
		}
		body, _ := io.ReadAll(r.Body)
		reply(w, string(body))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func writeSet(t *testing.T, yaml string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "set.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFigures(t *testing.T) {
	srv := fakeErrdex(t, map[string]answer{
		// right and first
		"a": {Answer: "found", Results: []result{{ID: "kmsg/A", Confidence: "certain"}}},
		// right within 2, but claimed with a wrong first result
		"b": {Answer: "found", Results: []result{{ID: "kmsg/A"}, {ID: "kmsg/B"}}},
		// a variant counts for its code; mentions must be in title or summary
		"v": {Answer: "ambiguous", Results: []result{{ID: "kakao-share/-401/domain", Title: "domain mismatched"}}},
		// noise answered: the worst case
		"n1": {Answer: "found", Results: []result{{ID: "kmsg/A"}}},
		"n2": {Answer: "unsure", Results: []result{{ID: "kmsg/A", Confidence: "weak"}}},
	})
	set := writeSet(t, `cases:
- {q: a, expect: [kmsg/A], within: 1}
- {q: b, expect: [kmsg/B], within: 2}
- {q: v, expect: [kakao-share/-401], mentions: Domain, within: 1}
- {q: missing, expect: [kmsg/C], within: 3}
- {q: n1, noise: true}
- {q: n2, noise: true}
- {q: n3, noise: true}
`)
	var out, errOut strings.Builder
	if code := run([]string{"-base", srv.URL, set}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{
		"| search | 3/4 75.0% | 2/4 50.0% | 3/4 75.0% | 2/4 50.0% | 1/4 25.0% | 2/3 66.7% | 0 |",
		"| identify | 3/4 75.0% | 2/4 50.0% | 3/4 75.0% | 2/4 50.0% | 1/4 25.0% | 2/3 66.7% | 0 |",
		"want kmsg/C within 3 [not in the served catalog]",
		"only the 3 cases whose entry the served catalog has: right 3/3 100.0%",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// Claimed answers on noise are listed before misses.
	if i, j := strings.Index(got, "CLAIMED-WRONG `n1`"), strings.Index(got, "MISSED `missing`"); i < 0 || j < 0 || i > j {
		t.Errorf("failure order wrong (claimed %d, missed %d):\n%s", i, j, got)
	}
}

func TestFindings(t *testing.T) {
	two := answer{Answer: "found", Results: []result{{ID: "kmsg/A"}, {ID: "kmsg/B"}},
		Findings: []finding{
			{Answer: "found", Results: []result{{ID: "kmsg/A"}}},
			{Answer: "unsure", Results: []result{{ID: "kmsg/B"}}},
		}}
	srv := fakeErrdex(t, map[string]answer{"x": two})
	set := writeSet(t, "cases:\n- {q: x, expect: [kmsg/A, kmsg/B], within: 2, findings: [kmsg/A, kmsg/B]}\n")
	var out strings.Builder
	run([]string{"-base", srv.URL, set}, &out, io.Discard)
	if !strings.Contains(out.String(), "identify findings complete (`findings:` cases): 0/1 0.0%") {
		t.Errorf("an unsure finding must not count as found:\n%s", out.String())
	}
	if strings.Contains(out.String(), "set.yaml search: 1 failures") {
		t.Errorf("findings are an identify check only:\n%s", out.String())
	}
}

func TestUsage(t *testing.T) {
	set := writeSet(t, "cases:\n- {q: a, expect: [kmsg/A]}\n")
	for name, args := range map[string][]string{
		"no base":      {set},
		"no set":       {"-base", "http://127.0.0.1:1"},
		"bad base":     {"-base", "127.0.0.1:1", set},
		"missing file": {"-base", "http://127.0.0.1:1", filepath.Join(t.TempDir(), "none.yaml")},
		"no expect":    {"-base", "http://127.0.0.1:1", writeSet(t, "cases:\n- {q: a}\n")},
	} {
		if code := run(args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%s: exit %d, want 2", name, code)
		}
	}
	// A server that is down is not a usage error: the figures say so.
	var out strings.Builder
	if code := run([]string{"-base", "http://127.0.0.1:1", set}, &out, io.Discard); code != 0 {
		t.Errorf("server down: exit %d, want 0", code)
	}
	if !strings.Contains(out.String(), "WARNING") {
		t.Errorf("server down: no warning in\n%s", out.String())
	}
}
