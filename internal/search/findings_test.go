package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

func TestFindings(t *testing.T) {
	ix := builtinIndex(t)
	log := strings.Join([]string{
		`2026-11-02T10:14:03Z ERROR sender: KMsgError [INSUFFICIENT_BALANCE] to=010-1234-5678 request_id=req_1`,
		`2026-11-02T10:14:04Z INFO sender: retrying in 2s`,
		`2026-11-02T10:14:05Z ERROR sender: KMsgError [INSUFFICIENT_BALANCE] to=010-1234-5678 request_id=req_2`,
		`HTTP/1.1 429 Too Many Requests`,
		`Retry-After: 3`,
		``,
		`{"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Too many requests.","request_id":"req_3"}}`,
	}, "\n")
	resp, err := ix.Identify(context.Background(), log, errdex.English, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Findings) != 2 {
		t.Fatalf("%d findings %+v, want 2", len(resp.Findings), resp.Findings)
	}
	want := []struct {
		lines [2]int
		count int
		id    string
	}{{[2]int{1, 1}, 2, "kmsg/INSUFFICIENT_BALANCE"}, {[2]int{4, 7}, 1, "kirim/rate_limit_exceeded"}}
	for i, w := range want {
		f := resp.Findings[i]
		if f.Lines != w.lines || f.Count != w.count {
			t.Errorf("finding %d: lines %v count %d, want %v count %d", i, f.Lines, f.Count, w.lines, w.count)
		}
		if !f.Answer.Claims() || len(f.Results) == 0 || f.Results[0].Entry.ID() != w.id {
			t.Errorf("finding %d: %s %v, want %s found", i, f.Answer, f.Results, w.id)
		}
		if strings.Contains(f.Excerpt, "1234-5678") {
			t.Errorf("finding %d: excerpt %q shows the phone number", i, f.Excerpt)
		}
	}
	if resp.Answer != errdex.AnswerAmbiguous || len(resp.Results) < 2 ||
		resp.Results[0].Entry.ID() != want[0].id || resp.Results[1].Entry.ID() != want[1].id {
		t.Errorf("answer %s, results %v: want both errors first, ambiguous", resp.Answer, judged(resp))
	}

	// One error is one finding, the whole text.
	resp, err = ix.Identify(context.Background(), "KMsgError: Template not found\n    at getTemplate (/app/x.js:1:1)", errdex.English, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Findings) != 1 || resp.Findings[0].Lines != [2]int{1, 2} || resp.Findings[0].Answer != resp.Answer {
		t.Errorf("findings %+v, want one over lines 1-2 with the text's answer", resp.Findings)
	}
}

// TestFindingsPerErrorObject: a JSON document holding two errors side by
// side (a status webhook of two failed statuses) is two findings, each
// answered on its own.
func TestFindingsPerErrorObject(t *testing.T) {
	ix := builtinIndex(t)
	hook := strings.Join([]string{
		`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[`,
		` {"id":"wamid.X1","status":"failed","recipient_id":"821012345678","errors":[{"code":131049,"title":"not delivered"}]},`,
		` {"id":"wamid.X2","status":"failed","recipient_id":"821087654321","errors":[{"code":131026,"title":"Message Undeliverable."}]}`,
		`]}}]}]}`,
	}, "\n")
	resp, err := ix.Identify(context.Background(), hook, errdex.English, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"kirim/131049", "kirim/131026"}
	if len(resp.Findings) != len(want) {
		t.Fatalf("%d findings %+v, want %d", len(resp.Findings), resp.Findings, len(want))
	}
	for i, id := range want {
		f := resp.Findings[i]
		if f.Lines != [2]int{i + 2, i + 2} || !f.Answer.Claims() || len(f.Results) == 0 || f.Results[0].Entry.ID() != id {
			t.Errorf("finding %d: lines %v %s %v, want line %d, %s claimed", i, f.Lines, f.Answer, judged(&search.Response{Results: f.Results}), i+2, id)
		}
	}
	if resp.Answer != errdex.AnswerAmbiguous {
		t.Errorf("answer %s, want ambiguous (two errors)", resp.Answer)
	}
}

// TestFindingsLeaveOutSuccess: a reply in a log that reports success is no
// finding, and the one error beside it is answered on its own.
func TestFindingsLeaveOutSuccess(t *testing.T) {
	ix := builtinIndex(t)
	log := strings.Join([]string{
		`2026-11-30T10:00:00Z INFO aligo reply {"result_code":"1","message":"success","msg_id":"9","success_cnt":1,"error_cnt":0}`,
		`2026-11-30T10:00:01Z ERROR aligo reply {"result_code":"-101","message":"인증오류입니다.-apikey"}`,
	}, "\n")
	resp, err := ix.Identify(context.Background(), log, errdex.English, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Findings) != 1 {
		t.Fatalf("%d findings %+v, want the error alone", len(resp.Findings), resp.Findings)
	}
	f := resp.Findings[0]
	if f.Lines != [2]int{2, 2} || !f.Answer.Claims() || len(f.Results) == 0 || f.Results[0].Entry.ID() != "kmsg/AUTHENTICATION_FAILED" {
		t.Errorf("finding: lines %v %s %v, want line 2, kmsg/AUTHENTICATION_FAILED claimed", f.Lines, f.Answer, judged(&search.Response{Results: f.Results}))
	}
	if !resp.Answer.Claims() || resp.Results[0].Entry.ID() != "kmsg/AUTHENTICATION_FAILED" {
		t.Errorf("answer %s %v, want the error's", resp.Answer, judged(resp))
	}
}
