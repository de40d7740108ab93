package main

import (
	"slices"
	"strings"
	"testing"
)

// stream is trimmed govulncheck v1.9.0 -format json output: one advisory
// called with no fix, one called with a fix, and one only imported.
const stream = `{"config":{"protocol_version":"v1.0.0","scanner_name":"govulncheck","scanner_version":"v1.9.0","db":"file:///db","go_version":"go1.27.3","scan_level":"symbol"}}
{"osv":{"id":"GO-2026-6872","summary":"Rate limiter bypass"}}
{"osv":{"id":"GO-2026-6842","summary":"Unbounded gzip"}}
{"osv":{"id":"GO-2026-5932","summary":"x/crypto issue"}}
{"finding":{"osv":"GO-2026-6872","trace":[{"module":"github.com/labstack/echo/v4","version":"v4.16.0"}]}}
{"finding":{"osv":"GO-2026-6872","trace":[{"module":"github.com/labstack/echo/v4","package":"github.com/labstack/echo/v4","function":"New"},{"module":"github.com/errdex/errdex","function":"NewServer"}]}}
{"finding":{"osv":"GO-2026-6842","fixed_version":"v4.16.1","trace":[{"module":"github.com/labstack/echo/v4","package":"github.com/labstack/echo/v4/middleware","function":"Decompress"}]}}
{"finding":{"osv":"GO-2026-5932","fixed_version":"v0.59.0","trace":[{"module":"golang.org/x/crypto","package":"golang.org/x/crypto/ssh"}]}}
`

func TestReview(t *testing.T) {
	tests := []struct {
		name                 string
		accepted             string
		failing, acceptedIDs []string
		unused               []string
	}{
		{"nothing accepted", "", []string{"GO-2026-6842", "GO-2026-6872"}, nil, nil},
		{"accepted without a fix", "GO-2026-6872 we set our own IPExtractor\n", []string{"GO-2026-6842"}, []string{"GO-2026-6872"}, nil},
		// A fix exists, so accepting it is not enough: take the fix.
		{"accepted but fixable", "GO-2026-6842 reason\nGO-2026-6872 reason\n", []string{"GO-2026-6842"}, []string{"GO-2026-6872"}, nil},
		// Only imported, never called: not a finding, so the entry is stale.
		{"stale entry", "# comment\n\nGO-2026-6872 r\nGO-2026-5932 r\n", []string{"GO-2026-6842"}, []string{"GO-2026-6872"}, []string{"GO-2026-5932"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc, err := parseAccepted(strings.NewReader(tt.accepted))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := review(strings.NewReader(stream), acc)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(rep.failing); !slices.Equal(got, tt.failing) {
				t.Errorf("failing = %v, want %v", got, tt.failing)
			}
			if got := ids(rep.accepted); !slices.Equal(got, tt.acceptedIDs) {
				t.Errorf("accepted = %v, want %v", got, tt.acceptedIDs)
			}
			if !slices.Equal(rep.unused, tt.unused) {
				t.Errorf("unused = %v, want %v", rep.unused, tt.unused)
			}
			var out strings.Builder
			rep.print(&out)
			if want := "govulncheck v1.9.0, go1.27.3, database file:///db"; !strings.HasPrefix(out.String(), want) {
				t.Errorf("report starts %q, want %q", out.String(), want)
			}
		})
	}
}

func TestReviewRejects(t *testing.T) {
	if _, err := parseAccepted(strings.NewReader("GO-2026-6872\n")); err == nil {
		t.Error("an accepted ID with no reason was taken")
	}
	if _, err := review(strings.NewReader(`{"finding":{"osv":"X","trace":[{"function":"f"}]}}`), nil); err == nil {
		t.Error("a stream with no config message was taken as govulncheck output")
	}
	if _, err := review(strings.NewReader(`{"config":{}} {"osv":`), nil); err == nil {
		t.Error("truncated JSON was taken")
	}
}

func ids(cs []called) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.id)
	}
	return out
}
