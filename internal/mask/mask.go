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

	// An Authorization scheme and its credentials.
	bearerRe = regexp.MustCompile(`(?i)\b(bearer|basic|token|digest|kakaoak)(\s+)([A-Za-z0-9._~+/=-]{6,})`)

	// A secret-named key and its value, in JSON, YAML, headers, query
	// strings and environment assignments: "apiKey": "…", api_key=…,
	// X-Api-Key: …, password=…. Group 1 is kept, group 2 is the value.
	keyValueRe = regexp.MustCompile(`(?i)((?:x-)?api[_-]?key|app[_-]?key|admin[_-]?key|sender[_-]?key|` +
		`access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|` +
		`(?:access|refresh|id|auth|session|bearer|csrf|api)?[_-]?token|secret|password|passwd|pwd|` +
		`authorization|signature|cookie|credentials?|비밀번호|암호|토큰|인증\s?키|앱\s?키|api\s?키)` +
		`(\\?["']?\s*[:=]\s*\\?["']?)([^\s"'\\&,;<>(){}\[\]]{4,})`)

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

	// A long run of digits.
	digitsRe = regexp.MustCompile(`\d{9,}`)

	// A candidate for a random-looking token: letters, digits and the
	// separators keys use. Each part between separators is judged alone.
	candidateRe = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_+/.-]{15,}={0,2}`)
)

// String returns s with secrets, personal data and random-looking ids
// replaced by placeholders. Text that is not valid UTF-8 is first made valid
// (each bad byte becomes U+FFFD) so the result is always valid UTF-8.
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
	s = jwtRe.ReplaceAllLiteralString(s, JWT)
	s = bearerRe.ReplaceAllStringFunc(s, maskScheme)
	s = keyValueRe.ReplaceAllStringFunc(s, maskValue)
	s = emailRe.ReplaceAllLiteralString(s, Email)
	s = prefixedKeyRe.ReplaceAllLiteralString(s, Token)
	s = uuidRe.ReplaceAllLiteralString(s, ID)
	s = phoneRe.ReplaceAllStringFunc(s, maskPhone)
	s = groupedNumberRe.ReplaceAllLiteralString(s, Number)
	s = maskDigits(s)
	s = candidateRe.ReplaceAllStringFunc(s, maskCandidate)
	return s
}

// mayHold reports whether s has anything a rule could match: a digit, an
// '@', or a run of 6+ ASCII letters (a key name, a token). Plain short
// words, Hangul and codes without digits skip the regular expressions.
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

// maskValue hides the value of a secret-named key, keeping the key and the
// punctuation between them. A value that is already a placeholder, or an
// Authorization scheme whose credentials the bearer rule hid, stays.
func maskValue(m string) string {
	sub := keyValueRe.FindStringSubmatch(m)
	if sub == nil {
		return m
	}
	v := sub[3]
	switch strings.ToLower(v) {
	case "bearer", "basic", "token", "digest", "kakaoak", "null", "none", "true", "false", "undefined":
		return m
	}
	if strings.HasPrefix(v, "[") || isCode(v) {
		return m
	}
	return sub[1] + sub[2] + Secret
}

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
	locs := digitsRe.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		i := l[0]
		if i > 0 && s[i-1] == '-' && (i == 1 || !isAlnum(s[i-2])) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(Number)
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// maskScheme hides the credentials after an Authorization scheme. After
// "token" it hides only what looks like one, so "token expired" stays.
func maskScheme(m string) string {
	sub := bearerRe.FindStringSubmatch(m)
	if sub == nil {
		return m
	}
	if strings.EqualFold(sub[1], "token") && countDigits(sub[3]) == 0 && len(sub[3]) < 20 {
		return m
	}
	return sub[1] + sub[2] + Token
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
