package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// How confidence is decided (docs/search.md has the measurements behind the
// figures). Each result's support is the sum of what the text gives it:
// what names the entry (its code, an alias, a provider code with its
// provider, a signature), what only points at it (a provider code whose
// provider is not named, its HTTP status, its system's name), and the share
// of the searched words its text holds. Support, not the Bleve score,
// decides the answer: scores are made to rank, and their scale changes with
// the query.
const (
	supportCode      = 10 // the entry's code or an alias
	supportQualified = 9  // a provider code with its provider named
	supportSignature = 8  // an exact upstream message or pattern
	supportPCode     = 4  // a provider code alone
	supportHint      = 2  // the text names the entry's system or provider
	supportStatus    = 1  // the entry's HTTP status
	supportCase      = 1  // the code written in the entry's own case

	// shortPCode: a provider code of at most this many characters needs
	// words that agree to point at an entry.
	shortPCode   = 4
	supportWords = 3 // times the share of words held

	// tieSupport: two results whose support differs by less are equally
	// supported.
	tieSupport = 0.5

	// A result found by its words alone is likely only when its text holds
	// at least likelyShare of the searched words (and at least
	// likelyMinWords of them when two or more were searched), and its Bleve
	// score is at least likelyLead times the next result's.
	likelyShare     = 0.75
	likelyMinWords  = 2
	likelyMinPasted = 3
	likelyLead      = 1.3

	// probedResults: only the first results are judged by the words their
	// text holds; one ranked lower is never the answer by its words, and
	// reading entry texts is a tenth of a query's time.
	probedResults = 5
)

// judgement is what the text gave one result.
type judgement struct {
	names   bool // code, alias, qualified provider code or signature
	pointed bool // a provider code alone
	support float64
	held    int // searched words the entry's text holds
	// foreign: the text names systems, not this entry's.
	foreign bool
}

// judge sets every result's confidence and the response's answer. The
// order stays the ranking's (a page must not depend on its size); when the
// first result is weak the answer is unsure, so a weak result never stands
// first in a found answer.
func (ix *Index) judge(resp *Response, u *understanding) {
	if len(resp.Results) == 0 {
		resp.Answer = errdex.AnswerNone
		return
	}
	probe := ix.newWordProbe(u)
	js := make([]judgement, len(resp.Results))
	best := 0.0
	for i := range resp.Results {
		js[i] = ix.judgeOne(&resp.Results[i], i, u, probe)
		best = max(best, js[i].support)
	}
	// A code no entry has means the error is most likely one errdex does
	// not know: words it shares with an entry do not make that entry
	// likely. Nor do an HTTP status's own words ("401 Unauthorized").
	words := probe.n
	if len(u.Unknown) > 0 || u.StatusLine || probe.commonOnly {
		// Nor do words most entries hold, when they are all there is
		// ("에러", "error occurred"): they tell no entry from another.
		words = 0
	}
	// A paste's words are many and its message generic ("Authentication
	// Failed"): it takes three held to be likely by them, typing two.
	minHeld := likelyMinWords
	if u.Pasted {
		minHeld = likelyMinPasted
		if words < minHeld {
			words = 0
		}
	}
	for i := range resp.Results {
		resp.Results[i].Confidence = confidenceOf(js, i, best, resp.Results, words, minHeld)
		if u.Success || u.Request {
			// A reply that reports success is no error, nor is a request
			// to a colleague: whatever its code and words meet, no entry
			// is the answer.
			resp.Results[i].Confidence = errdex.ConfidenceWeak
		}
	}
	resp.Answer = answerOf(resp.Results, js)
}

// judgeOne sums what the text gives r.
func (ix *Index) judgeOne(r *Result, rank int, u *understanding, probe *wordProbe) judgement {
	var j judgement
	if probe.n > 0 && rank < probedResults {
		j.held = probe.held(ix, r.Entry)
	}
	hinted := slices.Contains(u.Systems, r.Entry.System)
	kinds := map[errdex.MatchKind]bool{}
	for _, ev := range r.Evidence {
		if kinds[ev.Kind] && ev.Kind != MatchSignature {
			continue
		}
		kinds[ev.Kind] = true
		w := weigh(ev, r.Entry, u, hinted, j.held, probe)
		j.support += w.support
		j.names = j.names || w.names
		j.pointed = j.pointed || w.pointed
	}
	if hinted {
		j.support += supportHint
	}
	if probe.n > 0 {
		j.support += supportWords * float64(j.held) / float64(probe.n)
	}
	// The text names other systems than this entry's: what only points at
	// it (a provider's code, its words) is another system's error more
	// likely than its own (KakaoApiException with code -101 is not Aligo's).
	// So does a text naming another service (Stripe, LINE) and no system.
	j.foreign = (len(u.Systems) > 0 || len(u.Foreign) > 0) && !hinted
	return j
}

// weight is what one piece of evidence gives a result.
type weight struct {
	support        float64
	names, pointed bool
}

// weighCode reads a code or alias of e the text holds.
func weighCode(ev Evidence, e *errdex.Entry, u *understanding, hinted bool, held int, probe *wordProbe) weight {
	w := weight{support: supportCode, names: true}
	if u.Pasted && slices.Contains(u.Spelt, ev.Value) {
		// As a system printed it, case tells rate_limit_exceeded
		// (Kirim's) from RATE_LIMIT_EXCEEDED (K-Message's); typed, not.
		w.support += supportCase
	}
	bare := len(u.Bare) > 0 && slices.Contains(u.Bare, strings.ToLower(ev.Value))
	if isWordsCode(ev.Value) && !hinted && !corroborated(u, e, held, probe.n) ||
		bare && !hinted && (probe.commonOnly || !corroborated(u, e, held, probe.n)) ||
		joinedAlone(u, e, ev.Value, hinted) || contradicted(u, e) ||
		amongStrangers(ev.Value, hinted, held, probe) || othersNumber(u, ev.Value, hinted) ||
		besideConstant(u, ev.Value, hinted) {
		// rate_limit_exceeded, invalid_grant: any API's code. Beside a
		// message that is not this entry's, it names nothing; nor does a
		// long number typed among words that are not its entry's ("order
		// 131042 shipped"), nor "exit 4" with nothing saying whose.
		w.names, w.support = false, supportPCode
	}
	return w
}

// amongStrangers reports whether code is a short number typed beside a
// word no entry holds and none of e's words: "status 4019 in my game",
// "Error code -1 in sqlite", "쿠팡 오류 4002". Short numbers are every
// system's codes; beside a name errdex has never seen, the number is most
// likely that thing's. A long one (Meta's 131026) is rarely anyone else's:
// "redis 131026 error" is still Meta's.
func amongStrangers(code string, hinted bool, held int, probe *wordProbe) bool {
	return !hinted && held == 0 && probe.strangers > 0 && isShortCode(code)
}

// othersNumber reports whether code is a short number in a text that
// names another service (Discord, Baidu) and no system of the catalog:
// Discord's gateway closes with 4004 and 4014, and a short number is
// anyone's code. Where an app runs or is kept (Vercel, AWS, GitHub) is no
// service whose error it is: "vercel 배포 후 4019 에러" is still Kakao's.
func othersNumber(u *understanding, code string, hinted bool) bool {
	return !hinted && len(u.Systems) == 0 && isShortCode(code) &&
		slices.ContainsFunc(u.Foreign, func(name string) bool { return !hostingNames[name] })
}

// hostingNames are the foreign names (understand's foreignNames) of where
// an app is built, hosted or kept, not of a service whose errors it
// relays.
var hostingNames = map[string]bool{"vercel": true, "netlify": true, "heroku": true, "aws": true, "amazon": true,
	"azure": true, "gcp": true, "github": true, "gitlab": true, "supabase": true, "cloudflare": true}

// besideConstant reports whether code is a short number typed beside
// another system's constant, one no entry has ("WebView error code -2
// ERROR_HOST_LOOKUP", "response code -2 FEATURE_NOT_SUPPORTED"): the
// number is that constant's value, not the catalog's code.
func besideConstant(u *understanding, code string, hinted bool) bool {
	return !hinted && isShortCode(code) &&
		slices.ContainsFunc(u.Unknown, func(k string) bool { return strings.Contains(k, "_") })
}

// shortCodeDigits: a number of at most this many digits (4019, -2) is a
// code many systems use; a longer one (131026) is rarely more than one's.
const shortCodeDigits = 4

// isShortCode reports whether code is a number, signed or not, of at
// most shortCodeDigits digits.
func isShortCode(code string) bool {
	d := strings.TrimPrefix(code, "-")
	return d != "" && len(d) <= shortCodeDigits && !strings.ContainsFunc(d, func(c rune) bool { return c < '0' || c > '9' })
}

// joinedAlone reports whether code is one the text spelt from a word and a
// number ("exit 4", "exit code 4") and nothing in the text says it is e's:
// neither e's system named (k-msg, KMsgError) nor a message of e's own.
// Every shell and build tool prints "exit 4"; only the k-msg CLI's is
// kmsg's exit-4.
func joinedAlone(u *understanding, e *errdex.Entry, code string, hinted bool) bool {
	if hinted || len(u.Joined) == 0 || !slices.Contains(u.Joined, strings.ToLower(code)) {
		return false
	}
	for _, s := range u.sigs {
		if s.entry == e && !s.short {
			return false
		}
	}
	return true
}

// weigh reads one piece of evidence for e.
func weigh(ev Evidence, e *errdex.Entry, u *understanding, hinted bool, held int, probe *wordProbe) weight {
	words := probe.n
	switch ev.Kind {
	case MatchCode, MatchAlias:
		return weighCode(ev, e, u, hinted, held, probe)
	case MatchSignature:
		if (shortSig(u, e, ev.Value) || len(u.Foreign) > 0 && patternSig(u, e, ev.Value)) && !hinted {
			// "Network error" in an axios trace is not K-Message's; nor
			// is {"code":"RATE_LIMIT_EXCEEDED"} beside "mailgun": a
			// pattern is the shape of a payload, and the text says whose.
			return weight{support: supportHint}
		}
		return weight{support: supportSignature, names: true}
	case MatchProviderCode:
		_, code, _ := strings.Cut(ev.Value, ":")
		switch {
		case slices.Contains(u.Qualified, strings.ToLower(ev.Value)):
			return weight{support: supportQualified, names: true}
		case understand.IsStatusLike(code):
			// "502" with no provider named is far more often an HTTP
			// status than that provider's code.
			return weight{support: supportStatus}
		}
		// A short provider's code alone ("0", "28", "-501") is any API's
		// number: it points at the entry only when the words beside it
		// agree. A long one (Meta's 131000) is rarely anyone else's, unless
		// it is typed bare among words, as an entry's own code is ("order
		// 132000 shipped" is an order, not Meta's 132000).
		if slices.Contains(u.Bare, strings.ToLower(code)) && !hinted && !probe.recordAgrees[strings.ToLower(ev.Value)] &&
			(probe.commonOnly || !corroborated(u, e, held, words)) {
			return weight{support: supportPCode}
		}
		return weight{support: supportPCode, pointed: hinted || len(code) > shortPCode || corroborated(u, e, held, words)}
	case MatchHTTPStatus:
		return weight{support: supportStatus}
	}
	return weight{}
}

// isWordsCode reports whether a code is words joined by underscores
// (rate_limit_exceeded, INVALID_REQUEST), as many APIs spell theirs.
func isWordsCode(code string) bool {
	parts := strings.Split(code, "_")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) }) {
			return false
		}
	}
	return true
}

// corroborated reports whether a text naming e's code also bears it out:
// the envelope's type is e's, no words beside the code, a message of e's,
// or words of which e's text holds half or more.
func corroborated(u *understanding, e *errdex.Entry, held, words int) bool {
	if len(u.Foreign) > 0 && !slices.Contains(u.Systems, e.System) {
		// Stripe's rate_limit beside "Stripe" is Stripe's, whatever else.
		return false
	}
	if e.Type != "" && slices.Contains(u.Types, strings.ToLower(e.Type)) {
		return true
	}
	if words == 0 || 2*held >= words {
		return true
	}
	for _, s := range u.sigs {
		if s.entry == e && !s.short {
			return true
		}
	}
	return false
}

// confidenceOf decides result i's confidence. A result that names its
// entry is certain when no other result is better supported, and one
// pointed at by a provider code alone is likely then, unless the text
// names other systems. One found by its words (and perhaps its HTTP
// status) is likely when its text holds most of the words searched and no
// other result holding as many scores within likelyLead of it: words that
// two entries hold alike do not tell them apart.
func confidenceOf(js []judgement, i int, best float64, rs []Result, words, minHeld int) errdex.Confidence {
	j := js[i]
	top := j.support > best-tieSupport
	switch {
	case j.names && top:
		return errdex.ConfidenceCertain
	case j.pointed && top && !j.foreign:
		return errdex.ConfidenceLikely
	case j.names || j.pointed || j.foreign || !top || !holdsEnough(j, words, minHeld):
		return errdex.ConfidenceWeak
	}
	for k := range rs {
		if k != i && !js[k].names && !js[k].pointed && holdsEnough(js[k], words, minHeld) &&
			rs[k].Score*likelyLead > rs[i].Score {
			return errdex.ConfidenceWeak
		}
	}
	return errdex.ConfidenceLikely
}

// holdsEnough reports whether a result's text holds enough of the words
// searched to be likely by its words: likelyShare of them, and at least
// minHeld when that many were searched.
func holdsEnough(j judgement, words, minHeld int) bool {
	return words > 0 && float64(j.held) >= likelyShare*float64(words) && (words < minHeld || j.held >= minHeld)
}

// answerOf reads the answer off judged results, best first.
func answerOf(rs []Result, js []judgement) errdex.Answer {
	switch {
	case len(rs) == 0:
		return errdex.AnswerNone
	case rs[0].Confidence == errdex.ConfidenceWeak:
		return errdex.AnswerUnsure
	}
	tied := 0
	for k := range rs {
		if rs[k].Confidence == rs[0].Confidence && js[k].support > js[0].support-tieSupport {
			tied++
		}
	}
	if tied > 1 {
		return errdex.AnswerAmbiguous
	}
	return errdex.AnswerFound
}

// wordProbe finds which of a query's searched words an entry's text holds,
// as its analyzers read both: English words by their stem, Korean ones by
// their stem or their syllable pairs.
type wordProbe struct {
	n int // the words counted
	// commonOnly: the words counted are words most entries hold, there
	// being no other.
	commonOnly bool
	// recordAgrees holds the provider codes typed bare ("meta:131047")
	// whose record's words hold a word of the text: "131047
	// re-engagement" types Meta's own title of its code.
	recordAgrees map[string]bool
	// strangers counts the words counted that no entry holds, spelt
	// right: names errdex has never seen ("minecraft"; in Korean, nouns
	// only, koStranger: a sentence's endings are as new to the catalog).
	strangers int
	// en and ko map an analyzed term to the words it stands for; pairs
	// counts a Korean word's syllable pairs, all of which a compound must
	// hold when its stem is not there.
	en, ko map[string][]int
	pairs  []int
}

func (ix *Index) newWordProbe(u *understanding) *wordProbe {
	p := &wordProbe{en: map[string][]int{}, ko: map[string][]int{}}
	if ix.en == nil || ix.ko == nil {
		return p
	}
	p.recordAgrees = ix.recordsAgreeing(u)
	words, commonOnly := ix.probeWords(ownDigitsOut(u.Words, u.Bare))
	p.commonOnly = commonOnly
	for _, w := range words {
		i := p.n
		p.n++
		if !hasHangul(w) && strings.ContainsFunc(w, unicode.IsLetter) && utf8.RuneCountInString(w) >= 3 &&
			len(u.Corrected(w)) == 0 && ix.vocab.unknown(w) || ix.koStranger(w) {
			p.strangers++
		}
		p.pairs = append(p.pairs, 0)
		if hasHangul(w) {
			stem := koStem(w)
			p.ko[stem] = append(p.ko[stem], i)
			for _, t := range ix.wordTerms(errdex.Korean, w) {
				if t != stem {
					p.ko["\x00"+t] = append(p.ko["\x00"+t], i)
					p.pairs[i]++
				}
			}
			continue
		}
		if isShortNumber(w) {
			continue // searched, never held
		}
		for _, alt := range append([]string{w}, u.Corrected(w)...) {
			for _, t := range ix.wordTerms(errdex.English, alt) {
				if !slices.Contains(p.en[t], i) {
					p.en[t] = append(p.en[t], i)
				}
			}
		}
	}
	return p
}

// recordsAgreeing returns the provider codes typed bare whose record's
// messages or meaning hold one of the text's words (not a stop word, a
// system's name or the code's own digits).
func (ix *Index) recordsAgreeing(u *understanding) map[string]bool {
	if len(u.Bare) == 0 || ix.wordings == nil {
		return nil
	}
	var out map[string]bool
	words := ownDigitsOut(u.Words, u.Bare)
	for _, rw := range ix.wordings.list {
		_, code, _ := strings.Cut(rw.pcode, ":")
		if !slices.Contains(u.Bare, code) || out[rw.pcode] {
			continue
		}
		for _, w := range words {
			if ix.isStopWord(w) || len(ix.systemsOfWord(w)) > 0 {
				continue
			}
			if t := ix.recordTerm(w); t != "" && rw.terms[t] {
				if out == nil {
					out = map[string]bool{}
				}
				out[rw.pcode] = true
				break
			}
		}
	}
	return out
}

// ownDigitsOut returns words without the digits of the codes typed bare:
// "exit -401" must not have -401's entries bear it out by holding "401".
func ownDigitsOut(words, bare []string) []string {
	if len(bare) == 0 {
		return words
	}
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool {
		return slices.Contains(bare, w) || slices.Contains(bare, "-"+w)
	})
}

// probeWords are the words a result's text is judged by: not stop words,
// not the names of systems (a hint, counted as such), and not words most
// entries hold, unless nothing else is left; none when only numbers are.
func (ix *Index) probeWords(words []string) (probed []string, commonOnly bool) {
	var out, common []string
	for _, w := range words {
		switch {
		case isShortNumber(w):
			out = append(out, w) // counted, never held (newWordProbe)
		case ix.isStopWord(w) || len(ix.systemsOfWord(w)) > 0 || koNegators[w]:
		case ix.vocab.share(w) > commonShare:
			common = append(common, w)
		default:
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		out, commonOnly = common, len(common) > 0
	}
	if !slices.ContainsFunc(words, func(w string) bool { return strings.ContainsFunc(w, unicode.IsLetter) }) {
		// Numbers alone that are no code or status read (a phone number,
		// a date, an amount) say nothing of which error it is, even where
		// an entry's example holds them; beside a word ("E.164") they do.
		return nil, false
	}
	return out, commonOnly
}

// koNegators are the Korean adverbs that negate the verb after them (안
// 가요, 못 보냄): searched, as an entry's text may say it, but no telling
// word of which entry: "알림톡이 안 가요" is not -3's "설정이 안 됨".
var koNegators = map[string]bool{"안": true, "못": true}

// isShortNumber reports whether w is a number of one or two digits: a
// count, a step, an exit status ("exit 4", "Error 2") that any program
// prints. It counts among the words searched but is never held: an
// entry's prose holding "4" does not make "exit 4" its error. Where it is
// a code, the text's code says so.
func isShortNumber(w string) bool {
	return len(w) <= 2 && !strings.ContainsFunc(w, func(r rune) bool { return r < '0' || r > '9' })
}

// held counts the probe's words e's text holds.
func (p *wordProbe) held(ix *Index, e *errdex.Entry) int {
	whole := make([]bool, p.n)
	pairs := make([]int, p.n)
	if len(p.en) > 0 {
		terms := ix.entryTerms(e, errdex.English)
		for t, ws := range p.en {
			if terms[t] {
				for _, i := range ws {
					whole[i] = true
				}
			}
		}
	}
	if len(p.ko) > 0 {
		terms := ix.entryTerms(e, errdex.Korean)
		for k, ws := range p.ko {
			// A syllable pair counts once however often the text holds it.
			t, pair := strings.CutPrefix(k, "\x00")
			if !terms[t] {
				continue
			}
			for _, i := range ws {
				if pair {
					pairs[i]++
				} else {
					whole[i] = true
				}
			}
		}
	}
	n := 0
	for i := range whole {
		if whole[i] || p.pairs[i] > 0 && pairs[i] == p.pairs[i] {
			n++
		}
	}
	return n
}

// entryTexts are the texts of e in lang that a word may be held in: its
// code's words, title, summary, causes and fixes.
func entryTexts(e *errdex.Entry, lang errdex.Lang) []string {
	out := make([]string, 0, 3+len(e.Causes)+len(e.Fixes))
	if lang == errdex.English {
		out = append(out, strings.ReplaceAll(e.Code, "_", " "))
	}
	out = append(out, e.Title.In(lang), e.Summary.In(lang))
	for _, list := range [][]errdex.Text{e.Causes, e.Fixes} {
		for _, t := range list {
			out = append(out, t.In(lang))
		}
	}
	return out
}

// shortSig reports whether the signature labelled label that matched e is
// a short one.
func shortSig(u *understanding, e *errdex.Entry, label string) bool {
	for _, s := range u.sigs {
		if s.entry == e && s.label == label {
			return s.short
		}
	}
	return false
}

// patternSig reports whether e's signature labelled label, which the text
// holds, is a pattern rather than a message.
func patternSig(u *understanding, e *errdex.Entry, label string) bool {
	for _, s := range u.sigs {
		if s.entry == e && s.label == label {
			return s.re != nil
		}
	}
	return false
}

// contradicted reports whether the envelope's type is not e's own: OpenAI's
// {"type":"tokens","code":"rate_limit_exceeded"} is not Kirim's
// rate_limit_error.
func contradicted(u *understanding, e *errdex.Entry) bool {
	return e.Type != "" && len(u.Types) > 0 && !slices.Contains(u.Types, strings.ToLower(e.Type)) && isWordsCode(e.Code)
}
