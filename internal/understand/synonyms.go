package understand

// typedSynonyms map words people type to the words the catalog writes for
// the same thing: "whitelisted" for an IP or number the catalog calls
// allowed or registered, 발송 and 전송 (send) used alike by providers. A
// search counts a synonym as the word itself; the catalog's words are
// kept as they are, so this table is only what readers type.
var typedSynonyms = map[string][]string{
	// allow lists
	"whitelist": {"allowed", "registered"}, "whitelisted": {"allowed", "registered"},
	"whitelisting": {"allowed", "registered"}, "allowlist": {"allowed", "registered"},
	"allowlisted": {"allowed", "registered"}, "safelist": {"allowed", "registered"},
	"safelisted": {"allowed", "registered"},
	// block lists
	"blacklist": {"blocked"}, "blacklisted": {"blocked"}, "blocklist": {"blocked"},
	"blocklisted": {"blocked"}, "denylist": {"blocked"}, "denylisted": {"blocked"},
	"banned": {"blocked"},
	// Korean: sending, and the allow list
	"발송": {"전송"}, "전송": {"발송"}, "화이트리스트": {"허용", "등록"}, "블랙리스트": {"차단"},
}

// Synonyms returns the catalog's words for a lower-cased word typed, or
// nil. A Korean word is looked up by its stem, which the caller gives.
func Synonyms(w string) []string { return typedSynonyms[w] }
