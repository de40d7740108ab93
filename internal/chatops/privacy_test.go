package chatops_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/chatops"
	"github.com/errdex/errdex/internal/search"
)

// secretsPaste is what a support engineer pastes: a log line with a key, a
// phone number and an e-mail address.
const secretsPaste = "share send failed apiKey=sk_live_51HxYzABCDefGhIjKl to=010-1234-5678 user=kim@example.com KOE009"

var secretParts = []string{"sk_live_51HxYzABCDefGhIjKl", "1234-5678", "kim@example.com"}

// A failed search logs the length of the text, never the text.
func TestSearchFailureLogsNoText(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, chatops.SlackConfig{Logger: slog.New(slog.NewJSONHandler(&logs, nil))},
		&fake{err: errors.New("index closed")})
	h.ServeHTTP(httptest.NewRecorder(), signedRequest(t, secret, now, form(secretsPaste)))
	if !strings.Contains(logs.String(), "query_bytes") {
		t.Fatalf("the failure was not logged with the text's length:\n%s", logs.String())
	}
	for _, p := range append(secretParts, "KOE009", "send failed") {
		if strings.Contains(logs.String(), p) {
			t.Errorf("the log holds the user's text %q:\n%s", p, logs.String())
		}
	}
}

// What the answer echoes of the question (a shared answer's footer, "no
// match for ...") is masked.
func TestEchoIsMasked(t *testing.T) {
	for name, s := range map[string]*fake{
		"found":     {resp: results(entries()[0])},
		"not found": {resp: &search.Response{}},
	} {
		h := newHandler(t, chatops.SlackConfig{}, s)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signedRequest(t, secret, now, form(secretsPaste)))
		body := w.Body.String()
		for _, p := range secretParts {
			if strings.Contains(body, p) {
				t.Errorf("%s: the answer echoes %q unmasked:\n%s", name, p, body)
			}
		}
		if !strings.Contains(body, "KOE009") {
			t.Errorf("%s: the echo lost the error code:\n%s", name, body)
		}
	}
}

// A catalog link whose target is not a web URL is not a Slack link: a
// target of "!channel" would mention everyone in the channel.
func TestCatalogLinkTargets(t *testing.T) {
	e := entries()[0]
	bad := *e
	bad.Fixes = []errdex.Text{{En: "Ask [everyone](!channel) or [here](<!here>) or [ok](https://example.com/a|b)."}}
	h := newHandler(t, chatops.SlackConfig{}, &fake{resp: results(&bad)})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signedRequest(t, secret, now, form("4019")))
	body := w.Body.String()
	for _, bad := range []string{"<!channel", "<!here", "|b>"} {
		if strings.Contains(body, bad) {
			t.Errorf("the answer holds %q:\n%s", bad, body)
		}
	}
	if !strings.Contains(body, "<https://example.com/a%7Cb|ok>") {
		t.Errorf("the web link was not kept (with its | escaped):\n%s", body)
	}
}
