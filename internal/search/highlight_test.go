package search

import (
	"slices"
	"strings"
	"testing"
)

func TestPlainMarkdownKeepsIdentifiers(t *testing.T) {
	tests := map[string]string{
		"invalid android_key_hash or ios_bundle_id":   "invalid android_key_hash or ios_bundle_id",
		"call `getBalance()` first":                   "call getBalance() first",
		"**Never** retry":                             "Never retry",
		"see [the guide](https://example.com) please": "see the guide please",
	}
	for in, want := range tests {
		if got := plainMarkdown(in); got != want {
			t.Errorf("plainMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkEscapesAndWindows(t *testing.T) {
	ix := builtinTestIndex(t)
	h := ix.newHighlighter([]string{"script"}, "en")
	got, ok := h.mark(h.tokens.get(h.analyzer, strings.Repeat("padding words here ", 20)+"<script>alert(1)</script> and more"))
	if !ok {
		t.Fatal("no match")
	}
	s := string(got)
	if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;<mark>script</mark>&gt;") {
		t.Errorf("mark = %q, want the tag escaped and the word marked", s)
	}
	if !strings.HasPrefix(s, "… ") {
		t.Errorf("mark = %q, want a window that starts near the match", s)
	}
}

func TestRequiredLiteral(t *testing.T) {
	tests := map[string]string{
		`(?-i)(?:"code"\s*:\s*"|\[)INVALID_REQUEST(?:"|\])`: "INVALID_REQUEST",
		`domain mismatched!?\s*caller=`:                     "domain mismatched",
		`wrong appKey\(.*\) format`:                         "wrong appKey(",
		`\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND)\b`:         "E", // the prefix they share
		`UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT`:          "UND_ERR_",
	}
	for expr, want := range tests {
		if got := requiredLiteral(expr); got != want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := map[string][]string{
		// Every branch holds msg, code and the number: no single literal
		// of the whole, but all three in every match.
		`\bmsg\b.*\bcode"?\s*:\s*-1\b|\bcode"?\s*:\s*-1\b.*\bmsg\b`: {"-1", "code", "msg"},
		`wrong appKey\(.*\) format`:                                 {") format", "wrong appkey("},
		`\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND)\b`:                 nil, // only "e" is shared
		`UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT`:                  {"_timeout", "und_err_"},
		`(?:foo)?bar|(?:bar)+`:                                      {"bar"},
		`a*|b`:                                                      nil,
	}
	for expr, want := range tests {
		if got := requiredLiterals(expr); !slices.Equal(got, want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestOneOfLiterals(t *testing.T) {
	tests := map[string][]string{
		`ApiFailureReason\.Internal\b|ApiErrorCause\.internalError\b`: {"errorcause.internalerror", "failurereason.internal"},
		`\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN)\b`:         {"ai_again", "connre", "notfound"},
		`domain mismatched!?\s*caller=`:                               {"domain mismatched"},
		`\bmsg\b.*\bcode"?\s*:\s*-1\b|\bcode"?\s*:\s*-1\b.*\bmsg\b`:   {"code"},
		`a+|bcd`: nil, // "a" is too short to look for
		`x*|abc`: nil, // a branch with no literal
	}
	for expr, want := range tests {
		if got := oneOfLiterals(expr); !slices.Equal(got, want) {
			t.Errorf("oneOfLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}
