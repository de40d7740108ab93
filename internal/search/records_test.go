package search_test

import (
	"context"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// TestTypedWording: what people type in their own words reaches the entry
// when a provider record mapping onto it says it (its message, or its
// meaning beside the provider's name), with the synonyms people type for
// the catalog's words (발송 for 전송, allowlisted for allowed), and a
// Korean span (24시간) counts as a word in identify as in search.
func TestTypedWording(t *testing.T) {
	ix := builtinIndex(t)
	for _, tt := range []struct {
		name, q, want string
	}{
		{"a record's message, 발송 for 전송", "최대 1000건 발송", "kmsg/INVALID_REQUEST"},
		{"a record's meaning beside its provider, allowlisted", "server ip not allowlisted aligo", "kmsg/AUTHENTICATION_FAILED"},
		{"a record's meaning beside its provider, whitelisted", "sender number not whitelisted iwinv", "kmsg/INVALID_REQUEST"},
		{"a Korean span", "고객 답장 24시간 지나서 보낼 수 없음", "kirim/outside_24h_window"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ix.Search(context.Background(), search.Request{Query: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			id, err := ix.Identify(context.Background(), tt.q, errdex.English, 10)
			if err != nil {
				t.Fatal(err)
			}
			for kind, resp := range map[string]*search.Response{"search": s, "identify": id} {
				if len(resp.Results) == 0 || resp.Results[0].Entry.ID() != tt.want {
					t.Errorf("%s %q: results %v, want %s first", kind, tt.q, judged(resp), tt.want)
				}
				if resp.Answer.Claims() && resp.Results[0].Entry.ID() != tt.want {
					t.Errorf("%s %q: claimed %s wrongly", kind, tt.q, resp.Results[0].Entry.ID())
				}
			}
		})
	}
}
