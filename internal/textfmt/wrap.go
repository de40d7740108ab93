package textfmt

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// DefaultWidth is the width text is wrapped to when the terminal's is
// unknown (output to a pipe or a file).
const DefaultWidth = 80

// DisplayWidth is how many terminal columns s takes: Hangul and other wide
// characters take two, combining marks none, ANSI escape sequences none.
func DisplayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b { // skip a CSI sequence: ESC [ params final-byte
			i = skipEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n += runeWidth(r)
	}
	return n
}

func skipEscape(s string, i int) int {
	i++ // ESC
	if i < len(s) && s[i] == '[' {
		i++
		for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
			i++
		}
	}
	return i + 1 // the final byte
}

func runeWidth(r rune) int {
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200b {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// wrap breaks text at spaces into lines of at most width columns. The
// first line starts with first and the others with rest (a hanging
// indent). A word longer than a line, such as a URL, gets a line of its
// own rather than being cut.
func wrap(text string, width int, first, rest string) []string {
	// Only ASCII spaces separate words, so a non-breaking space in the
	// catalog's text holds its words together.
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' })
	if len(words) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	var (
		lines []string
		line  strings.Builder
		col   int
	)
	line.WriteString(first)
	col = DisplayWidth(first)
	lineEmpty := true
	for _, w := range words {
		ww := DisplayWidth(w)
		if !lineEmpty && col+1+ww > width {
			lines = append(lines, line.String())
			line.Reset()
			line.WriteString(rest)
			col = DisplayWidth(rest)
			lineEmpty = true
		}
		if !lineEmpty {
			line.WriteByte(' ')
			col++
		}
		line.WriteString(w)
		col += ww
		lineEmpty = false
	}
	return append(lines, line.String())
}
