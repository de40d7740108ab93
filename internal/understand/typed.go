package understand

import "strings"

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
	toks := strings.Fields(r.text)
	for i, t := range toks {
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
		if isPlainWord(TrimNoise(t)) {
			// "unknown", "failed": a word, even where a provider has it as
			// a code (Aligo's UNKNOWN); typed as a code it is upper-case.
			continue
		}
		r.typedNumber(TrimNoise(t), r.addKey(t))
	}
}

// typedNumber reads a typed number as an HTTP status too when it can be
// one ("429" is IWINV's code and Kirim's status); one that is neither a
// code nor a status is, from three digits on, a code errdex does not know
// (Twilio's 30007, MySQL's 1062).
func (r *reader) typedNumber(t string, known bool) {
	digits := strings.TrimPrefix(t, "-")
	if len(digits) < 3 || strings.ContainsFunc(digits, func(c rune) bool { return c < '0' || c > '9' }) {
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
