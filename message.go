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
	// Quoted literals, \s+ and .*? always compile: no need to check here
	// (the test compiles every built-in one).
	return strings.TrimPrefix(pat, `.*?`), nil
}

// internalNameRE matches the names of the internal documents the catalog
// was written from ("003_f19ebbf9b5f57bcc.txt", "upstream-facts.md"),
// which must never reach a user.
var internalNameRE = regexp.MustCompile(`(?i)\b\d{3}_(?:[0-9a-f]{6,}|…|\.\.\.)(?:\.txt)?|\bupstream-(?:facts|codes)\.md\b`)

// InternalName returns the first internal document name in s, or "".
func InternalName(s string) string {
	if !mayNameInternal(s) {
		return ""
	}
	return internalNameRE.FindString(s)
}

// mayNameInternal is a quick test that s could hold an internal name:
// three digits before an underscore, or "upstream-" in any case. Most
// catalog text has neither, and skips the regular expression.
func mayNameInternal(s string) bool {
	for i := 3; i < len(s); i++ {
		if s[i] == '_' && isDigit(s[i-1]) && isDigit(s[i-2]) && isDigit(s[i-3]) {
			return true
		}
	}
	for i := strings.IndexByte(s, '-'); i >= 0; {
		if i >= 8 && strings.EqualFold(s[i-8:i], "upstream") {
			return true
		}
		j := strings.IndexByte(s[i+1:], '-')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
