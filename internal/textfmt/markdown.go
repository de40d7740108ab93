package textfmt

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Dialect is a destination for catalog Markdown: each spells code, emphasis
// and links the way its reader expects, and none passes raw HTML through.
type Dialect int

const (
	// Plain is Markdown-friendly text a bot can post as it is: `code` keeps
	// its backticks, strong emphasis becomes *bold* (which chat apps
	// render), links become "text (url)".
	Plain Dialect = iota
	// Slack is Slack's mrkdwn: links are <url|text>, and &, < and > are
	// escaped so catalog or user text cannot form a mention or a link.
	Slack
	// TermPlain is plain text for a terminal without colour: backticks are
	// kept, since they are the only sign of code left.
	TermPlain
	// TermColor is text for a colour terminal: code and emphasis are
	// shown with ANSI styles and the Markdown marks are dropped.
	TermColor
)

// ANSI styles. Each is closed by its own reset rather than by ESC[0m, so
// that styles nest (a code span inside bold text).
const (
	ansiBold      = "\x1b[1m"
	ansiBoldOff   = "\x1b[22m"
	ansiDim       = "\x1b[2m"
	ansiDimOff    = "\x1b[22m"
	ansiCyan      = "\x1b[36m"
	ansiYellow    = "\x1b[33m"
	ansiGreen     = "\x1b[32m"
	ansiRed       = "\x1b[31m"
	ansiColorOff  = "\x1b[39m"
	ansiUnder     = "\x1b[4m"
	ansiUnderOff  = "\x1b[24m"
	ansiItalic    = "\x1b[3m"
	ansiItalicOff = "\x1b[23m"
)

// block is one line-level piece of rendered Markdown: a paragraph, a list
// item, or a line of a code block. Keeping the list marker apart from the
// text lets the terminal renderer wrap an item with a hanging indent.
type block struct {
	depth  int    // list nesting: 0 for top-level paragraphs
	marker string // "- " or "1. " on an item's first block, else ""
	text   string
	pre    bool // a line of a code block: never wrapped or reflowed
}

var md = goldmark.New() // CommonMark only: no raw HTML extension, no typographer

// FromMarkdown renders catalog Markdown (a cause or a fix) as text in the
// dialect d. Paragraphs and list items are separate lines; raw HTML is
// dropped, keeping the text between tags.
func FromMarkdown(src string, d Dialect) string {
	return joinBlocks(markdownBlocks(src, d), d)
}

// Inline renders Markdown as one line: list items and paragraphs are
// joined with spaces. Titles and summaries use it, as do places where a
// line break would break the layout (a Slack field, a list of results).
func Inline(src string, d Dialect) string {
	bs := markdownBlocks(src, d)
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		parts = append(parts, strings.TrimSpace(b.marker+b.text))
	}
	return strings.Join(parts, " ")
}

func joinBlocks(bs []block, d Dialect) string {
	fence := d == Plain || d == Slack
	var sb strings.Builder
	inPre := false
	for _, b := range bs {
		if fence && b.pre != inPre {
			if sb.Len() > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteString("```")
			inPre = b.pre
		}
		if sb.Len() > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(strings.Repeat("  ", b.depth))
		sb.WriteString(b.marker)
		if b.pre && !fence {
			sb.WriteString("    ") // a terminal shows code blocks indented
		}
		sb.WriteString(b.text)
	}
	if inPre {
		sb.WriteString("\n```")
	}
	return sb.String()
}

func markdownBlocks(src string, d Dialect) []block {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	r := &mdRenderer{src: source, d: d}
	r.blocks(doc, 0, "", "")
	return r.out
}

type mdRenderer struct {
	src []byte
	d   Dialect
	out []block
}

// blocks renders the block children of n. marker is given to the first
// block rendered (the first paragraph of a list item); the blocks after it
// get cont, spaces as wide as the marker, so they hang under the item.
func (r *mdRenderer) blocks(n ast.Node, depth int, marker, cont string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			r.add(block{depth: depth, marker: marker, text: strings.TrimSpace(r.inline(c))})
		case *ast.Heading:
			r.add(block{depth: depth, marker: marker, text: r.strong(strings.TrimSpace(r.inline(c)))})
		case *ast.List:
			d := depth
			if n.Kind() == ast.KindListItem {
				d++ // a list inside an item is nested under it
				if strings.TrimSpace(marker) != "" {
					r.add(block{depth: depth, marker: marker}) // an item that starts with a list
				}
			}
			num := c.Start
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				m := "- "
				if c.IsOrdered() {
					m = strconv.Itoa(num) + ". "
					num++
				}
				r.blocks(item, d, m, strings.Repeat(" ", len(m)))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				line := strings.TrimRight(string(seg.Value(r.src)), "\n")
				r.add(block{depth: depth, marker: marker, text: r.escape(line), pre: true})
				marker = cont
			}
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// Raw HTML is never shown: the catalog's README says it is not rendered.
			continue
		default: // a blockquote, or a block an extension would add
			r.blocks(c, depth, marker, cont)
		}
		marker = cont
	}
}

func (r *mdRenderer) add(b block) {
	if b.text == "" && b.marker == "" && !b.pre {
		return
	}
	r.out = append(r.out, b)
}

// inline renders the inline children of n.
func (r *mdRenderer) inline(n ast.Node) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			sb.WriteString(r.escape(r.strays(string(c.Value(r.src)))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.WriteString(r.escape(string(c.Value)))
		case *ast.CodeSpan:
			sb.WriteString(r.code(r.raw(c)))
		case *ast.Emphasis:
			inner := r.inline(c)
			if c.Level >= 2 {
				sb.WriteString(r.strong(inner))
			} else {
				sb.WriteString(r.em(inner))
			}
		case *ast.Link:
			sb.WriteString(r.link(string(c.Destination), r.inline(c)))
		case *ast.AutoLink:
			u := string(c.URL(r.src))
			sb.WriteString(r.link(u, r.escape(string(c.Label(r.src)))))
		case *ast.Image:
			sb.WriteString(r.inline(c)) // the alt text
		case *ast.RawHTML:
			// Dropped: the text between tags is kept by its own Text nodes.
		default:
			sb.WriteString(r.inline(c))
		}
	}
	return sb.String()
}

// strays handles "**" that CommonMark left as text. Its flanking rules do
// not see bold closed right before a Korean particle ("**[설정]**에서"), which
// the catalog's Korean prose does naturally; showing the asterisks would be
// noise, so a terminal drops them and chat keeps a single "*".
func (r *mdRenderer) strays(s string) string {
	if !strings.Contains(s, "**") {
		return s
	}
	switch r.d {
	case TermPlain, TermColor:
		return strings.ReplaceAll(s, "**", "")
	}
	return strings.ReplaceAll(s, "**", "*")
}

// raw is the unescaped text of a code span.
func (r *mdRenderer) raw(n ast.Node) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(c.Value(r.src))
		case *ast.String:
			sb.Write(c.Value)
		}
	}
	return sb.String()
}

func (r *mdRenderer) escape(s string) string {
	switch r.d {
	case Slack:
		return SlackEscape(s)
	case TermPlain, TermColor:
		return Sanitize(s)
	}
	return s
}

func (r *mdRenderer) code(s string) string {
	if r.d == TermColor {
		return ansiCyan + Sanitize(s) + ansiColorOff
	}
	return "`" + r.escape(s) + "`"
}

func (r *mdRenderer) strong(s string) string {
	switch r.d {
	case TermColor:
		return ansiBold + s + ansiBoldOff
	case TermPlain:
		return s
	}
	return "*" + s + "*"
}

func (r *mdRenderer) em(s string) string {
	switch r.d {
	case TermColor:
		return ansiItalic + s + ansiItalicOff
	case TermPlain:
		return s
	}
	return "_" + s + "_"
}

func (r *mdRenderer) link(url, label string) string {
	switch r.d {
	case Slack:
		// Only web links become Slack links: a target such as "!channel"
		// or "@U123" would mention people, and a "|" would end the target.
		if !isWebURL(url) {
			if label == "" {
				return SlackEscape(url)
			}
			return label
		}
		u := SlackEscape(strings.ReplaceAll(url, "|", "%7C"))
		if label == "" || label == u {
			return "<" + u + ">"
		}
		return "<" + u + "|" + label + ">"
	case TermColor:
		url = Sanitize(url)
		if label == "" || label == url {
			return ansiUnder + url + ansiUnderOff
		}
		return label + " (" + ansiUnder + url + ansiUnderOff + ")"
	case TermPlain:
		url = Sanitize(url)
	}
	if label == "" || label == url {
		return url
	}
	return label + " (" + url + ")"
}

// isWebURL reports whether u is an absolute http or https URL.
func isWebURL(u string) bool {
	l := strings.ToLower(u)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(u, " \t\r\n<>")
}

// SlackEscape escapes the three characters Slack's mrkdwn gives meaning to,
// so that text from the catalog or a user cannot form a link, a mention
// (<!channel>) or a broken message.
func SlackEscape(s string) string {
	return slackEscaper.Replace(s)
}

var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Sanitize drops control characters (other than tab) from text bound for
// a terminal, so that neither the catalog nor a pasted error can move the
// cursor or change the terminal's state with escape sequences.
func Sanitize(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
