package pages_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
)

func fixtureCatalog(t *testing.T) *errdex.Catalog {
	t.Helper()
	cat, err := errdex.LoadDir("../testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestProviderRecordPages serves the permalink of each provider record,
// with its exact message, meaning, action, retry advice and entry.
func TestProviderRecordPages(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, fixtureCatalog(t)))
	tests := []struct {
		path   string
		status int
		want   []string
		absent []string
	}{
		{"/providers/aligo/-102", 200, []string{
			"잔액이 부족합니다", `lang="ko"`, "The prepaid balance is used up.", "Top up the Aligo balance.",
			`href="/codes/kmsg/INSUFFICIENT_BALANCE"`, "Aligo API spec, 2026-07", `href="https://example.com/aligo"`,
			"<dt>Also known as</dt><dd><code>lowBalance</code>, <code>LowBalance</code></dd>",
			`<code lang="en" data-copy>Balance is not enough to send</code>`,
		}, []string{"Retry advice of this code"}},
		{"/providers/aligo/-102?lang=ko", 200, []string{"충전 잔액을 모두 썼습니다.", "알리고 잔액을 충전합니다.", "<dt>다른 이름</dt>"}, nil},
		{"/providers/aligo/kakao-channel/-99", 200, []string{
			"No errdex entry maps this code.", "Retry advice of this code", "Retry with backoff.",
		}, []string{`href="/codes/`, "Also known as"}},
		{"/providers/aligo/-103", 404, nil, nil},
		{"/providers/nobody/-102", 404, nil, nil},
		{"/providers/aligo/sms/-102", 404, nil, nil},
	}
	for _, tt := range tests {
		res := get(t, e, tt.path)
		b := body(t, res)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.path, res.StatusCode, tt.status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(b, w) {
				t.Errorf("GET %s: no %q", tt.path, w)
			}
		}
		for _, w := range tt.absent {
			if strings.Contains(b, w) {
				t.Errorf("GET %s: has %q", tt.path, w)
			}
		}
	}
	res := get(t, e, "/providers/ALIGO/-102?lang=ko")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusFound || loc != "/providers/aligo/-102?lang=ko" {
		t.Errorf("another spelling: %d to %q, want 302 to the permalink", res.StatusCode, loc)
	}
}

// TestEntryPageShowsCatalogFields checks that an entry's page shows the
// provider records mapping onto it, its customer reply and where its
// sources disagree, and a system's page what it was checked against.
func TestEntryPageShowsCatalogFields(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, fixtureCatalog(t)))
	b := body(t, get(t, e, "/codes/kmsg/INSUFFICIENT_BALANCE"))
	for _, w := range []string{
		`id="records-heading"`, `href="/providers/aligo/-102"`, "잔액이 부족합니다", "The prepaid balance is used up.",
		`id="reply-heading"`, "We could not send your message because our sending account ran out of credit.",
		`id="contradictions-heading"`, "Which code means an empty balance", `href="https://example.com/a"`,
		"Provider B source code", "It is -201.",
	} {
		if !strings.Contains(b, w) {
			t.Errorf("entry page: no %q", w)
		}
	}
	b = body(t, get(t, e, "/codes/kmsg/RATE_LIMITED"))
	for _, w := range []string{`id="records-heading"`, `id="reply-heading"`, `id="contradictions-heading"`} {
		if strings.Contains(b, w) {
			t.Errorf("an entry without records, reply or contradictions shows %q", w)
		}
	}
	// It has no references: its system's official pages stand in.
	if !strings.Contains(b, `href="https://github.com/k-otp/k-msg"`) {
		t.Error("an entry without references does not link its system's official pages")
	}
	b = body(t, get(t, e, "/systems/kmsg"))
	for _, w := range []string{"k-msg 0.30.0 (2a9bc876, 2026-07-22)", `href="https://github.com/k-otp/k-msg"`} {
		if !strings.Contains(b, w) {
			t.Errorf("system page: no %q", w)
		}
	}
}

// TestLevelBadge shows a warning's level on its page and its cards, and
// no badge for an error.
func TestLevelBadge(t *testing.T) {
	fsys := fstest.MapFS{
		"systems.yaml": {Data: []byte("systems:\n  - {id: kmsg, name: {en: K-Message, ko: K-Message}, description: {en: D, ko: 디}}\n")},
		"kmsg.yaml": {Data: []byte(`system: kmsg
entries:
  - code: FAILOVER_PARTIAL_PROVIDER
    level: warning
    title: {en: Some sends failed over, ko: 일부 발송 전환}
    summary: {en: S, ko: 에스}
    causes: [{en: C, ko: 씨}]
    fixes: [{en: F, ko: 에프}]
    retry: {retryable: false, strategy: never, note: {en: N, ko: 엔}}
    related: [kmsg/SEND_FAILED]
  - code: SEND_FAILED
    title: {en: Send failed, ko: 발송 실패}
    summary: {en: S, ko: 에스}
    causes: [{en: C, ko: 씨}]
    fixes: [{en: F, ko: 에프}]
    retry: {retryable: false, strategy: never, note: {en: N, ko: 엔}}
    related: [kmsg/FAILOVER_PARTIAL_PROVIDER]
`)},
	}
	cat, err := errdex.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := newEcho(t, newIndex(t, cat))
	const badge = `class="pill level-warning"`
	if b := body(t, get(t, e, "/codes/kmsg/FAILOVER_PARTIAL_PROVIDER")); !strings.Contains(b, badge) {
		t.Error("a warning's page has no warning badge")
	}
	// SEND_FAILED's page shows the warning among its related cards, and
	// no badge of its own.
	b := body(t, get(t, e, "/codes/kmsg/SEND_FAILED"))
	if strings.Count(b, badge) != 1 {
		t.Errorf("SEND_FAILED's page: %d warning badges, want 1 (its related warning's card)", strings.Count(b, badge))
	}
	if b := body(t, get(t, e, "/search?q=failover")); !strings.Contains(b, badge) {
		t.Error("search results show no warning badge")
	}
	// The level is a facet: the listing links to the warnings alone.
	b = body(t, get(t, e, "/search?system=kmsg"))
	if !strings.Contains(b, "level=warning") || !strings.Contains(b, ">Warning<") {
		t.Error("the search page offers no level facet")
	}
	b = body(t, get(t, e, "/search?level=warning"))
	if !strings.Contains(b, "FAILOVER_PARTIAL_PROVIDER") || strings.Contains(b, `href="/codes/kmsg/SEND_FAILED"`) {
		t.Error("level=warning does not narrow the results to warnings")
	}
}

// TestProviderRecordHostile renders a record full of markup: none of it
// may come out as markup.
func TestProviderRecordHostile(t *testing.T) {
	fsys := fstest.MapFS{
		"systems.yaml": {Data: []byte("systems:\n  - {id: kmsg, name: {en: K-Message, ko: K-Message}, description: {en: D, ko: 디}}\n")},
		"kmsg.yaml": {Data: []byte(`system: kmsg
entries:
  - code: X
    title: {en: X, ko: 엑스}
    summary: {en: S, ko: 에스}
    causes: [{en: C, ko: 씨}]
    fixes: [{en: F, ko: 에프}]
    retry: {retryable: false, strategy: never, note: {en: N, ko: 엔}}
`)},
		"provider-evil.yaml": {Data: []byte(`provider: evil
name: "<script>alert(1)</script>"
system: kmsg
checked_against: "<img src=x onerror=alert(1)>"
references: [{title: "<b>t</b>", url: "https://example.com/\"><script>alert(1)</script>"}]
codes:
  - channel: sms
    code: "<svg>"
    message: "<script>alert(2)</script> message"
    meaning: {en: "<script>alert(3)</script>", ko: "<script>alert(3)</script>"}
    action: {en: "[x](javascript:alert(4))", ko: "<iframe>"}
    entry: X
`)},
	}
	cat, err := errdex.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := newEcho(t, newIndex(t, cat))
	for _, path := range []string{"/providers/evil/sms/%3Csvg%3E", "/codes/kmsg/X"} {
		res := get(t, e, path)
		b := body(t, res)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg>", "<iframe>", "javascript:", "<b>t</b>"} {
			if strings.Contains(b, bad) {
				t.Errorf("GET %s: %q came out as markup", path, bad)
			}
		}
	}
}

// TestSearchShowsProviderRecords: typing a provider's code in the search
// box answers the provider's record, with its meaning and its entry,
// above the results.
func TestSearchShowsProviderRecords(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, fixtureCatalog(t)))
	b := body(t, get(t, e, "/search?q=aligo+-102"))
	for _, w := range []string{`class="query-records"`, `href="/providers/aligo/-102"`, "The prepaid balance is used up.", `href="/codes/kmsg/INSUFFICIENT_BALANCE"`} {
		if !strings.Contains(b, w) {
			t.Errorf("search aligo -102: no %q", w)
		}
	}
	if b := body(t, get(t, e, "/search?q=balance")); strings.Contains(b, `class="query-records"`) {
		t.Error("a search naming no provider code shows records")
	}
}
