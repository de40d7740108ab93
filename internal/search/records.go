package search

import (
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// Record wordings: people type a provider's wording ("예약 발송 시간" for
// IWINV's "예약 전송 가능 시간이 아닙니다.", "IP not whitelisted" for its
// unregistered IP) as often as the catalog's, and an entry's own prose
// does not repeat what every provider record mapping onto it says. A
// typed text most of whose words one record's message or meaning holds
// finds that record's entry.
const (
	// boostRecordWords ranks an entry whose record says what was typed
	// with entries whose title does: more than a word, far less than a
	// code or signature.
	boostRecordWords = 30
	// recordShare of the words typed, and at least recordMinWords, must be
	// in one record's words.
	recordShare    = 0.75
	recordMinWords = 2
	// recordMaxWords: a longer text is a paste, whose own messages and
	// codes say which entry it is; so does a payload or log line, whose
	// message is a system's, not a reader's words.
	recordMaxWords = 8
)

// recordWording is the terms of what one provider record says: its exact
// messages and its meaning in both languages, each word as the query's
// words are compared (recordTerm).
type recordWording struct {
	entry, provider, system string
	// pcode is the record's code as a provider code reads: "meta:131047".
	pcode string
	// message holds the terms of the messages, terms those of the
	// messages and the meaning.
	message, terms map[string]bool
}

// wordings are the records' wordings, built by New once the index's
// analyzers exist, and for each term the records holding it.
type wordings struct {
	list   []recordWording
	byTerm map[string][]int
}

// newWordings builds the records' wordings of ix.
func newWordings(ix *Index) *wordings {
	list := ix.buildWordings()
	return &wordings{list: list, byTerm: indexWordings(list)}
}

// recordWordings returns the records' wordings and their term lists.
func (ix *Index) recordWordings() ([]recordWording, map[string][]int) {
	return ix.wordings.list, ix.wordings.byTerm
}

// buildWordings reads the records that map onto an entry.
func (ix *Index) buildWordings() []recordWording {
	var out []recordWording
	for _, r := range ix.cat.Records() {
		id := r.EntryID()
		if id == "" {
			continue
		}
		rw := recordWording{entry: id, provider: strings.ToLower(r.Provider), system: r.System,
			pcode:   strings.ToLower(r.Provider + ":" + r.Code),
			message: map[string]bool{}, terms: map[string]bool{}}
		for _, m := range r.Messages() {
			for _, w := range understand.SplitWords(reMessageVar.ReplaceAllString(m, " ")) {
				if t := ix.recordTerm(w); t != "" {
					rw.message[t], rw.terms[t] = true, true
				}
			}
		}
		for _, w := range understand.SplitWords(r.Meaning.En + " " + r.Meaning.Ko) {
			if t := ix.recordTerm(w); t != "" {
				rw.terms[t] = true
			}
		}
		out = append(out, rw)
	}
	return out
}

// indexWordings lists, for each term, the records whose words hold it.
func indexWordings(ws []recordWording) map[string][]int {
	by := map[string][]int{}
	for i, rw := range ws {
		for t := range rw.terms {
			by[t] = append(by[t], i)
		}
	}
	return by
}

// recordTerm is the form a word is compared in: a Korean word's stem, an
// English word's analyzed term, "" for a stop word.
func (ix *Index) recordTerm(w string) string {
	if hasHangul(w) {
		return koStem(w)
	}
	if terms := ix.wordTerms(errdex.English, w); len(terms) == 1 {
		return terms[0]
	}
	return ""
}

// holdsMost reports whether held of n words are recordShare of them and
// at least recordMinWords.
func holdsMost(held, n int) bool {
	return held >= recordMinWords && float64(held) >= recordShare*float64(n)
}

// synonymsOf returns the catalog's words for a word typed (synonyms.go).
func synonymsOf(w string) []string {
	if hasHangul(w) {
		return understand.Synonyms(koStem(w))
	}
	return understand.Synonyms(w)
}

// recordCount is what recordTier counts of one record.
type recordCount struct{ message, all, inAll, inMessage int32 }

// recordCounts are recordTier's counts, one per record, kept cleared.
var recordCounts = sync.Pool{New: func() any { return new([]recordCount) }}

// recordForms returns the forms each of a typed text's words is compared
// in (its term and its synonyms'), leaving out stop words, short numbers
// and the names of systems.
func (ix *Index) recordForms(u *understanding) [][]string {
	var forms [][]string
	for _, w := range u.Words {
		if ix.isStopWord(w) || len(ix.systemsOfWord(w)) > 0 || isShortNumber(w) {
			continue
		}
		f := []string{ix.recordTerm(w)}
		for _, s := range synonymsOf(w) {
			f = append(f, ix.recordTerm(s))
		}
		forms = append(forms, f)
	}
	return forms
}

// countRecords counts in held, for each record the forms reach through
// their terms, how many forms its words and its messages hold, and
// returns the records reached, in order.
func countRecords(forms [][]string, list []recordWording, byTerm map[string][]int, held []recordCount) []int {
	var reached []int
	for n, f := range forms {
		mark := int32(n + 1)
		for _, t := range f {
			for _, i := range byTerm[t] {
				c := &held[i]
				if c.inAll == 0 {
					reached = append(reached, i)
				}
				if c.inAll != mark {
					c.inAll = mark
					c.all++
				}
				if c.inMessage != mark && list[i].message[t] {
					c.inMessage = mark
					c.message++
				}
			}
		}
	}
	slices.Sort(reached)
	return reached
}

// recordTier finds the entries of the records whose words hold most of
// a typed text's words (not stop words, short numbers or the names of
// systems; a synonym counts as its word).
func (ix *Index) recordTier(u *understanding) query.Query {
	if ix.en == nil || u.Payload || len(u.Words) > 2*recordMaxWords {
		return nil
	}
	list, byTerm := ix.recordWordings()
	if len(list) == 0 {
		return nil
	}
	forms := ix.recordForms(u)
	if len(forms) < recordMinWords || len(forms) > recordMaxWords {
		return nil
	}
	// Each word counts once per record, in its messages and in all its
	// words; the records are reached through the terms (indexWordings).
	// The counts are per record, and a form's marks say which records
	// it already counted in (the form's number plus one; 0 is none). The
	// counts of the records reached are cleared for the next query.
	scratch := recordCounts.Get().(*[]recordCount)
	defer recordCounts.Put(scratch)
	if len(*scratch) < len(list) {
		*scratch = make([]recordCount, len(list))
	}
	held := (*scratch)[:len(list)]
	reached := countRecords(forms, list, byTerm, held)
	defer func() {
		for _, i := range reached {
			held[i] = recordCount{}
		}
	}()
	var ids []string
	for _, i := range reached {
		rw, c := &list[i], &held[i]
		// The provider's own message, typed, is its record's whoever is
		// named; our words of its meaning are its only beside the
		// provider's name or its system's ("iwinv", "whatsapp"): alone,
		// two words of a meaning ("템플릿 승인") are any entry's.
		n := int(c.message)
		if slices.Contains(u.Words, rw.provider) || slices.Contains(u.Systems, rw.system) {
			n = int(c.all)
		}
		if holdsMost(n, len(forms)) && !slices.Contains(ids, rw.entry) {
			ids = append(ids, rw.entry)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	q := bleve.NewDocIDQuery(ids)
	q.SetBoost(boostRecordWords)
	return q
}
