package errdex

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
)

// varRE matches a variable part of a message signature: {name}.
var varRE = regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_.]*\}`)

// minMessageLiteral is how many characters (not counting spaces) of a
// message must be fixed text, so that a message signature identifies
// something.
const minMessageLiteral = 4

// MessagePattern compiles an exact upstream message, with {name} marking
// its variable parts, into the RE2 expression message signatures match
// with (ignoring case, which the matcher adds): the fixed text literally,
// any run of white space as any other, each variable as any text on the
// line.
func MessagePattern(msg string) (string, error) {
	if strings.TrimSpace(msg) == "" {
		return "", errors.New("is empty")
	}
	var (
		b     strings.Builder
		fixed int
		last  int
	)
	literal := func(s string) {
		start, inSpace := 0, false
		for i, r := range s {
			sp := unicode.IsSpace(r)
			switch {
			case sp && !inSpace:
				b.WriteString(regexp.QuoteMeta(s[start:i]))
				b.WriteString(`\s+`)
			case !sp:
				if inSpace {
					start = i
				}
				fixed++
			}
			inSpace = sp
		}
		if !inSpace {
			b.WriteString(regexp.QuoteMeta(s[start:]))
		}
	}
	msg = strings.TrimSpace(msg)
	for _, loc := range varRE.FindAllStringIndex(msg, -1) {
		literal(msg[last:loc[0]])
		b.WriteString(`.*?`)
		last = loc[1]
	}
	literal(msg[last:])
	if fixed < minMessageLiteral {
		return "", errors.New("has too little fixed text to identify anything")
	}
	pat := strings.TrimSuffix(b.String(), `.*?`) // a trailing variable matches anything
	pat = strings.TrimPrefix(pat, `.*?`)
	if _, err := regexp.Compile("(?i)" + pat); err != nil {
		return "", err
	}
	return pat, nil
}

// internalNameRE matches the names of the internal documents the catalog
// was written from ("003_f19ebbf9b5f57bcc.txt", "upstream-facts.md"),
// which must never reach a user.
var internalNameRE = regexp.MustCompile(`(?i)\b\d{3}_(?:[0-9a-f]{6,}|…|\.\.\.)(?:\.txt)?|\bupstream-(?:facts|codes)\.md\b`)

// InternalName returns the first internal document name in s, or "".
func InternalName(s string) string {
	if !strings.ContainsAny(s, "_-") {
		return ""
	}
	return internalNameRE.FindString(s)
}
