package main

import (
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/chatops"
	"github.com/errdex/errdex/internal/paths"
)

// TestNoInternalNamesAnywhere looks at every output of the built-in
// catalog a user can see, the CLI's, the export's, every page, every API
// answer and Slack's, for the names of the internal documents the catalog
// was written from ("003_f19ebbf9b5f57bcc.txt", "upstream-facts.md").
func TestNoInternalNamesAnywhere(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	check := func(where, out string) {
		t.Helper()
		checked++
		if n := errdex.InternalName(out); n != "" {
			i := strings.Index(out, n)
			t.Errorf("%s shows the internal name %q: …%s…", where, n, out[max(0, i-80):min(len(out), i+len(n)+40)])
		}
	}

	// The CLI and the export.
	lookups := []string{"iwinv sms 42", "aligo -101", "ApiKeyError", "meta 131026", "4019", "-401", "KOE009", "template_param_format_mismatch"}
	for _, args := range [][]string{
		{"export", "--format", "json"},
		{"export", "--format", "markdown", "--lang", "en"},
		{"export", "--format", "markdown", "--lang", "ko"},
		{"validate"},
		{"search", "잔액 부족"},
		{"identify", "예약 전송 가능 시간이 아닙니다."},
	} {
		_, out, errOut := runCLI(t, "", nil, args...)
		check("errdex "+strings.Join(args, " "), out+errOut)
	}
	for _, q := range lookups {
		for _, json := range []bool{false, true} {
			args := []string{"lookup", q}
			if json {
				args = append(args, "--json")
			}
			_, out, errOut := runCLI(t, "", nil, args...)
			check("errdex "+strings.Join(args, " "), out+errOut)
		}
	}

	// The pages, the API and Slack, from a real serve.
	s := startServeEnv(t, map[string]string{"ERRDEX_SLACK_SIGNING_SECRET": slackTestSecret}, "--base-url", "https://errdex.example")
	get := func(path string) {
		t.Helper()
		resp, err := http.Get(s.base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		check("GET "+path, string(b))
	}
	get("/")
	get("/api/v1/systems")
	for _, sys := range cat.Systems() {
		get("/systems/" + sys.ID)
		get("/systems/" + sys.ID + "?lang=ko")
	}
	for _, e := range cat.Entries() {
		get(paths.Entry(e))
		get(paths.Entry(e) + "?lang=ko")
		get("/api/v1/entries/" + e.ID())
		get("/api/v1/lookup?code=" + url.QueryEscape(e.Code))
	}
	for _, r := range cat.Records() {
		get(paths.Record(r))
		get("/api/v1/lookup?code=" + url.QueryEscape(r.Provider+" "+r.Channel+" "+r.Code))
	}
	for _, q := range append(lookups, "잔액이 부족합니다", "wrong appKey(null) format") {
		get("/search?q=" + url.QueryEscape(q))
		get("/api/v1/search?q=" + url.QueryEscape(q))
		body := slackForm(q)
		req, _ := http.NewRequest(http.MethodPost, s.base+"/chatops/slack", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		stamp := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(chatops.Sign(slackTestSecret, stamp, []byte(body))))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("Slack %q: %d %s", q, resp.StatusCode, b)
		}
		check("Slack /errdex "+q, string(b))
	}
	if min := 2*cat.Len() + len(cat.Records()); checked < min {
		t.Errorf("checked %d outputs, want at least %d", checked, min)
	}
}

const slackTestSecret = "0123456789abcdef0123456789abcdef"

func slackForm(text string) string {
	return url.Values{
		"team_id": {"T0001"}, "channel_id": {"C0001"}, "user_id": {"U0001"}, "user_name": {"dev"},
		"command": {"/errdex"}, "text": {text}, "response_url": {"https://hooks.slack.com/commands/1/2"},
	}.Encode()
}
