package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/textfmt"
)

// writeRecords writes the provider records a lookup names, each with the
// provider's exact message and its own meaning, before the entries they
// map onto.
func writeRecords(w io.Writer, cat *errdex.Catalog, rs []*errdex.ProviderRecord, lang errdex.Lang, baseURL string, width int) error {
	if width <= 0 {
		width = 80
	}
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	var b strings.Builder
	for _, r := range rs {
		head := textfmt.RecordName(cat, r)
		target := t(i18n.CLIRecordNoEntry)
		if e, ok := cat.Entry(r.EntryID()); ok {
			target = "→ " + e.ID()
		}
		fmt.Fprintf(&b, "%s · %s %s\n", textfmt.Sanitize(head), t(i18n.MatchProviderCode), textfmt.Sanitize(target))
		for _, m := range r.Messages() {
			fmt.Fprintf(&b, "  %q\n", textfmt.Sanitize(m))
		}
		b.WriteString(wrapLine("  "+t(i18n.Meaning)+": "+textfmt.Sanitize(r.Meaning.In(lang)), width, "    "))
		b.WriteString(wrapLine("  "+t(i18n.Action)+": "+textfmt.Sanitize(r.Action.In(lang)), width, "    "))
		fmt.Fprintf(&b, "  %s: %s\n\n", t(i18n.Page), paths.Absolute(baseURL, paths.Record(r)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrapLine breaks a line between words to fit width display columns,
// indenting the lines after the first.
func wrapLine(line string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(line) {
		ww := textfmt.DisplayWidth(w)
		switch {
		case i == 0:
			lead := line[:len(line)-len(strings.TrimLeft(line, " "))]
			b.WriteString(lead + w)
			col = len(lead) + ww
		case col+1+ww > width:
			b.WriteString("\n" + indent + w)
			col = len(indent) + ww
		default:
			b.WriteString(" " + w)
			col += 1 + ww
		}
	}
	b.WriteByte('\n')
	return b.String()
}
