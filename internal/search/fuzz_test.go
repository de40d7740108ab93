package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// FuzzSearch feeds arbitrary queries to the whole search: it must answer
// or return a FieldError, never panic, and keep its limits.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"4019", "잔액이 부족해요", "*", "/.*/", "a~2", "field:", "tempalte not fou",
		`{"error":{"code":"invalid_api_key"}}`, "iwinv 519", "HTTP/1.1 429", "\xff", "[-401] domain mismatched! caller=x"} {
		f.Add(s, true)
	}
	ix := builtinIndex(f)
	f.Fuzz(func(t *testing.T, q string, prefix bool) {
		resp, err := ix.Search(context.Background(), search.Request{Query: q, Prefix: prefix, Limit: 5})
		if err != nil {
			var fe *errdex.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Search(%q): %v, want a FieldError or success", q, err)
			}
			if utf8.ValidString(q) && len(q) <= search.MaxQueryBytes {
				t.Fatalf("Search(%q) rejected a valid query: %v", q, err)
			}
			return
		}
		if len(resp.Results) > 5 || len(resp.Understood.Words) > search.MaxTerms {
			t.Fatalf("Search(%q): %d results, %d words: over the limits", q, len(resp.Results), len(resp.Understood.Words))
		}
		for _, r := range resp.Results {
			s := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(r.Snippet))
			if strings.ContainsAny(s, "<>") {
				t.Fatalf("Search(%q): snippet %q carries markup", q, r.Snippet)
			}
		}
	})
}

// FuzzIdentify feeds arbitrary pasted text to payload identification.
func FuzzIdentify(f *testing.F) {
	for _, s := range []string{
		`{"error":{"type":"authentication_error","code":"expired_api_key","message":"API key expired."}}`,
		`{"name":"KAPIError","msg":"wrong appKey(null) format","code":-401}`,
		`{"error":"misconfigured","error_description":"invalid android_key_hash","error_code":"KOE009"}`,
		`{"code":"INSUFFICIENT_BALANCE","providerErrorCode":"-102","provider":"aligo"}`,
		"HTTP/1.1 503 Service Unavailable\nRetry-After: 30",
		strings.Repeat("[", 10001), strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200),
	} {
		f.Add(s)
	}
	ix := builtinIndex(f)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := ix.Identify(context.Background(), text, errdex.Korean, 5)
		var fe *errdex.FieldError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("Identify(%q): %v, want a FieldError or success", text, err)
		}
	})
}
