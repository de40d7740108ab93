package chatops

import (
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/mask"
	"github.com/errdex/errdex/internal/paths"
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
// modelled: header, section (with fields), actions, divider and context.
type Block struct {
	Type   string       `json:"type"`
	Text   *TextObject  `json:"text,omitempty"`
	Fields []TextObject `json:"fields,omitempty"`
	// Elements are TextObjects in a context block, Buttons in an actions
	// block.
	Elements []any `json:"elements,omitempty"`
}

// TextObject is a Block Kit text object: mrkdwn, or plain_text in headers
// and buttons.
type TextObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Button is a Block Kit button: a link (URL) or an action Slack posts
// back to the interactivity URL (ActionID and Value).
type Button struct {
	Type     string     `json:"type"`
	Text     TextObject `json:"text"`
	URL      string     `json:"url,omitempty"`
	ActionID string     `json:"action_id"`
	Value    string     `json:"value,omitempty"`
	Style    string     `json:"style,omitempty"`
}

// Response types of a slash-command answer.
const (
	Ephemeral = "ephemeral"
	InChannel = "in_channel"
)

// Slack's Block Kit limits that the answers keep to (docs.slack.dev,
// "Block Kit" reference): a message has at most 50 blocks; a section's
// text at most 3,000 characters and its fields at most 10 of 2,000; a
// header's text 150; a context at most 10 elements; an actions block at
// most 25 elements; a button's text 75, its URL 3,000 and its value 2,000.
const (
	MaxBlocks        = 50
	MaxSectionText   = 3000
	MaxFields        = 10
	MaxFieldText     = 2000
	MaxHeaderText    = 150
	MaxContextItems  = 10
	MaxActions       = 25
	MaxButtonText    = 75
	MaxButtonURL     = 3000
	MaxButtonValue   = 2000
	maxAskedQuote    = 150
	maxCandidateTell = 2
)

// ShareAction is the action_id of the button that posts an answer to the
// channel; its value is the command to answer again with "share".
const ShareAction = "errdex_share"

func section(text string) Block {
	return Block{Type: "section", Text: mrkdwn(clip.Ellipsis(text, MaxSectionText))}
}

func sectionFields(text string, fields ...string) Block {
	b := Block{Type: "section"}
	if text != "" {
		b.Text = mrkdwn(clip.Ellipsis(text, MaxSectionText))
	}
	for _, f := range fields[:min(len(fields), MaxFields)] {
		b.Fields = append(b.Fields, *mrkdwn(clip.Ellipsis(f, MaxFieldText)))
	}
	return b
}

func header(text string) Block {
	return Block{Type: "header", Text: &TextObject{Type: "plain_text", Text: clip.Ellipsis(text, MaxHeaderText)}}
}

func contextBlock(texts ...string) Block {
	b := Block{Type: "context"}
	for _, t := range texts[:min(len(texts), MaxContextItems)] {
		b.Elements = append(b.Elements, mrkdwn(clip.Ellipsis(t, MaxSectionText)))
	}
	return b
}

func actions(buttons ...Button) Block {
	b := Block{Type: "actions"}
	for _, btn := range buttons[:min(len(buttons), MaxActions)] {
		b.Elements = append(b.Elements, btn)
	}
	return b
}

func mrkdwn(s string) *TextObject { return &TextObject{Type: "mrkdwn", Text: s} }

func divider() Block { return Block{Type: "divider"} }

func linkButton(label, url, actionID string) Button {
	return Button{Type: "button", Text: TextObject{Type: "plain_text", Text: clip.Ellipsis(label, MaxButtonText)},
		URL: url, ActionID: actionID}
}

func (h *Slack) message(c command, fallback string, blocks ...Block) *Message {
	rt := Ephemeral
	if c.inChannel {
		rt = InChannel
	}
	if len(blocks) > MaxBlocks {
		blocks = blocks[:MaxBlocks]
	}
	return &Message{ResponseType: rt, Text: fallback, Blocks: blocks}
}

// resultMessage is the answer when something matched, by the kind of
// answer the search gave: one entry (found), several side by side
// (ambiguous), or the closest entries, said plainly to be unsure.
func (h *Slack) resultMessage(c command, resp *errdex.Response) *Message {
	switch resp.Answer {
	case errdex.AnswerAmbiguous:
		if cands := candidates(resp); len(cands) > 1 {
			return h.ambiguousMessage(c, resp, cands)
		}
	case errdex.AnswerUnsure, errdex.AnswerNone:
		return h.unsureMessage(c, resp)
	}
	return h.foundMessage(c, resp)
}

// candidates are the results as well supported as the first.
func candidates(resp *errdex.Response) []errdex.Result {
	var out []errdex.Result
	for _, r := range resp.Results {
		if r.Confidence != resp.Results[0].Confidence || len(out) == 1+Candidates {
			break
		}
		out = append(out, r)
	}
	return out
}

// foundMessage shows one entry as the answer: a header with its code and
// title, its system, HTTP status and retry verdict as fields, its first
// fix and what to tell the customer, buttons to open it and share it,
// then up to Candidates others.
func (h *Slack) foundMessage(c command, resp *errdex.Response) *Message {
	l := labelsFor(c.lang)
	best := resp.Results[0].Entry
	title := textfmt.Inline(best.Title.In(c.lang), textfmt.Plain)
	blocks := []Block{header(codeLabel(best) + " · " + title)}
	blocks = append(blocks, sectionFields(textfmt.Inline(best.Summary.In(c.lang), textfmt.Slack), h.facts(best, c.lang)...))
	if note := textfmt.Inline(best.Retry.Note.In(c.lang), textfmt.Slack); note != "" {
		blocks = append(blocks, section("*"+l.retry+":* "+note))
	}
	if len(best.Fixes) > 0 {
		fix := "*" + l.firstFix + ":*\n" + textfmt.FromMarkdown(best.Fixes[0].In(c.lang), textfmt.Slack)
		if n := len(best.Fixes) - 1; n > 0 && h.cfg.BaseURL != "" {
			fix += "\n_" + l.moreFixes(n) + "_"
		}
		blocks = append(blocks, section(fix))
	}
	if reply := customerReply(best, c.lang); reply != "" {
		blocks = append(blocks, section("*"+l.customer+":*\n>"+strings.ReplaceAll(reply, "\n", "\n>")))
	}
	if bs := h.buttons(c, best); len(bs) > 0 {
		blocks = append(blocks, actions(bs...))
	}
	if others := resp.Results[1:]; len(others) > 0 {
		others = others[:min(len(others), Candidates)]
		lines := make([]string, 0, len(others)+1)
		lines = append(lines, "*"+l.others+"*")
		for _, r := range others {
			lines = append(lines, "• "+h.entryLink(r.Entry)+h.meta(r.Entry, c.lang)+": "+textfmt.Inline(r.Entry.Title.In(c.lang), textfmt.Slack))
		}
		blocks = append(blocks, divider(), section(strings.Join(lines, "\n")))
	}
	blocks = append(blocks, contextBlock(h.footer(c)))
	fallback := codeLabel(best) + " (" + h.systemName(best.System, c.lang) + "): " + title
	return h.message(c, fallback, blocks...)
}

// ambiguousMessage shows entries that match equally side by side, each
// with the messages that tell it apart, and names none as the answer.
func (h *Slack) ambiguousMessage(c command, resp *errdex.Response, cands []errdex.Result) *Message {
	l := labelsFor(c.lang)
	blocks := []Block{header(l.ambiguous(len(cands))), section(l.ambiguousIntro)}
	var buttons []Button
	for _, r := range cands {
		e := r.Entry
		text := h.entryLink(e) + h.meta(e, c.lang) + "\n*" + textfmt.Inline(e.Title.In(c.lang), textfmt.Slack) + "*"
		if tells := tellApart(e); len(tells) > 0 {
			quoted := make([]string, len(tells))
			for i, m := range tells {
				quoted[i] = quote(clip.Ellipsis(m, 200))
			}
			text += "\n" + l.tellsApart + " " + strings.Join(quoted, " · ")
		}
		blocks = append(blocks, sectionFields(text, "*"+l.retry+"*\n"+textfmt.SlackEscape(textfmt.RetryWord(e.Retry.Strategy, c.lang))))
		if h.cfg.BaseURL != "" {
			buttons = append(buttons, linkButton(l.open+" "+codeLabel(e), h.pageURL(e), "open_"+strconv.Itoa(len(buttons))))
		}
	}
	if share, ok := h.shareButton(c); ok {
		buttons = append(buttons, share)
	}
	if len(buttons) > 0 {
		blocks = append(blocks, actions(buttons...))
	}
	blocks = append(blocks, contextBlock(h.footer(c)))
	return h.message(c, l.ambiguous(len(cands))+": "+codeLabel(cands[0].Entry), blocks...)
}

// unsureMessage lists the closest entries under a plain "not sure". A
// "share" of it is not posted: the channel gets nothing uncertain, and
// the asker is told so.
func (h *Slack) unsureMessage(c command, resp *errdex.Response) *Message {
	l := labelsFor(c.lang)
	blocks := []Block{header(l.notSure), section(l.notSureText)}
	rs := resp.Results[:min(len(resp.Results), 1+Candidates)]
	lines := make([]string, 0, len(rs))
	for _, r := range rs {
		lines = append(lines, "• "+h.entryLink(r.Entry)+h.meta(r.Entry, c.lang)+": "+textfmt.Inline(r.Entry.Title.In(c.lang), textfmt.Slack))
	}
	blocks = append(blocks, section(strings.Join(lines, "\n")))
	notes := []string{h.footer(c)}
	if c.inChannel {
		c.inChannel = false
		notes = append([]string{":information_source: " + l.notShared}, notes...)
	}
	blocks = append(blocks, contextBlock(notes...))
	return h.message(c, l.notSure, blocks...)
}

// notFoundMessage says nothing matched, offers the near misses the search
// suggested and says what else to try; like an unsure answer it is never
// posted to the channel.
func (h *Slack) notFoundMessage(c command, resp *errdex.Response) *Message {
	l := labelsFor(c.lang)
	text := l.noMatch(quote(clip.Ellipsis(c.text, 200)))
	blocks := []Block{section(text)}
	if len(resp.Suggestions) > 0 {
		lines := []string{"*" + l.didYouMean + "*"}
		for _, s := range resp.Suggestions[:min(len(resp.Suggestions), Candidates+1)] {
			lines = append(lines, "• "+h.entryLink(s.Entry)+h.meta(s.Entry, c.lang)+": "+textfmt.Inline(s.Entry.Title.In(c.lang), textfmt.Slack))
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	notes := []string{l.tip}
	if c.inChannel {
		c.inChannel = false
		notes = append([]string{":information_source: " + l.notShared}, notes...)
	}
	blocks = append(blocks, contextBlock(notes...))
	return h.message(c, text, blocks...)
}

// facts are an entry's system, HTTP status, variant and retry verdict as
// section fields.
func (h *Slack) facts(e *errdex.Entry, lang errdex.Lang) []string {
	l := labelsFor(lang)
	fs := []string{"*" + l.system + "*\n" + textfmt.SlackEscape(h.systemName(e.System, lang))}
	if e.HTTPStatus != 0 {
		fs = append(fs, "*"+l.httpStatus+"*\n"+strconv.Itoa(e.HTTPStatus))
	}
	if e.Variant != "" {
		fs = append(fs, "*"+l.variant+"*\n"+quote(e.Variant))
	}
	fs = append(fs, "*"+l.retry+"*\n"+textfmt.SlackEscape(textfmt.RetryWord(e.Retry.Strategy, lang)))
	return fs
}

// buttons open the entry's page (with a base URL to link to) and, on an
// answer only the asker sees, share it to the channel.
func (h *Slack) buttons(c command, e *errdex.Entry) []Button {
	l := labelsFor(c.lang)
	var bs []Button
	if h.cfg.BaseURL != "" {
		b := linkButton(l.open, h.pageURL(e), "open")
		b.Style = "primary"
		bs = append(bs, b)
	}
	if share, ok := h.shareButton(c); ok {
		bs = append(bs, share)
	}
	return bs
}

// shareButton asks Slack to post the same answer to the channel; an
// answer already there has none.
func (h *Slack) shareButton(c command) (Button, bool) {
	if c.inChannel {
		return Button{}, false
	}
	value := c.text
	if c.langSet {
		value = string(c.lang) + " " + value
	}
	if len(value) > MaxButtonValue {
		return Button{}, false // too long to send back: the asker can type "share"
	}
	return Button{Type: "button", Text: TextObject{Type: "plain_text", Text: labelsFor(c.lang).share},
		ActionID: ShareAction, Value: value}, true
}

// customerReply is what support staff can send the end customer, apart
// from the engineering fix.
func customerReply(e *errdex.Entry, lang errdex.Lang) string {
	return textfmt.Inline(e.CustomerReply.In(lang), textfmt.Slack)
}

// tellApart are the messages that tell an entry from others with its
// code: its literal signatures.
func tellApart(e *errdex.Entry) []string {
	var out []string
	for _, s := range e.Signatures {
		if s.Text != "" && len(out) < maxCandidateTell {
			out = append(out, s.Text)
		}
	}
	return out
}

// codeLabel is the code with its variant: "-401 wrong-appkey-format".
func codeLabel(e *errdex.Entry) string {
	if e.Variant != "" {
		return e.Code + " " + e.Variant
	}
	return e.Code
}

// systemName is the system's name in lang, from the catalog being served
// when the searcher has one; else its id.
func (h *Slack) systemName(id string, lang errdex.Lang) string {
	var cat *errdex.Catalog
	switch s := h.search.(type) {
	case interface{ Current() *errdex.Catalog }: // *app.Service
		cat = s.Current()
	case interface{ Catalog() *errdex.Catalog }:
		cat = s.Catalog()
	}
	if cat != nil {
		if s, ok := cat.System(id); ok && s.Name.In(lang) != "" {
			return s.Name.In(lang)
		}
	}
	return id
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
	q := clip.Ellipsis(strings.Join(strings.Fields(c.text), " "), maxAskedQuote)
	s := "errdex · " + labelsFor(c.lang).searched + " " + quote(q)
	if id := c.user; id != "" && slackID(id) {
		s += " · " + labelsFor(c.lang).askedBy + " <@" + id + ">"
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

// pageURL is the entry's permalink page under the configured base URL.
func (h *Slack) pageURL(e *errdex.Entry) string { return paths.Absolute(h.cfg.BaseURL, paths.Entry(e)) }

// meta is " (System name, HTTP 401)".
func (h *Slack) meta(e *errdex.Entry, lang errdex.Lang) string {
	m := h.systemName(e.System, lang)
	if e.HTTPStatus != 0 {
		m += ", HTTP " + strconv.Itoa(e.HTTPStatus)
	}
	return " (" + textfmt.SlackEscape(m) + ")"
}

// slackID reports whether s looks like a Slack user id (U or W and
// letters and digits), so that it can go in a mention.
func slackID(s string) bool {
	if len(s) < 2 || len(s) > 32 || (s[0] != 'U' && s[0] != 'W') {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// quote puts user text in code quotes, escaped so it cannot mention anyone
// or form a link; backticks inside are replaced so the quote stays closed.
// What is quoted is what the user typed or pasted, echoed to whoever reads
// the answer (a whole channel after "share"): keys, tokens and phone
// numbers in it are masked first.
func quote(s string) string {
	return "`" + strings.ReplaceAll(textfmt.SlackEscape(mask.String(s)), "`", "'") + "`"
}

// labels are the fixed words of the Slack answers in one language.
type labels struct {
	retry, firstFix, others, didYouMean, searched, tip, helpTitle, help, failed string
	system, httpStatus, variant, customer, open, share, askedBy                 string
	ambiguousIntro, tellsApart, notSure, notSureText, notShared                 string
	noMatch                                                                     func(q string) string
	moreFixes                                                                   func(n int) string
	ambiguous                                                                   func(n int) string
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
		failed:         "errdex could not search just now. Try again in a moment.",
		system:         "System",
		httpStatus:     "HTTP status",
		variant:        "Variant",
		customer:       "What to tell the customer",
		open:           "Open in errdex",
		share:          "Share in channel",
		askedBy:        "asked by",
		ambiguousIntro: "They match equally well. Tell them apart by the message the error came with:",
		tellsApart:     "How to tell:",
		notSure:        "Not sure: no entry clearly matches",
		notSureText:    "These are the closest entries, but none of them clearly matches. Check the error message before acting on one.",
		notShared:      "Not posted to the channel: errdex is not sure of this answer.",
		ambiguous:      func(n int) string { return strconv.Itoa(n) + " entries match equally" },
		noMatch:        func(q string) string { return "No entry matches " + q + "." },
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
		failed:         "지금은 errdex가 검색하지 못했습니다. 잠시 뒤 다시 시도하세요.",
		system:         "시스템",
		httpStatus:     "HTTP 상태",
		variant:        "변형",
		customer:       "고객 안내 문구",
		open:           "errdex에서 열기",
		share:          "채널에 공유",
		askedBy:        "요청한 사람",
		ambiguousIntro: "똑같이 들어맞는 항목들입니다. 함께 받은 에러 메시지로 구별하세요:",
		tellsApart:     "구별하는 법:",
		notSure:        "확실하지 않음: 분명히 일치하는 항목이 없습니다",
		notSureText:    "가장 가까운 항목들이지만 분명히 일치하는 것은 없습니다. 조치하기 전에 에러 메시지를 확인하세요.",
		notShared:      "채널에 올리지 않았습니다: errdex가 이 답을 확신하지 못합니다.",
		ambiguous:      func(n int) string { return "똑같이 들어맞는 항목 " + strconv.Itoa(n) + "개" },
		noMatch:        func(q string) string { return q + "에 해당하는 항목이 없습니다." },
		moreFixes:      func(n int) string { return "해결 방법 " + strconv.Itoa(n) + "개 더 있음 (페이지 참고)" },
	},
}

func labelsFor(lang errdex.Lang) *labels {
	if l, ok := labelsByLang[lang]; ok {
		return l
	}
	return labelsByLang[errdex.English]
}
