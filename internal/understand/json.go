package understand

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Keys of JSON payloads, by what their values are.
var (
	jsonStatusKeys  = map[string]bool{"status": true, "httpstatus": true, "statuscode": true, "httpstatuscode": true, "httpcode": true}
	jsonMessageKeys = map[string]bool{"message": true, "msg": true, "errordescription": true, "providererrortext": true,
		"description": true, "detail": true, "details": true, "reason": true, "errormessage": true, "error": true,
		"title": true, "errorusermsg": true, "errorusertitle": true}
	jsonProviderName = map[string]bool{"provider": true, "providerid": true}
)

// keyKind is what a JSON or key=value key says its value is.
type keyKind int

const (
	keyOther keyKind = iota
	keyCode
	keyStatus
	keyProvider
)

// keySeparators are dropped from a key before it is read (built once: a
// Replacer builds its tables on first use, and a payload has many keys).
var keySeparators = strings.NewReplacer("_", "", "-", "")

// kindOfKey reads a key by its shape rather than a list of spellings: any
// key ending in "code" holds a code (code, errorCode, result_code,
// originalCode, providerErrorCode, error_subcode), except the ones that say
// status (status_code, httpStatusCode).
func kindOfKey(key string) keyKind {
	k := keySeparators.Replace(strings.ToLower(key))
	switch {
	case jsonStatusKeys[k]:
		return keyStatus
	case jsonProviderName[k]:
		return keyProvider
	case strings.HasSuffix(k, "code"):
		return keyCode
	}
	return keyOther
}

// readJSON reads the JSON objects of a paste: codes and statuses by their
// keys, the providers named, and the messages, which are the payload's
// words. Codes are read once the providers are known, so that a provider's
// own code is read as that provider's.
func (r *reader) readJSON(providers map[string]bool) {
	values := jsonValues(r.text)
	r.parsedJSON = len(values) > 0
	var codes []string
	for _, v := range values {
		r.tally.value(v.key, v.value, v.boolean, v.number)
		if v.boolean {
			continue
		}
		key := strings.ToLower(v.key)
		kind := kindOfKey(key)
		if key == "error" && isCodeLike(v.value) {
			// OAuth's {"error":"invalid_grant"}, Kakao's {error: misconfigured}.
			kind = keyCode
		}
		switch kind {
		case keyCode:
			codes = append(codes, v.value)
		case keyStatus:
			r.addStatus(v.value)
		case keyProvider:
			providers[strings.ToLower(v.value)] = true
		case keyOther:
			if key == "type" && !v.number && isCodeLike(strings.ToLower(v.value)) && len(r.out.Types) < maxTypes {
				r.out.Types = append(r.out.Types, strings.ToLower(v.value))
			}
		}
		if kind != keyCode && jsonMessageKeys[strings.ReplaceAll(key, "_", "")] && !v.number && v.value != "" {
			// A message, or one word of one ("NotTalkUser").
			r.messages = append(r.messages, v.value)
		}
	}
	for _, c := range codes {
		r.addCode(c, providers)
	}
}

// jsonValue is one scalar of a JSON document, with the key it stands under.
type jsonValue struct {
	key, value      string
	number, boolean bool
}

// jsonValues finds the JSON objects in text (the whole text, or the first
// few {...} spans in it) and returns their scalar values with their keys.
// Depth and count are bounded: a pasted payload is small and hostile input
// must stay cheap.
func jsonValues(text string) []jsonValue {
	var out []jsonValue
	tried := map[string]bool{}
	for _, s := range jsonSpans(text) {
		// A span that is the whole text again reads the same.
		if len(s) == 0 || s[0] != '{' || tried[s] {
			continue
		}
		tried[s] = true
		v, ok := decodeJSON(s)
		if !ok {
			continue
		}
		walkJSON("", v, 0, &out)
		if len(out) > 0 {
			break
		}
	}
	return out
}

// maxJSONDepth is the depth below which walkJSON reads nothing.
const maxJSONDepth = 16

// decodeJSON decodes the first JSON value of s as json.Decoder does into
// an any (numbers as json.Number), and reports whether it is valid, but
// leaves out what lies deeper than walkJSON reads: a 64 KiB paste nested
// thousands deep was decoded whole, a map per level, for each of its
// spans.
func decodeJSON(s string) (any, bool) {
	var raw json.RawMessage
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&raw); err != nil { // the same syntax checks, depth included
		return nil, false
	}
	sc := jsonScanner{b: raw}
	return sc.value(0), true
}

// jsonScanner reads a JSON value already checked valid.
type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) peek() byte {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// value reads the next value; a container deeper than maxJSONDepth is
// skipped and read as nil.
func (s *jsonScanner) value(depth int) any {
	switch c := s.peek(); c {
	case '{', '[':
		if depth > maxJSONDepth {
			s.skip()
			return nil
		}
		s.i++
		if c == '[' {
			list := []any{}
			for s.peek() != ']' && s.i < len(s.b) {
				list = append(list, s.value(depth+1))
				if s.peek() == ',' {
					s.i++
				}
			}
			s.i++
			return list
		}
		obj := map[string]any{}
		for s.peek() == '"' {
			k := s.str()
			s.peek()
			s.i++ // :
			obj[k] = s.value(depth + 1)
			if s.peek() == ',' {
				s.i++
			}
		}
		s.i++ // }
		return obj
	case '"':
		return s.str()
	case 't':
		s.i += len("true")
		return true
	case 'f':
		s.i += len("false")
		return false
	case 'n':
		s.i += len("null")
		return nil
	}
	start := s.i
	for s.i < len(s.b) && strings.IndexByte("+-0123456789.eE", s.b[s.i]) >= 0 {
		s.i++
	}
	return json.Number(s.b[start:s.i])
}

// str reads a string, unquoted as encoding/json does.
func (s *jsonScanner) str() string {
	start := s.i
	plain := true
	for s.i++; s.i < len(s.b); s.i++ {
		c := s.b[s.i]
		if c == '\\' {
			plain = false
			s.i++
			continue
		}
		if c == '"' {
			break
		}
		if c >= utf8.RuneSelf {
			plain = false
		}
	}
	s.i++
	tok := s.b[start:min(s.i, len(s.b))]
	if plain && len(tok) >= 2 {
		return string(tok[1 : len(tok)-1])
	}
	var out string
	_ = json.Unmarshal(tok, &out) // invalid UTF-8 becomes U+FFFD, as in Decode
	return out
}

// skip moves past the container that starts at the current byte.
func (s *jsonScanner) skip() {
	for open := 0; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '"':
			for s.i++; s.i < len(s.b) && s.b[s.i] != '"'; s.i++ {
				if s.b[s.i] == '\\' {
					s.i++
				}
			}
		case '{', '[':
			open++
		case '}', ']':
			if open--; open == 0 {
				s.i++
				return
			}
		}
	}
}

// jsonSpans are the pieces of text that may be one JSON document: the
// whole text, each span from a brace to the last closing one, and each
// line from a brace, for logs with one document per line.
func jsonSpans(text string) []string {
	spans := []string{strings.TrimSpace(text)}
	for i, n := 0, 0; i < len(text) && n < 8; n++ {
		start := strings.IndexByte(text[i:], '{')
		if start < 0 {
			break
		}
		start += i
		end := strings.LastIndexByte(text, '}')
		if end <= start {
			break
		}
		spans = append(spans, text[start:end+1])
		i = start + 1
		if nl := strings.IndexByte(text[start:], '\n'); nl > 0 {
			spans = append(spans, text[start:start+nl])
			i = start + nl
		}
	}
	return spans
}

func walkJSON(key string, v any, depth int, out *[]jsonValue) {
	if depth > maxJSONDepth || len(*out) > 256 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			walkJSON(k, x[k], depth+1, out)
		}
	case []any:
		for _, e := range x {
			walkJSON(key, e, depth+1, out)
		}
	case string:
		*out = append(*out, jsonValue{key: key, value: x})
	case json.Number:
		*out = append(*out, jsonValue{key: key, value: x.String(), number: true})
	case bool:
		// {"success": false}: read for success and failure only.
		*out = append(*out, jsonValue{key: key, value: strconv.FormatBool(x), boolean: true})
	}
}

// maxTypes bounds the envelope types read.
const maxTypes = 4

// isCodeLike reports whether v is one token of lower-case letters, digits
// and underscores, as an error code is written in an "error" key.
func isCodeLike(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
