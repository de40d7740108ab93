package chatops

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/textfmt"
)

// Message is a Slack slash-command answer in Block Kit.
type Message struct {
	// ResponseType is "ephemeral" (only the asker sees it) or "in_channel".
	ResponseType string `json:"response_type"`
	// Text is the plain fallback shown in notifications.
	Text   string  `json:"text"`
	Blocks []Block `json:"blocks"`
}

// Block is one Block Kit layout block; only the kinds errdex sends are
// modelled: section, divider and context.
type Block struct {
	Type     string       `json:"type"`
	Text     *TextObject  `json:"text,omitempty"`
	Elements []TextObject `json:"elements,omitempty"`
}

// TextObject is a Block Kit text object; errdex always sends mrkdwn.
type TextObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Response types of a slash-command answer.
const (
	Ephemeral = "ephemeral"
	InChannel = "in_channel"
)

// maxSectionText is Slack's limit on a section's text.
const maxSectionText = 3000

func section(text string) Block {
	return Block{Type: "section", Text: &TextObject{Type: "mrkdwn", Text: clip(text, maxSectionText)}}
}

func contextBlock(text string) Block {
	return Block{Type: "context", Elements: []TextObject{{Type: "mrkdwn", Text: clip(text, maxSectionText)}}}
}

func divider() Block { return Block{Type: "divider"} }

func (h *Slack) message(c command, fallback string, blocks ...Block) *Message {
	rt := Ephemeral
	if c.inChannel {
		rt = InChannel
	}
	return &Message{ResponseType: rt, Text: fallback, Blocks: blocks}
}

// resultMessage is the answer when something matched: the best entry with
// its summary, retry advice and first fix, then up to Candidates others.
func (h *Slack) resultMessage(c command, resp *errdex.Response) *Message {
	l := labelsFor(c.lang)
	best := resp.Results[0].Entry
	head := h.entryLink(best) + meta(best) + "\n*" + textfmt.Inline(best.Title.In(c.lang), textfmt.Slack) + "*"
	if s := textfmt.Inline(best.Summary.In(c.lang), textfmt.Slack); s != "" {
		head += "\n" + s
	}
	blocks := []Block{
		section(head),
		section("*" + l.retry + ":* " + retryAdvice(best, c.lang)),
	}
	if len(best.Fixes) > 0 {
		fix := "*" + l.firstFix + ":*\n" + textfmt.FromMarkdown(best.Fixes[0].In(c.lang), textfmt.Slack)
		if n := len(best.Fixes) - 1; n > 0 && h.cfg.BaseURL != "" {
			fix += "\n_" + l.moreFixes(n) + "_"
		}
		blocks = append(blocks, section(fix))
	}
	if others := resp.Results[1:]; len(others) > 0 {
		others = others[:min(len(others), Candidates)]
		lines := make([]string, 0, len(others)+1)
		lines = append(lines, "*"+l.others+"*")
		for _, r := range others {
			lines = append(lines, "• "+h.entryLink(r.Entry)+meta(r.Entry)+": "+textfmt.Inline(r.Entry.Title.In(c.lang), textfmt.Slack))
		}
		blocks = append(blocks, divider(), section(strings.Join(lines, "\n")))
	}
	blocks = append(blocks, contextBlock(h.footer(c)))
	fallback := best.Code + " (" + best.System + "): " + textfmt.Inline(best.Title.In(c.lang), textfmt.Slack)
	return h.message(c, fallback, blocks...)
}

// notFoundMessage says nothing matched, offers the near misses the search
// suggested and says what else to try.
func (h *Slack) notFoundMessage(c command, resp *errdex.Response) *Message {
	l := labelsFor(c.lang)
	text := l.noMatch(quote(clip(c.text, 200)))
	blocks := []Block{section(text)}
	if len(resp.Suggestions) > 0 {
		lines := []string{"*" + l.didYouMean + "*"}
		for _, s := range resp.Suggestions[:min(len(resp.Suggestions), Candidates+1)] {
			lines = append(lines, "• "+h.entryLink(s.Entry)+meta(s.Entry)+": "+textfmt.Inline(s.Entry.Title.In(c.lang), textfmt.Slack))
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	blocks = append(blocks, contextBlock(l.tip))
	return h.message(c, text, blocks...)
}

// helpMessage explains the command; it answers an empty command or "help".
func (h *Slack) helpMessage(c command) *Message {
	l := labelsFor(c.lang)
	c.inChannel = false // help is for the asker only
	return h.message(c, l.helpTitle, section("*"+l.helpTitle+"*\n"+l.help))
}

// errorMessage tells the asker the search could not run; it is ephemeral so
// a failure is never posted to a channel.
func (h *Slack) errorMessage(c command, reason string) *Message {
	c.inChannel = false
	return h.message(c, reason, section(":warning: "+textfmt.SlackEscape(reason)))
}

// footer says what was searched, so that a shared answer shows the question.
func (h *Slack) footer(c command) string {
	q := clip(strings.Join(strings.Fields(c.text), " "), 150)
	s := "errdex · " + labelsFor(c.lang).searched + " " + quote(q)
	if c.user != "" {
		s += " · @" + textfmt.SlackEscape(c.user)
	}
	return s
}

// entryLink is the entry's code in bold, linked to its page when a base URL
// is configured.
func (h *Slack) entryLink(e *errdex.Entry) string {
	label := textfmt.SlackEscape(e.Code)
	if e.Variant != "" {
		label += " " + textfmt.SlackEscape(e.Variant)
	}
	if h.cfg.BaseURL == "" {
		return "*" + label + "*"
	}
	return "*<" + textfmt.SlackEscape(h.pageURL(e)) + "|" + label + ">*"
}

// pageURL is the entry's permalink page under the configured base URL,
// each part of the id escaped so that no code can break the link.
func (h *Slack) pageURL(e *errdex.Entry) string {
	p := h.cfg.BaseURL + "/codes/" + url.PathEscape(e.System) + "/" + url.PathEscape(e.Code)
	if e.Variant != "" {
		p += "/" + url.PathEscape(e.Variant)
	}
	return p
}

// meta is " (system, HTTP 401)".
func meta(e *errdex.Entry) string {
	m := e.System
	if e.HTTPStatus != 0 {
		m += ", HTTP " + strconv.Itoa(e.HTTPStatus)
	}
	return " (" + textfmt.SlackEscape(m) + ")"
}

func retryAdvice(e *errdex.Entry, lang errdex.Lang) string {
	word := textfmt.RetryWord(e.Retry.Strategy, lang)
	if note := textfmt.Inline(e.Retry.Note.In(lang), textfmt.Slack); note != "" {
		return textfmt.SlackEscape(word) + ". " + note
	}
	return textfmt.SlackEscape(word) + "."
}

// quote puts user text in code quotes, escaped so it cannot mention anyone
// or form a link; backticks inside are replaced so the quote stays closed.
func quote(s string) string {
	return "`" + strings.ReplaceAll(textfmt.SlackEscape(s), "`", "'") + "`"
}

// clip cuts s to at most n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// labels are the fixed words of the Slack answers in one language.
type labels struct {
	retry, firstFix, others, didYouMean, searched, tip, helpTitle, help, failed string
	noMatch                                                                     func(q string) string
	moreFixes                                                                   func(n int) string
}

var labelsByLang = map[errdex.Lang]*labels{
	errdex.English: {
		retry:      "Retry",
		firstFix:   "First fix",
		others:     "Other candidates",
		didYouMean: "Did you mean",
		searched:   "searched for",
		tip:        "Try a code (`4019`, `KOE009`), a few words in English or Korean, or paste the whole error. `/errdex help` shows how.",
		helpTitle:  "errdex: what does this error mean and what do I do now?",
		help: "• `/errdex 4019`: look up a code, alias or provider code\n" +
			"• `/errdex 잔액 부족` or `/errdex template not found`: search in Korean or English\n" +
			"• `/errdex {\"error\":{\"code\":\"invalid_api_key\"}}`: paste an error payload or log line\n" +
			"• `/errdex share KOE009`: post the answer to the channel instead of only to you\n" +
			"• `/errdex ko 4019` or `/errdex en 4019`: pick the answer's language",
		failed:  "errdex could not search just now. Try again in a moment.",
		noMatch: func(q string) string { return "No entry matches " + q + "." },
		moreFixes: func(n int) string {
			if n == 1 {
				return "1 more fix on the page"
			}
			return strconv.Itoa(n) + " more fixes on the page"
		},
	},
	errdex.Korean: {
		retry:      "재시도",
		firstFix:   "먼저 해 볼 일",
		others:     "다른 후보",
		didYouMean: "혹시 이것을 찾으셨나요",
		searched:   "검색어",
		tip:        "코드(`4019`, `KOE009`), 한국어나 영어 단어 몇 개, 또는 에러 전체를 붙여 넣어 보세요. 사용법은 `/errdex help`.",
		helpTitle:  "errdex: 이 에러는 무슨 뜻이고 지금 무엇을 해야 할까요?",
		help: "• `/errdex 4019`: 코드, 별칭, 프로바이더 코드 찾기\n" +
			"• `/errdex 잔액 부족` 또는 `/errdex template not found`: 한국어나 영어로 검색\n" +
			"• `/errdex {\"error\":{\"code\":\"invalid_api_key\"}}`: 에러 응답이나 로그 한 줄을 그대로 붙여 넣기\n" +
			"• `/errdex share KOE009`: 나만 보는 대신 채널에 답을 올리기\n" +
			"• `/errdex ko 4019` 또는 `/errdex en 4019`: 답의 언어 고르기",
		failed:    "지금은 errdex가 검색하지 못했습니다. 잠시 뒤 다시 시도하세요.",
		noMatch:   func(q string) string { return q + "에 해당하는 항목이 없습니다." },
		moreFixes: func(n int) string { return "해결 방법 " + strconv.Itoa(n) + "개 더 있음 (페이지 참고)" },
	},
}

func labelsFor(lang errdex.Lang) *labels {
	if l, ok := labelsByLang[lang]; ok {
		return l
	}
	return labelsByLang[errdex.English]
}
