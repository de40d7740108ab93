package search

import (
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// understanding is a query as package understand read it, with what the
// query builder adds: the signatures compiled, and the words it searched
// to mark in snippets.
type understanding struct {
	understand.Reading
	sigs []compiledSig
	// highlightWords are the words and the expansions searched, to mark.
	highlightWords []string
}

// understand reads a query or pasted text against this index's catalog.
func (ix *Index) understand(q string, prefix, pasted bool) understanding {
	r := understand.Read(q, understand.Options{Prefix: prefix, Pasted: pasted}, lexicon{ix})
	u := understanding{Reading: *r}
	for _, s := range r.Sigs {
		u.sigs = append(u.sigs, ix.sigs[s.Ref])
	}
	return u
}

// summary is what the query was taken to contain, as answers show it.
func (u *understanding) summary() Understanding {
	return Understanding{Codes: u.Codes, HTTPStatuses: u.HTTPStatuses, Signatures: u.Signatures,
		Words: u.Words, Payload: u.Payload}
}

// correctionsOf returns w's typo corrections, computed once per query.
func (ix *Index) correctionsOf(u *understanding, w string) []string {
	return u.CorrectionsOf(lexicon{ix}, w)
}

// lexicon is what package understand knows of the index's catalog.
type lexicon struct{ ix *Index }

func (l lexicon) Key(key string) (understand.Kind, string) {
	ms := l.ix.cat.Lookup(key, "")
	if len(ms) == 0 {
		return understand.None, ""
	}
	for _, m := range ms {
		if m.Field != errdex.MatchProviderCode {
			return understand.Code, m.Value
		}
	}
	return understand.ProviderCode, ""
}

func (l lexicon) Provider(id string) bool        { return l.ix.providers[id] }
func (l lexicon) Systems(name string) []string   { return l.ix.systemNames[name] }
func (l lexicon) Status(n int) bool              { return l.ix.statuses[n] }
func (l lexicon) HasWord(w string) bool          { return l.ix.vocab.has(w) }
func (l lexicon) Corrections(w string) []string  { return l.ix.vocab.corrections(w, maxCorrections) }
func (l lexicon) Completions(w string) []string  { return l.ix.vocab.completions(w, maxCompletions) }
func (l lexicon) MultiWordCode(code string) bool { return l.ix.spelt[code] }

// ProviderCode reports whether provider has code, mapped onto some entry.
func (l lexicon) ProviderCode(provider, code string) bool {
	for _, m := range l.ix.cat.Lookup(code, "") {
		if m.Field == errdex.MatchProviderCode && strings.HasPrefix(strings.ToLower(m.Value), provider+":") {
			return true
		}
	}
	return false
}

// Signatures tries the signatures the text may match (sigIndex narrows
// them) and returns those it does.
func (l lexicon) Signatures(text string) []understand.Sig {
	var out []understand.Sig
	lower := strings.ToLower(text)
	var has literalsFound // many signatures share a literal
	for _, i := range l.ix.sigIndex.candidates(lower) {
		s := l.ix.sigs[i]
		if s.need != "" && !strings.Contains(lower, s.need) || !has.all(lower, s.needAll) ||
			len(s.needAny) > 0 && !has.any(lower, s.needAny) {
			continue
		}
		if (s.re != nil && sigMatches(s, text, lower)) || (s.text != "" && strings.Contains(lower, s.text)) {
			out = append(out, understand.Sig{ID: s.entry.ID(), Label: s.label, Ref: i})
		}
	}
	return out
}

// literalsFound remembers which literals one text contains, when the text
// is long enough (memoFrom bytes) for a search of it to cost more than the
// memo.
type literalsFound map[string]bool

const memoFrom = 1024

func (f *literalsFound) contains(lower, lit string) bool {
	if len(lower) < memoFrom {
		return strings.Contains(lower, lit)
	}
	found, ok := (*f)[lit]
	if !ok {
		found = strings.Contains(lower, lit)
		if *f == nil {
			*f = literalsFound{}
		}
		(*f)[lit] = found
	}
	return found
}

// all reports whether lower contains every one of lits.
func (f *literalsFound) all(lower string, lits []string) bool {
	for _, lit := range lits {
		if !f.contains(lower, lit) {
			return false
		}
	}
	return true
}

// any reports whether lower contains one of lits.
func (f *literalsFound) any(lower string, lits []string) bool {
	for _, lit := range lits {
		if f.contains(lower, lit) {
			return true
		}
	}
	return false
}

// Bounds on matching a signature's pattern in a long paste: a match holds
// the pattern's literal, so only windows around the literal's first few
// occurrences are tried, not the whole text for each pattern (a 64 KiB log
// of repeated messages spent three quarters of identify there).
const (
	sigWindow     = 300
	sigOccurences = 3
	sigWholeText  = 4 << 10
)

func sigMatches(s compiledSig, text, lower string) bool {
	if len(text) <= sigWholeText || s.need == "" {
		return s.re.MatchString(text)
	}
	from := 0
	for range sigOccurences {
		i := strings.Index(lower[from:], s.need)
		if i < 0 {
			return false
		}
		i += from
		lo, hi := max(0, i-sigWindow), min(len(lower), i+len(s.need)+sigWindow)
		if s.re.MatchString(lower[lo:hi]) {
			return true
		}
		from = i + len(s.need)
	}
	return false
}
