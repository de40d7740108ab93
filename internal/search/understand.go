package search

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errdex/errdex"
)

// understanding is what a query was found to contain, with the internal
// detail the query builder needs.
type understanding struct {
	Understanding
	// keys are lower-cased codes or aliases the catalog has.
	keys []string
	// spelt are the same codes as they were written.
	spelt []string
	// pqual are provider-qualified codes ("iwinv:519").
	pqual []string
	// pcodes are bare codes that only providers have ("519").
	pcodes []string
	// sigs are the signatures the text contains.
	sigs []compiledSig
	// words are searched as text; last may be a prefix.
	words      []string
	prefixLast bool
	// highlightWords are the words and the expansions searched, to mark.
	highlightWords []string
	// pastedText is set for a paste: an entry must then share more than one
	// of its words (see minWords).
	pastedText bool
	// corrections remembers each word's typo corrections for the query:
	// spelling a code and searching the words both need them.
	corrections map[string][]string
}

// correctionsOf returns w's typo corrections, computed once per query.
func (ix *Index) correctionsOf(u *understanding, w string) []string {
	if c, ok := u.corrections[w]; ok {
		return c
	}
	if len(u.corrections) >= maxCorrectedWords { // bounds.go
		return nil
	}
	c := ix.vocab.corrections(w, maxCorrections)
	if u.corrections == nil {
		u.corrections = map[string][]string{}
	}
	u.corrections[w] = c
	return c
}

// noiseWords are stripped around a code: "error 4019", "code=KOE009".
var noiseWords = map[string]bool{
	"error": true, "err": true, "code": true, "error_code": true, "errorcode": true,
	"status": true, "errdex": true, "kmsgerror": true, "에러": true, "오류": true, "코드": true,
}

// logNoise are words of log lines that say nothing about which error it is.
var logNoise = map[string]bool{"error": true, "err": true, "errors": true, "panic": true, "runtime": true,
	"fatal": true, "warn": true, "warning": true, "info": true, "debug": true, "trace": true, "level": true,
	"exception": true, "stack": true, "goroutine": true, "msg": true, "message": true, "time": true, "ts": true}

// channelWords name a provider's API between its name and a code.
var channelWords = map[string]bool{"sms": true, "lms": true, "mms": true, "alimtalk": true, "friendtalk": true,
	"알림톡": true, "문자": true, "친구톡": true}

// trimNoise strips quotes, brackets and trailing punctuation around a token,
// and a leading key such as code= or error_code:.
func trimNoise(s string) string {
	for {
		before := s
		s = strings.TrimSpace(s)
		s = strings.Trim(s, "\"'`“”‘’()[]{}<>,;!?")
		s = strings.TrimRight(s, ".:")
		if i := strings.IndexAny(s, "=:"); i > 0 && noiseWords[strings.ToLower(s[:i])] {
			s = s[i+1:]
		}
		if s == before {
			return s
		}
	}
}

// reKeyValue is one key=value pair of a log line.
var reKeyValue = regexp.MustCompile(`[\w.-]+=("[^"]*"|\S+)`)

// reLogLine recognises a log line: a timestamp, a level, or key=value pairs.
var reLogLine = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b(?:DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b|\w+=\S+.*\s\w+=\S+`)

// looksLikePayload tells a pasted error (JSON, a log line, an HTTP
// response) from words someone typed.
func looksLikePayload(q string) bool {
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

// Keys of JSON payloads, by what their values are.
var (
	jsonCodeKeys     = map[string]bool{"code": true, "error_code": true, "errorcode": true}
	jsonProviderKeys = map[string]bool{"providererrorcode": true, "provider_error_code": true, "provider_code": true, "providercode": true}
	jsonStatusKeys   = map[string]bool{"status": true, "httpstatus": true, "http_status": true, "statuscode": true, "status_code": true}
	jsonMessageKeys  = map[string]bool{"message": true, "msg": true, "error_description": true, "providererrortext": true,
		"description": true, "detail": true, "reason": true, "error_message": true, "error": true}
	jsonProviderName = map[string]bool{"provider": true, "providerid": true, "provider_id": true}
)

// understand reads a query or pasted text. How it is read follows what it
// looks like, whether it came as a search or to Identify: a bare "4019"
// piped to identify is a code, and a JSON envelope typed into the search
// box is a payload.
func (ix *Index) understand(q string, prefix, pasted bool) understanding {
	var u understanding
	u.Payload = looksLikePayload(strings.TrimSpace(q))
	// found holds the lower-cased keys understood as codes, and qualified
	// the provider-qualified ones, so each is added once.
	found, qualified := map[string]bool{}, map[string]bool{}
	addKey := func(raw string) bool {
		k := strings.ToLower(trimNoise(raw))
		if k == "" || found[k] {
			return found[k]
		}
		matches := ix.cat.Lookup(k, "")
		if len(matches) == 0 {
			return false
		}
		found[k] = true
		for _, m := range matches {
			if m.Field != errdex.FieldProviderCode {
				u.keys = append(u.keys, k)
				u.spelt = append(u.spelt, trimNoise(raw))
				u.Codes = append(u.Codes, m.Value)
				return true
			}
		}
		u.pcodes = append(u.pcodes, k)
		u.Codes = append(u.Codes, k)
		return true
	}
	addQualified := func(provider, code string) bool {
		provider, code = strings.ToLower(provider), strings.ToLower(trimNoise(code))
		if !ix.providers[provider] || code == "" || qualified[provider+":"+code] {
			return false
		}
		qualified[provider+":"+code] = true
		u.pqual = append(u.pqual, provider+":"+code)
		u.Codes = append(u.Codes, provider+":"+code)
		return true
	}
	addStatus := func(s string) {
		n, err := strconv.Atoi(s)
		if err != nil || !ix.statuses[n] || slices.Contains(u.HTTPStatuses, n) {
			return
		}
		u.HTTPStatuses = append(u.HTTPStatuses, n)
	}

	var (
		messages   []string
		wholeCode  bool
		parsedJSON bool
	)
	if u.Payload {
		providers := map[string]bool{}
		for _, m := range reProviderKV.FindAllStringSubmatch(q, 8) {
			providers[strings.ToLower(m[1])] = true
		}
		var provCodes []string
		values := jsonValues(q)
		parsedJSON = len(values) > 0
		for _, v := range values {
			key := strings.ToLower(v.key)
			switch {
			case jsonCodeKeys[key]:
				addKey(v.value)
			case jsonProviderKeys[key]:
				provCodes = append(provCodes, v.value)
			case jsonStatusKeys[key]:
				addStatus(v.value)
			case jsonProviderName[key]:
				providers[strings.ToLower(v.value)] = true
			}
			if jsonMessageKeys[key] && !v.number && strings.ContainsRune(v.value, ' ') {
				messages = append(messages, v.value)
			}
		}
		for _, m := range reCodeKV.FindAllStringSubmatch(q, 16) {
			addKey(m[1])
		}
		for _, m := range reBracket.FindAllStringSubmatch(q, 16) {
			addKey(m[1])
		}
		for _, m := range reHTTPLine.FindAllStringSubmatch(q, 4) {
			addStatus(m[1])
		}
		for _, m := range reStatusKV.FindAllStringSubmatch(q, 4) {
			addStatus(m[1])
		}
		// Identifiers anywhere in the text that are codes: INVALID_REQUEST,
		// invalid_api_key, KOE009. Bare numbers count only in the places
		// above, since a log is full of numbers that mean nothing here.
		for _, tok := range identifierTokens(q) {
			addKey(tok)
		}
		for _, c := range provCodes {
			qualified := false
			for p := range providers {
				qualified = addQualified(p, c) || qualified
			}
			if !qualified {
				addKey(c)
			}
		}
	} else {
		// The whole query may be one code with noise around it; then it is
		// looked up, not searched as words.
		wholeCode = addKey(q) && len(strings.Fields(trimNoise(q))) == 1
		if code := ix.speltCode(&u, q); code != "" {
			addKey(code)
		}
		toks := strings.Fields(q)
		for i, t := range toks {
			if p := strings.ToLower(trimNoise(t)); ix.providers[p] && i+1 < len(toks) {
				next := i + 1
				// "iwinv sms 13", "iwinv alimtalk 519": a channel may stand between.
				if channelWords[strings.ToLower(toks[next])] && next+1 < len(toks) {
					next++
				}
				addQualified(p, toks[next])
			}
			if p, c, ok := strings.Cut(trimNoise(t), ":"); ok && ix.providers[strings.ToLower(p)] {
				addQualified(p, c)
			}
			addKey(t)
			addStatus(trimNoise(t))
		}
	}

	lower := strings.ToLower(q)
	for _, i := range ix.sigIndex.candidates(lower) {
		s := ix.sigs[i]
		if s.need != "" && !strings.Contains(lower, s.need) {
			continue
		}
		if (s.re != nil && s.re.MatchString(q)) || (s.text != "" && strings.Contains(lower, s.text)) {
			u.sigs = append(u.sigs, s)
			if !slices.Contains(u.Signatures, s.entry.ID()) {
				u.Signatures = append(u.Signatures, s.entry.ID())
			}
		}
	}

	// A JSON payload's words are its messages (none when it has none: its
	// keys and codes are not words); a log line's or an HTTP response's are
	// its own text.
	text := q
	if parsedJSON {
		text = strings.Join(messages, " ")
	} else if u.Payload {
		// key=value pairs of a log line are metadata (request_id=req_1);
		// the codes among them were read above.
		text = reKeyValue.ReplaceAllString(text, " ")
	}
	if !wholeCode {
		// Codes already understood are not searched again as words, nor is
		// the noise of log lines in a paste.
		noise := pasted || u.Payload
		u.words = queryWords(text, func(w string) bool { return found[w] || noise && logNoise[w] })
	}
	if pasted || u.Payload {
		// Numbers in a pasted text are ids, times and sizes; the ones that
		// are codes or statuses were read above.
		u.words = slices.DeleteFunc(u.words, func(w string) bool {
			return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		})
	}
	u.Words = u.words
	u.pastedText = pasted || u.Payload
	u.prefixLast = prefix && !u.Payload && len(q) > 0 && !unicode.IsSpace(rune(q[len(q)-1]))
	return u
}

// speltCode returns the multi-word code that the words of q spell, typos
// within the usual budget included: "authentification failed" is
// AUTHENTICATION_FAILED, "rate limit exceeded" RATE_LIMIT_EXCEEDED. A word
// the catalog does not have stands for its nearest corrections, as in a
// text search, and an unfinished last word for its completions; of the
// codes spelt, the one fewest corrections away wins.
func (ix *Index) speltCode(u *understanding, q string) string {
	words := splitWords(q)
	if len(words) < 2 || len(words) > 6 || hasHangul(q) {
		return ""
	}
	joined := strings.Join(words, "_")
	if len(ix.cat.Lookup(joined, "")) > 0 {
		return joined
	}
	// Only a word the catalog does not have can be a typo of a code's word.
	options := make([][]string, len(words))
	typo := false
	for i, w := range words {
		if ix.vocab.has(w) {
			options[i] = []string{w}
			continue
		}
		typo = true
		options[i] = ix.correctionsOf(u, w)
		// The last word may be unfinished ("template paus"): its
		// completions may spell the code too, after its corrections.
		if i == len(words)-1 && utf8.RuneCountInString(w) >= 3 {
			options[i] = append(slices.Clip(options[i]), ix.vocab.completions(w, maxCompletions)...)
		}
		if len(options[i]) == 0 {
			return ""
		}
	}
	if !typo {
		return ""
	}
	// An option costs how far down its word's corrections it is; at most
	// 2^6 spellings are tried.
	best, bestCost := "", -1
	parts := make([]string, len(words))
	var try func(i, cost int)
	try = func(i, cost int) {
		if bestCost >= 0 && cost >= bestCost {
			return
		}
		if i == len(words) {
			if code := strings.Join(parts, "_"); ix.spelt[code] {
				best, bestCost = code, cost
			}
			return
		}
		for k, o := range options[i] {
			parts[i] = o
			try(i+1, cost+k)
		}
	}
	try(0, 0)
	return best
}

// queryWords picks the words of text worth searching: at most MaxTerms,
// without repeats, without those skip says to leave out.
func queryWords(text string, skip func(string) bool) []string {
	var out []string
	have := map[string]bool{}
	for _, w := range splitWords(text) {
		w = clipWord(w) // bounds.go
		if have[w] || skip(w) {
			continue
		}
		have[w] = true
		out = append(out, w)
		if len(out) == MaxTerms {
			break
		}
	}
	return out
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
		if letter && (under || (upper && !strings.ContainsFunc(t, unicode.IsLower)) || digit) {
			out = append(out, t)
		}
		if len(out) == 64 {
			break
		}
	}
	return out
}

// jsonValue is one scalar of a JSON document, with the key it stands under.
type jsonValue struct {
	key, value string
	number     bool
}

// jsonValues finds the JSON objects in text (the whole text, or the first
// few {...} spans in it) and returns their scalar values with their keys.
// Depth and count are bounded: a pasted payload is small and hostile input
// must stay cheap.
func jsonValues(text string) []jsonValue {
	var out []jsonValue
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
		// Also try each line, for logs with one JSON document per line.
		i = start + 1
		if nl := strings.IndexByte(text[start:], '\n'); nl > 0 {
			spans = append(spans, text[start:start+nl])
			i = start + nl
		}
	}
	for _, s := range spans {
		if len(s) == 0 || s[0] != '{' {
			continue
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader([]byte(s)))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			continue
		}
		walkJSON("", v, 0, &out)
		if len(out) > 0 {
			break
		}
	}
	return out
}

func walkJSON(key string, v any, depth int, out *[]jsonValue) {
	if depth > 16 || len(*out) > 256 {
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
	}
}
