// Package mask hides what a paste may carry that nobody else should read:
// API keys, bearer tokens, JWTs, passwords in key=value pairs, e-mail
// addresses, phone numbers, card and resident numbers, long digit runs, and
// request ids or keys that look random. It leaves error codes alone (-401,
// 4019, 131047, KOE009, TEMPLATE_NOT_FOUND, koe009-invalid-android-key-hash)
// so a masked text still says which error it was.
//
// One function, String, serves every place user text may be kept or shown to
// someone else: the misses log, structured log events, Slack echoes and
// identify's findings excerpts.
package mask

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The placeholders that replace what is hidden. None of them matches any
// rule below, so masking a masked text changes nothing.
const (
	JWT    = "[jwt]"
	Token  = "[token]"
	Secret = "[secret]"
	Email  = "[email]"
	Phone  = "[phone]"
	Number = "[number]"
	ID     = "[id]"
)

// maxDigits is the longest digit run left as it is. Error codes are shorter
// (Meta's 131047, 2494055); phone numbers without separators, card, resident
// and account numbers are longer.
const maxDigits = 8

var (
	// A JWT: three base64url parts, the first a JSON object ("eyJ" is the
	// encoding of `{"`).
	jwtRe = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?`)

	// An e-mail address.
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

	// Keys whose prefix says what they are (Stripe, OpenAI, Slack, GitHub,
	// GitLab, AWS, Google, SendGrid).
	prefixedKeyRe = regexp.MustCompile(`\b(?:(?:sk|pk|rk)[-_](?:live|test|proj)?[-_]?[A-Za-z0-9_-]{12,}|` +
		`xox[abposr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|` +
		`glpat-[A-Za-z0-9_-]{16,}|(?:AKIA|ASIA)[A-Z0-9]{16}|AIza[A-Za-z0-9_-]{30,}|` +
		`SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})`)

	// A UUID, the usual shape of a request or message id.
	uuidRe = regexp.MustCompile(`\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b`)

	// Phone numbers: international with a +, Korean mobile with or without
	// separators, Korean landlines with separators.
	phoneRe = regexp.MustCompile(`\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}|` +
		`\b01[016789][ .-]?\d{3,4}[ .-]?\d{4}\b|` +
		`\b0(?:2|[3-6][1-5]|70|50\d)[ .)-]\d{3,4}[ .-]\d{4}\b`)

	// Card numbers in groups and Korean resident registration numbers.
	groupedNumberRe = regexp.MustCompile(`\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}\b|\b\d{6}-[1-8]\d{6}\b`)

	// A candidate for a random-looking token: letters, digits and the
	// separators keys use. Each part between separators is judged alone.
	candidateRe = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_+/.-]{15,}={0,2}`)
)

// String returns s with secrets, personal data and random-looking ids
// replaced by placeholders. Text that is not valid UTF-8 is first made valid
// (each bad byte becomes U+FFFD) so the result is always valid UTF-8.
//
// Its cost is linear in len(s) and small: the regular expressions run only
// on the short stretches a cheap scan picked out (around an '@', a ':' or
// '=', a run of digits, a long run of token characters), never over a whole
// pasted log.
func String(s string) string {
	if s == "" {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !mayHold(s) {
		return s
	}
	// A placeholder can make a boundary where there was none: in
	// "000000000Bearer 000000" the digits become "[number]", after which
	// "Bearer 000000" reads as a credential. Masking again until nothing
	// changes hides it too, so masking a masked text changes nothing.
	for range maxPasses {
		next := pass(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

// maxPasses bounds the passes of String; each pass that changes the text
// only replaces what it hides by placeholders, which no pass hides again.
const maxPasses = 4

// pass masks s once.
func pass(s string) string {
	s = jwtRe.ReplaceAllLiteralString(s, JWT)
	s = maskSchemes(s)
	s = maskKeyValues(s)
	s = eachSpan(s, emailSpan, func(w string) string { return emailRe.ReplaceAllLiteralString(w, Email) })
	s = eachSpan(s, longRunSpan, func(w string) string {
		if mayBePrefixedKey(w) {
			w = prefixedKeyRe.ReplaceAllLiteralString(w, Token)
		}
		if len(w) >= 36 && strings.Count(w, "-") >= 4 {
			w = uuidRe.ReplaceAllLiteralString(w, ID)
		}
		return w
	})
	s = eachSpan(s, numberSpan, func(w string) string {
		w = phoneRe.ReplaceAllStringFunc(w, maskPhone)
		return groupedNumberRe.ReplaceAllLiteralString(w, Number)
	})
	s = maskDigits(s)
	s = eachSpan(s, longRunSpan, func(w string) string { return candidateRe.ReplaceAllStringFunc(w, maskCandidate) })
	return s
}

// eachSpan replaces each stretch of s that find picks out, from left to
// right, by f of it. find returns the next stretch s[i:j] with from <= i < j,
// or -1, -1 when there is none.
func eachSpan(s string, find func(s string, from int) (int, int), f func(string) string) string {
	var b strings.Builder
	last, from := 0, 0
	for from < len(s) {
		i, j := find(s, from)
		if i < 0 {
			break
		}
		if r := f(s[i:j]); r != s[i:j] {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteString(r)
			last = j
		}
		from = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isEmailChar reports whether c can be part of an address: its local part,
// its '@' or its domain.
func isEmailChar(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-@", c) >= 0
}

// emailSpan finds the next whole run of address characters that holds an
// '@' with something on either side. Taking the whole run, rather than the
// characters around one '@', keeps spans apart when addresses run together
// ("a@b.co@c.de", "0@0@0.AA"): emailRe then finds in the run just what it
// would find in the whole text, because no address crosses a character
// outside the run.
func emailSpan(s string, from int) (int, int) {
	for from < len(s) {
		k := strings.IndexByte(s[from:], '@')
		if k < 0 {
			break
		}
		at := from + k
		i, j := at, at+1
		for i > from && isEmailChar(s[i-1]) {
			i--
		}
		for j < len(s) && isEmailChar(s[j]) {
			j++
		}
		if j-i >= 3 {
			return i, j
		}
		from = j
	}
	return -1, -1
}

func isNumberPart(c byte) bool {
	return c >= '0' && c <= '9' || strings.IndexByte("+-.() ", c) >= 0
}

// numberSpan finds the next stretch of digits and the separators phone and
// card numbers use that holds at least 9 digits.
func numberSpan(s string, from int) (int, int) {
	for i := from; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '+') {
			continue
		}
		j, digits := i, 0
		for j < len(s) && isNumberPart(s[j]) {
			if s[j] >= '0' && s[j] <= '9' {
				digits++
			}
			j++
		}
		if digits >= 9 {
			return i, j
		}
		i = j
	}
	return -1, -1
}

func isRunChar(c byte) bool { return isAlnum(c) || strings.IndexByte("_+/.=-", c) >= 0 }

// longRunSpan finds the next run of token characters long enough to hold a
// key, an id or a random token.
func longRunSpan(s string, from int) (int, int) {
	for i := from; i < len(s); i++ {
		if !isRunChar(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isRunChar(s[j]) {
			j++
		}
		if j-i >= 16 {
			return i, j
		}
		i = j
	}
	return -1, -1
}

// schemes are the Authorization schemes whose credentials follow a space.
var schemes = []string{"bearer", "basic", "token", "digest", "kakaoak"}

// maskSchemes hides the credentials after an Authorization scheme. After
// "token" it hides only what looks like one, so "token expired" stays.
func maskSchemes(s string) string {
	lower := asciiLower(s)
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := lower[i]
		if c != 'b' && c != 't' && c != 'd' && c != 'k' || (i > 0 && isWord(s[i-1])) {
			continue
		}
		k, e, ok := schemeCredential(s, lower, i)
		if !ok {
			continue
		}
		b.WriteString(s[last:k])
		b.WriteString(Token)
		last = e
		i = e - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// schemeCredential finds the credential after the scheme that starts at
// s[i] (lower is s in lower case): s[start:end], after spaces or tabs.
// It is not ok when no scheme starts there, nothing separates it from
// what follows, or what follows is too short (or, after "token", does
// not look like a credential).
func schemeCredential(s, lower string, i int) (start, end int, ok bool) {
	for _, w := range schemes {
		if !strings.HasPrefix(lower[i:], w) {
			continue
		}
		j := i + len(w)
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k == j {
			return 0, 0, false
		}
		e := k
		for e < len(s) && (isAlnum(s[e]) || strings.IndexByte("._~+/=-", s[e]) >= 0) {
			e++
		}
		cred := s[k:e]
		if len(cred) < 6 || w == "token" && countDigits(cred) == 0 && len(cred) < 20 {
			return 0, 0, false
		}
		return k, e, true
	}
	return 0, 0, false
}

// keySuffixes end the names of keys whose values are secrets: api_key,
// X-Api-Key, senderKey, access_token, client_secret, password, 비밀번호.
var keySuffixes = []string{"apikey", "api_key", "api-key", "appkey", "app_key", "app-key", "adminkey", "admin_key",
	"senderkey", "sender_key", "accesskey", "access_key", "secretkey", "secret_key", "privatekey", "private_key",
	"token", "secret", "password", "passwd", "pwd", "authorization", "signature", "cookie", "credential",
	"credentials", "비밀번호", "암호", "토큰", "인증키", "앱키"}

// maskKeyValues hides the value of each secret-named key, in JSON, YAML,
// headers, query strings and environment assignments: "apiKey": "…",
// api_key=…, X-Api-Key: …, password=…. It keeps the key and the
// punctuation between key and value.
func maskKeyValues(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ':' && s[i] != '=' || !secretKey(keyBefore(s, i)) {
			continue
		}
		v, e := valueAfter(s, i)
		if !maskableValue(s[v:e]) {
			continue
		}
		b.WriteString(s[last:v])
		b.WriteString(Secret)
		last = e
		i = e - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// keyBefore is the key name before the separator at s[i]: back over
// quotes, a backslash and spaces, then over the name.
func keyBefore(s string, i int) string {
	k := i
	for k > 0 && (s[k-1] == '"' || s[k-1] == '\'' || s[k-1] == '\\' || s[k-1] == ' ') {
		k--
	}
	ke := k
	for k > 0 && (isWord(s[k-1]) || s[k-1] == '-' || s[k-1] >= 0x80) {
		k--
	}
	return s[k:ke]
}

// valueAfter is the span s[v:e] of the value after the separator at
// s[i]: forward over spaces, a backslash and a quote, then up to the
// next space, quote or punctuation.
func valueAfter(s string, i int) (v, e int) {
	v = i + 1
	for v < len(s) && (s[v] == ' ' || s[v] == '"' || s[v] == '\'' || s[v] == '\\') {
		v++
	}
	e = v
	for e < len(s) && strings.IndexByte(" \t\r\n\"'\\&,;<>(){}[]", s[e]) < 0 {
		e++
	}
	return v, e
}

// maskableValue reports whether a secret key's value is worth hiding:
// not too short, not an error code, not a scheme name or a placeholder.
func maskableValue(val string) bool {
	if len(val) < 4 || isCode(val) {
		return false
	}
	switch strings.ToLower(val) {
	case "bearer", "basic", "token", "digest", "kakaoak", "null", "none", "true", "false", "undefined":
		return false
	}
	return true
}

// secretKey reports whether a key name ends like the name of a secret.
func secretKey(name string) bool {
	if name == "" {
		return false
	}
	name = asciiLower(name)
	for _, suf := range keySuffixes {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// maskPhone hides a phone number with at least 9 digits; shorter matches of
// the international rule are more likely codes or versions.
func maskPhone(m string) string {
	if countDigits(m) < 9 {
		return m
	}
	return Phone
}

// maskDigits hides each run of more than maxDigits digits unless it is a
// negative number standing alone: signed error codes such as Windows'
// -2147024891 are codes, not data.
func maskDigits(s string) string {
	return eachSpan(s, longDigitSpan, func(string) string { return Number })
}

// longDigitSpan finds, from from on, the next run of more than maxDigits
// digits that is not a negative number standing alone.
func longDigitSpan(s string, from int) (int, int) {
	for i := from; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		negative := i > 0 && s[i-1] == '-' && (i == 1 || !isAlnum(s[i-2]))
		if j-i > maxDigits && !negative {
			return i, j
		}
		i = j
	}
	return -1, -1
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// maskCandidate hides a run when one of its parts looks random: a long part
// mixing letters and digits, or a long base64 or hex part. Readable
// identifiers (koe009-invalid-android-key-hash, mapSmsV2HistoryStatus,
// TEMPLATE_PARAM_COUNT_MISMATCH) stay.
func maskCandidate(m string) string {
	if isCode(m) {
		return m
	}
	for _, part := range strings.FieldsFunc(m, func(r rune) bool { return strings.ContainsRune("-_./+=", r) }) {
		if looksRandom(part) {
			return Token
		}
	}
	return m
}

// isCode reports whether v is an UPPER_SNAKE or lower_snake error code made
// of word parts: letters with at most a short digit suffix in each part.
func isCode(v string) bool {
	if !strings.ContainsAny(v, "_") {
		return false
	}
	for _, part := range strings.Split(v, "_") {
		if part == "" {
			return false
		}
		letters, digits := 0, 0
		for i := 0; i < len(part); i++ {
			switch c := part[i]; {
			case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
				if digits > 0 {
					return false
				}
				letters++
			case c >= '0' && c <= '9':
				digits++
			default:
				return false
			}
		}
		if digits > 4 || (letters > 0 && letters < 2 && digits > 0) {
			return false
		}
	}
	return true
}

// looksRandom judges one part of a candidate. Random keys mix character
// classes often; words and camelCase names change class seldom.
func looksRandom(p string) bool {
	if len(p) < 16 {
		return false
	}
	var digits, letters, changes int
	prev := -1
	for i := 0; i < len(p); i++ {
		c := p[i]
		class := 3 // base64 punctuation
		switch {
		case c >= '0' && c <= '9':
			class = 0
			digits++
		case c >= 'a' && c <= 'z':
			class = 1
			letters++
		case c >= 'A' && c <= 'Z':
			class = 2
			letters++
		}
		if prev >= 0 && class != prev {
			changes++
		}
		prev = class
	}
	if letters == 0 {
		return digits > maxDigits
	}
	if digits >= 4 {
		return true
	}
	return changes*2 >= len(p)
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// mayHold reports whether s has anything a rule could match: a digit, an
// '@', or a run of 6+ ASCII letters (a key name, a token). Plain short
// words, Hangul and codes without digits skip every rule.
func mayHold(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '@':
			return true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '-':
			run++
			if run >= 6 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

// mayBePrefixedKey is a cheap test that w may hold a key prefixedKeyRe knows.
func mayBePrefixedKey(w string) bool {
	for _, p := range []string{"sk", "pk", "rk", "xox", "gh", "glpat-", "AKIA", "ASIA", "AIza", "SG."} {
		if strings.Contains(w, p) {
			return true
		}
	}
	return false
}
