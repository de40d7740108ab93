package errdex_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
)

func goodCatalog(t *testing.T) *errdex.Catalog {
	t.Helper()
	cat, err := errdex.LoadDir("testdata/validate/good")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestMessagePatternMatches(t *testing.T) {
	tests := []struct {
		msg   string
		match []string
		miss  []string
	}{
		{"Template not found: {templateCode}",
			[]string{"Template not found: TPL_01", `{"message":"template NOT found:   x"}`, "Template not found:\n\tx"},
			[]string{"Template found: x", "Templatenotfound: x", "not found"}},
		{"예약 전송 가능 시간이 아닙니다.",
			[]string{"[42] 예약 전송 가능 시간이 아닙니다.", "예약  전송 가능\t시간이 아닙니다."},
			[]string{"예약 전송 가능 시간입니다.", "예약 전송 가능 시간이 아닙니다"}},
		{"{field} is required for {channel} sends (got {n})",
			[]string{"to is required for SMS sends (got 0)", "phone number is required for ALIMTALK sends (got none)"},
			[]string{"to is required for SMS sends", "is required"}},
		{"Price (USD) is $1.00 [a+b]", []string{"price (usd) is $1.00 [a+b]"}, []string{"Price USD is $1.00 [a+b]"}},
	}
	for _, tt := range tests {
		pat, err := errdex.MessagePattern(tt.msg)
		if err != nil {
			t.Fatalf("%q: %v", tt.msg, err)
		}
		re := regexp.MustCompile("(?i)" + pat)
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Errorf("%q (%s) does not match %q", tt.msg, pat, s)
			}
		}
		for _, s := range tt.miss {
			if re.MatchString(s) {
				t.Errorf("%q (%s) matches %q", tt.msg, pat, s)
			}
		}
	}
	for _, bad := range []string{"", "   ", "{x}", "{a} {b} ab"} {
		if pat, err := errdex.MessagePattern(bad); err == nil {
			t.Errorf("MessagePattern(%q) = %q, want an error", bad, pat)
		}
	}
}

// TestBuiltinMessagePatternsCompile compiles the pattern of every message
// signature of the built-in catalog, as the search does.
func TestBuiltinMessagePatternsCompile(t *testing.T) {
	n := 0
	for _, e := range builtin(t).Entries() {
		for _, s := range e.Signatures {
			if s.Message == "" {
				continue
			}
			n++
			if _, err := regexp.Compile("(?i)" + s.Regex); err != nil {
				t.Errorf("%s: %q: %v", e.ID(), s.Message, err)
			}
		}
	}
	if n < 200 {
		t.Errorf("%d message signatures, want the upstream messages (200+)", n)
	}
}

func TestLoadFillsFromRecords(t *testing.T) {
	cat := goodCatalog(t)
	e, ok := cat.Entry("kmsg/INVALID_REQUEST")
	if !ok {
		t.Fatal("no kmsg/INVALID_REQUEST")
	}
	if e.Level != errdex.LevelError || e.IsWarning() {
		t.Errorf("level %q, want the default %q", e.Level, errdex.LevelError)
	}
	if w, _ := cat.Entry("kmsg/FAILOVER_PARTIAL_PROVIDER"); w == nil || !w.IsWarning() {
		t.Error("FAILOVER_PARTIAL_PROVIDER: want level warning")
	}
	want := []errdex.ProviderCode{{Provider: "iwinv", Channel: "sms", Codes: []string{"42", "13"}}}
	if len(e.ProviderCodes) != 1 || e.ProviderCodes[0].Provider != "iwinv" || !slices.Equal(e.ProviderCodes[0].Codes, want[0].Codes) {
		t.Errorf("provider codes %+v, want %+v (from the records)", e.ProviderCodes, want)
	}
	var fromRecord []string
	for _, s := range e.Signatures {
		if s.Regex == "" {
			t.Errorf("signature %+v: a message signature must carry its compiled pattern", s)
		}
		if s.Record != "" {
			fromRecord = append(fromRecord, s.Record+"="+s.Message)
		}
	}
	// 13's message is already the entry's own signature: not added twice;
	// 42's other message is a signature as its message is.
	if !slices.Equal(fromRecord, []string{"iwinv/sms/42=예약 전송 가능 시간이 아닙니다.", "iwinv/sms/42=예약 발송 가능 시간이 아닙니다: {time}"}) {
		t.Errorf("signatures from records %q", fromRecord)
	}
	ms := cat.Lookup("42", "")
	if len(ms) != 1 || ms[0].Entry != e || ms[0].Field != errdex.MatchProviderCode || ms[0].Value != "iwinv:42" {
		t.Errorf("Lookup(42) = %+v, want INVALID_REQUEST by provider code iwinv:42", ms)
	}
	r, ok := cat.Record("IWINV/SMS/42")
	if !ok || r.EntryID() != "kmsg/INVALID_REQUEST" || paths.Record(r) != "/providers/iwinv/sms/42" || r.System != "kmsg" {
		t.Fatalf("Record(IWINV/SMS/42) = %+v, %v", r, ok)
	}
	var got []string
	for _, r := range cat.RecordsFor(e) {
		got = append(got, r.ID())
	}
	if !slices.Equal(got, []string{"iwinv/sms/13", "iwinv/sms/42"}) {
		t.Errorf("RecordsFor = %q, want sms/13 then sms/42", got)
	}
	if r, _ := cat.Record("iwinv/alimtalk/519"); r == nil || r.EntryID() != "" || r.Retry == nil {
		t.Errorf("iwinv/alimtalk/519 = %+v: want no entry and its own retry", r)
	}
	if p, ok := cat.Provider("iwinv"); !ok || p.CheckedAgainst == "" || len(p.Codes) != 3 {
		t.Errorf("Provider(iwinv) = %+v", p)
	}
	if len(cat.Warnings) != 0 {
		t.Errorf("warnings %v, want none", cat.Warnings)
	}
}

func TestSourceIsRejected(t *testing.T) {
	fsys := fstest.MapFS{
		"systems.yaml": {Data: []byte("systems:\n  - {id: kmsg, name: {en: K, ko: 케이}, description: {en: D, ko: 디}}\n")},
		"kmsg.yaml": {Data: []byte(`system: kmsg
entries:
  - code: X
    title: {en: X, ko: 엑스}
    summary: {en: X, ko: 엑스}
    causes: [{en: X, ko: 엑스}]
    fixes: [{en: X, ko: 엑스}]
    retry: {retryable: false, strategy: never, note: {en: X, ko: 엑스}}
    references:
      - title: Repository
        url: https://github.com/k-otp/k-msg
      - title: Troubleshooting guide
        source: guide.txt
`)},
	}
	_, err := errdex.Load(fsys)
	var verr *errdex.ValidationError
	if !asValidation(err, &verr) || len(verr.Problems) != 1 || verr.Problems[0].Line != 13 ||
		!strings.Contains(verr.Problems[0].Message, "references[1]: source") {
		t.Errorf("Load: %v, want one problem at kmsg.yaml:13 for references[1].source", err)
	}
}

func TestInternalName(t *testing.T) {
	for s, want := range map[string]string{
		"see 003_f19ebbf9b5f57bcc.txt":  "003_f19ebbf9b5f57bcc.txt",
		"from upstream-facts.md, row 3": "upstream-facts.md",
		"UPSTREAM-CODES.MD":             "UPSTREAM-CODES.MD",
		"local copy 001_…":              "001_…",
		"KOE009 and -401":               "",
		"error_code 131_047":            "",
		"invalid_phone_number":          "",
	} {
		if got := errdex.InternalName(s); got != want {
			t.Errorf("InternalName(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestBuiltinSystemsSayWhatTheyWereCheckedAgainst(t *testing.T) {
	cat := builtin(t)
	for _, s := range cat.Systems() {
		if strings.TrimSpace(s.CheckedAgainst) == "" {
			t.Errorf("%s: no checked_against", s.ID)
		}
		if len(s.Links) == 0 {
			t.Errorf("%s: no links to its official pages", s.ID)
		}
	}
}

func TestProviderRecordsQuery(t *testing.T) {
	cat := goodCatalog(t)
	for q, want := range map[string][]string{
		"iwinv sms 42":        {"iwinv/sms/42"},
		"IWINV SMS 42":        {"iwinv/sms/42"},
		"iwinv:42":            {"iwinv/sms/42"},
		"iwinv/sms/42":        {"iwinv/sms/42"},
		"42":                  {"iwinv/sms/42"},
		"sms 42":              {"iwinv/sms/42"},
		"519":                 {"iwinv/alimtalk/519"},
		"iwinv 519":           {"iwinv/alimtalk/519"},
		"iwinv alimtalk 519":  {"iwinv/alimtalk/519"},
		"iwinv sms 519":       nil, // another channel's code
		"iwinv kakao 519":     nil, // two words that are not iwinv's
		"alimtalk iwinv 519":  {"iwinv/alimtalk/519"},
		"aligo 42":            nil, // a word that is no provider: not this record
		"iwinv":               nil,
		"iwinv sms":           nil,
		"":                    nil,
		"43":                  nil,
		"iwinv sms 42 please": nil,
		`"42"`:                {"iwinv/sms/42"},
		"aligo -101":          {"aligo/-101"},
		"Aligo SMS -101":      {"aligo/-101"}, // Aligo's send codes have no channel: sms narrows nothing
		"-101":                {"aligo/-101"},
		"iwinv -101":          nil,
		"authFailed":          {"aligo/-101"}, // an alias, ignoring case
		"aligo AUTHFAILED":    {"aligo/-101"},
		"iwinv authFailed":    nil,
	} {
		var got []string
		for _, r := range cat.ProviderRecords(q) {
			got = append(got, r.ID())
		}
		if !slices.Equal(got, want) {
			t.Errorf("ProviderRecords(%q) = %q, want %q", q, got, want)
		}
	}
	if got := cat.ProviderRecords(strings.Repeat("42 ", 1000)); got != nil {
		t.Errorf("a long query: %v, want nil", got)
	}
}
