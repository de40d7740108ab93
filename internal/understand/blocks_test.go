package understand

import (
	"strings"
	"testing"
)

func TestBlocks(t *testing.T) {
	type want struct {
		first, last, count int
		starts             string
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"one line", "KMsgError: Template not found", []want{{1, 1, 1, "KMsgError"}}},
		{"two errors, a line and an envelope", strings.Join([]string{
			"2026-11-02T10:14:03Z ERROR send failed code=INSUFFICIENT_BALANCE request_id=r1",
			`{"error": {"type": "rate_limit_error",`,
			`  "code": "rate_limit_exceeded", "message": "Too many requests"}}`,
		}, "\n"), []want{{1, 1, 1, "2026"}, {2, 3, 1, `{"error"`}}},
		{"repeats are one block with a count", strings.Join([]string{
			"2026-11-02T10:14:03Z ERROR send failed code=-401 request_id=r1",
			"2026-11-02T10:14:04Z INFO retrying",
			"2026-11-02T10:14:05Z ERROR send failed code=-401 request_id=r2",
			"2026-11-02T10:14:06Z ERROR send failed code=4019 request_id=r3",
		}, "\n"), []want{{1, 1, 2, "2026"}, {4, 4, 1, "2026"}}},
		{"a stack trace and the object Node prints", strings.Join([]string{
			"KMsgError: Template not found",
			"    at getTemplate (/app/x.js:364:9) {",
			"  code: 'TEMPLATE_NOT_FOUND',",
			"  details: { providerId: 'iwinv' }",
			"}",
		}, "\n"), []want{{1, 5, 1, "KMsgError"}}},
		{"a line saying nothing goes with the error before it", "ClientError(401): HTTP_401 - Unauthorized\nURL: https://api.solapi.com/x",
			[]want{{1, 2, 1, "ClientError"}}},
		{"an HTTP response with its body", "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{\"error\":{\"code\":\"expired_api_key\"}}\nsomething else failed",
			[]want{{1, 4, 1, "HTTP/1.1"}, {5, 5, 1, "something"}}},
		{"blank lines part errors", "first failed\n\nsecond failed", []want{{1, 1, 1, "first"}, {3, 3, 1, "second"}}},
		{"nothing that fails", "hello\nINFO all good", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Blocks(tt.text, newFake())
			if len(got) != len(tt.want) {
				t.Fatalf("%d blocks %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.First != w.first || g.Last != w.last || g.Count != w.count || !strings.HasPrefix(g.Text, w.starts) {
					t.Errorf("block %d = lines %d-%d count %d %.30q, want %d-%d count %d starting %q",
						i, g.First, g.Last, g.Count, g.Text, w.first, w.last, w.count, w.starts)
				}
			}
		})
	}
}

func TestBlocksBounded(t *testing.T) {
	var sb strings.Builder
	for i := range 5000 {
		sb.WriteString("ERROR failed number ")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString("\n")
	}
	if got := Blocks(sb.String(), newFake()); len(got) > maxBlocks {
		t.Errorf("%d blocks, want at most %d", len(got), maxBlocks)
	}
}
