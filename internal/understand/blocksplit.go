package understand

import (
	"bytes"
	"encoding/json"
	"strings"
)

// A JSON document may hold several errors side by side: a status webhook
// with two failed statuses, each with its errors array, a list of failed
// messages, an errors array of two. Each is an error of its own, so a
// block is split into one block per error object of the shallowest array
// that holds two or more (objects standing side by side at the top of a
// block count as such an array: a paste often starts inside one). Objects
// of that array that hold no error (a delivered status) are left out.

// maxSplitDepth bounds how often an error object is split again (a status
// of two errors inside a webhook of two statuses).
const maxSplitDepth = 3

// jsonElement is one object standing in an array: its first and last
// bytes.
type jsonElement struct{ start, end int }

// splitErrors returns b split into its error objects, or b alone.
func splitErrors(b Block, depth int) []Block {
	if depth >= maxSplitDepth || strings.IndexByte(b.Text, '{') < 0 {
		return []Block{b}
	}
	els := errorElements(b.Text)
	if len(els) < 2 {
		return []Block{b}
	}
	var out []Block
	for _, e := range els {
		text := b.Text[e.start : e.end+1]
		sub := Block{First: b.First + strings.Count(b.Text[:e.start], "\n"),
			Last: b.First + strings.Count(b.Text[:e.end], "\n"), Text: text, Count: b.Count, key: objectKey(text)}
		out = append(out, splitErrors(sub, depth+1)...)
	}
	return out
}

// jsonContainer is an object or array of a text being scanned, and for an
// array the objects standing in it.
type jsonContainer struct {
	array bool
	depth int
	start int
	els   []jsonElement
}

// errorElements finds the objects of the shallowest array of text with two
// or more objects holding an error, and returns those that do.
func errorElements(text string) []jsonElement {
	var best *jsonContainer
	var bestEls []jsonElement
	for _, k := range jsonArrays(text) {
		if best != nil && k.depth >= best.depth {
			continue
		}
		var errs []jsonElement
		for _, e := range k.els {
			if holdsError(text[e.start : e.end+1]) {
				errs = append(errs, e)
			}
		}
		if len(errs) >= 2 {
			best, bestEls = k, errs
		}
	}
	return bestEls
}

// jsonArrays scans text's braces and brackets outside strings and returns
// its arrays, in the order they open, with the objects standing in each.
// The first stands for the array a paste may have started inside: objects
// side by side at the top of the text are its elements.
func jsonArrays(text string) []*jsonContainer {
	all := []*jsonContainer{{array: true}}
	stack := []*jsonContainer{all[0]}
	var quote, escaped bool
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case escaped:
			escaped = false
		case quote:
			escaped = c == '\\'
			quote = c != '"'
		case c == '"':
			quote = true
		case c == '{' || c == '[':
			k := &jsonContainer{array: c == '[', depth: len(stack), start: i}
			stack = append(stack, k)
			if k.array {
				all = append(all, k)
			}
		case (c == '}' || c == ']') && len(stack) > 1:
			k := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if parent := stack[len(stack)-1]; !k.array && parent.array {
				parent.els = append(parent.els, jsonElement{k.start, i})
			}
		}
	}
	return all
}

// holdsError reports whether a JSON object holds an error: a code under a
// code-bearing key, or an error object of its own.
func holdsError(obj string) bool {
	if reErrorObject.MatchString(obj) {
		return true
	}
	for _, m := range reKeyCode.FindAllStringSubmatch(obj, 8) {
		if kindOfKey(m[1]) == keyCode {
			return true
		}
	}
	return false
}

// objectKey is what tells the errors of a JSON object from another's
// (its values, without ids, times and other volatile ones), so that the
// same error standing twice is one block with a count.
func objectKey(obj string) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader([]byte(obj)))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return repeatKey(obj)
	}
	var values []jsonValue
	walkJSON("", v, 0, &values)
	var sb strings.Builder
	for _, x := range values {
		if volatileKey(x.key) || len(x.value) >= 8 && digitShare(x.value) >= 0.5 {
			continue
		}
		sb.WriteString(x.key)
		sb.WriteByte('=')
		sb.WriteString(x.value)
		sb.WriteByte(' ')
	}
	return sb.String()
}
