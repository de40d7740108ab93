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
		// one block per error object of a JSON array
		{"a webhook of two failed statuses", strings.Join([]string{
			`{"entry":[{"changes":[{"value":{"statuses":[`,
			`  {"id":"wamid.B1","status":"failed","errors":[{"code":131049,"title":"x"}]},`,
			`  {"id":"wamid.B2","status":"failed",`,
			`   "errors":[{"code":131051,"title":"y"}]}`,
			`]}}]}]}`,
		}, "\n"), []want{{2, 2, 1, `{"id":"wamid.B1"`}, {3, 4, 1, `{"id":"wamid.B2"`}}},
		{"a paste starting inside the array", strings.Join([]string{
			`"statuses": [`,
			`  {"id": "w1", "status": "failed", "errors": [{"code": 131049}]},`,
			`  {"id": "w2", "status": "failed", "errors": [{"code": 131051}]}`,
			`]`,
		}, "\n"), []want{{2, 2, 1, `{"id": "w1"`}, {3, 3, 1, `{"id": "w2"`}}},
		{"an errors array of two on one line", `{"errors":[{"code":"E1","message":"a failed"},{"code":"E2","message":"b failed"}]}`,
			[]want{{1, 1, 1, `{"code":"E1"`}, {1, 1, 1, `{"code":"E2"`}}},
		{"braces inside strings are text", `{"errors":[{"code":"E1","message":"a \"}{[\" failed"},{"code":"E2","message":"b failed"}]}`,
			[]want{{1, 1, 1, `{"code":"E1"`}, {1, 1, 1, `{"code":"E2"`}}},
		{"the same error twice in an array", `{"failed":[{"id":"m1","errorCode":"E1"},{"id":"m2","errorCode":"E1"}]}`,
			[]want{{1, 1, 2, `{"id":"m1"`}}},
		{"one failed status beside a delivered one", `{"statuses":[{"status":"delivered"},{"status":"failed","errors":[{"code":131049}]}]}`,
			[]want{{1, 1, 1, `{"statuses"`}}},
		{"a reply that went well is no error", strings.Join([]string{
			`2026-11-30T10:00:00Z INFO aligo reply {"result_code":"1","message":"success","error_cnt":0}`,
			`2026-11-30T10:00:01Z ERROR aligo reply {"result_code":"-101","message":"인증오류입니다"}`,
			`{"statuses":[{"id":"w1","status":"delivered"},{"id":"w2","status":"read"}]}`,
		}, "\n"), []want{{2, 2, 1, "2026-11-30T10:00:01Z"}}},
		{"details of one error", `{"message":"The request body has 2 errors","details":[{"message":"May not be empty"},{"message":"Too long"}]}`,
			[]want{{1, 1, 1, `{"message"`}}},
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
