package chatops

import (
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/i18n"
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

// catalog is the catalog being served when the searcher has one.
func (h *Slack) catalog() *errdex.Catalog {
	switch s := h.search.(type) {
	case interface{ Current() *errdex.Catalog }: // *app.Service
		return s.Current()
	case interface{ Catalog() *errdex.Catalog }:
		return s.Catalog()
	}
	return nil
}

// systemName is the system's name in lang, from the catalog being served
// when the searcher has one; else its id.
func (h *Slack) systemName(id string, lang errdex.Lang) string {
	if cat := h.catalog(); cat != nil {
		if s, ok := cat.System(id); ok && s.Name.In(lang) != "" {
			return s.Name.In(lang)
		}
	}
	return id
}

// maxRecords is how many provider records an answer shows.
const maxRecords = 5

// recordMessage answers a code that only providers' records explain: each
// record's own meaning, what to do and retry advice, said to be a
// provider's code and not an errdex entry, with its page.
func (h *Slack) recordMessage(c command, recs []*errdex.ProviderRecord) *Message {
	l := labelsFor(c.lang)
	cat := h.catalog()
	recs = recs[:min(len(recs), maxRecords)]
	names := make([]string, len(recs))
	for i, r := range recs {
		names[i] = textfmt.RecordName(cat, r)
	}
	blocks := []Block{header(strings.Join(names, ", ") + " · " + l.providerCode)}
	var buttons []Button
	for i, r := range recs {
		blocks = append(blocks, section(h.recordText(cat, r, c.lang)))
		if h.cfg.BaseURL != "" {
			buttons = append(buttons, linkButton(l.open+" "+names[i], h.recordURL(r), "open_record_"+strconv.Itoa(i)))
		}
	}
	if share, ok := h.shareButton(c); ok {
		buttons = append(buttons, share)
	}
	if len(buttons) > 0 {
		blocks = append(blocks, actions(buttons...))
	}
	blocks = append(blocks, contextBlock(h.footer(c)))
	fallback := names[0] + " (" + l.providerCode + "): " + textfmt.Inline(recs[0].Meaning.In(c.lang), textfmt.Plain)
	return h.message(c, fallback, blocks...)
}

// withRecords puts the providers' records of the code under the answer's
// header: IWINV's own meaning of "iwinv sms 42" before its entry.
func (h *Slack) withRecords(m *Message, c command, recs []*errdex.ProviderRecord) *Message {
	if len(recs) == 0 || len(m.Blocks) == 0 {
		return m
	}
	cat := h.catalog()
	recs = recs[:min(len(recs), maxRecords)]
	blocks := make([]Block, 0, len(m.Blocks)+len(recs))
	blocks = append(blocks, m.Blocks[0])
	for _, r := range recs {
		blocks = append(blocks, section(h.recordText(cat, r, c.lang)))
	}
	return h.message(c, m.Text, append(blocks, m.Blocks[1:]...)...)
}

// recordText is one provider record: its name (linked to its page), that
// it is a provider's code and the entry it maps onto (or that none does),
// the provider's exact text, its own meaning, what to do and its own
// retry advice.
func (h *Slack) recordText(cat *errdex.Catalog, r *errdex.ProviderRecord, lang errdex.Lang) string {
	l := labelsFor(lang)
	name := textfmt.SlackEscape(textfmt.RecordName(cat, r))
	if h.cfg.BaseURL != "" {
		name = "<" + textfmt.SlackEscape(h.recordURL(r)) + "|" + name + ">"
	}
	lines := []string{"*" + name + "* · " + l.providerCode}
	if e, ok := cat.Entry(r.EntryID()); ok {
		lines[0] += " → " + h.entryLink(e)
	} else {
		lines[0] += " · " + l.noEntry
	}
	for _, m := range r.Messages() {
		lines = append(lines, ">"+textfmt.SlackEscape(clip.Ellipsis(m, 300)))
	}
	lines = append(lines,
		"*"+l.meaning+":* "+textfmt.Inline(r.Meaning.In(lang), textfmt.Slack),
		"*"+l.action+":* "+textfmt.Inline(r.Action.In(lang), textfmt.Slack))
	if r.Retry != nil {
		lines = append(lines, "*"+l.retry+":* "+textfmt.Inline(textfmt.RetryAdvice(*r.Retry, lang), textfmt.Slack))
	}
	return strings.Join(lines, "\n")
}

// recordURL is a provider record's page under the configured base URL.
func (h *Slack) recordURL(r *errdex.ProviderRecord) string {
	return paths.Absolute(h.cfg.BaseURL, paths.Record(r))
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

// labels are the fixed words of the Slack answers in one language, read
// from internal/i18n.
type labels struct {
	retry, firstFix, others, didYouMean, searched, tip, helpTitle, help, failed string
	system, httpStatus, variant, customer, open, share, askedBy                 string
	ambiguousIntro, tellsApart, notSure, notSureText, notShared                 string
	meaning, action, providerCode, noEntry                                      string
	noMatch                                                                     func(q string) string
	moreFixes                                                                   func(n int) string
	ambiguous                                                                   func(n int) string
}

// newLabels builds the labels of lang from the one label table.
func newLabels(lang errdex.Lang) *labels {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	return &labels{
		retry:          t(i18n.Retry),
		firstFix:       t(i18n.SlackFirstFix),
		others:         t(i18n.SlackOthers),
		didYouMean:     t(i18n.DidYouMeanText),
		searched:       t(i18n.SlackSearched),
		tip:            t(i18n.SlackTip),
		helpTitle:      t(i18n.SlackHelpTitle),
		failed:         t(i18n.SlackFailed),
		system:         t(i18n.System),
		httpStatus:     t(i18n.HTTPStatus),
		variant:        t(i18n.Variant),
		customer:       t(i18n.CustomerReply),
		open:           t(i18n.SlackOpen),
		share:          t(i18n.SlackShare),
		askedBy:        t(i18n.SlackAskedBy),
		ambiguousIntro: t(i18n.SlackAmbiguousIntro),
		tellsApart:     t(i18n.SlackTellsApart),
		notSure:        t(i18n.SlackNotSure),
		notSureText:    t(i18n.SlackNotSureText),
		notShared:      t(i18n.SlackNotShared),
		help:           t(i18n.SlackHelp),
		meaning:        t(i18n.Meaning),
		action:         t(i18n.Action),
		providerCode:   t(i18n.MatchProviderCode),
		noEntry:        t(i18n.RecordNoEntry),
		ambiguous:      func(n int) string { return i18n.F(lang, i18n.AmbiguousHeading, n) },
		noMatch:        func(q string) string { return i18n.F(lang, i18n.NoMatch, q) },
		moreFixes:      func(n int) string { return i18n.N(lang, i18n.SlackMoreFixes, n) },
	}
}

var labelsByLang = map[errdex.Lang]*labels{
	errdex.English: newLabels(errdex.English),
	errdex.Korean:  newLabels(errdex.Korean),
}

func labelsFor(lang errdex.Lang) *labels {
	if l, ok := labelsByLang[lang]; ok {
		return l
	}
	return labelsByLang[errdex.English]
}
