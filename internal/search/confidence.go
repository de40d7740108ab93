package search

import (
	"slices"
	"strings"

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
	supportWords     = 3  // times the share of words held

	// tieSupport: two results whose support differs by less are equally
	// supported.
	tieSupport = 0.5

	// A result found by its words alone is likely only when its text holds
	// at least likelyShare of the searched words (and at least
	// likelyMinWords of them when two or more were searched), and its Bleve
	// score is at least likelyLead times the next result's.
	likelyShare    = 0.75
	likelyMinWords = 2
	likelyLead     = 1.3

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
	// likely.
	words := probe.n
	if len(u.Unknown) > 0 {
		words = 0
	}
	for i := range resp.Results {
		resp.Results[i].Confidence = confidenceOf(js, i, best, resp.Results, words)
	}
	resp.Answer = answerOf(resp.Results, js)
}

// judgeOne sums what the text gives r.
func (ix *Index) judgeOne(r *Result, rank int, u *understanding, probe *wordProbe) judgement {
	var j judgement
	kinds := map[errdex.MatchKind]bool{}
	for _, ev := range r.Evidence {
		if kinds[ev.Kind] && ev.Kind != MatchSignature {
			continue
		}
		kinds[ev.Kind] = true
		switch ev.Kind {
		case MatchCode, MatchAlias:
			j.names = true
			j.support += supportCode
		case MatchSignature:
			if short := shortSig(u, r.Entry, ev.Value); short && !slices.Contains(u.Systems, r.Entry.System) {
				// "Network error" in an axios trace is not K-Message's.
				j.support += supportHint
				continue
			}
			j.names = true
			j.support += supportSignature
		case MatchProviderCode:
			_, code, _ := strings.Cut(ev.Value, ":")
			switch {
			case slices.Contains(u.Qualified, strings.ToLower(ev.Value)):
				j.names = true
				j.support += supportQualified
			case understand.IsStatusLike(code):
				// "502" with no provider named is far more often an HTTP
				// status than that provider's code.
				j.support += supportStatus
			default:
				j.pointed = true
				j.support += supportPCode
			}
		case MatchHTTPStatus:
			j.support += supportStatus
		}
	}
	if slices.Contains(u.Systems, r.Entry.System) {
		j.support += supportHint
	}
	if probe.n > 0 && rank < probedResults {
		j.held = probe.held(ix, r.Entry)
		j.support += supportWords * float64(j.held) / float64(probe.n)
	}
	return j
}

// confidenceOf decides result i's confidence. A result that names its
// entry is certain when no other result is better supported, and one
// pointed at by a provider code alone is likely then. One found by its
// words (and perhaps its HTTP status) is likely when its text holds most
// of the words searched and no result that holds as many scores clearly
// more; several such are equally likely, and the answer ambiguous.
func confidenceOf(js []judgement, i int, best float64, rs []Result, words int) errdex.Confidence {
	j := js[i]
	top := j.support > best-tieSupport
	switch {
	case j.names && top:
		return errdex.ConfidenceCertain
	case j.pointed && top:
		return errdex.ConfidenceLikely
	case j.names || j.pointed || !top || !holdsEnough(j, words):
		return errdex.ConfidenceWeak
	}
	// Rivals: other results found by words that hold as many. One scoring
	// clearly more makes this one weak; one within the lead makes the two
	// equally likely (ambiguous); more than one means the words do not
	// tell entries apart.
	close := 0
	for k := range rs {
		if k == i || js[k].names || js[k].pointed || !holdsEnough(js[k], words) {
			continue
		}
		switch {
		case rs[k].Score > likelyLead*rs[i].Score:
			return errdex.ConfidenceWeak
		case rs[k].Score*likelyLead >= rs[i].Score:
			close++
		}
	}
	if close > 1 {
		return errdex.ConfidenceWeak
	}
	return errdex.ConfidenceLikely
}

// holdsEnough reports whether a result's text holds enough of the words
// searched to be likely by its words.
func holdsEnough(j judgement, words int) bool {
	return words > 0 && float64(j.held) >= likelyShare*float64(words) && (words < likelyMinWords || j.held >= likelyMinWords)
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
	for _, w := range ix.probeWords(u.Words) {
		i := p.n
		p.n++
		p.pairs = append(p.pairs, 0)
		if hasHangul(w) {
			stem := koStem(w)
			p.ko[stem] = append(p.ko[stem], i)
			for _, tok := range ix.ko.Analyze([]byte(w)) {
				if t := string(tok.Term); t != stem {
					p.ko["\x00"+t] = append(p.ko["\x00"+t], i)
					p.pairs[i]++
				}
			}
			continue
		}
		for _, alt := range append([]string{w}, u.Corrected(w)...) {
			for _, tok := range ix.en.Analyze([]byte(alt)) {
				if t := string(tok.Term); !slices.Contains(p.en[t], i) {
					p.en[t] = append(p.en[t], i)
				}
			}
		}
	}
	return p
}

// probeWords are the words a result's text is judged by: not stop words,
// not the names of systems (a hint, counted as such), and not words most
// entries hold, unless nothing else is left.
func (ix *Index) probeWords(words []string) []string {
	var out, common []string
	for _, w := range words {
		switch {
		case ix.isStopWord(w) || len(ix.systemWords[w]) > 0:
		case ix.vocab.share(w) > commonShare:
			common = append(common, w)
		default:
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return common
	}
	return out
}

// held counts the probe's words e's text holds.
func (p *wordProbe) held(ix *Index, e *errdex.Entry) int {
	whole := make([]bool, p.n)
	pairs := make([]int, p.n)
	if len(p.en) > 0 {
		for _, t := range entryTexts(e, errdex.English) {
			for _, tok := range ix.enTokens.get(ix.en, t).toks {
				for _, i := range p.en[tok.term] {
					whole[i] = true
				}
			}
		}
	}
	if len(p.ko) > 0 {
		seen := map[string]bool{}
		for _, t := range entryTexts(e, errdex.Korean) {
			for _, tok := range ix.koTokens.get(ix.ko, t).toks {
				for _, i := range p.ko[tok.term] {
					whole[i] = true
				}
				if ws := p.ko["\x00"+tok.term]; len(ws) > 0 && !seen[tok.term] {
					seen[tok.term] = true
					for _, i := range ws {
						pairs[i]++
					}
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
