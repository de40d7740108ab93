package search_test

import (
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
		if len(ms) != 1 || ms[0].Entry.ID() != want || ms[0].Field != errdex.FieldProviderCode {
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
