package textfmt

import (
	"io"
	"strings"

	"github.com/errdex/errdex"
)

// Terminal renders answers for a person at a terminal: wrapped to Width
// columns, with ANSI colour only when Color is set. The command line sets
// Color only when standard output is a terminal and NO_COLOR is unset.
type Terminal struct {
	Lang errdex.Lang
	// Width is the number of columns to wrap to; 0 means DefaultWidth.
	Width int
	Color bool
	// Catalog, when set, supplies system names and the titles of related
	// entries; without it ids are shown alone.
	Catalog *errdex.Catalog
	// BaseURL, when set, makes each entry's page a full link
	// ("https://errdex.example/codes/kmsg/X") instead of a path.
	BaseURL string
}

// indent is the left margin of an entry's body under its headline.
const indent = "  "

// Lookup writes every entry found for code in full, or a short note that
// nothing was found.
func (t Terminal) Lookup(w io.Writer, code string, ms []errdex.Match) error {
	l := labelsFor(t.Lang)
	var sb strings.Builder
	if len(ms) == 0 {
		t.para(&sb, "", l.noCode(Sanitize(code)))
		t.para(&sb, "", l.searchHint(shellWord(Sanitize(code))))
		t.para(&sb, "", l.noMatchTip)
		return write(w, &sb)
	}
	if len(ms) > 1 {
		t.para(&sb, "", t.dim(l.lookupHeader(len(ms), Sanitize(code))))
		sb.WriteByte('\n')
	}
	for i, m := range ms {
		if i > 0 {
			sb.WriteByte('\n')
		}
		var via string
		if m.Field != errdex.MatchCode {
			via = MatchKind(m.Field, t.Lang) + " " + m.Value
		}
		t.entry(&sb, m.Entry, via)
	}
	return write(w, &sb)
}

// Search writes the results of a search: the best match in full, then the
// others one short paragraph each. With no results it writes the
// suggestions and a tip.
func (t Terminal) Search(w io.Writer, resp *errdex.Response) error {
	l := labelsFor(t.Lang)
	var sb strings.Builder
	if len(resp.Results) == 0 {
		t.para(&sb, "", l.noMatch(Sanitize(resp.Query)))
		t.suggestions(&sb, resp.Suggestions)
		t.para(&sb, "", l.noMatchTip)
		return write(w, &sb)
	}
	if resp.Answer == errdex.AnswerUnsure {
		t.closest(&sb, l.noConfident(Sanitize(resp.Query)), resp.Results, false)
		return write(w, &sb)
	}
	header := l.results(resp.Total, Sanitize(resp.Query))
	if len(resp.Results) < resp.Total {
		header = l.resultsShown(len(resp.Results), resp.Total, Sanitize(resp.Query))
	}
	t.para(&sb, "", t.dim(header))
	sb.WriteByte('\n')
	t.results(&sb, resp.Results, false)
	return write(w, &sb)
}

// Identify writes what a pasted error was taken to be: what was found in
// the text, then the matches as Search does, each with its evidence.
func (t Terminal) Identify(w io.Writer, resp *errdex.Response) error {
	l := labelsFor(t.Lang)
	var sb strings.Builder
	if found := t.understood(resp.Understood); found != "" {
		t.para(&sb, "", t.dim(l.found+": "+found))
	}
	if len(resp.Results) == 0 {
		t.para(&sb, "", l.noIdentify)
		t.suggestions(&sb, resp.Suggestions)
		t.para(&sb, "", l.noMatchTip)
		return write(w, &sb)
	}
	t.findings(&sb, resp.Findings)
	if resp.Answer == errdex.AnswerUnsure {
		t.closest(&sb, l.noConfidentText, resp.Results, true)
		return write(w, &sb)
	}
	t.para(&sb, "", t.dim(l.identifyHeader(resp.Total)))
	sb.WriteByte('\n')
	t.results(&sb, resp.Results, true)
	return write(w, &sb)
}

// findings lists, when the text holds several errors, each with its lines,
// how often it stands there, and its first entry or that none is sure.
func (t Terminal) findings(sb *strings.Builder, fs []errdex.Finding) {
	if len(fs) < 2 {
		return
	}
	l := labelsFor(t.Lang)
	t.para(sb, "", t.bold(l.findingsHeader(len(fs))))
	for _, f := range fs {
		where := l.lines(f.Lines[0], f.Lines[1])
		if f.Count > 1 {
			where += " ×" + itoa(f.Count)
		}
		what := l.weakMark
		if f.Answer.Claims() && len(f.Results) > 0 {
			what = t.shortHeadline(f.Results[0].Entry)
		} else if len(f.Results) == 0 {
			what = l.noIdentify
		}
		t.para(sb, indent+"- ", where+": "+what)
	}
	sb.WriteByte('\n')
}

// closest writes an unsure answer: a header saying no entry is a confident
// match, then the closest entries, short and each marked as a weak match,
// none of them shown as the answer.
func (t Terminal) closest(sb *strings.Builder, header string, rs []errdex.Result, evidence bool) {
	l := labelsFor(t.Lang)
	t.para(sb, "", t.bold(header))
	for _, r := range rs {
		via := l.weakMark
		if evidence {
			if ev := t.evidence(r.Evidence); ev != "" {
				via += "; " + ev
			}
		}
		t.compact(sb, r.Entry, via)
	}
}

func (t Terminal) results(sb *strings.Builder, rs []errdex.Result, evidence bool) {
	l := labelsFor(t.Lang)
	via := func(r errdex.Result) string {
		if !evidence {
			return ""
		}
		return t.evidence(r.Evidence)
	}
	t.entry(sb, rs[0].Entry, via(rs[0]))
	if len(rs) == 1 {
		return
	}
	sb.WriteByte('\n')
	t.para(sb, "", t.bold(l.otherMatches))
	for _, r := range rs[1:] {
		t.compact(sb, r.Entry, via(r))
	}
	sb.WriteByte('\n')
	next := rs[1].Entry
	t.para(sb, "", t.dim(l.moreHint+": errdex lookup "+lookupArg(next.Code)+" --system "+Sanitize(next.System)))
}

// lookupArg is a code as it can be typed after "errdex lookup": quoted when
// a shell would split or expand it.
func lookupArg(code string) string {
	code = Sanitize(code)
	if strings.ContainsAny(code, " '\"$`\\*?[]{}()<>|&;!#~") {
		return "'" + strings.ReplaceAll(code, "'", `'\''`) + "'"
	}
	return code
}

// entry writes one entry in full: headline, summary, retry advice, causes,
// fixes, notes, aliases, related entries and the page path.
func (t Terminal) entry(sb *strings.Builder, e *errdex.Entry, via string) {
	l := labelsFor(t.Lang)
	sb.WriteString(t.headline(e) + "\n") // not wrapped: it is short, and a code must stay whole
	t.para(sb, "", t.bold(Inline(Sanitize(e.Title.In(t.Lang)), t.dialect())))
	if via != "" {
		t.para(sb, indent, t.dim("("+via+")"))
	}
	sb.WriteByte('\n')
	t.markdown(sb, indent, indent, e.Summary.In(t.Lang))
	sb.WriteByte('\n')
	t.para(sb, indent, t.retryColor(e, t.bold(RetryWord(e.Retry.Strategy, t.Lang)+".")+retryNote(e, t.Lang)))
	t.list(sb, l.causes, e.Causes, false)
	t.list(sb, l.fixes, e.Fixes, true)
	t.list(sb, l.notes, e.Notes, false)
	t.related(sb, e)
	sb.WriteByte('\n')
	if aka := aliases(e); aka != "" {
		t.para(sb, indent, t.dim(l.aliases+": ")+Sanitize(aka))
	}
	t.para(sb, indent, t.dim(l.page+": "+Sanitize(PageURL(t.BaseURL, e))))
}

// compact writes an entry as a bullet: "CODE (system, HTTP 429): title",
// then its summary underneath.
func (t Terminal) compact(sb *strings.Builder, e *errdex.Entry, via string) {
	t.para(sb, indent+"- ", t.shortHeadline(e))
	summary := Inline(e.Summary.In(t.Lang), t.dialect())
	if via != "" {
		summary += " " + t.dim("("+via+")")
	}
	t.para(sb, indent+"  ", summary)
}

// headline is the entry's code (and variant), system, HTTP status and
// type.
func (t Terminal) headline(e *errdex.Entry) string {
	h := t.code(e.Code)
	if e.Variant != "" {
		h += " " + t.code(e.Variant)
	}
	parts := []string{t.systemName(e.System)}
	if e.HTTPStatus != 0 {
		parts = append(parts, "HTTP "+e.HTTPStatusText())
	}
	if e.Type != "" {
		parts = append(parts, Sanitize(e.Type))
	}
	return h + " " + t.dim("· "+strings.Join(parts, " · "))
}

// shortHeadline is "CODE variant (system, HTTP 429): title", the form of
// plain-text answers.
func (t Terminal) shortHeadline(e *errdex.Entry) string {
	h := t.code(e.Code)
	if e.Variant != "" {
		h += " " + t.code(e.Variant)
	}
	meta := Sanitize(e.System)
	if e.HTTPStatus != 0 {
		meta += ", HTTP " + e.HTTPStatusText()
	}
	return h + " (" + meta + "): " + Inline(Sanitize(e.Title.In(t.Lang)), t.dialect())
}

func (t Terminal) systemName(id string) string {
	if t.Catalog != nil {
		if s, ok := t.Catalog.System(id); ok {
			return Sanitize(s.Name.In(t.Lang)) + " (" + Sanitize(id) + ")"
		}
	}
	return Sanitize(id)
}

// related writes the related entries as a list, each with its title when
// the catalog is at hand.
func (t Terminal) related(sb *strings.Builder, e *errdex.Entry) {
	if len(e.Related) == 0 {
		return
	}
	sb.WriteByte('\n')
	t.para(sb, indent, t.bold(labelsFor(t.Lang).related))
	for _, id := range e.Related {
		line := Sanitize(id)
		if t.Catalog != nil {
			if r, ok := t.Catalog.Entry(id); ok {
				line += ": " + Inline(Sanitize(r.Title.In(t.Lang)), t.dialect())
			}
		}
		t.para(sb, indent+"- ", line)
	}
}

// aliases lists the other names an entry is looked up by: its aliases, then
// provider codes as provider:code.
func aliases(e *errdex.Entry) string {
	names := append([]string(nil), e.Aliases...)
	for _, pc := range e.ProviderCodes {
		for _, c := range pc.Codes {
			names = append(names, pc.Provider+":"+c)
		}
	}
	return strings.Join(names, ", ")
}

func (t Terminal) evidence(ev []errdex.Evidence) string {
	if len(ev) == 0 {
		return ""
	}
	l := labelsFor(t.Lang)
	parts := make([]string, 0, len(ev))
	for _, e := range ev {
		v := e.Value
		if e.Kind == errdex.MatchSignature {
			v = readablePattern(v)
		}
		parts = append(parts, MatchKind(e.Kind, t.Lang)+" "+quote(Sanitize(v)))
	}
	return l.evidence + ": " + strings.Join(parts, ", ")
}

func (t Terminal) understood(u errdex.Understanding) string {
	var parts []string
	for _, c := range u.Codes {
		parts = append(parts, MatchKind(errdex.MatchCode, t.Lang)+" "+Sanitize(c))
	}
	for _, s := range u.HTTPStatuses {
		parts = append(parts, "HTTP "+itoa(s))
	}
	for _, id := range u.Signatures {
		parts = append(parts, MatchKind(errdex.MatchSignature, t.Lang)+" "+Sanitize(id))
	}
	return strings.Join(parts, ", ")
}

func (t Terminal) suggestions(sb *strings.Builder, sugs []errdex.Suggestion) {
	if len(sugs) == 0 {
		return
	}
	l := labelsFor(t.Lang)
	t.para(sb, "", l.didYouMean+":")
	for _, s := range sugs {
		t.para(sb, indent+"- ", t.shortHeadline(s.Entry))
	}
}

// list writes a titled list of Markdown items, numbered when the order
// matters (fixes are most likely first).
func (t Terminal) list(sb *strings.Builder, title string, items []errdex.Text, numbered bool) {
	if len(items) == 0 {
		return
	}
	sb.WriteByte('\n')
	t.para(sb, indent, t.bold(title))
	for i, it := range items {
		marker := "- "
		if numbered {
			marker = itoa(i+1) + ". "
		}
		t.markdown(sb, indent+marker, indent+strings.Repeat(" ", len(marker)), it.In(t.Lang))
	}
}

// markdown writes Markdown source wrapped: its first line starts with
// first, every other line with rest, and nested list items indent further.
func (t Terminal) markdown(sb *strings.Builder, first, rest, src string) {
	for i, b := range markdownBlocks(src, t.dialect()) {
		p := rest + strings.Repeat("  ", b.depth)
		if i == 0 {
			p = first + strings.Repeat("  ", b.depth)
		}
		if b.pre {
			sb.WriteString(strings.TrimRight(p+b.marker+"    "+b.text, " ") + "\n")
			continue
		}
		t.wrapInto(sb, p+b.marker, rest+strings.Repeat("  ", b.depth)+strings.Repeat(" ", len(b.marker)), b.text)
	}
}

// para writes one wrapped paragraph whose lines all start with prefix
// (the first line's prefix may carry a bullet, the others are spaces).
func (t Terminal) para(sb *strings.Builder, prefix, text string) {
	t.wrapInto(sb, prefix, strings.Repeat(" ", DisplayWidth(prefix)), text)
}

func (t Terminal) wrapInto(sb *strings.Builder, first, rest, text string) {
	for _, line := range wrap(text, t.width(), first, rest) {
		sb.WriteString(line)
		sb.WriteByte('\n')
	}
}

func (t Terminal) width() int {
	if t.Width <= 0 {
		return DefaultWidth
	}
	return max(t.Width, 40) // narrower is unreadable anyway
}

func (t Terminal) dialect() Dialect {
	if t.Color {
		return TermColor
	}
	return TermPlain
}

func (t Terminal) style(on, off, s string) string {
	if !t.Color || s == "" {
		return s
	}
	return on + s + off
}

func (t Terminal) bold(s string) string { return t.style(ansiBold, ansiBoldOff, s) }
func (t Terminal) dim(s string) string  { return t.style(ansiDim, ansiDimOff, s) }
func (t Terminal) code(s string) string {
	return t.style(ansiBold+ansiYellow, ansiColorOff+ansiBoldOff, Sanitize(s))
}

// retryColor shows at a glance whether to retry: green when a program may
// retry on its own, red when it must not.
func (t Terminal) retryColor(e *errdex.Entry, s string) string {
	if e.Retry.Retryable {
		return t.style(ansiGreen, ansiColorOff, s)
	}
	return t.style(ansiRed, ansiColorOff, s)
}

func write(w io.Writer, sb *strings.Builder) error {
	_, err := io.WriteString(w, sb.String())
	return err
}

// retryNote is " " and the entry's retry note, or "".
func retryNote(e *errdex.Entry, lang errdex.Lang) string {
	if note := e.Retry.Note.In(lang); note != "" {
		return " " + note
	}
	return ""
}

// readablePattern shows a signature's regular expression the way people
// read a message: `wrong appKey\(.*\) format` as "wrong appKey(…) format".
// Flags and groups go, a wildcard becomes an ellipsis, whitespace classes
// a space, and escaped characters stand for themselves.
func readablePattern(re string) string {
	r := strings.NewReplacer("(?i)", "", "(?-i)", "", "(?:", "", ".*?", "…", ".+?", "…", ".*", "…", ".+", "…",
		`\s*`, " ", `\s+`, " ", `\s`, " ", `\d+`, "N", `\d`, "N", "^", "", "$", "")
	s := r.Replace(re)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '(' || c == ')':
		case c == '|':
			b.WriteString(" / ")
		default:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// shellWord quotes s for a shell command line when it needs it.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
