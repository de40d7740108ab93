package understand

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A provider's reply that reports success is no error, whatever code it
// carries: Aligo answers a good SMS send with result_code 1, which is
// IWINV's code for a send that failed. A reply reads as a success when one
// of its messages, results or statuses says so ("success", "OK", "전송
// 성공", "delivered"), or a success flag is true, and nothing in it says a
// failure: no message with a word of failure, no false success flag, no
// failure count above zero, no error object, no code or message the
// catalog has as an entry's.

// successWords are words that, alone in a message or status, say it went
// well.
var successWords = map[string]bool{"success": true, "successful": true, "successfully": true, "succeeded": true,
	"succeed": true, "ok": true, "okay": true, "accepted": true, "queued": true, "sent": true, "delivered": true,
	"done": true, "completed": true, "complete": true}

// successHangul are Korean stems that say it went well.
var successHangul = []string{"성공", "정상", "완료", "접수"}

// failureWords say a message reports a failure, even beside a success word
// ("not successful", "partial success, 2 failed").
var failureWords = map[string]bool{"error": true, "errors": true, "fail": true, "failed": true, "failure": true,
	"failures": true, "invalid": true, "denied": true, "not": true, "no": true, "unable": true, "cannot": true,
	"unsuccessful": true, "rejected": true, "refused": true, "expired": true, "exceeded": true, "missing": true,
	"required": true, "forbidden": true, "unauthorized": true, "timeout": true, "undeliverable": true,
	"partial": true, "partially": true, "blocked": true, "unknown": true, "wrong": true}

// failureHangul are Korean pieces that say a failure.
var failureHangul = []string{"실패", "오류", "에러", "않", "못", "없", "불가", "거부", "만료", "초과", "부족", "잘못", "차단"}

// successFlagKeys hold a boolean that says whether the call went well.
var successFlagKeys = map[string]bool{"success": true, "ok": true, "issuccess": true, "issuccessful": true,
	"succeeded": true, "successful": true}

// replyKeys are keys whose text value says how the call went.
func replyKey(k string) bool {
	k = keySeparators.Replace(strings.ToLower(k))
	return jsonMessageKeys[k] || jsonStatusKeys[k] || strings.HasSuffix(k, "message") || strings.HasSuffix(k, "msg") ||
		k == "result" || k == "resultstatus" || k == "state"
}

// failureCountKey reports whether k counts failures (error_cnt, failCount).
func failureCountKey(k string) bool {
	k = strings.ToLower(k)
	return (strings.Contains(k, "fail") || strings.Contains(k, "error") || strings.Contains(k, "err_")) &&
		(strings.HasSuffix(k, "cnt") || strings.HasSuffix(k, "count"))
}

// reErrorObject is a JSON error member that holds something: "error": {
// or "errors": [{ (an empty "errors": [] says nothing).
var reErrorObject = regexp.MustCompile(`(?i)"(?:error|errors|failedmessagelist)"\s*:\s*(?:\{|\[\s*[{"])`)

// ReadsAs says what a message, result or status text reports.
type ReadsAs int

// What a text reports.
const (
	// Neither: it says nothing either way.
	Neither ReadsAs = iota
	// Succeeded: it says the call went well.
	Succeeded
	// Failed: it says something failed.
	Failed
)

// ReadReply says whether a message, result or status text reports success
// or a failure. A word of failure wins over a word of success.
func ReadReply(v string) ReadsAs {
	lower := strings.ToLower(v)
	for _, h := range failureHangul {
		if strings.Contains(lower, h) {
			return Failed
		}
	}
	out := Neither
	for _, w := range SplitWords(lower) {
		switch {
		case failureWords[w]:
			return Failed
		case successWords[w]:
			out = Succeeded
		}
	}
	if out == Neither {
		for _, h := range successHangul {
			if strings.Contains(lower, h) {
				out = Succeeded
			}
		}
	}
	return out
}

// successTally gathers the markers of success and failure of one text.
type successTally struct{ ok, failed bool }

func (t *successTally) value(key, value string, boolean, number bool) {
	k := strings.ToLower(keySeparators.Replace(key))
	switch {
	case boolean && successFlagKeys[k]:
		if value == "true" {
			t.ok = true
		} else {
			t.failed = true
		}
	case number && failureCountKey(key):
		if n, err := strconv.ParseFloat(value, 64); err == nil && n > 0 {
			t.failed = true
		}
	case !number && !boolean && replyKey(key):
		switch ReadReply(value) {
		case Succeeded:
			t.ok = true
		case Failed:
			t.failed = true
		}
	}
}

// readSuccess decides Reading.Success once codes and signatures are read.
func (r *reader) readSuccess() {
	t := r.tally
	if !r.parsedJSON {
		t = kvTally(r.text)
	}
	if reErrorObject.MatchString(r.text) {
		t.failed = true
	}
	r.out.Success = t.ok && !t.failed && len(r.out.Keys) == 0 && len(r.out.Sigs) == 0
}

// reKoNegated is a Korean predicate negated with 안 ("안 와요", "안됨",
// "안 돼요"): the thing did not happen, whatever success word is beside it.
var reKoNegated = regexp.MustCompile(`(?:^|\s)안(?:\s|되|돼|됨|와|가|나|보|옴)`)

// readTypedSuccess decides Reading.Success for what someone typed. A
// sentence (one word typed is a word, not a report) saying a send went
// well ("알림톡 발송 성공했습니다", "message delivered") is no error, as a
// success reply is not, when it holds no word of failure, no negation, no
// code or message of an entry, and nothing set against the success ("but",
// "after", "근데": "sender number registered but alimtalk fails").
//
// So is a sentence saying a step of a fix was done, as ops chatter reports
// it: "발신번호 등록했습니다", "토큰 갱신했습니다", "webhook subscription
// enabled", "meta template approved".
func (r *reader) readTypedSuccess() {
	if len(strings.Fields(r.text)) < 2 || reKoNegated.MatchString(r.text) || len(r.out.Keys) > 0 ||
		len(r.out.Sigs) > 0 || len(r.out.PCodes) > 0 || len(r.out.Qualified) > 0 || typedTrouble(r.lowered()) {
		return
	}
	switch ReadReply(r.text) {
	case Succeeded:
		r.out.Success = true
	case Neither:
		r.out.Success = reportsDone(r.text)
	}
}

// contrastWords set what follows or precedes them against a success: "X
// registered but Y fails", "blank after sdk updated", "등록했는데 안 돼요".
var contrastWords = map[string]bool{"but": true, "after": true, "since": true, "even": true, "still": true,
	"though": true, "although": true, "however": true, "yet": true}

// koContrast are Korean pieces that do the same: 근데, 그런데, 했는데, 후에.
var koContrast = []string{"근데", "그런데", "는데", "후에", "지만", "데도"}

// typedFailureStems begin words that, typed, say something is wrong though
// a reply's failureWords miss them: fails, failing, mismatched, broken,
// stopped, blank, crashes.
var typedFailureStems = []string{"fail", "mismatch", "broke", "stopp", "blank", "crash", "wrong", "error", "stuck",
	"hang", "freez"}

// typedTrouble reports whether a lower-cased typed text sets something
// against a success (contrastWords, koContrast) or says, as typed, that
// something failed (typedFailureStems).
func typedTrouble(lower string) bool {
	if slices.ContainsFunc(koContrast, func(k string) bool { return strings.Contains(lower, k) }) {
		return true
	}
	return slices.ContainsFunc(SplitWords(lower), func(w string) bool {
		return contrastWords[w] || slices.ContainsFunc(typedFailureStems, func(s string) bool { return strings.HasPrefix(w, s) })
	})
}

// doneWords say, typed, that a step of a fix was done.
var doneWords = map[string]bool{"approved": true, "enabled": true, "verified": true, "rotated": true,
	"renewed": true, "fixed": true, "resolved": true, "registered": true, "updated": true}

// koDoneEndings end a Korean sentence saying someone did something (했다,
// 보냈다, 끝났다); a passive ending (되었습니다, 됐어요) is left out, as
// "계정이 정지됐어요" is a failure.
var koDoneEndings = []string{"했습니다", "했어요", "했어", "보냈습니다", "보냈어요", "끝났습니다", "끝났어요"}

// koFailedDone are Korean stems that make a done sentence a failure report
// ("Meta가 템플릿 거절했어요"), beside ReadReply's.
var koFailedDone = []string{"거절", "정지", "취소", "중단"}

// reportsDone reports whether a typed text says a step was done and
// nothing failed (ReadReply found neither).
func reportsDone(text string) bool {
	lower := strings.ToLower(strings.TrimRight(strings.TrimSpace(text), ".!~ "))
	if slices.ContainsFunc(koFailedDone, func(h string) bool { return strings.Contains(lower, h) }) {
		return false
	}
	if slices.ContainsFunc(koDoneEndings, func(e string) bool { return strings.HasSuffix(lower, e) }) {
		return true
	}
	// "webhook subscription enabled", "template approved": the done word
	// ends the report, or the report is short; in a longer text it is one
	// word of the story ("registered the number, alimtalk is not sent").
	words := SplitWords(lower)
	if len(words) == 0 {
		return false
	}
	if len(words) <= maxDoneWords {
		return slices.ContainsFunc(words, func(w string) bool { return doneWords[w] })
	}
	return doneWords[words[len(words)-1]]
}

// maxDoneWords: a typed report this short is one step done, wherever its
// done word stands ("approved the template").
const maxDoneWords = 4

// kvTally reads the key=value pairs of a log line (result=success,
// error_cnt=0) for success and failure.
func kvTally(text string) successTally {
	var t successTally
	if strings.IndexByte(text, '=') < 0 {
		return t
	}
	for _, m := range reKeyValue.FindAllStringSubmatch(text, 16) {
		k, v, _ := strings.Cut(m[0], "=")
		v = strings.Trim(v, `"',;`)
		_, err := strconv.ParseFloat(v, 64)
		t.value(k, v, v == "true" || v == "false", err == nil)
	}
	return t
}

// successHints are pieces one of a success reply's markers holds; a text
// without any is no success reply, and is not read further.
var successHints = []string{"succe", "ok", "성공", "정상", "완료", "접수", "delivered", "sent", "accepted", "queued",
	"done", "complete", "true"}

// reportsSuccess reports whether a block of a paste is a reply that
// reports success (as Reading.Success): no error, so no finding.
func reportsSuccess(text string, lex Lexicon) bool {
	lower := strings.ToLower(text)
	if !slices.ContainsFunc(successHints, func(h string) bool { return strings.Contains(lower, h) }) ||
		!LooksLikePayload(strings.TrimSpace(text)) {
		return false
	}
	r := &reader{lex: lex, text: text, lower: lower, found: map[string]bool{}, qualified: map[string]bool{}}
	r.readPayload()
	r.readSuccess()
	return r.out.Success
}
