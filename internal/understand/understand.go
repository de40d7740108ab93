// Package understand reads what support staff type and paste (a code, a few
// words, a JSON payload, a log line, a stack trace) into what it names:
// codes, provider codes, HTTP statuses, known upstream messages, the
// systems named, and the words worth searching. It knows the catalog only
// through a small Lexicon, so every reader is tested without an index.
//
// Each kind of input has its reader: json.go (payloads), logline.go (log
// lines and key=value text), typed.go (what someone typed), spelling.go
// (codes spelt as words), words.go (the words left to search).
package understand

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Kind is what a key is in the catalog.
type Kind int

// The kinds of key.
const (
	// None: no entry has it.
	None Kind = iota
	// Code: some entry's code or alias.
	Code
	// ProviderCode: only a provider's code mapped onto some entry.
	ProviderCode
)

// Sig is a signature (an upstream message or pattern) a text contains.
type Sig struct {
	// ID is the entry's id; Label the signature as written.
	ID, Label string
	// Ref is the lexicon's own handle on the signature.
	Ref int
}

// Lexicon is what reading needs to know of the catalog.
type Lexicon interface {
	// Key says what a lower-cased key is and, for a code or alias, the
	// entry's own spelling of it.
	Key(key string) (Kind, string)
	// Provider reports whether a lower-cased id is a provider's ("iwinv"),
	// and ProviderCode whether that provider has the code.
	Provider(id string) bool
	ProviderCode(provider, code string) bool
	// Systems are the systems a lower-cased name stands for: a system's id
	// or keyword ("kmsgerror", "kakao"), or a provider whose codes map onto
	// the system's entries ("iwinv", "meta").
	Systems(name string) []string
	// Status reports whether some entry has the HTTP status n.
	Status(n int) bool
	// HasWord reports whether a lower-cased word is in the catalog's text.
	HasWord(w string) bool
	// Corrections are the catalog's words a typo of w may stand for, best
	// first; Completions the words starting with w.
	Corrections(w string) []string
	Completions(w string) []string
	// MultiWordCode reports whether a lower-cased code of words joined by
	// underscores ("authentication_failed") is some entry's.
	MultiWordCode(code string) bool
	// Signatures are the signatures text contains.
	Signatures(text string) []Sig
}

// Reading is what a text was found to contain.
type Reading struct {
	// Codes are codes, aliases or provider codes found, as shown to users.
	Codes []string
	// HTTPStatuses are HTTP statuses found.
	HTTPStatuses []int
	// StatusLine is set when the text is an HTTP status and its standard
	// reason phrase and nothing else ("401 Unauthorized", "HTTP/1.1 403
	// Forbidden"): any server answers those words, so they tell no entry.
	StatusLine bool
	// Signatures are ids of entries whose signature the text contains.
	Signatures []string
	// Payload is true when the text looked like a pasted payload or log.
	Payload bool

	// Keys are lower-cased codes or aliases the catalog has, Spelt the same
	// as they were written.
	Keys, Spelt []string
	// Qualified are provider-qualified codes ("iwinv:519"); PCodes bare
	// codes only providers have ("519").
	Qualified, PCodes []string
	// Sigs are the signatures the text contains.
	Sigs []Sig
	// Words are searched as text; the last may be a prefix (PrefixLast).
	Words      []string
	PrefixLast bool
	// Pasted is set for a paste: an entry must share more than one of its
	// words to match by text.
	Pasted bool
	// WholeCode is set when the whole text is one code with noise around it.
	WholeCode bool
	// Systems are the systems the text names (KMsgError, IWINV, WhatsApp,
	// KakaoSDK): hints that rank their entries first, not filters.
	Systems []string
	// Unknown are codes the text gives that no entry has: a code-bearing
	// key's value, a glued code, a typed number that is no HTTP status. The
	// error is then likely one errdex does not know, and words alone must
	// not claim it.
	Unknown []string
	// Success is set for a reply that reports success and no failure
	// (Aligo's {"result_code":"1","message":"success"}): it is no error,
	// and no entry is the answer to it.
	Success bool
	// Request is set for a typed request to a colleague ("can you check
	// the template?", "템플릿 확인 부탁드립니다"): chatter, not an error, so
	// no entry is the answer to it.
	Request bool
	// Foreign are the names of other services the text names (Stripe,
	// LINE, api.twilio.com) that no system of the catalog is: the error is
	// most likely theirs.
	Foreign []string
	// Bare are codes (lower-cased) typed as long numbers among words, with
	// nothing beside them saying they are codes ("order 131042 shipped"):
	// they name their entry only where the text bears it out.
	Bare []string
	// Joined are codes (lower-cased) the text spells by writing a plain
	// word and a number apart ("exit 4" for the k-msg CLI's exit-4): any
	// program prints those words, so they name their entry only where the
	// text says whose it is.
	Joined []string
	// Types are the values of an envelope's "type" keys
	// (authentication_error, OAuthException), lower-cased.
	Types []string

	corrections map[string][]string
}

// Options say how a text came.
type Options struct {
	// Prefix: the last word may be unfinished (search as you type).
	Prefix bool
	// Pasted: the text came to identify, so it is read as a paste whatever
	// it looks like.
	Pasted bool
}

// Read reads text. How it is read follows what it looks like and how it
// came: a bare "4019" piped to identify is a code, and a JSON envelope
// typed into the search box is a payload.
func Read(text string, opts Options, lex Lexicon) *Reading {
	r := &reader{lex: lex, text: text, found: map[string]bool{}, qualified: map[string]bool{}}
	r.out.Payload = LooksLikePayload(strings.TrimSpace(text))
	if r.out.Payload {
		r.readPayload()
	} else {
		r.readTyped()
	}
	r.readStatusLine()
	r.readGlued()
	r.readSystems()
	r.readForeign()
	r.readSignatures()
	if r.out.Payload {
		r.readSuccess()
	} else {
		r.readTypedSuccess()
		r.readRequest()
	}
	r.readWords(opts)
	r.out.Bare = slices.Sorted(maps.Keys(r.bare))
	return &r.out
}

// Bounds on the work one text may cause (see also internal/search's
// bounds.go): typo corrections, which compare a word with every catalog
// word of about its length, are asked for the first MaxCorrectedWords
// words only; one unbroken run of letters is searched by its first
// MaxWordRunes runes (a 4,000-syllable Hangul run is 4,000 bigram
// clauses, past Bleve's clause cap).
const (
	MaxCorrectedWords = 12
	MaxWordRunes      = 32
)

// CorrectionsOf returns w's typo corrections, asked of lex once per reading:
// spelling a code and searching the words both need them.
func (u *Reading) CorrectionsOf(lex Lexicon, w string) []string {
	if c, ok := u.corrections[w]; ok {
		return c
	}
	if len(u.corrections) >= MaxCorrectedWords {
		return nil
	}
	c := lex.Corrections(w)
	if u.corrections == nil {
		u.corrections = map[string][]string{}
	}
	u.corrections[w] = c
	return c
}

// Corrected returns the corrections already asked for w, if any.
func (u *Reading) Corrected(w string) []string { return u.corrections[w] }

// reader holds one reading under way.
type reader struct {
	lex  Lexicon
	text string
	out  Reading
	// found holds the lower-cased keys understood as codes, and qualified
	// the provider-qualified ones, so each is added once.
	found, qualified map[string]bool
	// messages are a JSON payload's human-readable texts; parsedJSON says
	// whether there was one.
	messages   []string
	parsedJSON bool
	// bare holds the codes typed bare (Reading.Bare) not since seen where
	// codes stand.
	bare map[string]bool
	// tally holds what the text says of success and failure.
	tally successTally
	// lower is text lower-cased, once (lowered).
	lower string
}

// lowered returns the text lower-cased.
func (r *reader) lowered() string {
	if r.lower == "" && r.text != "" {
		r.lower = strings.ToLower(r.text)
	}
	return r.lower
}

// addKey adds raw as a code when the catalog has it, and reports whether
// it does.
func (r *reader) addKey(raw string) bool {
	k := strings.ToLower(TrimNoise(raw))
	if k == "" || r.found[k] {
		return r.found[k]
	}
	kind, spelling := r.lex.Key(k)
	switch kind {
	case Code:
		r.found[k] = true
		r.out.Keys = append(r.out.Keys, k)
		r.out.Spelt = append(r.out.Spelt, TrimNoise(raw))
		r.out.Codes = append(r.out.Codes, spelling)
		return true
	case ProviderCode:
		r.found[k] = true
		r.out.PCodes = append(r.out.PCodes, k)
		r.out.Codes = append(r.out.Codes, k)
		return true
	}
	return false
}

// addCode adds what a code-bearing place of the text holds (a code key's
// value, a glued code): a code, a provider code of a provider named, an
// HTTP status when it is a number one could be, or else an unknown code.
func (r *reader) addCode(raw string, providers map[string]bool) {
	v := TrimNoise(raw)
	if v == "" || len(v) > 64 {
		return
	}
	delete(r.bare, strings.ToLower(v))
	known := r.addKey(v)
	for p := range providers {
		if r.lex.ProviderCode(p, strings.ToLower(v)) {
			known = r.addQualified(p, v) || known
		}
	}
	if IsStatusLike(v) {
		n, _ := strconv.Atoi(v)
		if r.lex.Status(n) {
			r.addStatus(v)
			known = true
		}
	}
	if !known {
		r.addUnknown(v)
	}
}

// readStatusLine sets StatusLine when the text is one HTTP status with its
// reason phrase, written around with nothing but "HTTP", "HTTP/1.1" or
// the words around a code ("error", "status").
func (r *reader) readStatusLine() {
	if len(r.out.HTTPStatuses) != 1 || len(r.text) > 64 {
		return
	}
	n := r.out.HTTPStatuses[0]
	// Noise words leave the reason phrase as they leave the text: "500
	// Internal Server Error" says "internal server" either way.
	phrase := strings.Join(statusLineWords(strings.ToLower(http.StatusText(n)), n), " ")
	said := strings.Join(statusLineWords(r.lowered(), n), " ")
	r.out.StatusLine = phrase != "" && said == phrase || clientStatusWords[strings.TrimPrefix(said, "axioserror ")]
}

// statusLineWords returns the words of a lower-cased text that say more
// than status n does: without n, "http", "http/1.1" and noise words.
func statusLineWords(lower string, n int) []string {
	var rest []string
	for _, t := range strings.Fields(lower) {
		t = TrimNoise(t)
		if t == "" || t == strconv.Itoa(n) || t == "http" || strings.HasPrefix(t, "http/") || noiseWords[t] {
			continue
		}
		rest = append(rest, t)
	}
	return rest
}

// clientStatusWords are what HTTP clients print around a status and nothing
// else: axios's "Request failed with status code 500". Like a status line's
// reason phrase, they say no more than the status does.
var clientStatusWords = map[string]bool{"request failed with": true} // "status" and "code" are noise words, skipped

// addUnknown records a code no entry has.
func (r *reader) addUnknown(v string) {
	k := strings.ToLower(v)
	if len(r.out.Unknown) < maxUnknown && !slices.Contains(r.out.Unknown, k) && !r.found[k] {
		r.out.Unknown = append(r.out.Unknown, k)
	}
}

const maxUnknown = 8

// IsStatusLike reports whether code is a number an HTTP status could be.
func IsStatusLike(code string) bool {
	n, err := strconv.Atoi(code)
	return err == nil && len(code) == 3 && n >= 100 && n <= 599
}

// addQualified adds a provider's code, and reports whether it was new.
func (r *reader) addQualified(provider, code string) bool {
	provider, code = strings.ToLower(provider), strings.ToLower(TrimNoise(code))
	key := provider + ":" + code
	if !r.lex.Provider(provider) || code == "" || r.qualified[key] {
		return false
	}
	r.qualified[key] = true
	r.out.Qualified = append(r.out.Qualified, key)
	r.out.Codes = append(r.out.Codes, key)
	return true
}

// addStatus adds s as an HTTP status when some entry has it.
func (r *reader) addStatus(s string) {
	n, err := strconv.Atoi(s)
	if err != nil || !r.lex.Status(n) || slices.Contains(r.out.HTTPStatuses, n) {
		return
	}
	r.out.HTTPStatuses = append(r.out.HTTPStatuses, n)
}

// readSignatures finds the upstream messages the text contains.
func (r *reader) readSignatures() {
	for _, s := range r.lex.Signatures(r.text) {
		r.out.Sigs = append(r.out.Sigs, s)
		if !slices.Contains(r.out.Signatures, s.ID) {
			r.out.Signatures = append(r.out.Signatures, s.ID)
		}
	}
}

// noiseWords are stripped around a code: "error 4019", "code=KOE009".
var noiseWords = map[string]bool{
	"error": true, "err": true, "code": true, "error_code": true, "errorcode": true,
	"status": true, "errdex": true, "kmsgerror": true, "에러": true, "오류": true, "코드": true,
}

// IsNoiseWord reports whether a lower-cased word is one of those written
// around a code ("error", "code", "오류").
func IsNoiseWord(w string) bool { return noiseWords[w] }

// TrimNoise strips quotes, brackets and trailing punctuation around a token,
// and a leading key such as code= or error_code:.
func TrimNoise(s string) string {
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

// SplitWords splits s into lower-cased runs of letters and digits.
func SplitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func hasHangul(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }
