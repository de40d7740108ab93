package app

import "strings"

// maxTypedQuery is about the longest question people type; longer text
// was pasted.
const maxTypedQuery = 200

// IsTyped reports whether text reads as a question typed by hand rather
// than a pasted payload or log: one short line, no JSON braces. Only typed
// text may choose the answer's language (ChooseLang): an English log with
// one Korean server message in it is still an English reader's paste.
func IsTyped(text string) bool {
	return len(text) <= maxTypedQuery && !IsPaste(text) && !strings.ContainsAny(text, "{}\n\r")
}
