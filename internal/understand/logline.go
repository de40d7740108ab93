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
	reHTTPLine   = regexp.MustCompile(`(?i)\bHTTP/[0-9.]+\s+([1-5][0-9]{2})\b`)
	reStatusKV   = regexp.MustCompile(`(?i)\b(?:status|http_?status|status_?code)["']?\s*[:=]\s*["']?([1-5][0-9]{2})\b`)
	reBracket    = regexp.MustCompile(`\[(-?[0-9A-Za-z_]{3,})\]`)
	reCodeKV     = regexp.MustCompile(`(?i)\b(?:code|error_?code|errorCode|provider_?error_?code|provider_?code)["']?\s*[:=]\s*["']?(-?[A-Za-z0-9_]+)`)
	reProviderKV = regexp.MustCompile(`(?i)\bprovider(?:Id|_id)?["']?\s*[:=]\s*["']?([a-z][a-z0-9-]*)`)
)

// readPayload reads a pasted payload, log line or HTTP response.
func (r *reader) readPayload() {
	providers := map[string]bool{}
	for _, m := range reProviderKV.FindAllStringSubmatch(r.text, 8) {
		providers[strings.ToLower(m[1])] = true
	}
	provCodes := r.readJSON(providers)
	r.readLogLine()
	for _, c := range provCodes {
		qualified := false
		for p := range providers {
			qualified = r.addQualified(p, c) || qualified
		}
		if !qualified {
			r.addKey(c)
		}
	}
}

// readLogLine reads codes and statuses where a log line puts them: after
// code= or in brackets, on an HTTP status line or after status=, and any
// identifier that is a code (INVALID_REQUEST, invalid_api_key, KOE009).
// Bare numbers count only in those places, since a log is full of numbers
// that mean nothing here.
func (r *reader) readLogLine() {
	for _, m := range reCodeKV.FindAllStringSubmatch(r.text, 16) {
		r.addKey(m[1])
	}
	for _, m := range reBracket.FindAllStringSubmatch(r.text, 16) {
		r.addKey(m[1])
	}
	for _, m := range reHTTPLine.FindAllStringSubmatch(r.text, 4) {
		r.addStatus(m[1])
	}
	for _, m := range reStatusKV.FindAllStringSubmatch(r.text, 4) {
		r.addStatus(m[1])
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
// contains an underscore, or mixes letters and digits.
func isIdentifier(t string) bool {
	var letter, digit, upper, under bool
	for _, r := range t {
		switch {
		case r == '_':
			under = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsUpper(r):
			upper, letter = true, true
		case unicode.IsLetter(r):
			letter = true
		}
	}
	return letter && (under || (upper && !strings.ContainsFunc(t, unicode.IsLower)) || digit)
}
