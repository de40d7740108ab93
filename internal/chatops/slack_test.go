package chatops_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/chatops"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/web"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const secret = "8f742231b10e8888abcd99yyyzzz85a5"

// now is the fixed clock of the tests.
var now = time.Unix(1_700_000_000, 0)

// signedRequest builds a slash-command POST signed as Slack signs it, at
// time ts, with the given secret.
func signedRequest(t *testing.T, secret string, ts time.Time, body string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/chatops/slack", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	stamp := strconv.FormatInt(ts.Unix(), 10)
	r.Header.Set("X-Slack-Request-Timestamp", stamp)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(chatops.Sign(secret, stamp, []byte(body))))
	return r
}

// form is a slash command's body as Slack posts it.
func form(text string) string {
	return url.Values{
		"token":        {"deprecated-verification-token"},
		"team_id":      {"T0001"},
		"channel_id":   {"C2147483705"},
		"user_id":      {"U2147483697"},
		"user_name":    {"jiwoo"},
		"command":      {"/errdex"},
		"text":         {text},
		"response_url": {"https://hooks.slack.com/commands/1234/5678"},
		"trigger_id":   {"13345224609.738474920.8088930838d88f008e0"},
	}.Encode()
}

// fake answers searches with canned responses, and records the requests.
type fake struct {
	resp     *search.Response
	err      error
	searched []search.Request
	identify []string
}

func (f *fake) Search(_ context.Context, req search.Request) (*search.Response, error) {
	f.searched = append(f.searched, req)
	if f.err != nil {
		return nil, f.err
	}
	r := *f.resp
	r.Query = req.Query
	return &r, nil
}

// Catalog gives the fake the built-in catalog's systems, for their names.
func (f *fake) Catalog() *errdex.Catalog {
	cat, err := errdex.Builtin()
	if err != nil {
		panic(err)
	}
	return cat
}

func (f *fake) Identify(_ context.Context, text string, lang errdex.Lang, limit int) (*search.Response, error) {
	f.identify = append(f.identify, text)
	return f.Search(context.Background(), search.Request{Query: text, Lang: lang, Limit: limit})
}

// The rest makes a fake an errdex.Index, to serve through the application
// service.
func (f *fake) Lookup(code, system string) []errdex.Match { return nil }
func (f *fake) Close() error                              { return nil }

// service is the application service answering from f, as in the server.
func service(f *fake) *app.Service { return app.New(live.NewHolder(f, nil), app.Config{}) }

func newHandler(t *testing.T, cfg chatops.SlackConfig, s chatops.Searcher) *chatops.Slack {
	t.Helper()
	if cfg.SigningSecret == "" {
		cfg.SigningSecret = secret
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return now }
	}
	h, err := chatops.NewSlack(cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestVerification(t *testing.T) {
	found := &fake{resp: &search.Response{Total: 1, Results: []search.Result{{Entry: entries()[0]}}}}
	tests := []struct {
		name    string
		request func(t *testing.T) *http.Request
		want    int
	}{
		{"signed", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now, form("4019"))
		}, http.StatusOK},
		{"signed four minutes ago", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now.Add(-4*time.Minute), form("4019"))
		}, http.StatusOK},
		{"wrong secret", func(t *testing.T) *http.Request {
			return signedRequest(t, "not-the-secret", now, form("4019"))
		}, http.StatusUnauthorized},
		{"stale timestamp", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now.Add(-6*time.Minute), form("4019"))
		}, http.StatusUnauthorized},
		{"timestamp far in the future", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now.Add(6*time.Minute), form("4019"))
		}, http.StatusUnauthorized},
		{"tampered body", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Body = http.NoBody
			tampered := form("<!channel> 4019")
			r.Body = readCloser(tampered)
			r.ContentLength = int64(len(tampered))
			return r
		}, http.StatusUnauthorized},
		{"timestamp changed after signing", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix()-1, 10))
			return r
		}, http.StatusUnauthorized},
		{"missing signature", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Del("X-Slack-Signature")
			return r
		}, http.StatusUnauthorized},
		{"missing timestamp", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Del("X-Slack-Request-Timestamp")
			return r
		}, http.StatusUnauthorized},
		{"timestamp not a number", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Set("X-Slack-Request-Timestamp", "yesterday")
			return r
		}, http.StatusUnauthorized},
		{"signature without v0", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Set("X-Slack-Signature", strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0="))
			return r
		}, http.StatusUnauthorized},
		{"signature not hex", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Set("X-Slack-Signature", "v0=zzzz")
			return r
		}, http.StatusUnauthorized},
		{"truncated signature", func(t *testing.T) *http.Request {
			r := signedRequest(t, secret, now, form("4019"))
			r.Header.Set("X-Slack-Signature", r.Header.Get("X-Slack-Signature")[:20])
			return r
		}, http.StatusUnauthorized},
		{"GET", func(t *testing.T) *http.Request {
			return httptest.NewRequest(http.MethodGet, "/chatops/slack", nil)
		}, http.StatusMethodNotAllowed},
		{"body over the limit", func(t *testing.T) *http.Request {
			return signedRequest(t, secret, now, form(strings.Repeat("가", chatops.MaxBodyBytes)))
		}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHandler(t, chatops.SlackConfig{}, found)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.request(t))
			if w.Code != tt.want {
				t.Errorf("status: got %d, want %d (body %q)", w.Code, tt.want, w.Body.String())
			}
			if w.Code != http.StatusOK && strings.Contains(w.Body.String(), "4019") {
				t.Errorf("a refused request got an answer: %q", w.Body.String())
			}
		})
	}
}

func readCloser(s string) *nopCloser { return &nopCloser{strings.NewReader(s)} }

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestSSLCheck(t *testing.T) {
	s := &fake{resp: &search.Response{}}
	h := newHandler(t, chatops.SlackConfig{}, s)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signedRequest(t, secret, now, "ssl_check=1&token=x"))
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("got %d %q, want 200 and no body", w.Code, w.Body.String())
	}
	if len(s.searched) != 0 {
		t.Errorf("got %d searches for an SSL check, want 0", len(s.searched))
	}
}

func TestNewSlackNeedsSecret(t *testing.T) {
	if _, err := chatops.NewSlack(chatops.SlackConfig{}, &fake{}); err == nil {
		t.Error("got no error for an empty signing secret, want one")
	}
	if _, err := chatops.NewSlack(chatops.SlackConfig{SigningSecret: "s"}, nil); err == nil {
		t.Error("got no error for a nil searcher, want one")
	}
}

// entries are three made-up entries covering what the answer shows.
func entries() []*errdex.Entry {
	return []*errdex.Entry{
		{
			System: "kakao-share", Code: "4019", HTTPStatus: 400,
			Title:   errdex.Text{En: "Template not found", Ko: "템플릿을 찾을 수 없음"},
			Summary: errdex.Text{En: "The `templateId` names no template of this app.", Ko: "`templateId`에 해당하는 이 앱의 템플릿이 없습니다."},
			Causes:  []errdex.Text{{En: "A typo in the template ID.", Ko: "템플릿 ID 오타."}},
			Fixes: []errdex.Text{
				{En: "Copy the ID from **[Message] > [Templates]** & send again <b>now</b>.", Ko: "**[메시지] > [템플릿]**에서 ID를 복사해 다시 보냅니다."},
				{En: "Use the app key of the same app.", Ko: "같은 앱의 앱 키를 씁니다."},
			},
			Retry: errdex.Retry{Strategy: errdex.RetryAfterFixed, Note: errdex.Text{En: "Fix the ID first.", Ko: "ID부터 고치세요."}},
			CustomerReply: errdex.Text{En: "We are fixing a setting on our side; please try again in a few minutes.",
				Ko: "저희 쪽 설정을 고치고 있습니다. 몇 분 뒤에 다시 시도해 주세요."},
		},
		{
			System: "kakao-share", Code: "-401", Variant: "domain-mismatched", HTTPStatus: 401,
			Title:      errdex.Text{En: "Domain not registered", Ko: "등록되지 않은 도메인"},
			Summary:    errdex.Text{En: "The page's domain is not registered.", Ko: "페이지 도메인이 등록되지 않았습니다."},
			Signatures: []errdex.Signature{{Text: "[-401] domain mismatched"}},
			Fixes:      []errdex.Text{{En: "Register it.", Ko: "등록합니다."}},
			Retry:      errdex.Retry{Strategy: errdex.RetryNever, Note: errdex.Text{En: "It fails until fixed.", Ko: "고칠 때까지 실패합니다."}},
		},
		{
			System: "kmsg", Code: "INSUFFICIENT_BALANCE",
			Title:   errdex.Text{En: "Not enough balance to send", Ko: "발송 잔액 부족"},
			Summary: errdex.Text{En: "The prepaid balance does not cover the send.", Ko: "충전 잔액이 발송 비용보다 적습니다."},
			Fixes:   []errdex.Text{{En: "Top up, then send again.", Ko: "잔액을 충전한 뒤 다시 보냅니다."}},
			Retry:   errdex.Retry{Strategy: errdex.RetryAfterFixed, Note: errdex.Text{En: "Top up first.", Ko: "먼저 충전하세요."}},
		},
		{
			System: "kakao-share", Code: "-401", Variant: "wrong-appkey-format", HTTPStatus: 401,
			Title:      errdex.Text{En: "Wrong app key format", Ko: "앱 키 형식 오류"},
			Summary:    errdex.Text{En: "The app key is missing or mistyped.", Ko: "앱 키가 없거나 잘못 입력되었습니다."},
			Fixes:      []errdex.Text{{En: "Use the JavaScript key.", Ko: "JavaScript 키를 씁니다."}},
			Signatures: []errdex.Signature{{Text: "wrong appKey(null) format"}},
			Retry:      errdex.Retry{Strategy: errdex.RetryNever},
		},
	}
}

// results is a found answer: the first entry certain, the others weak.
func results(es ...*errdex.Entry) *search.Response {
	r := &search.Response{Total: len(es), Answer: errdex.AnswerFound}
	for i, e := range es {
		c := errdex.ConfidenceWeak
		if i == 0 {
			c = errdex.ConfidenceCertain
		}
		r.Results = append(r.Results, search.Result{Entry: e, Confidence: c})
	}
	return r
}

// builtinEntry is an entry of the built-in catalog, the one the fake
// serves records from.
func builtinEntry(t *testing.T, id string) *errdex.Entry {
	t.Helper()
	e, ok := (&fake{}).Catalog().Entry(id)
	if !ok {
		t.Fatalf("no entry %s in the built-in catalog", id)
	}
	return e
}

// judged is an answer of the given kind: the first n results at
// confidence c, the rest weak.
func judged(a errdex.Answer, n int, c errdex.Confidence, es ...*errdex.Entry) *search.Response {
	r := results(es...)
	r.Answer = a
	for i := range r.Results {
		r.Results[i].Confidence = errdex.ConfidenceWeak
		if i < n {
			r.Results[i].Confidence = c
		}
	}
	return r
}

func TestAnswers(t *testing.T) {
	es := entries()
	five := results(es[0], es[1], es[2], es[1], es[2]) // more than 1+Candidates
	tests := []struct {
		name      string
		cfg       chatops.SlackConfig
		searcher  *fake
		text      string
		golden    string
		wantQuery string
		wantLang  errdex.Lang
	}{
		{name: "best match and candidates", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example/"},
			searcher: &fake{resp: five}, text: "4019", golden: "best.json", wantQuery: "4019", wantLang: errdex.English},
		{name: "Korean text answers in Korean", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: results(es[2])}, text: "잔액 부족", golden: "korean.json", wantQuery: "잔액 부족", wantLang: errdex.Korean},
		{name: "share posts to the channel", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: results(es[1])}, text: "share -401", golden: "share.json", wantQuery: "-401", wantLang: errdex.English},
		{name: "in_channel by configuration, ko by word", cfg: chatops.SlackConfig{InChannel: true},
			searcher: &fake{resp: results(es[0])}, text: "ko  4019", golden: "in_channel_no_base_url.json", wantQuery: "4019", wantLang: errdex.Korean},
		{name: "empty text is help", searcher: &fake{resp: five}, text: "  ", golden: "help.json"},
		{name: "help word", searcher: &fake{resp: five}, text: "help", golden: "help.json"},
		{name: "nothing found", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: &search.Response{Suggestions: []search.Suggestion{{Entry: es[0], Reason: "similar code"}}}},
			text:     "4091 <!channel>", golden: "not_found.json", wantQuery: "4091 <!channel>", wantLang: errdex.English},
		{name: "ambiguous answers side by side", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: judged(errdex.AnswerAmbiguous, 2, errdex.ConfidenceCertain, es[1], es[3], es[2])},
			text:     "-401", golden: "ambiguous.json", wantQuery: "-401", wantLang: errdex.English},
		{name: "unsure says so", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: judged(errdex.AnswerUnsure, 0, errdex.ConfidenceWeak, es[2], es[0])},
			text:     "please help", golden: "unsure.json", wantQuery: "please help", wantLang: errdex.English},
		{name: "an unsure share posts nothing and says so", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: judged(errdex.AnswerUnsure, 0, errdex.ConfidenceWeak, es[2], es[0])},
			text:     "share please help", golden: "unsure_share.json", wantQuery: "please help", wantLang: errdex.English},
		{name: "nothing found is not shared", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: &search.Response{Answer: errdex.AnswerNone}},
			text:     "share 4091", golden: "not_found_share.json", wantQuery: "4091", wantLang: errdex.English},
		{name: "a variant shown as such", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: results(es[3])},
			text:     "ko wrong appKey(null) format", golden: "variant_ko.json", wantQuery: "wrong appKey(null) format", wantLang: errdex.Korean},
		{name: "a pasted English log with a Korean message stays English", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: results(es[2])},
			text:     "2026-11-22T04:00:01Z ERROR send failed\n2026-11-22T04:00:01Z ERROR provider said: 잔액이 부족합니다",
			golden:   "paste_with_korean.json", wantQuery: "2026-11-22T04:00:01Z ERROR send failed\n2026-11-22T04:00:01Z ERROR provider said: 잔액이 부족합니다",
			wantLang: errdex.English},
		{name: "a provider's code no entry maps is its record, not weak matches", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: judged(errdex.AnswerUnsure, 0, errdex.ConfidenceWeak, es[2], es[0])},
			text:     "-4", golden: "record_only.json", wantQuery: "-4", wantLang: errdex.English},
		{name: "a provider's code with its entry shows both", cfg: chatops.SlackConfig{BaseURL: "https://errdex.example"},
			searcher: &fake{resp: results(builtinEntry(t, "kmsg/INVALID_REQUEST"))},
			text:     "iwinv sms 42", golden: "record_with_entry.json", wantQuery: "iwinv sms 42", wantLang: errdex.English},
		{name: "invalid query", searcher: &fake{err: &errdex.FieldError{Param: "q", Code: errdex.CodeInvalidValue, Message: "q is not valid UTF-8 text"}},
			text: "share x", golden: "invalid.json", wantQuery: "x", wantLang: errdex.English},
		{name: "search failure says nothing internal", searcher: &fake{err: errors.New("bleve: index closed at /var/lib/secret")},
			text: "4019", golden: "failure.json", wantQuery: "4019", wantLang: errdex.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHandler(t, tt.cfg, tt.searcher)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, signedRequest(t, secret, now, form(tt.text)))
			if w.Code != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (%s)", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type: got %q, want application/json", ct)
			}
			var msg chatops.Message
			if err := json.Unmarshal(w.Body.Bytes(), &msg); err != nil {
				t.Fatalf("answer is not JSON: %v", err)
			}
			golden(t, tt.golden, w.Body.Bytes())
			if strings.Contains(w.Body.String(), "<!channel>") || strings.Contains(w.Body.String(), "<b>") {
				t.Errorf("answer passes a mention or raw HTML through: %s", w.Body)
			}
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("answer leaks an internal error: %s", w.Body)
			}
			if tt.wantQuery == "" {
				if len(tt.searcher.searched) != 0 {
					t.Errorf("help ran %d searches, want 0", len(tt.searcher.searched))
				}
				return
			}
			if len(tt.searcher.searched) != 1 {
				t.Fatalf("got %d searches, want 1", len(tt.searcher.searched))
			}
			req := tt.searcher.searched[0]
			if req.Query != tt.wantQuery || req.Lang != tt.wantLang {
				t.Errorf("search: got query %q lang %q, want %q %q", req.Query, req.Lang, tt.wantQuery, tt.wantLang)
			}
			if req.Limit != 1+chatops.Candidates {
				t.Errorf("search limit: got %d, want %d", req.Limit, 1+chatops.Candidates)
			}
		})
	}
}

// TestLongPasteIsIdentified checks that text longer than a search query is
// read as a pasted error instead of being refused.
func TestLongPasteIsIdentified(t *testing.T) {
	s := &fake{resp: results(entries()[0])}
	h := newHandler(t, chatops.SlackConfig{}, service(s))
	paste := `{"error":{"code":"4019"}} ` + strings.Repeat("log line ", search.MaxQueryBytes/9+1)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signedRequest(t, secret, now, form(paste)))
	if w.Code != http.StatusOK {
		t.Fatalf("status: got %d, want 200", w.Code)
	}
	if len(s.identify) != 1 || s.identify[0] != strings.TrimSpace(paste) {
		t.Errorf("got Identify calls %d, want 1 with the whole paste", len(s.identify))
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, got, "", "  "); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs (run go test -update and review the diff); -want +got:\n%s", name, cmp.Diff(string(want), buf.String()))
	}
}

// TestWithRealIndex runs the handler over the built-in catalog and the
// real search index: what a support engineer would see for /errdex 4019.
func TestWithRealIndex(t *testing.T) {
	h := newHandler(t, chatops.SlackConfig{BaseURL: "https://errdex.example"}, realIndex(t))
	tests := []struct {
		text, wantHeader, wantURL, wantSystem string
	}{
		{"4019", "4019 · ", "https://errdex.example/codes/kakao-share/4019", "Kakao Talk Share"},
		{"잔액 부족", "INSUFFICIENT_BALANCE · ", "https://errdex.example/codes/kmsg/INSUFFICIENT_BALANCE", "*시스템*\\nK-Message"},
		{`{"error":{"code":"invalid_api_key"}}`, "invalid_api_key · ", "https://errdex.example/codes/kirim/invalid_api_key", "Kirim public API"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			msg, body := ask(t, h, tt.text)
			if len(msg.Blocks) == 0 || msg.Blocks[0].Type != "header" || !strings.HasPrefix(msg.Blocks[0].Text.Text, tt.wantHeader) {
				t.Fatalf("first block: want a header starting %q: %s", tt.wantHeader, body)
			}
			if !strings.Contains(body, `"url":"`+tt.wantURL+`"`) {
				t.Errorf("no button opens %s: %s", tt.wantURL, body)
			}
			if !strings.Contains(body, `"action_id":"`+chatops.ShareAction+`"`) {
				t.Errorf("no share button: %s", body)
			}
			if !strings.Contains(body, tt.wantSystem) {
				t.Errorf("the system is not named %q: %s", tt.wantSystem, body)
			}
		})
	}
	t.Run("-401 is ambiguous", func(t *testing.T) {
		msg, body := ask(t, h, "-401")
		if !strings.Contains(msg.Blocks[0].Text.Text, "match equally") {
			t.Errorf("header %q, want it to say the entries match equally", msg.Blocks[0].Text.Text)
		}
		for _, v := range []string{"domain-mismatched", "wrong-appkey-format"} {
			if !strings.Contains(body, "codes/kakao-share/-401/"+v) {
				t.Errorf("variant %s is not among the candidates: %s", v, body)
			}
		}
	})
	t.Run("the asker is mentioned", func(t *testing.T) {
		_, body := ask(t, h, "4019")
		if !strings.Contains(body, "<@U2147483697>") || strings.Contains(body, "@jiwoo") {
			t.Errorf("want the asker as <@U2147483697>, not by name: %s", body)
		}
	})
}

// TestProviderRecords asks the real service for providers' own codes:
// each answer gives the record's own meaning, as the CLI's and the API's
// lookups do, with its entry when one maps it and as a provider's code,
// not a miss, when none does.
func TestProviderRecords(t *testing.T) {
	svc := app.New(live.NewHolder(realIndex(t), nil), app.Config{})
	h := newHandler(t, chatops.SlackConfig{BaseURL: "https://errdex.example"}, svc)
	tests := []struct {
		text, header, record, entry string
		want                        []string
	}{
		{"-4", "Kakao REST API -4 · provider code", "providers/kakao/-4", "",
			[]string{"No errdex entry maps this code.", "*Meaning:* Kakao has blocked the account", "*Retry:* Retry after fixing."}},
		{"blockedAccount", "Kakao REST API -4 · provider code", "providers/kakao/-4", "", []string{"*What to do:* "}},
		{"meta 0", "Meta WhatsApp Cloud API 0 · provider code", "providers/meta/0", "", []string{">AuthException", "*Meaning:* Meta could not authenticate"}},
		{"ko -4", "Kakao REST API -4 · 프로바이더 코드", "providers/kakao/-4", "", []string{"이 코드에 해당하는 errdex 항목이 없습니다.", "*의미:* ", "*조치:* "}},
		{"iwinv sms 42", "INVALID_REQUEST · ", "providers/iwinv/sms/42", "codes/kmsg/INVALID_REQUEST",
			[]string{">예약 전송 가능 시간이 아닙니다.", "*Meaning:* The scheduled send time", "· provider code → "}},
		{"aligo -101", "AUTHENTICATION_FAILED · ", "providers/aligo/-101", "codes/kmsg/AUTHENTICATION_FAILED", []string{"*Meaning:* "}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			msg, body := ask(t, h, tt.text)
			if len(msg.Blocks) < 2 || msg.Blocks[0].Type != "header" || !strings.HasPrefix(msg.Blocks[0].Text.Text, tt.header) {
				t.Fatalf("want a header starting %q: %s", tt.header, body)
			}
			rec := msg.Blocks[1].Text
			if rec == nil || !strings.Contains(rec.Text, "https://errdex.example/"+tt.record+"|") {
				t.Fatalf("second block is not the record %s: %s", tt.record, body)
			}
			if tt.entry != "" && !strings.Contains(rec.Text, "https://errdex.example/"+tt.entry+"|") {
				t.Errorf("the record does not link its entry %s: %s", tt.entry, rec.Text)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.Text, w) {
					t.Errorf("record lacks %q: %s", w, rec.Text)
				}
			}
			for _, bad := range []string{"No entry matches", "Not sure", "확실하지"} {
				if strings.Contains(body, bad) {
					t.Errorf("answer holds %q: %s", bad, body)
				}
			}
		})
	}
}

func realIndex(t *testing.T) *search.Index {
	t.Helper()
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ask(t *testing.T, h http.Handler, text string) (chatops.Message, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signedRequest(t, secret, now, form(text)))
	var msg chatops.Message
	if err := json.Unmarshal(w.Body.Bytes(), &msg); err != nil {
		t.Fatalf("status %d, answer is not JSON: %v", w.Code, err)
	}
	return msg, w.Body.String()
}

// TestThroughServer answers a slash command through the real server
// (web.New), whose application service times Slack's searches in the
// same latency metric as the API's and the pages'.
func TestThroughServer(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	holder := live.NewHolder(ix, nil)
	defer holder.Close()
	srv, err := web.New(web.Config{Slack: func(svc *app.Service) (http.Handler, error) {
		return chatops.NewSlack(chatops.SlackConfig{SigningSecret: secret, Now: func() time.Time { return now }}, svc)
	}}, holder, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := signedRequest(t, secret, now, form("4019"))
	req.URL.Path = "/chatops/slack"
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, req)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "4019") {
		t.Fatalf("status %d, body %s: want 200 answering about 4019", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	srv.OpsHandler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(w.Body.String(), `errdex_search_duration_seconds_count{kind="search"} 1`) {
		t.Errorf("metrics do not count the Slack search:\n%s", w.Body)
	}
}
