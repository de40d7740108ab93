package chatops

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// interaction is the part of a Block Kit interaction payload errdex reads:
// a button of one of its answers.
type interaction struct {
	Type        string `json:"type"`
	ResponseURL string `json:"response_url"`
	User        struct {
		ID string `json:"id"`
	} `json:"user"`
	Actions []struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
	} `json:"actions"`
}

// shareTimeout bounds answering a share: Slack wants the button's request
// answered within 3 seconds, and the answer goes to response_url after.
const shareTimeout = 5 * time.Second

// interact handles a button press, already verified as Slack's. "Share in
// channel" answers the command again as "share" and posts the answer to
// the channel through the interaction's response_url; an answer errdex is
// not sure of stays with the asker, who is told why. Link buttons ("Open
// in errdex") need nothing: Slack still reports them, and gets a 200.
func (h *Slack) interact(w http.ResponseWriter, r *http.Request, payload string) {
	var in interaction
	if err := json.Unmarshal([]byte(payload), &in); err != nil {
		http.Error(w, "malformed payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	if in.Type != "block_actions" || len(in.Actions) == 0 || in.Actions[0].ActionID != ShareAction {
		return
	}
	if !slackResponseURL(in.ResponseURL) {
		h.cfg.Logger.Info("slack: share refused: response_url is not Slack's")
		return
	}
	form := url.Values{"text": {"share " + in.Actions[0].Value}, "user_id": {in.User.ID}}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), shareTimeout)
	defer cancel()
	msg := h.answer(ctx, parseCommand(form, h.cfg))
	body, err := json.Marshal(struct {
		*Message
		ReplaceOriginal bool `json:"replace_original"`
	}{msg, false})
	if err != nil {
		return
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, in.ResponseURL, bytes.NewReader(body))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	client := h.cfg.Client
	if client == nil {
		client = &http.Client{Timeout: shareTimeout}
	}
	res, err := client.Do(req)
	if err != nil {
		h.cfg.Logger.Warn("slack: posting a shared answer", "err", err)
		return
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		h.cfg.Logger.Warn("slack: posting a shared answer", "status", res.StatusCode)
	}
}

// slackResponseURL reports whether u is one of Slack's response URLs, so
// that a share never posts anywhere else.
func slackResponseURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && p.Host == "hooks.slack.com" && p.User == nil
}
