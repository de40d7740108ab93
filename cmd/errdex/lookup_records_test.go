package main

import (
	"strings"
	"testing"
)

// TestLookupShowsProviderRecords: a lookup of a provider's code answers
// the provider's record, with its exact message and its own meaning,
// before the entry it maps onto.
func TestLookupShowsProviderRecords(t *testing.T) {
	code, out, _ := runCLI(t, "", nil, "lookup", "iwinv sms 42")
	if code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	for _, want := range []string{
		"IWINV sms 42 · provider code → kmsg/INVALID_REQUEST", `"예약 전송 가능 시간이 아닙니다."`,
		"Meaning: The scheduled send time", "Page: /providers/iwinv/sms/42", "INVALID_REQUEST · K-Message",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, "IWINV sms 42"), strings.Index(out, "INVALID_REQUEST · K-Message"); i > j {
		t.Error("the record comes after the entry")
	}
	code, out, _ = runCLI(t, "", nil, "lookup", "--lang", "ko", "iwinv sms 0")
	if !strings.Contains(out, "이 코드에 해당하는 errdex 항목이 없습니다") || strings.Contains(out, "No entry has") {
		t.Errorf("a record without an entry:\n%s", out)
	}
	if code != exitOK {
		t.Errorf("a record without an entry: exit %d, want 0 (the record is the answer)", code)
	}
	// Kakao's REST codes: by code, by an SDK's name for it, with the
	// provider named.
	for _, args := range [][]string{{"lookup", "--", "-4"}, {"lookup", "blockedAccount"}, {"lookup", "kakao", "-4"}} {
		code, out, _ := runCLI(t, "", nil, args...)
		if code != exitOK || !strings.Contains(out, "Kakao REST API -4 · provider code") || !strings.Contains(out, "Page: /providers/kakao/-4") {
			t.Errorf("%q: exit %d:\n%s", args, code, out)
		}
	}
	if code, out, _ := runCLI(t, "", nil, "lookup", "Permission"); code != exitOK || !strings.Contains(out, "-5 · provider code → kakao-share/-5") {
		t.Errorf("Permission (iOS's name for -5): exit %d:\n%s", code, out)
	}
	// Every exact text of a record: Meta's 10 as Meta and as an SDK print it.
	if _, out, _ := runCLI(t, "", nil, "lookup", "meta 10"); !strings.Contains(out, `"Permission Denied"`) || !strings.Contains(out, `"API Permission Denied"`) {
		t.Errorf("meta 10: both titles wanted:\n%s", out)
	}
}
