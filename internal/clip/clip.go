// Package clip shortens text without ever splitting a character: the one
// truncation every package uses, whether its bound is in bytes (a log
// field, a limit of the API) or in characters (a title, a chat block).
package clip

import "unicode/utf8"

// Bytes returns the longest prefix of s of at most n bytes that ends on a
// character boundary.
func Bytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Runes returns the first n characters of s.
func Runes(s string, n int) string {
	for i := range s {
		if n <= 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// Ellipsis returns s when it has at most n characters, else its first n-1
// characters and "…", n in all.
func Ellipsis(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return Runes(s, n-1) + "…"
}
