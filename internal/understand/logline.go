package understand

import (
	"regexp"
	"strings"
	"unicode"
)

// reKeyValue is one key=value pair of a log line.
var reKeyValue = regexp.MustCompile(`[\w.-]+=("[^"]*"|\S+)`)

// reLogLine recognises a log line: a timestamp, a level, or key=value pairs.
var reLogLine = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b(?:DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b|\w+=\S+.*\s\w+=\S+`)

// LooksLikePayload tells a pasted error (JSON, a log line, an HTTP
// response) from words someone typed.
func LooksLikePayload(q string) bool {
	return strings.ContainsAny(q, "{}\n") || strings.Contains(q, "HTTP/") ||
		strings.Contains(q, `":`) || len(q) > 160 || reLogLine.MatchString(q)
}

var (
	reHTTPLine = regexp.MustCompile(`(?i)\bHTTP(?:/[0-9.]+\s+|_)([1-5][0-9]{2})\b`)
	// reKeyCode is a key and its value in a log line, Node's, Python's or
	// Ruby's printing of an object, or a JSON fragment: code=X,
	// "errorCode": "X", code: 'X', status_code=400, "code" => 131053.
	reKeyCode    = regexp.MustCompile(`(?i)\b([a-z_]*(?:code|status))["']?\s*(?:=>|[:=])\s*["']?(-?[A-Za-z0-9_]+)`)
	reProviderKV = regexp.MustCompile(`(?i)\bprovider(?:Id|_id)?["']?\s*(?:=>|[:=])\s*["']?([a-z][a-z0-9-]*)`)
	// reErrorCode is a code a paste names in words: "failed with error
	// code 131047", as someone writes it in a report too long to be read
	// as typed (LooksLikePayload).
	reErrorCode = regexp.MustCompile(`(?i)\berror code\s+(-?[0-9]{2,7})\b`)
)

// Each pattern above needs a word or a character the text may well lack;
// a test of the text for it first keeps a long paste from running
// patterns that cannot match (on 64 KiB of words, reKeyCode alone was a
// fifth of identify's time). The tests hold for every text a pattern
// matches: "tatus" rather than "status", since (?i) also matches the long
// s (ſ), which lower-casing keeps.

// mayHoldKeyCode reports whether lower, a text lower-cased, may hold a
// match of reKeyCode.
func mayHoldKeyCode(lower string) bool {
	return strings.Contains(lower, "code") || strings.Contains(lower, "tatus")
}

// readPayload reads a pasted payload, log line or HTTP response.
func (r *reader) readPayload() {
	providers := map[string]bool{}
	if strings.Contains(r.lowered(), "provider") {
		for _, m := range reProviderKV.FindAllStringSubmatch(r.text, 8) {
			providers[strings.ToLower(m[1])] = true
		}
	}
	r.readJSON(providers)
	r.readLogLine(providers)
}

// readLogLine reads codes and statuses where a log line puts them: after a
// code-bearing key, on an HTTP status line or after status=, and any
// identifier that is a code (INVALID_REQUEST, invalid_api_key, KOE009,
// MessageNotReceivedError). Bare numbers count only in such places, since
// a log is full of numbers that mean nothing here.
func (r *reader) readLogLine(providers map[string]bool) {
	if mayHoldKeyCode(r.lowered()) {
		for _, m := range reKeyCode.FindAllStringSubmatch(r.text, 16) {
			switch kindOfKey(m[1]) {
			case keyCode:
				r.addCode(m[2], providers)
			case keyStatus:
				r.addStatus(m[2])
			}
		}
		if strings.Contains(r.lowered(), "error code") {
			for _, m := range reErrorCode.FindAllStringSubmatch(r.text, 16) {
				r.addCode(m[1], providers)
			}
		}
	}
	if strings.Contains(r.lowered(), "http") {
		for _, m := range reHTTPLine.FindAllStringSubmatch(r.text, 4) {
			r.addStatus(m[1])
		}
	}
	for _, tok := range identifierTokens(r.text) {
		r.addKey(tok)
	}
}

// identifierTokens returns the tokens of text that could be codes: runs of
// letters, digits and underscores that contain a letter and are either
// upper-case, contain an underscore, or mix letters and digits.
func identifierTokens(text string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '_' || r == '-' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		t = strings.Trim(t, "-_")
		if len(t) < 4 || len(t) > 64 {
			continue
		}
		if isIdentifier(t) {
			out = append(out, t)
		}
		if len(out) == 64 {
			break
		}
	}
	return out
}

// isIdentifier reports whether t contains a letter and is upper-case,
// contains an underscore, mixes letters and digits, or is a class name
// (two capitals or more among lower-case letters: ApiKeyError).
func isIdentifier(t string) bool {
	var letter, digit, under bool
	uppers := 0
	for _, r := range t {
		switch {
		case r == '_':
			under = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsUpper(r):
			uppers++
			letter = true
		case unicode.IsLetter(r):
			letter = true
		}
	}
	return letter && (under || digit || uppers >= 2 || uppers > 0 && !strings.ContainsFunc(t, unicode.IsLower))
}
