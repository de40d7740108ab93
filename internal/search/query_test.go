package search_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

func TestExactCodeOutranksText(t *testing.T) {
	ix := builtinIndex(t)
	for _, q := range []string{"4019", `"KOE009"`, "code=invalid_cursor", "[5001]", "error: 4041"} {
		resp := mustSearch(t, ix, search.Request{Query: q})
		if len(resp.Results) == 0 {
			t.Fatalf("q=%q: no results", q)
		}
		first := resp.Results[0]
		if first.Match != search.MatchCode && first.Match != search.MatchAlias {
			t.Errorf("q=%q: first result %s matched by %q, want code", q, first.Entry.ID(), first.Match)
		}
		for _, r := range resp.Results[1:] {
			if r.Score >= first.Score && r.Match == search.MatchText {
				t.Errorf("q=%q: text match %s scores %.2f >= exact %.2f", q, r.Entry.ID(), r.Score, first.Score)
			}
		}
	}
}

func TestCodeInSeveralSystemsListsAll(t *testing.T) {
	ix := builtinIndex(t)
	resp := mustSearch(t, ix, search.Request{Query: "rate_limit_exceeded"})
	got := ids(resp)
	for _, want := range []string{"kirim/rate_limit_exceeded", "kmsg/RATE_LIMIT_EXCEEDED"} {
		if i := slices.Index(got, want); i < 0 || i > 1 {
			t.Errorf("results %q: want %s in the first two", got, want)
		}
	}
	if m := ix.Lookup("RATE_LIMIT_EXCEEDED", ""); len(m) != 2 {
		t.Errorf("Lookup found %d entries, want 2", len(m))
	}
}

func TestLookupStripsNoiseAndQualifiesProviders(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		code, want string
	}{
		{"code=KOE009", "kakao-share/KOE009"},
		{`"4019"`, "kakao-share/4019"},
		{"error 4002", "kakao-share/4002"},
		{"iwinv 519", "kmsg/INSUFFICIENT_BALANCE"},
		{"aligo:-102", "kmsg/INSUFFICIENT_BALANCE"},
		{"131047", "kirim/outside_24h_window"},
	}
	for _, tt := range tests {
		ms := ix.Lookup(tt.code, "")
		if len(ms) == 0 || ms[0].Entry.ID() != tt.want {
			var got []string
			for _, m := range ms {
				got = append(got, m.Entry.ID())
			}
			t.Errorf("Lookup(%q) = %q, want %s first", tt.code, got, tt.want)
		}
	}
	if ms := ix.Lookup("aligo 519", ""); len(ms) != 0 {
		t.Errorf("Lookup(aligo 519) found %d, want none: 519 is IWINV's code", len(ms))
	}
}

func TestIdentifyEvidence(t *testing.T) {
	ix := builtinIndex(t)
	resp, err := ix.Identify(context.Background(),
		`{"name":"KAPIError","msg":"wrong appKey(null) format","code":-401}`, errdex.English, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) == 0 || resp.Results[0].Entry.ID() != "kakao-share/-401/wrong-appkey-format" {
		t.Fatalf("results %q, want the wrong-appkey-format variant first", ids(resp))
	}
	kinds := map[errdex.MatchKind]bool{}
	for _, ev := range resp.Results[0].Evidence {
		kinds[ev.Kind] = true
	}
	if !kinds[search.MatchCode] || !kinds[search.MatchSignature] {
		t.Errorf("evidence %+v, want code and signature", resp.Results[0].Evidence)
	}
	if !resp.Understood.Payload {
		t.Error("Understood.Payload = false, want true")
	}
}

func TestIdentifyFirst(t *testing.T) {
	ix := builtinIndex(t)
	for text, want := range map[string]string{
		"4019\n":                             "kakao-share/4019",
		"[-401] domain mismatched! caller=x": "kakao-share/-401/domain-mismatched",
		"HTTP/1.1 503 Service Unavailable":   "kirim/service_unavailable",
	} {
		resp, err := ix.Identify(context.Background(), text, errdex.English, 3)
		if err != nil || len(resp.Results) == 0 || resp.Results[0].Entry.ID() != want {
			t.Errorf("Identify(%q) = %v (err %v), want %s first", text, ids(resp), err, want)
		}
	}
	// A JSON payload with a code and no message is identified by the code
	// alone: its keys are not words to search.
	resp, err := ix.Identify(context.Background(), `{"error":{"code":"invalid_api_key"}}`, errdex.English, 10)
	if err != nil || resp.Total != 1 || resp.Results[0].Entry.ID() != "kirim/invalid_api_key" {
		t.Errorf("Identify(invalid_api_key envelope) = %v (total %d, err %v), want kirim/invalid_api_key alone", ids(resp), resp.Total, err)
	}
}

func TestIdentifyLogNoise(t *testing.T) {
	ix := builtinIndex(t)
	// Log noise and numbers are not searched as words, and whatever a
	// panic shares with entries by text, it is never taken for a code.
	resp, err := ix.Identify(context.Background(), "panic: runtime error: index out of range [3] with length 3", errdex.English, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range resp.Understood.Words {
		if w == "panic" || w == "runtime" || w == "error" || w == "3" {
			t.Errorf("searched word %q, want log noise and numbers left out", w)
		}
	}
	for _, r := range resp.Results {
		if r.Match != search.MatchText {
			t.Errorf("panic matched %s by %s, want text at most", r.Entry.ID(), r.Match)
		}
	}
	if _, err := ix.Identify(context.Background(), "  ", errdex.English, 5); !errors.Is(err, errdex.ErrInvalid) {
		t.Errorf("Identify(blank) error = %v, want ErrInvalid", err)
	}
}

func TestFiltersAndFacets(t *testing.T) {
	ix := builtinIndex(t)
	all := mustSearch(t, ix, search.Request{Limit: 100})
	if all.Total != ix.Catalog().Len() {
		t.Fatalf("empty query total %d, want every entry (%d)", all.Total, ix.Catalog().Len())
	}
	// Listing order is system then code.
	for i := 1; i < len(all.Results); i++ {
		a, b := all.Results[i-1].Entry, all.Results[i].Entry
		if a.System > b.System || a.System == b.System && strings.ToLower(a.Code) > strings.ToLower(b.Code) {
			t.Errorf("listing order: %s before %s", a.ID(), b.ID())
		}
	}
	// Every facet of the whole catalog, counted from the entries themselves.
	want := map[errdex.Facet]map[string]int{"system": {}, "http_status": {}, "type": {}, "retryable": {}, "level": {}}
	for _, e := range ix.Catalog().Entries() {
		want["system"][e.System]++
		want["level"][e.Level]++
		want["retryable"][strconv.FormatBool(e.Retry.Retryable)]++
		if e.HTTPStatus != 0 {
			want["http_status"][strconv.Itoa(e.HTTPStatus)]++
		}
		if e.Type != "" {
			want["type"][e.Type]++
		}
	}
	if !reflect.DeepEqual(all.Facets, want) {
		t.Errorf("facets of the empty query:\n got %v\nwant %v", all.Facets, want)
	}

	no := false
	resp := mustSearch(t, ix, search.Request{System: "kirim", HTTPStatus: 401, Retryable: &no, Limit: 100})
	if resp.Total == 0 {
		t.Fatal("kirim 401 non-retryable: nothing found")
	}
	for _, r := range resp.Results {
		e := r.Entry
		if e.System != "kirim" || e.HTTPStatus != 401 || e.Retry.Retryable {
			t.Errorf("filtered result %s (system %s, status %d, retryable %t) breaks a filter", e.ID(), e.System, e.HTTPStatus, e.Retry.Retryable)
		}
	}
	if got := resp.Facets["system"]; len(got) != 1 || got["kirim"] != resp.Total {
		t.Errorf("facets under a system filter = %v, want only kirim=%d", got, resp.Total)
	}
	typed := mustSearch(t, ix, search.Request{Query: "api key", Type: "authentication_error"})
	for _, r := range typed.Results {
		if r.Entry.Type != "authentication_error" {
			t.Errorf("type filter let %s (type %q) through", r.Entry.ID(), r.Entry.Type)
		}
	}
}

func TestCursorPaginationIsStableAndComplete(t *testing.T) {
	ix := builtinIndex(t)
	req := search.Request{Query: "api key", Limit: 3}
	var seen []string
	for page := 0; page < 50; page++ {
		resp := mustSearch(t, ix, req)
		seen = append(seen, ids(resp)...)
		if resp.NextCursor == "" {
			if len(seen) != resp.Total {
				t.Errorf("paged through %d results, want total %d", len(seen), resp.Total)
			}
			break
		}
		req.Cursor = resp.NextCursor
	}
	whole := mustSearch(t, ix, search.Request{Query: "api key", Limit: 100})
	if !slices.Equal(seen, ids(whole)[:len(seen)]) {
		t.Errorf("pages %q differ from one page %q", seen, ids(whole))
	}
}

func TestBadRequestsAreFieldErrors(t *testing.T) {
	ix := builtinIndex(t)
	first := mustSearch(t, ix, search.Request{Query: "api key", Limit: 2})
	tampered := []byte(first.NextCursor)
	tampered[3] ^= 1
	tests := []struct {
		name  string
		req   search.Request
		code  errdex.Violation
		param string
	}{
		{"limit too big", search.Request{Limit: 101}, errdex.CodeInvalidLimit, "limit"},
		{"limit negative", search.Request{Limit: -1}, errdex.CodeInvalidLimit, "limit"},
		{"garbage cursor", search.Request{Cursor: "!!!"}, errdex.CodeInvalidCursor, "cursor"},
		{"tampered cursor", search.Request{Query: "api key", Limit: 2, Cursor: string(tampered)}, errdex.CodeInvalidCursor, "cursor"},
		{"cursor of another query", search.Request{Query: "template", Limit: 2, Cursor: first.NextCursor}, errdex.CodeInvalidCursor, "cursor"},
		{"query too long", search.Request{Query: strings.Repeat("a", search.MaxQueryBytes+1)}, errdex.CodeInvalidValue, "q"},
		{"not UTF-8", search.Request{Query: "\xff\xfe"}, errdex.CodeInvalidValue, "q"},
		{"unknown system", search.Request{System: "nope"}, errdex.CodeInvalidValue, "system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			var fe *errdex.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v, want *errdex.FieldError", err)
			}
			if fe.Code != tt.code || fe.Param != tt.param {
				t.Errorf("got code %q param %q, want %q %q", fe.Code, fe.Param, tt.code, tt.param)
			}
		})
	}
}

// TestHostileQueriesAreCheap checks that query syntax never reaches Bleve:
// each of these answers (with results or none) rather than expanding.
func TestHostileQueriesAreCheap(t *testing.T) {
	ix := builtinIndex(t)
	queries := []string{"*", "/.*/", "*a*", "a~2", "x~2", "field:", "title_en:*", "+-!(){}[]^\"~*?:\\/",
		strings.Repeat("a ", 999), strings.Repeat("잔액 ", 250), strings.Repeat("x", 2000)}
	for _, q := range queries {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := ix.Search(ctx, search.Request{Query: q, Prefix: true})
		cancel()
		if err != nil {
			t.Errorf("Search(%.20q): %v", q, err)
			continue
		}
		if len(resp.Understood.Words) > search.MaxTerms {
			t.Errorf("Search(%.20q) searched %d words, want at most %d", q, len(resp.Understood.Words), search.MaxTerms)
		}
	}
}

func TestSnippetIsEscapedAndHighlighted(t *testing.T) {
	ix := builtinIndex(t)
	resp := mustSearch(t, ix, search.Request{Query: "quota increase"})
	if len(resp.Results) == 0 {
		t.Fatal("no results")
	}
	s := string(resp.Results[0].Snippet)
	if !strings.Contains(s, "<mark>") {
		t.Errorf("snippet %q has no <mark>", s)
	}
	stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(stripped, "<>") {
		t.Errorf("snippet %q has markup besides <mark>", s)
	}
	ko := mustSearch(t, ix, search.Request{Query: "잔액", Lang: errdex.Korean})
	if len(ko.Results) == 0 || !strings.Contains(string(ko.Results[0].Snippet), "<mark>") {
		t.Errorf("Korean snippet not highlighted: %+v", ko.Results)
	}
}

func TestSuggestionsWhenNothingMatches(t *testing.T) {
	ix := builtinIndex(t)
	for _, tt := range []struct{ q, want string }{
		{"KOE00", "kakao-share/KOE009"},
		{"invalid_cursr", "kirim/invalid_cursor"},
	} {
		resp := mustSearch(t, ix, search.Request{Query: tt.q})
		if resp.Total != 0 {
			continue // found by text, which is fine too
		}
		var got []string
		for _, s := range resp.Suggestions {
			got = append(got, s.Entry.ID())
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("q=%q suggestions %q, want %s", tt.q, got, tt.want)
		}
	}
	resp := mustSearch(t, ix, search.Request{Query: "zzqxj"})
	if resp.Total != 0 {
		t.Errorf("q=zzqxj found %d, want 0", resp.Total)
	}
}

func TestPrefixAsYouType(t *testing.T) {
	ix := builtinIndex(t)
	resp := mustSearch(t, ix, search.Request{Query: "webho", Prefix: true})
	if len(resp.Results) == 0 || !strings.Contains(resp.Results[0].Entry.Code, "webhook") {
		t.Errorf("q=webho (typing) results %q, want a webhook entry first", ids(resp))
	}
	resp = mustSearch(t, ix, search.Request{Query: "잔", Prefix: true, Lang: errdex.Korean})
	if len(resp.Results) == 0 {
		t.Errorf("q=잔 (typing) found nothing, want 잔액 entries")
	}
}
