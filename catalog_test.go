package errdex_test

import (
	"flag"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// requiredCodes lists every code the source documents name, written from
// them (../shared/sources), so that an entry dropped by mistake fails here.
var requiredCodes = map[string][]string{
	// K-Message: KMsgErrorCode in k-msg 0.30.0 (17 codes).
	"kmsg": {
		"INVALID_REQUEST", "AUTHENTICATION_FAILED", "INSUFFICIENT_BALANCE", "TEMPLATE_NOT_FOUND",
		"RATE_LIMIT_EXCEEDED", "NETWORK_ERROR", "NETWORK_TIMEOUT", "NETWORK_SERVICE_UNAVAILABLE",
		"REQUEST_ABORTED", "PROVIDER_ERROR", "MESSAGE_SEND_FAILED", "UNKNOWN_ERROR",
		"CRYPTO_CONFIG_ERROR", "CRYPTO_ENCRYPT_FAILED", "CRYPTO_DECRYPT_FAILED", "CRYPTO_HASH_FAILED",
		"CRYPTO_POLICY_VIOLATION",
	},
	// Kirim: the errors table (27) and the asynchronous failed-send codes (5).
	"kirim": {
		"invalid_phone_number", "invalid_template_name", "missing_required_field", "invalid_field_value",
		"invalid_limit", "invalid_cursor", "invalid_webhook_url", "invalid_event_type",
		"missing_api_key", "invalid_api_key", "revoked_api_key", "expired_api_key",
		"feature_not_available", "organization_suspended", "resource_not_found",
		"idempotency_in_progress", "webhook_subscription_disabled", "idempotency_key_reuse",
		"whatsapp_number_not_verified", "cannot_revoke_last_secret", "outside_24h_window",
		"template_paused", "template_disabled", "rate_limit_exceeded", "internal_error",
		"whatsapp_upstream_error", "service_unavailable",
		"template_param_count_mismatch", "template_param_format_mismatch", "recipient_not_on_whatsapp",
		"recipient_blocked", "media_download_failed",
	},
	// Kakao Talk Share: 4002-5005 (no 4004, 4010 or 4014), KOE009 and -401.
	"kakao-share": {
		"4002", "4003", "4005", "4006", "4007", "4008", "4009", "4011", "4012", "4013", "4015",
		"4016", "4017", "4018", "4019", "4020", "4041", "5001", "5005", "KOE009", "-401",
	},
}

// kirimStatuses are the HTTP status and type of each code in Kirim's table.
var kirimStatuses = map[string]struct {
	status int
	typ    string
}{
	"invalid_phone_number": {400, "invalid_request_error"}, "missing_api_key": {401, "authentication_error"},
	"feature_not_available": {403, "permission_error"}, "resource_not_found": {404, "not_found"},
	"idempotency_in_progress": {409, "conflict"}, "idempotency_key_reuse": {422, "invalid_request_error"},
	"template_paused": {422, "invalid_request_error"}, "rate_limit_exceeded": {429, "rate_limit_error"},
	"internal_error": {500, "api_error"}, "whatsapp_upstream_error": {502, "api_error"},
	"service_unavailable": {503, "api_error"},
}

// metaCodes are Meta's codes (provider records of meta, "on-premises"
// for the legacy ones) and the Kirim entries they map onto, as Meta
// documents them: 132001 is "Template does not exist" (Kirim's table gives
// it to the format mismatch, Meta's 132012), 1006 and 1013 are old
// On-Premises codes.
var metaCodes = map[string]string{
	"131047": "outside_24h_window", "132015": "template_paused", "132016": "template_disabled",
	"132000": "template_param_count_mismatch", "132012": "template_param_format_mismatch",
	"132001": "invalid_template_name", "on-premises 1006": "recipient_not_on_whatsapp",
	"on-premises 1013": "recipient_blocked", "131053": "media_download_failed",
}

func builtin(t *testing.T) *errdex.Catalog {
	t.Helper()
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatalf("built-in catalog: %v", err)
	}
	return cat
}

// TestCatalogEntries walks the real catalog, one subtest per entry.
func TestCatalogEntries(t *testing.T) {
	cat := builtin(t)
	for _, e := range cat.Entries() {
		t.Run(e.ID(), func(t *testing.T) {
			for _, tx := range append([]errdex.Text{e.Title, e.Summary, e.Retry.Note}, append(e.Causes, e.Fixes...)...) {
				if strings.TrimSpace(tx.En) == "" || strings.TrimSpace(tx.Ko) == "" {
					t.Errorf("text %+v: want both English and Korean", tx)
				}
				if !hasHangul(tx.Ko) {
					t.Errorf("Korean text %q has no Hangul", tx.Ko)
				}
			}
			if e.Title.En == e.Title.Ko {
				t.Errorf("title is the same in both languages: %q", e.Title.En)
			}
			if len(e.References) == 0 {
				t.Error("no references: link the public pages the facts come from")
			}
			if strings.TrimSpace(e.CustomerReply.En) == "" || !hasHangul(e.CustomerReply.Ko) {
				t.Errorf("customer_reply %+v: want one in English and in Korean", e.CustomerReply)
			}
			for _, r := range cat.Related(e) {
				if r == e {
					t.Error("related to itself")
				}
			}
			if want, ok := kirimStatuses[e.Code]; ok && e.System == "kirim" {
				if e.HTTPStatus != want.status || e.Type != want.typ {
					t.Errorf("status %d type %q, want %d %q", e.HTTPStatus, e.Type, want.status, want.typ)
				}
			}
			for _, a := range e.Aliases {
				for q := range metaCodes {
					if e.System == "kirim" && a == strings.TrimPrefix(q, "on-premises ") {
						t.Errorf("alias %s: Meta's codes are provider records, not aliases", a)
					}
				}
			}
		})
	}
}

func hasHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}

func TestRequiredCodesPresent(t *testing.T) {
	cat := builtin(t)
	for system, codes := range requiredCodes {
		for _, code := range codes {
			if len(cat.Variants(system, code)) == 0 {
				t.Errorf("%s/%s: missing", system, code)
			}
		}
		if got, want := cat.Count(system), len(codes); got < want {
			t.Errorf("%s: %d entries, want at least %d", system, got, want)
		}
	}
	minus401 := cat.Variants("kakao-share", "-401")
	var variants []string
	for _, e := range minus401 {
		variants = append(variants, e.Variant)
	}
	if !slices.Equal(variants, []string{"domain-mismatched", "invalid-token", "wrong-appkey-format"}) {
		t.Errorf("-401 variants %q, want domain-mismatched, invalid-token (the REST API's expired or invalid token) and wrong-appkey-format", variants)
	}
	koe, ok := cat.Entry("kakao-share/KOE009")
	if !ok || !slices.Contains(koe.Related, "kakao-share/4019") {
		t.Error("KOE009 must be related to 4019")
	}
}

// TestMetaCodesAsMetaDocuments checks that each Meta code leads to the
// Kirim entry Meta's own table gives it, and that the entries whose Kirim
// mapping Meta contradicts say so.
func TestMetaCodesAsMetaDocuments(t *testing.T) {
	cat := builtin(t)
	for q, want := range metaCodes {
		recs := cat.ProviderRecords("meta " + q)
		if len(recs) != 1 || recs[0].EntryID() != "kirim/"+want {
			var got []string
			for _, r := range recs {
				got = append(got, r.ID()+" -> "+r.EntryID())
			}
			t.Errorf("meta %s: records %q, want one leading to kirim/%s", q, got, want)
		}
	}
	for _, id := range []string{"kirim/template_param_format_mismatch", "kirim/recipient_not_on_whatsapp", "kirim/recipient_blocked", "kirim/media_download_failed"} {
		e, ok := cat.Entry(id)
		if !ok {
			t.Errorf("%s: missing", id)
			continue
		}
		if len(e.Contradictions) == 0 {
			t.Errorf("%s: Kirim's and Meta's docs disagree about its code, and the entry does not say so", id)
		}
	}
}

func TestProviderCodesLeadToEntries(t *testing.T) {
	cat := builtin(t)
	tests := []struct{ key, provider, want string }{
		{"519", "iwinv", "kmsg/INSUFFICIENT_BALANCE"},
		{"-102", "aligo", "kmsg/INSUFFICIENT_BALANCE"},
		{"-100", "aligo", "kmsg/AUTHENTICATION_FAILED"},
		{"-501", "aligo", "kmsg/TEMPLATE_NOT_FOUND"},
		{"50", "iwinv", "kmsg/INSUFFICIENT_BALANCE"},
		{"ApiKeyError", "solapi", "kmsg/AUTHENTICATION_FAILED"},
		{"NetworkError", "solapi", "kmsg/NETWORK_ERROR"},
		{"132015", "meta", "kirim/template_paused"},
	}
	for _, tt := range tests {
		found := false
		for _, m := range cat.Lookup(tt.key, "") {
			if m.Entry.ID() == tt.want && (m.Field != errdex.MatchProviderCode || strings.HasPrefix(m.Value, tt.provider+":")) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: want it to lead to %s", tt.provider, tt.key, tt.want)
		}
	}
}

// TestRootImportsNoTransport keeps the domain package free of web, search
// and Markdown libraries.
func TestRootImportsNoTransport(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		for _, banned := range []string{"labstack/echo", "blevesearch", "yuin/goldmark", "net/http"} {
			if strings.Contains(imp, banned) {
				t.Errorf("package errdex imports %s", imp)
			}
		}
	}
}

// TestValidateGolden loads each catalog under testdata/validate and compares
// its problems with the golden file beside it.
func TestValidateGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "validate", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases under testdata/validate (%v)", err)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := problemsText(t, dir)
			golden := dir + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run go test -update to create): %v", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s (-want +got):\n-%s\n+%s", golden, want, got)
			}
		})
	}
}

func problemsText(t *testing.T, dir string) string {
	t.Helper()
	_, err := errdex.LoadDir(dir)
	var verr *errdex.ValidationError
	switch {
	case err == nil:
		return "ok\n"
	case !asValidation(err, &verr):
		t.Fatalf("LoadDir(%s): %v, want a *ValidationError", dir, err)
	}
	var b strings.Builder
	for _, p := range verr.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func asValidation(err error, target **errdex.ValidationError) bool {
	v, ok := err.(*errdex.ValidationError)
	*target = v
	return ok
}

func TestLoadEmptyAndTruncated(t *testing.T) {
	systems, err := os.ReadFile(filepath.Join("catalog", "systems.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(filepath.Join("catalog", "kakao-share.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"empty":           "",
		"only comments":   "# nothing here\n",
		"truncated":       string(whole[:len(whole)/3]),
		"cut after key":   "system: kakao-share\n",
		"not UTF-8":       "system: kmsg\nentries:\n  - code: \"\xff\"\n",
		"two documents":   "systems: []\n---\nsystems: []\n",
		"alias bomb":      aliasBomb,
		"unknown top key": "sistem: kmsg\n",
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"systems.yaml": {Data: systems},
				"case.yaml":    {Data: []byte(content)},
			}
			cat, err := errdex.Load(fsys)
			if err == nil {
				t.Fatalf("Load = %d entries, want problems", cat.Len())
			}
			var verr *errdex.ValidationError
			if !asValidation(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("error %v, want problems", err)
			}
			for _, p := range verr.Problems {
				if p.File == "" || p.Line < 0 {
					t.Errorf("problem %q lacks file or line", p)
				}
			}
		})
	}
}

// aliasBomb is a billion-laughs document: nine levels of nine aliases.
var aliasBomb = func() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		prev := "*a" + string(rune('0'+i-1))
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(prev+", ", 8)+prev)
	}
	b.WriteString("system: kmsg\nentries:\n  - code: X\n    aliases: *a8\n")
	return b.String()
}()

func TestVersionIsContentHash(t *testing.T) {
	a, b := builtin(t), builtin(t)
	if a.Version == "" || a.Version != b.Version {
		t.Errorf("versions %q and %q, want equal and non-empty", a.Version, b.Version)
	}
}
