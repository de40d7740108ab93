package chatops_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/errdex/errdex/internal/chatops"
)

// checkBlockKit reports every place a message breaks one of Slack's Block
// Kit limits; Slack refuses the whole message when one is broken.
func checkBlockKit(raw []byte) []string {
	var m struct {
		Text   string `json:"text"`
		Blocks []struct {
			Type   string            `json:"type"`
			Text   *json.RawMessage  `json:"text"`
			Fields []json.RawMessage `json:"fields"`
			Elems  []map[string]any  `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var bad []string
	n := func(s string) int { return utf8.RuneCountInString(s) }
	textOf := func(r json.RawMessage) (typ, text string) {
		var o struct{ Type, Text string }
		json.Unmarshal(r, &o)
		return o.Type, o.Text
	}
	if len(m.Blocks) == 0 || len(m.Blocks) > chatops.MaxBlocks {
		bad = append(bad, fmt.Sprintf("%d blocks, want 1 to %d", len(m.Blocks), chatops.MaxBlocks))
	}
	if m.Text == "" {
		bad = append(bad, "no fallback text")
	}
	for i, b := range m.Blocks {
		at := fmt.Sprintf("block %d (%s)", i, b.Type)
		switch b.Type {
		case "header":
			typ, text := textOf(*b.Text)
			if typ != "plain_text" || text == "" || n(text) > chatops.MaxHeaderText {
				bad = append(bad, fmt.Sprintf("%s: %s text of %d characters, want plain_text of 1 to %d", at, typ, n(text), chatops.MaxHeaderText))
			}
		case "section":
			if b.Text == nil && len(b.Fields) == 0 {
				bad = append(bad, at+": neither text nor fields")
			}
			if b.Text != nil {
				if _, text := textOf(*b.Text); text == "" || n(text) > chatops.MaxSectionText {
					bad = append(bad, fmt.Sprintf("%s: text of %d characters, want 1 to %d", at, n(text), chatops.MaxSectionText))
				}
			}
			if len(b.Fields) > chatops.MaxFields {
				bad = append(bad, fmt.Sprintf("%s: %d fields, want at most %d", at, len(b.Fields), chatops.MaxFields))
			}
			for _, f := range b.Fields {
				if _, text := textOf(f); text == "" || n(text) > chatops.MaxFieldText {
					bad = append(bad, fmt.Sprintf("%s: a field of %d characters, want 1 to %d", at, n(text), chatops.MaxFieldText))
				}
			}
		case "context":
			if len(b.Elems) == 0 || len(b.Elems) > chatops.MaxContextItems {
				bad = append(bad, fmt.Sprintf("%s: %d elements, want 1 to %d", at, len(b.Elems), chatops.MaxContextItems))
			}
		case "actions":
			if len(b.Elems) == 0 || len(b.Elems) > chatops.MaxActions {
				bad = append(bad, fmt.Sprintf("%s: %d elements, want 1 to %d", at, len(b.Elems), chatops.MaxActions))
			}
			ids := map[string]bool{}
			for _, e := range b.Elems {
				label, _ := e["text"].(map[string]any)["text"].(string)
				url, _ := e["url"].(string)
				value, _ := e["value"].(string)
				id, _ := e["action_id"].(string)
				if e["type"] != "button" || label == "" || n(label) > chatops.MaxButtonText || n(url) > chatops.MaxButtonURL ||
					n(value) > chatops.MaxButtonValue || id == "" || ids[id] {
					bad = append(bad, fmt.Sprintf("%s: button %v breaks a limit (text 1-%d, url ≤%d, value ≤%d, unique action_id)",
						at, e, chatops.MaxButtonText, chatops.MaxButtonURL, chatops.MaxButtonValue))
				}
				ids[id] = true
			}
		case "divider":
		default:
			bad = append(bad, at+": a block type errdex does not send")
		}
	}
	return bad
}

// TestBlockKitLimits checks every golden answer, and the real index's
// answers to ordinary and hostile commands, against the limits.
func TestBlockKitLimits(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	if len(goldens) < 10 {
		t.Fatalf("found %d golden answers, want the whole set", len(goldens))
	}
	for _, g := range goldens {
		raw, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range checkBlockKit(raw) {
			t.Errorf("%s: %s", g, p)
		}
	}
	h := newHandler(t, chatops.SlackConfig{BaseURL: "https://errdex.example/" + strings.Repeat("a", 200)}, realIndex(t))
	long := strings.Repeat("템플릿을 찾을 수 없습니다 template not found ", 300)
	for _, text := range []string{"4019", "-401", "share -401", "rate_limit_exceeded", "잔액 부족", "please help", "share please help",
		"template", "error", "KOE999", "-4", "ko -4", "blockedAccount", "meta 0", "aligo -101", "iwinv sms 42", "ApiKeyError", strings.Repeat("x", 3000), long, "ko " + long, `{"error":{"code":"invalid_api_key"}}` + long} {
		_, body := ask(t, h, text)
		for _, p := range checkBlockKit([]byte(body)) {
			t.Errorf("/errdex %.40q: %s", text, p)
		}
	}
}

// TestBlockKitCheckFails makes sure the limit check itself finds broken
// messages.
func TestBlockKitCheckFails(t *testing.T) {
	for _, raw := range []string{
		`{"text":"x","blocks":[]}`,
		`{"text":"x","blocks":[{"type":"header","text":{"type":"plain_text","text":"` + strings.Repeat("h", 151) + `"}}]}`,
		`{"text":"x","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"` + strings.Repeat("s", 3001) + `"}}]}`,
		`{"text":"x","blocks":[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"a"},"action_id":"a"},{"type":"button","text":{"type":"plain_text","text":"b"},"action_id":"a"}]}]}`,
	} {
		if len(checkBlockKit([]byte(raw))) == 0 {
			t.Errorf("no problem found in %.80s", raw)
		}
	}
}
