// Package chatops answers errdex lookups in chat. Its Slack handler takes
// a slash command (/errdex 4019), checks that Slack sent it, and answers a
// Block Kit message with the best match and a few other candidates.
//
// The handler is a plain http.Handler so that it needs no web framework;
// the service mounts it at POST /chatops/slack only when a signing secret is
// configured.
package chatops

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/clip"
)

// Limits on what the handler accepts.
const (
	// MaxBodyBytes bounds a slash command's form. Slack caps the text, but
	// Korean text grows nine-fold when form-encoded, so the limit leaves room.
	MaxBodyBytes = 64 << 10
	// MaxSkew is how far a request's timestamp may be from now, either way,
	// before it is refused as a replay (Slack's own recommendation).
	MaxSkew = 5 * time.Minute
	// Candidates is how many other matches an answer lists after the best.
	Candidates = 3
)

// Searcher is what the handler asks: the application service (*app.Service)
// is one. Its Search reads a long paste with Identify, applies the search
// deadline and records the latency and the misses.
type Searcher interface {
	Search(ctx context.Context, req errdex.Request) (*errdex.Response, error)
}

// Timeout is how long an answer may take: Slack shows an error to the
// asker when a slash command has no answer within 3 seconds.
const Timeout = 2500 * time.Millisecond

// SlackConfig configures the Slack slash-command handler.
type SlackConfig struct {
	// SigningSecret is the Slack app's signing secret (Basic Information >
	// App Credentials), from ERRDEX_SLACK_SIGNING_SECRET. Required.
	SigningSecret string
	// BaseURL is where errdex's pages are served ("https://errdex.example.com"),
	// from ERRDEX_BASE_URL; answers link each entry's page under it. Without
	// it answers carry no links, since Slack cannot follow a relative path.
	BaseURL string
	// InChannel makes every answer visible to the whole channel. By default
	// answers are ephemeral (only the asker sees them) unless the command
	// starts with the word "share".
	InChannel bool
	// Lang is the answer language when the command's text has no Hangul;
	// Korean text is always answered in Korean. Default English.
	Lang errdex.Lang
	// Now returns the current time; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Logger receives refused requests and search failures; nil discards.
	Logger *slog.Logger
	// Client posts the answers of the "Share in channel" button to Slack's
	// response_url; nil means one with a 5-second timeout.
	Client *http.Client
}

// Slack answers Slack slash commands. Create it with NewSlack.
type Slack struct {
	cfg    SlackConfig
	search Searcher
}

// NewSlack returns the slash-command handler. It refuses an empty signing
// secret: without one any caller could pass for Slack.
func NewSlack(cfg SlackConfig, s Searcher) (*Slack, error) {
	if cfg.SigningSecret == "" {
		return nil, errors.New("chatops: a Slack signing secret is required")
	}
	if s == nil {
		return nil, errors.New("chatops: a searcher is required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Lang == "" {
		cfg.Lang = errdex.English
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return &Slack{cfg: cfg, search: s}, nil
}

// Errors of verification. They are logged, never shown in detail to the
// caller, who learns only that the request was refused.
var (
	errMissingHeaders = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp")
	errBadTimestamp   = errors.New("X-Slack-Request-Timestamp is not a Unix time")
	errStale          = errors.New("timestamp is more than 5 minutes from now")
	errBadSignature   = errors.New("signature does not match")
)

// ServeHTTP answers POST /chatops/slack. Slack shows whatever a 200 answer
// says, so a search failure is still a 200 with a message; refusals (bad
// signature, stale timestamp, oversized body) are 4xx with a short text.
func (h *Slack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read the request", http.StatusBadRequest)
		return
	}
	if err := h.Verify(r.Header, body); err != nil {
		h.cfg.Logger.Info("slack: request refused", "err", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	if form.Get("ssl_check") == "1" { // Slack checking the certificate: nothing to answer
		w.WriteHeader(http.StatusOK)
		return
	}
	if form.Has("payload") { // a button of an answer (interact.go)
		h.interact(w, r, form.Get("payload"))
		return
	}
	msg := h.answer(r.Context(), parseCommand(form, h.cfg))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // mrkdwn is escaped already; \u003c would only obscure it
	if err := enc.Encode(msg); err != nil {
		h.cfg.Logger.Warn("slack: writing the answer", "err", err)
	}
}

// Verify checks that Slack signed the request: X-Slack-Signature must be
// "v0=" and the hex HMAC-SHA256, keyed by the signing secret, of
// "v0:{timestamp}:{body}", and the timestamp must be within MaxSkew of now
// so that a captured request cannot be replayed later.
func (h *Slack) Verify(header http.Header, body []byte) error {
	sig, ts := header.Get("X-Slack-Signature"), header.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" {
		return errMissingHeaders
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errBadTimestamp
	}
	if d := h.cfg.Now().Sub(time.Unix(secs, 0)); d > MaxSkew || d < -MaxSkew {
		return errStale
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, "v0="))
	if err != nil || !strings.HasPrefix(sig, "v0=") {
		return errBadSignature
	}
	if !hmac.Equal(got, Sign(h.cfg.SigningSecret, ts, body)) {
		return errBadSignature
	}
	return nil
}

// Sign returns the v0 signature of a request body as raw bytes (the header
// carries "v0=" and their hex). Tests use it to sign payloads as Slack does.
func Sign(secret, timestamp string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", timestamp)
	mac.Write(body)
	return mac.Sum(nil)
}

// command is a slash command as understood.
type command struct {
	text      string // the query, control words removed
	lang      errdex.Lang
	inChannel bool
	help      bool
	user      string // the asker's Slack user id, for a mention
	langSet   bool   // the command chose its language ("ko", "en")
}

// parseCommand reads the form Slack posts. Leading control words change how
// the answer is given: "share" posts it to the channel, "en" or "ko" picks
// the language, "help" explains the command.
func parseCommand(form url.Values, cfg SlackConfig) command {
	c := command{lang: cfg.Lang, inChannel: cfg.InChannel, user: form.Get("user_id")}
	// The text after the control words is kept as typed: a pasted payload may
	// span lines and its spacing may matter.
	text := strings.TrimSpace(form.Get("text"))
	langSet := false
	for text != "" {
		word, rest := text, ""
		if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
			word, rest = text[:i], strings.TrimSpace(text[i:])
		}
		switch strings.ToLower(word) {
		case "share":
			c.inChannel = true
		case "en", "ko":
			c.lang, _ = errdex.ParseLang(word)
			langSet = true
			c.langSet = true
		case "help", "-h", "--help", "?":
			c.help = true
		default:
			c.text = text
			text = ""
			continue
		}
		text = rest
	}
	if !langSet && app.IsTyped(c.text) { // a paste never switches the language
		c.lang = app.ChooseLang("", c.text, cfg.Lang)
	}
	if c.text == "" {
		c.help = true
	}
	return c
}

// answer runs the search and builds the message. The service reads long
// pastes with Identify, which takes up to 64 KiB: a longer one is cut there
// rather than refused, since a refusal in Slack only frustrates.
func (h *Slack) answer(ctx context.Context, c command) *Message {
	if c.help {
		return h.helpMessage(c)
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	resp, err := h.search.Search(ctx, errdex.Request{
		Query: clip.Bytes(c.text, errdex.MaxIdentifyBytes), Lang: c.lang, Limit: 1 + Candidates})
	var ferr *errdex.FieldError
	switch {
	case errors.As(err, &ferr):
		return h.errorMessage(c, ferr.Message)
	case err != nil:
		// Never the text itself: it is what the user pasted (up to 64 KiB
		// of log, with whatever keys and numbers were in it).
		h.cfg.Logger.Error("slack: search failed", "err", err, "query_bytes", len(c.text))
		return h.errorMessage(c, labelsFor(c.lang).failed)
	}
	recs := h.records(c)
	switch {
	case len(recs) > 0 && !resp.Answer.Claims():
		// The provider's record is the answer (Kakao's -4 has no entry):
		// not a "no match", nor weak matches in its place.
		return h.recordMessage(c, recs)
	case len(resp.Results) == 0:
		return h.notFoundMessage(c, resp)
	}
	return h.withRecords(h.resultMessage(c, resp), c, recs)
}

// records are the provider records a typed code names ("iwinv sms 42",
// "-4", "blockedAccount"), as a lookup returns them; a paste names none.
func (h *Slack) records(c command) []*errdex.ProviderRecord {
	cat := h.catalog()
	if cat == nil || !app.IsTyped(c.text) {
		return nil
	}
	return cat.LookupRecords(c.text, "")
}
