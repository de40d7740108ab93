package chatops_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/chatops"
)

// recorder is an http.RoundTripper that keeps what would go to Slack.
type recorder struct {
	reqs   []*http.Request
	bodies []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(req.Body)
	r.reqs = append(r.reqs, req)
	r.bodies = append(r.bodies, string(b))
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Header: http.Header{}}, nil
}

func press(value, responseURL string) string {
	p, _ := json.Marshal(map[string]any{
		"type": "block_actions", "response_url": responseURL, "user": map[string]string{"id": "U2147483697"},
		"actions": []map[string]string{{"action_id": chatops.ShareAction, "value": value}},
	})
	return url.Values{"payload": {string(p)}}.Encode()
}

func TestShareButton(t *testing.T) {
	es := entries()
	tests := []struct {
		name, value, url string
		resp             *errdex.Response
		wantPosts        int
		wantType         string
		want             string
	}{
		{"found is posted to the channel", "4019", "https://hooks.slack.com/actions/T1/2/3", results(es[0]), 1, chatops.InChannel, "Template not found"},
		{"the language chosen stays", "ko 4019", "https://hooks.slack.com/actions/T1/2/3", results(es[0]), 1, chatops.InChannel, "템플릿을 찾을 수 없음"},
		{"unsure stays with the asker", "please help", "https://hooks.slack.com/actions/T1/2/3",
			judged(errdex.AnswerUnsure, 0, errdex.ConfidenceWeak, es[2]), 1, chatops.Ephemeral, "Not posted to the channel"},
		{"only Slack's response URL", "4019", "https://evil.example/hook", results(es[0]), 0, "", ""},
		{"no http", "4019", "http://hooks.slack.com/actions/T1/2/3", results(es[0]), 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			h := newHandler(t, chatops.SlackConfig{BaseURL: "https://errdex.example", Client: &http.Client{Transport: rec}},
				service(&fake{resp: tt.resp}))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, signedRequest(t, secret, now, press(tt.value, tt.url)))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, want 200", w.Code)
			}
			if len(rec.reqs) != tt.wantPosts {
				t.Fatalf("posted %d answers, want %d", len(rec.reqs), tt.wantPosts)
			}
			if tt.wantPosts == 0 {
				return
			}
			if got := rec.reqs[0].URL.String(); got != tt.url {
				t.Errorf("posted to %s, want %s", got, tt.url)
			}
			var msg struct {
				ResponseType    string `json:"response_type"`
				ReplaceOriginal bool   `json:"replace_original"`
			}
			if err := json.Unmarshal([]byte(rec.bodies[0]), &msg); err != nil {
				t.Fatal(err)
			}
			if msg.ResponseType != tt.wantType || msg.ReplaceOriginal {
				t.Errorf("posted %s (replace_original %v), want %s and the original kept", msg.ResponseType, msg.ReplaceOriginal, tt.wantType)
			}
			if !strings.Contains(rec.bodies[0], tt.want) {
				t.Errorf("posted answer lacks %q: %s", tt.want, rec.bodies[0])
			}
			if strings.Contains(rec.bodies[0], chatops.ShareAction) {
				t.Errorf("a shared answer offers to share again: %s", rec.bodies[0])
			}
		})
	}
	t.Run("unsigned presses are refused", func(t *testing.T) {
		rec := &recorder{}
		h := newHandler(t, chatops.SlackConfig{Client: &http.Client{Transport: rec}}, service(&fake{resp: results(es[0])}))
		w := httptest.NewRecorder()
		r := signedRequest(t, "wrong", now, press("4019", "https://hooks.slack.com/actions/T1/2/3"))
		h.ServeHTTP(w, r)
		if w.Code != http.StatusUnauthorized || len(rec.reqs) != 0 {
			t.Errorf("got %d and %d posts, want 401 and none", w.Code, len(rec.reqs))
		}
	})
}
