package understand

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// channelWords name a provider's API between its name and a code.
var channelWords = map[string]bool{"sms": true, "lms": true, "mms": true, "alimtalk": true, "friendtalk": true,
	"알림톡": true, "문자": true, "친구톡": true}

// readTyped reads what someone typed: the whole text may be one code with
// noise around it (then it is looked up, not searched as words), words may
// spell a code ("rate limit exceeded"), a provider's name may stand before
// its code ("iwinv 519", "iwinv sms 13", "iwinv:519"), and any word may be
// a code or an HTTP status.
func (r *reader) readTyped() {
	r.out.WholeCode = r.addKey(r.text) && len(strings.Fields(TrimNoise(r.text))) == 1
	if code := r.speltCode(); code != "" {
		r.addKey(code)
	}
	r.readJoined()
	toks := strings.Fields(r.text)
	for i := range toks {
		r.qualifiedAt(toks, i)
		t, ok := r.typedToken(toks, i)
		if !ok {
			continue
		}
		known := r.addKey(t)
		r.typedNumber(TrimNoise(t), known)
		if !known && (isNamespacedCode(TrimNoise(t)) || r.unknownConstant(toks, i)) {
			r.addUnknown(TrimNoise(t))
		}
		if known && len(toks) > 1 {
			r.bareNumber(toks, i)
			r.otherNumber(toks, i)
			r.closeCode(TrimNoise(t))
		}
	}
}

// qualifiedAt reads a provider's code written after its name at toks[i]
// ("iwinv 519", "iwinv sms 13") or glued to it ("iwinv:519").
func (r *reader) qualifiedAt(toks []string, i int) {
	t := toks[i]
	if p := strings.ToLower(TrimNoise(t)); r.lex.Provider(p) && i+1 < len(toks) {
		next := i + 1
		if channelWords[strings.ToLower(toks[next])] && next+1 < len(toks) {
			next++
		}
		if codeLike(TrimNoise(toks[next])) {
			r.addQualified(p, toks[next])
		}
	}
	if p, c, ok := strings.Cut(TrimNoise(t), ":"); ok && r.lex.Provider(strings.ToLower(p)) {
		r.addQualified(p, c)
	}
}

// typedToken returns toks[i] as a code may be read from it, or false for
// a word, a count or a bound, which are no code.
func (r *reader) typedToken(toks []string, i int) (string, bool) {
	t := toks[i]
	if isPlainWord(TrimNoise(t)) {
		// "unknown", "failed": a word, even where a provider has it as
		// a code (Aligo's UNKNOWN); typed as a code it is upper-case.
		return "", false
	}
	if isQuantity(toks, i) {
		return "", false // "sent 131042 messages", "131042건": a count, not a code
	}
	if isBound(toks, i) {
		return "", false // "between 1 and 100", "max 100": a limit, not a code
	}
	if c, ok := r.numberedCode(t); ok {
		t = c // "4019번 에러": error number 4019
	} else if c, ok := copulaNumber(toks, i); ok {
		t = c // "4019일 때": when it is 4019
	}
	if c := TrimNoise(t); reDigitGroups.MatchString(c) {
		t = strings.ReplaceAll(c, "_", "") // "code 131_026", as a program spells it
	}
	return t, true
}

// reDigitGroups is a number written with digit separators, as Ruby,
// Python and JavaScript allow in source code: 131_026.
var reDigitGroups = regexp.MustCompile(`^-?[0-9]{1,3}(?:_[0-9]{3})+$`)

// minBareDigits: a number this long typed among words with nothing saying
// it is a code is as often an id, a count or an amount ("order 131042
// shipped", "sent 131042 messages") as an entry's code.
const minBareDigits = 5

// bareNumber marks toks[i], a code the catalog has, as bare when it is a
// long number among other words and no word beside it says it is a code
// (error, code, 오류, "code:"); the search then needs the text to bear it
// out (Reading.Bare).
func (r *reader) bareNumber(toks []string, i int) {
	t := TrimNoise(toks[i])
	digits := strings.TrimPrefix(t, "-")
	if len(digits) < minBareDigits || !isDigits(digits) || t != toks[i] {
		return // short, not a number, or glued to punctuation ("131042:", "(131042)")
	}
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(toks) && (noiseWords[strings.ToLower(TrimNoise(toks[j]))] || strings.HasSuffix(toks[j], ":")) {
			return
		}
	}
	lower := r.lowered()
	for _, w := range slices.Concat(errorWords, codeContextWords) {
		if strings.Contains(lower, w) {
			return // "131026 뜨는데 왜 그래요", "getting 131042 on send"
		}
	}
	r.markBare(t)
}

// otherNumberWords name numbers that are not an error's code: an errno, a
// process's exit status, a signal, a return value or a port (a source
// line is isSourceLine's).
// "errno: -2" is ENOENT and "exit -2" a process's status, not Kakao's -2.
var otherNumberWords = map[string]bool{"errno": true, "exit": true, "exited": true, "exits": true,
	"exitcode": true, "exit_code": true, "signal": true, "rc": true, "retval": true, "pid": true,
	"port": true, "종료": true, "close": true, "closed": true}

// idWords name what a number after them is the id of: a ticket, an issue
// or pull request, an order, an invoice, a room ("ticket #131047", "PR #100",
// "주문 4019"). The number is that thing's, not an error's code. A support
// case counts only numbered (isCaseNumber): "in this case 4019" is English.
var idWords = map[string]bool{"ticket": true, "tickets": true, "issue": true, "issues": true, "pr": true,
	"pull": true, "order": true, "orders": true, "invoice": true, "주문": true, "주문번호": true,
	"티켓": true, "이슈": true, "문의": true, "room": true,
	// one-time codes, PINs, card digits, extensions, builds and jobs
	"otp": true, "pin": true, "verification": true, "인증번호": true, "인증번호는": true, "인증번호가": true,
	// ("build" is also one of internal/search's placeWords, so it is no
	// stranger's name beside a code; here only the number right after it,
	// "build 4019", is the build's)
	"끝자리": true, "내선": true, "사번": true, "build": true, "job": true, "pipeline": true}

// markBare marks a code the text gives as bare (Reading.Bare).
func (r *reader) markBare(code string) {
	if r.bare == nil {
		r.bare = map[string]bool{}
	}
	r.bare[strings.ToLower(code)] = true
}

// idWordBefore returns the word before toks[i] past "code", "number",
// "is", "was" and "=" ("verification code is 4012", "PIN = 4008").
func idWordBefore(toks []string, i int) string {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch w := strings.ToLower(TrimNoise(toks[j])); w {
		case "code", "number", "no", "is", "was", "=", "":
			continue
		default:
			return w
		}
	}
	return ""
}

// isIDWord reports whether a token names what the number after it is the
// id of (idWords).
func isIDWord(t string) bool { return idWords[strings.ToLower(TrimNoise(t))] }

// otherNumber marks toks[i], a number the catalog has as a code, as bare
// when the word before it (past fillers: "code", "status", "with") names
// another kind of number (otherNumberWords, a source line), or what it is
// the id of (idWords, a numbered case): it names its entry only where the
// text bears it out, as a long number among words does. "kakao exit -2"
// names Kakao, so it stays Kakao's -2.
func (r *reader) otherNumber(toks []string, i int) {
	t := TrimNoise(toks[i])
	if !IsNumber(t, true) {
		return
	}
	j := i - 1
	for k := 0; k < maxFillers && j >= 0 && numberFillers[strings.ToLower(TrimNoise(toks[j]))]; k++ {
		j--
	}
	if j >= 0 && otherNumberWords[strings.ToLower(TrimNoise(toks[j]))] || isSourceLine(toks, i) ||
		isIDWord(idWordBefore(toks, i)) || isCaseNumber(toks, i) {
		r.markBare(t)
	}
}

// isSourceLine reports whether toks[i] is a line of a source file: "line:
// 42", "at line 42", "app.js line 42". "line 4019 error" alone may be LINE
// the messenger's, which foreignNames reads.
func isSourceLine(toks []string, i int) bool {
	if i == 0 || strings.ToLower(TrimNoise(toks[i-1])) != "line" {
		return false
	}
	if strings.HasSuffix(toks[i-1], ":") {
		return true
	}
	if i < 2 {
		return false
	}
	before := strings.ToLower(toks[i-2])
	return before == "at" || before == "on" || before == "in" || strings.Contains(TrimNoise(before), ".")
}

// isCaseNumber reports whether toks[i] numbers a support case: "case no
// 4019", "case id 4019", "case number 4019" ("case #4019" is read in
// readGlued).
func isCaseNumber(toks []string, i int) bool {
	if i < 2 || strings.ToLower(TrimNoise(toks[i-2])) != "case" {
		return false
	}
	switch strings.ToLower(TrimNoise(toks[i-1])) {
	case "no", "id", "number", "#":
		return true
	}
	return false
}

// socketWords name a WebSocket, whose close codes 4000-4999 are each
// application's own (Discord's gateway closes with 4004 and 4013). They are
// whole words: "throws", "shows" and "news" end in "ws" and name no socket.
var socketWords = map[string]bool{"websocket": true, "socket": true, "ws": true, "wss": true, "onclose": true,
	"closeevent": true}

// closeCode marks t as bare when it is a number of 4000-4999 in a text that
// names a WebSocket: "status code 4003 from ws server" is that server's
// close code, not Kakao's 4003, unless the text bears it out.
func (r *reader) closeCode(t string) {
	if len(t) != 4 || t[0] != '4' || !isDigits(t) {
		return
	}
	if slices.ContainsFunc(SplitWords(r.lowered()), func(w string) bool { return socketWords[w] }) {
		r.markBare(t)
	}
}

// koCounters are Korean counters written after a number: 건, 개, 명, 원...
var koCounters = []string{"건", "개", "명", "원", "통", "회", "번째", "초", "분", "시간", "일", "달", "년", "바이트"}

// isQuantity reports whether toks[i] is a number that counts what the word
// after it names: a long one before an English plural that says no failure
// ("131042 messages"), or any before a Korean counter ("131042건", "4002
// 명", "-401원").
func isQuantity(toks []string, i int) bool {
	t := toks[i]
	digits := strings.TrimRightFunc(t, func(c rune) bool { return c > 0x7f })
	counter := t[len(digits):]
	if !isDigits(strings.TrimPrefix(digits, "-")) {
		return false
	}
	// A Korean counter counts whatever the number's length or sign: "4002
	// 명 가입", "-401원". English plurals only long numbers: "429 requests"
	// may be HTTP 429's.
	after := ""
	if i+1 < len(toks) {
		after = toks[i+1]
	}
	if counter != "" {
		return !isCopula(counter, after) &&
			slices.ContainsFunc(koCounters, func(k string) bool { return strings.HasPrefix(counter, k) })
	}
	if i+1 == len(toks) {
		return false
	}
	next := strings.ToLower(TrimNoise(toks[i+1]))
	if slices.Contains(koCounters, next) {
		next2 := ""
		if i+2 < len(toks) {
			next2 = toks[i+2]
		}
		return !isCopula(next, next2)
	}
	if len(digits) < minBareDigits || strings.HasPrefix(digits, "-") {
		return false
	}
	if len(next) < 3 || !strings.HasSuffix(next, "s") || !isPlainWord(next) {
		return false
	}
	for _, w := range errorWords {
		if strings.Contains(next, w) {
			return false // "131026 errors", "failures": what failed, counted
		}
	}
	return true
}

// koCopulaTails follow 일, the copula 이다, after a number: "4019 일 때"
// (when it is 4019), "-2 일 경우", "4019일까요". Before them 일 is no day.
var koCopulaTails = []string{"때", "땐", "경우", "까", "수도", "텐데", "지도"}

// isCopula reports whether counter, the Korean after a number, is 일 as
// the copula: its tail within the token ("일때", "일까요") or, for 일 alone,
// the next token ("일 때", "일 경우") is one of koCopulaTails.
func isCopula(counter, next string) bool {
	tail, ok := strings.CutPrefix(counter, "일")
	if !ok {
		return false
	}
	if tail == "" {
		tail = TrimNoise(next)
	}
	return slices.ContainsFunc(koCopulaTails, func(k string) bool { return strings.HasPrefix(tail, k) })
}

// copulaNumber returns the number of toks[i] when the copula is glued to
// it: "4019일 때", "4019일까요".
func copulaNumber(toks []string, i int) (string, bool) {
	t := TrimNoise(toks[i])
	digits := strings.TrimRightFunc(t, func(c rune) bool { return c > 0x7f })
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1]
	}
	if digits == t || !IsNumber(digits, true) || !isCopula(t[len(digits):], next) {
		return "", false
	}
	return digits, true
}

// boundWords open a limit: the number after them is its bound ("max 100",
// "최대 100").
var boundWords = map[string]bool{"between": true, "max": true, "maximum": true, "min": true, "minimum": true,
	"최대": true, "최소": true}

// isBound reports whether toks[i] is a number bounding a range or a limit,
// as validation messages word them: "between 1 and 100", "from 1 to 100",
// "1 ~ 100", "1 - 100" (not "400 - 100"), "up to 100", "at most 100", "max 100", "최대 100". Kirim's
// (Meta's) code 100 is not "must be between 1 and 100".
func isBound(toks []string, i int) bool {
	if i == 0 || !isDigits(TrimNoise(toks[i])) {
		return false
	}
	word := func(k int) string {
		if k < 0 {
			return ""
		}
		return strings.ToLower(TrimNoise(toks[k]))
	}
	switch prev := word(i - 1); {
	case boundWords[prev]:
		return true
	case prev == "and":
		return word(i-3) == "between" && isDigits(word(i-2))
	case prev == "to":
		return word(i-2) == "up" || word(i-3) == "from" && isDigits(word(i-2))
	case prev == "most":
		return word(i-2) == "at"
	case prev == "~":
		return isDigits(word(i - 2))
	case prev == "-":
		// "1 - 100" is a range; "400 - 100" a status and its code.
		a, errA := strconv.Atoi(word(i - 2))
		b, errB := strconv.Atoi(word(i))
		return errA == nil && errB == nil && isDigits(word(i-2)) && a < b && !IsStatusLike(word(i-2))
	}
	return false
}

// numberedCode reads "4019번" (number 4019) as 4019 when the text says it
// is an error's ("4019번 에러", "오류 -401번"); "4002번 버스" is a bus and
// "3번 재시도" three tries.
func (r *reader) numberedCode(t string) (string, bool) {
	c, ok := strings.CutSuffix(TrimNoise(t), "번")
	if !ok || len(strings.TrimPrefix(c, "-")) < 3 || !IsNumber(c, true) {
		return "", false
	}
	// Whole words, and Korean ones with a particle after them ("에러가"):
	// 바코드 and 쿠폰코드 are no error's code.
	for _, w := range SplitWords(r.lowered()) {
		if w == "error" || slices.ContainsFunc(numberedErrorWords, func(e string) bool { return strings.HasPrefix(w, e) }) {
			return c, true
		}
	}
	return "", false
}

// IsNumber reports whether t is a number written in ASCII digits: unsigned,
// or, when signed is set, with an optional leading '-' ("-401").
func IsNumber(t string, signed bool) bool {
	if signed {
		t = strings.TrimPrefix(t, "-")
	}
	return t != "" && !strings.ContainsFunc(t, func(c rune) bool { return c < '0' || c > '9' })
}

// numberedErrorWords say a numbered thing ("4019번") is an error's.
var numberedErrorWords = []string{"에러", "오류", "코드"}

// isDigits reports whether t is an unsigned number.
func isDigits(t string) bool { return IsNumber(t, false) }

// codeContextWords say a number came up as an error: it shows, occurred,
// came back.
var codeContextWords = []string{"뜨", "떠요", "떴", "나와", "나오", "났", "발생", "got ", "getting", "returns", "returned",
	"throws", "thrown", "keeps", "shows", "showing"}

// typedNumber reads a typed number as an HTTP status too when it can be
// one ("429" is IWINV's code and Kirim's status); one that is neither a
// code nor a status is, from three digits on, a code errdex does not know
// (Twilio's 30007, MySQL's 1062).
func (r *reader) typedNumber(t string, known bool) {
	digits := strings.TrimPrefix(t, "-")
	if len(digits) < 3 || !isDigits(digits) {
		return
	}
	if IsStatusLike(t) {
		r.addStatus(t)
		return
	}
	if !known {
		r.addUnknown(t)
	}
}

// unknownConstant reports whether toks[i] is a constant's name in upper
// snake case (ERROR_HOST_LOOKUP, FEATURE_NOT_SUPPORTED) that is no code of
// the catalog, nor one misspelt, and that the text gives as a code: another
// system's name for its error, so a number beside it ("WebView error code
// -2 ERROR_HOST_LOOKUP") is that system's code. A setting's name
// (REST_API_KEY, TEMPLATE_ID, NEXT_PUBLIC_KAKAO_KEY) is no error's, nor is
// a constant the text does not give as a code.
func (r *reader) unknownConstant(toks []string, i int) bool {
	t := TrimNoise(toks[i])
	t, chromium := strings.CutPrefix(t, "net::") // Chromium's net::ERR_NAME_NOT_RESOLVED
	parts := strings.Split(t, "_")
	if len(parts) < 2 || len(t) < 6 || settingLast[parts[len(parts)-1]] || buildPrefixes[parts[0]] {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.ContainsFunc(p, func(c rune) bool { return !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') }) {
			return false
		}
	}
	if !chromium && !givenAsCode(toks, i) {
		return false
	}
	return r.speltFrom(SplitWords(strings.ToLower(strings.ReplaceAll(t, "_", " ")))) == ""
}

// settingLast end the names of settings, not of errors: REST_API_KEY,
// TEMPLATE_ID, KAKAO_JS_SECRET, API_BASE_URL, NODE_ENV, SENDER_CODE.
var settingLast = map[string]bool{"KEY": true, "ID": true, "TOKEN": true, "SECRET": true, "URL": true, "ENV": true,
	"CODE": true, "NAME": true}

// buildPrefixes open the environment variables a build exposes to a
// front end: NEXT_PUBLIC_*, VITE_*, REACT_APP_*.
var buildPrefixes = map[string]bool{"NEXT": true, "VITE": true, "REACT": true, "NUXT": true, "EXPO": true}

// givenAsCode reports whether the text gives toks[i] as a code: beside a
// number ("-2 ERROR_HOST_LOOKUP", "FEATURE_NOT_SUPPORTED (-2)") or after
// "code" or "error" ("error: ERR_CONNECTION_RESET").
func givenAsCode(toks []string, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(toks) && IsNumber(TrimNoise(toks[j]), true) {
			return true
		}
	}
	if i == 0 {
		return false
	}
	prev := strings.ToLower(strings.TrimRight(toks[i-1], ":="))
	return prev == "code" || prev == "error" || prev == "err" || prev == "errorcode" || prev == "error_code"
}

// isNamespacedCode reports whether t is a code as Firebase and its like
// spell them: a lower-case namespace, a slash and hyphenated words
// ("messaging/registration-token-not-registered", "auth/invalid-email").
// One the catalog does not have is another service's code, and the words
// it shares with an entry do not make that entry likely.
func isNamespacedCode(t string) bool {
	ns, code, ok := strings.Cut(t, "/")
	if !ok || !codeNamespaces[ns] || !strings.Contains(code, "-") {
		return false
	}
	for _, part := range strings.Split(code, "-") {
		if !isPlainWord(part) {
			return false
		}
	}
	return true
}

// codeNamespaces are the namespaces Firebase's SDKs spell their error
// codes in (auth/invalid-email, messaging/registration-token-not-registered).
// A path typed without its slash ("api/send-alimtalk") is no code.
var codeNamespaces = map[string]bool{"auth": true, "messaging": true, "storage": true, "functions": true,
	"firestore": true, "database": true, "installations": true, "analytics": true, "app": true,
	"appcheck": true, "remoteconfig": true, "performance": true}

// codeLike reports whether t, after a provider's name, may be its code:
// it has a digit, an underscore or a capital past its first letter (519,
// -101, ApiKeyError, UNKNOWN), as a word of the sentence ("Kakao Share
// failed", "kakao login") has not.
func codeLike(t string) bool {
	for i, c := range t {
		if c >= '0' && c <= '9' || c == '_' || i > 0 && c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// isPlainWord reports whether t is lower-case letters only, as words are
// typed and codes mostly are not (INVALID_REQUEST, invalid_api_key, 4019).
// A whole text that is one such word is still looked up (readTyped's
// WholeCode).
func isPlainWord(t string) bool {
	if t == "" {
		return false
	}
	for _, c := range t {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
