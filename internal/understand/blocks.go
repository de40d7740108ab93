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
	reLevel = regexp.MustCompile(`(?i)\b(?:INFO|DEBUG|TRACE|NOTICE)\b|\[(?:I|D)\]`)
	// reErrorWord is a word that says a line reports a failure.
	reErrorWord = regexp.MustCompile(`(?i)error|fail|exception|panic|fatal|denied|invalid|refused|reject|not found|timeout|timed out|unauthori|forbidden|expired|exceed|missing|required|unavailable|mismatch|실패|오류|에러|초과|부족|없습니다|않습니다|거부|만료`)
	// reContinuation opens a line that goes on the one before: a stack
	// frame, a cause, a closing brace.
	reContinuation = regexp.MustCompile(`^(?:\s|at |Caused by|\.\.\.|[}\])]|goroutine \d+ \[|File "|Traceback)`)
	// Parts of a line that differ between repeats of one error.
	reTimestamp = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b`)
	reVolatile  = regexp.MustCompile(`(?i)\b[\w.-]*(?:id|time|ts|trace|duration|elapsed|latency|took|attempt)["']?\s*[:=]\s*["']?[^\s,"'}]+|\b[0-9a-f]{12,}\b|\b\d{8,}\b`)
)

// Blocks splits a paste into the errors it holds, in the order they stand,
// the repeats of one merged into the first with a count. Lines that say
// nothing of a failure (no code, status or error word: a URL, a header)
// go with the error before them; log lines of a level that is no error
// (INFO, DEBUG) are left out, as are blank lines between errors.
func Blocks(text string, lex Lexicon) []Block {
	var (
		out   []Block
		cur   *blockBuilder
		index = map[string]int{} // key -> position in out
	)
	flush := func() {
		if cur == nil {
			return
		}
		b := cur.block()
		cur = nil
		if i, ok := index[b.key]; ok {
			out[i].Count++
			return
		}
		if len(out) < maxBlocks {
			index[b.key] = len(out)
			out = append(out, b)
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
	coded := LooksCoded(line) || knownToken(line, lex)
	if reLevel.MatchString(line) {
		return coded
	}
	return coded || reErrorWord.MatchString(line)
}

// LooksCoded reports whether text holds a code where codes stand (after a
// code key, glued to punctuation, opening a line) or an HTTP status line.
func LooksCoded(text string) bool {
	return reKeyCode.MatchString(text) || reParenCode.MatchString(text) || reBracketCode.MatchString(text) ||
		reHTTPLine.MatchString(text) || reLeadCode.MatchString(text)
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
	key := reVolatile.ReplaceAllString(reTimestamp.ReplaceAllString(text, ""), "")
	return Block{First: b.first, Last: b.last, Text: text, Count: 1, key: strings.Join(strings.Fields(key), " ")}
}
