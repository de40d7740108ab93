package understand

import (
	"regexp"
	"strings"
)

// Block is one distinct error in a paste: a line, a JSON object spread
// over lines, a stack trace, an HTTP response with its body.
type Block struct {
	// First and Last are its first and last lines, from 1; Text its lines.
	First, Last int
	Text        string
	// Count is how many times the same error (the same text once times,
	// ids and timestamps are set aside) stands in the paste.
	Count int
	// key is the text so normalised.
	key string
}

// Bounds on reading a paste into blocks.
const (
	maxBlockLines = 2000 // lines of a paste looked at
	maxBlocks     = 64   // distinct blocks kept
)

var (
	// reLevel is a log line's level when it says the line is no error.
	reLevel = regexp.MustCompile(`\b(?:INFO|DEBUG|TRACE|NOTICE|info|debug|trace)\b|\[(?:I|D)\]`)
	// reContinuation opens a line that goes on the one before: a stack
	// frame, a cause, a closing brace.
	reContinuation = regexp.MustCompile(`^(?:\s|at |Caused by|\.\.\.|[}\])]|goroutine \d+ \[|File "|Traceback)`)
)

// errorWords say a line reports a failure; they are looked for in the
// lower-cased line.
var errorWords = []string{"error", "fail", "exception", "panic", "fatal", "denied", "invalid", "refused", "reject",
	"not found", "timeout", "timed out", "unauthori", "forbidden", "expired", "exceed", "missing", "required",
	"unavailable", "mismatch", "실패", "오류", "에러", "초과", "부족", "없습니다", "않습니다", "거부", "만료"}

// volatileKeys end the keys whose values differ between repeats of one
// error: ids, times, durations, attempts.
var volatileKeys = []string{"id", "time", "ts", "stamp", "trace", "duration", "elapsed", "latency", "took", "attempt"}

// Blocks splits a paste into the errors it holds, in the order they stand,
// the repeats of one merged into the first with a count. Lines that say
// nothing of a failure (no code, status or error word: a URL, a header)
// go with the error before them; log lines of a level that is no error
// (INFO, DEBUG) are left out, as are blank lines between errors and replies
// that report success.
func Blocks(text string, lex Lexicon) []Block {
	var (
		out   []Block
		cur   *blockBuilder
		index = map[string]int{} // key -> position in out, -1 for a success
	)
	flush := func() {
		if cur == nil {
			return
		}
		// A JSON document may hold several errors: each is a block.
		bs := splitErrors(cur.block(), 0)
		cur = nil
		for _, b := range bs {
			i, ok := index[b.key]
			switch {
			case ok && i >= 0:
				out[i].Count += b.Count
			case ok || len(out) == maxBlocks:
			case reportsSuccess(b.Text, lex):
				index[b.key] = -1 // a reply that went well is no error
			default:
				index[b.key] = len(out)
				out = append(out, b)
			}
		}
	}
	for n, line := range strings.SplitN(text, "\n", maxBlockLines+1) {
		if n == maxBlockLines {
			break
		}
		line = strings.TrimRight(line, "\r")
		switch {
		case cur != nil && cur.continues(line):
			cur.add(n+1, line)
		case strings.TrimSpace(line) == "":
			flush()
		case !signals(line, lex):
			if cur != nil && !reLevel.MatchString(line) {
				cur.add(n+1, line)
			}
		default:
			flush()
			cur = &blockBuilder{first: n + 1}
			cur.add(n+1, line)
		}
	}
	flush()
	return out
}

// signals reports whether a line reports a failure of its own: an error
// word, a code where codes stand, or a code the catalog knows; a line of a
// level that is no error does only through a code.
func signals(line string, lex Lexicon) bool {
	if LooksCoded(line) || knownToken(line, lex) {
		return true
	}
	if reLevel.MatchString(line) {
		return false
	}
	lower := strings.ToLower(line)
	for _, w := range errorWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// LooksCoded reports whether text holds a code where codes stand (after a
// code key, glued to punctuation, opening a line) or an HTTP status line.
func LooksCoded(text string) bool {
	// Each pattern needs a character or word the text may well lack; the
	// tests before them keep a long log cheap.
	lower := strings.ToLower(text)
	return mayHoldKeyCode(lower) && reKeyCode.MatchString(text) ||
		strings.IndexByte(text, '(') >= 0 && reParenCode.MatchString(text) ||
		strings.IndexByte(text, '[') >= 0 && reBracketCode.MatchString(text) ||
		strings.Contains(lower, "http") && reHTTPLine.MatchString(text) ||
		strings.ContainsAny(text, "0123456789") && reLeadCode.MatchString(text)
}

// knownToken reports whether an identifier of the line is a code the
// catalog knows.
func knownToken(line string, lex Lexicon) bool {
	for _, t := range identifierTokens(line) {
		if k, _ := lex.Key(strings.ToLower(t)); k != None {
			return true
		}
	}
	return false
}

// blockBuilder gathers the lines of one block.
type blockBuilder struct {
	first, last int
	lines       []string
	// depth counts the braces and brackets open at the end of the lines.
	depth int
	// http: the block is an HTTP response whose headers and body follow;
	// body and bodyStarted: the blank line after the headers, and the
	// body's first line, have been seen.
	http, body, bodyStarted bool
}

func (b *blockBuilder) add(n int, line string) {
	if len(b.lines) == 0 && strings.HasPrefix(strings.TrimLeft(line, "< "), "HTTP/") {
		b.http = true
	}
	b.lines = append(b.lines, line)
	b.last = n
	b.depth = max(0, b.depth+openings(line))
}

// continues reports whether line belongs to the block: inside a brace
// still open, a stack frame or other continuation, an HTTP response's
// headers, the blank line after them and the start of its body.
func (b *blockBuilder) continues(line string) bool {
	blank := strings.TrimSpace(line) == ""
	switch {
	case b.depth > 0:
		return true
	case b.http && blank && !b.body:
		b.body = true
		return true
	case b.http && !blank && (!b.body || !b.bodyStarted):
		b.bodyStarted = b.body
		return true
	case blank:
		return false
	}
	return reContinuation.MatchString(line)
}

// openings counts the braces and brackets a line opens, less those it
// closes, outside quoted strings.
func openings(line string) int {
	n := 0
	var quote rune
	escaped := false
	for _, r := range line {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"':
			quote = r
		case r == '{' || r == '[':
			n++
		case r == '}' || r == ']':
			n--
		}
	}
	return n
}

func (b *blockBuilder) block() Block {
	text := strings.TrimRight(strings.Join(b.lines, "\n"), "\n")
	return Block{First: b.first, Last: b.last, Text: text, Count: 1, key: repeatKey(text)}
}

// repeatKey is text with what differs between repeats of one error left
// out: timestamps and other long runs with digits, and the values of keys
// that hold ids, times and durations (request_id=req_1, took=2s).
func repeatKey(text string) string {
	var sb strings.Builder
	for _, f := range strings.Fields(text) {
		k, v, ok := cutKeyValue(f)
		switch {
		case ok && volatileKey(k):
			f = k
		case ok:
			// code=4019: the value stays, unless it is a timestamp.
			if len(v) >= 8 && digitShare(v) >= 0.5 {
				f = k
			}
		case len(f) >= 8 && digitShare(f) >= 0.3:
			continue
		}
		sb.WriteString(f)
		sb.WriteByte(' ')
	}
	return sb.String()
}

// cutKeyValue splits key=value or key:value.
func cutKeyValue(f string) (key, value string, ok bool) {
	i := strings.IndexAny(f, "=:")
	if i <= 0 || i == len(f)-1 {
		return "", "", false
	}
	key = strings.Trim(f[:i], `"'{,`)
	if key == "" || !(key[0] >= 'a' && key[0] <= 'z' || key[0] >= 'A' && key[0] <= 'Z' || key[0] == '_') {
		return "", "", false // 10:14:03 is a time, not a key
	}
	return key, f[i+1:], true
}

func volatileKey(k string) bool {
	k = strings.ToLower(k)
	for _, suf := range volatileKeys {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return false
}

func digitShare(s string) float64 {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return float64(n) / float64(len(s))
}
