package search_test

import (
	"context"
	"testing"

	"github.com/errdex/errdex"
)

// TestLookupProviderRecords looks provider-qualified codes up through the
// provider records: with a channel, and where the entry's own code is the
// provider's (kirim/131026 is Meta's 131026).
func TestLookupProviderRecords(t *testing.T) {
	ix := builtinIndex(t)
	for q, want := range map[string]string{
		"iwinv sms 42":          "kmsg/INVALID_REQUEST",
		"iwinv alimtalk 519":    "kmsg/INSUFFICIENT_BALANCE",
		"aligo -101":            "kmsg/AUTHENTICATION_FAILED",
		"meta 131026":           "kirim/131026",
		"meta:131026":           "kirim/131026",
		"meta on-premises 1006": "kirim/recipient_not_on_whatsapp",
		"solapi ApiKeyError":    "kmsg/AUTHENTICATION_FAILED",
	} {
		ms := ix.Lookup(q, "")
		if len(ms) != 1 || ms[0].Entry.ID() != want || ms[0].Field != errdex.MatchProviderCode {
			var got []string
			for _, m := range ms {
				got = append(got, m.Entry.ID()+" "+string(m.Field))
			}
			t.Errorf("Lookup(%q) = %q, want %s by provider code", q, got, want)
		}
	}
	if ms := ix.Lookup("iwinv sms 0", ""); len(ms) != 0 {
		t.Errorf("iwinv sms 0 (success, no entry): %d matches, want none", len(ms))
	}
	if ms := ix.Lookup("meta 131026", "kmsg"); len(ms) != 0 {
		t.Errorf("meta 131026 in kmsg: %d matches, want none", len(ms))
	}
}

// TestLevelFilter narrows a search to warnings (k-msg's FAILOVER_* codes)
// and counts both levels in the facet.
func TestLevelFilter(t *testing.T) {
	ix := builtinIndex(t)
	resp, err := ix.Search(context.Background(), errdex.Request{Level: errdex.LevelWarning, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Total == 0 {
		t.Fatal("no warnings found")
	}
	for _, r := range resp.Results {
		if !r.Entry.IsWarning() {
			t.Errorf("%s (level %s) in a search for warnings", r.Entry.ID(), r.Entry.Level)
		}
	}
	all, err := ix.Search(context.Background(), errdex.Request{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	lv := all.Facets[errdex.FacetLevel]
	if lv[errdex.LevelWarning] != resp.Total || lv[errdex.LevelError]+lv[errdex.LevelWarning] != all.Total {
		t.Errorf("level facet %v: want %d warnings of %d", lv, resp.Total, all.Total)
	}
}
