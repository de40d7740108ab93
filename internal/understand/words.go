package understand

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// MaxWords caps the words of a text that are searched.
const MaxWords = 32

// logNoise are words of log lines that say nothing about which error it is.
var logNoise = map[string]bool{"error": true, "err": true, "errors": true, "panic": true, "runtime": true,
	"fatal": true, "warn": true, "warning": true, "info": true, "debug": true, "trace": true, "level": true,
	"exception": true, "stack": true, "goroutine": true, "msg": true, "message": true, "time": true, "ts": true}

// koFillers are Korean words of a sentence typed around what went wrong
// that no entry's text is about: verbs of going, coming and showing up in
// their spoken forms ("문자가 안 가요", "4019 떠요", "에러 나와요"). Counted as words searched, they make an
// entry holding every word that matters fall short of the words asked.
var koFillers = map[string]bool{"가요": true, "와요": true, "가네요": true, "와서": true,
	"떠요": true, "떴어요": true, "떠서": true, "뜨네요": true, "뜹니다": true, "나와요": true, "나옵니다": true,
	"나오네요": true, "나요": true, "돼요": true, "되요": true, "왜": true, "그래요": true, "이래요": true}

// koGoing are the koFillers of going and coming: negated after 안 or 못
// ("알림톡이 안 가요", "문자가 안 와요"), they say a message was not sent.
var koGoing = map[string]bool{"가요": true, "와요": true, "가네요": true, "와서": true}

// koNotSent is how the catalog says a message was not sent (kmsg's
// MESSAGE_SEND_FAILED is "메시지 전송 실패": "the message did not go out").
var koNotSent = []string{"메시지", "전송", "안됨"}

// dropKoFillers returns words without koFillers, unless nothing else is
// left. The negator before a filler goes with it: "안" alone tells no entry
// (and matched Kakao Share's "설정이 안 됨"). Where a negated going or coming
// is all the text says besides its subject ("알림톡이 안 가요"), it says the
// message was not sent, and is searched as the catalog says that
// (koNotSent); beside other words ("문자가 안 가요 잔액") those tell.
func dropKoFillers(words []string) []string {
	var kept []string
	notSent := false
	for _, w := range words {
		if !koFillers[w] {
			kept = append(kept, w)
			continue
		}
		if n := len(kept); n > 0 && (kept[n-1] == "안" || kept[n-1] == "못") {
			kept = kept[:n-1]
			notSent = notSent || koGoing[w]
		}
	}
	if len(kept) == 0 {
		return words
	}
	if notSent && len(kept) == 1 {
		kept = append(kept, koNotSent...)
	}
	return kept
}

// readWords picks the words to search. A JSON payload's words are its
// messages (none when it has none: its keys and codes are not words); a log
// line's or an HTTP response's are its own text without its key=value
// metadata (request_id=req_1), whose codes were read already.
func (r *reader) readWords(opts Options) {
	text := r.text
	if r.parsedJSON {
		text = strings.Join(r.messages, " ")
	} else if r.out.Payload && strings.Contains(text, "=") {
		text = reKeyValue.ReplaceAllString(text, " ")
	}
	pasted := opts.Pasted || r.out.Payload
	if !r.out.WholeCode {
		// Codes already understood are not searched again as words, nor is
		// the noise of log lines in a paste.
		r.out.Words = pickWords(r.withoutCodes(text), func(w string) bool {
			return r.found[w] || r.isStatus(w) || pasted && logNoise[w]
		})
		if hasHangul(text) {
			r.out.Words = koNegations(r.out.Words, r.lex)
			r.out.Words = dropKoFillers(r.out.Words)
		}
	}
	if pasted {
		// Numbers in a pasted text are ids, times and sizes, and words with
		// digits in them pieces of timestamps and hashes; the ones that are
		// codes or statuses were read already.
		r.out.Words = slices.DeleteFunc(r.out.Words, func(w string) bool {
			return strings.ContainsFunc(w, unicode.IsDigit) && !isKoreanMeasure(w)
		})
	}
	r.out.Pasted = pasted
	q := r.text
	r.out.PrefixLast = opts.Prefix && !r.out.Payload && len(q) > 0 && !unicode.IsSpace(rune(q[len(q)-1]))
}

// pickWords picks the words of text worth searching: at most MaxWords,
// without repeats, without those skip says to leave out.
func pickWords(text string, skip func(string) bool) []string {
	var out []string
	have := map[string]bool{}
	for _, w := range SplitWords(text) {
		w = clipWord(w)
		if have[w] || skip(w) {
			continue
		}
		have[w] = true
		out = append(out, w)
		if len(out) == MaxWords {
			break
		}
	}
	return out
}

// isStatus reports whether w is one of the HTTP statuses read: it is
// context, not a word to search.
func (r *reader) isStatus(w string) bool {
	for _, n := range r.out.HTTPStatuses {
		if strconv.Itoa(n) == w {
			return true
		}
	}
	return false
}

// clipWord cuts w to its first MaxWordRunes runes.
func clipWord(w string) string {
	if len(w) <= MaxWordRunes {
		return w
	}
	n := 0
	for i := range w {
		if n == MaxWordRunes {
			return w[:i]
		}
		n++
	}
	return w
}

// withoutCodes is text lower-cased without the codes of words read in it
// (code: 'rate_limit_exceeded'), whose words would otherwise count again
// for the code's entries as words of a message.
func (r *reader) withoutCodes(text string) string {
	lower := strings.ToLower(text)
	for k := range r.found {
		if strings.Contains(k, "_") {
			lower = strings.ReplaceAll(lower, k, " ")
		}
	}
	return lower
}

// isKoreanMeasure reports whether w is a number with a Korean counter
// (24시간, 3일, 90일): a span or an amount an entry's text names as such
// ("24시간이 지나"), unlike the bare numbers of a log.
func isKoreanMeasure(w string) bool {
	digits := strings.TrimRightFunc(w, func(c rune) bool { return !unicode.IsDigit(c) })
	rest := w[len(digits):]
	return digits != "" && !strings.ContainsFunc(digits, func(c rune) bool { return !unicode.IsDigit(c) }) &&
		slices.ContainsFunc(koCounters, func(k string) bool { return strings.HasPrefix(rest, k) }) &&
		!strings.ContainsFunc(rest, func(c rune) bool { return !unicode.Is(unicode.Hangul, c) })
}
