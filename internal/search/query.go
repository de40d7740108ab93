package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/understand"
)

// Boosts put the kinds of evidence in their order of trust: an exact code
// outranks any text, whatever the text scores.
const (
	boostCode      = 2000
	boostCodeCase  = 100 // on top of boostCode when the case matches too
	boostAlias     = 1500
	boostQualified = 1200
	boostSignature = 600
	boostStatus    = 60
	boostHint      = 80 // the text names the entry's system
	boostPCode     = 40

	boostTitle   = 4
	boostCodeTxt = 3
	boostSummary = 2
	boostBody    = 1
	boostSystem  = 1.5
	// Alternatives of a typed word weigh less than the word itself.
	boostTypo   = 0.6
	boostPrefix = 0.5
	// A word as written in a title, on top of its stem; the word being
	// typed as the start of a title word.
	boostTitleWord   = 8
	boostTitlePrefix = 8
)

// Bounds on how a query's words expand.
const (
	maxCorrections = 2 // typo corrections of one word
	maxCompletions = 5 // completions of the word being typed
	maxAllWords    = 6 // the every-word boost is for short queries; long ones are pastes
)

// Search answers one query.
func (ix *Index) Search(ctx context.Context, req Request) (*Response, error) {
	return ix.search(ctx, req, false)
}

// Lookup returns every entry whose code, alias or provider code equals code
// once noise around it ("code=", quotes, brackets) is stripped; "iwinv 519"
// or "iwinv:519" narrows provider codes to that provider. A non-empty system
// keeps only that system's entries.
func (ix *Index) Lookup(code, system string) []errdex.Match {
	code = strings.TrimSpace(code)
	if fields := strings.Fields(code); len(fields) == 2 && ix.providers[strings.ToLower(understand.TrimNoise(fields[0]))] {
		return ix.lookupProvider(code, strings.ToLower(understand.TrimNoise(fields[0])), fields[1], system)
	}
	if fields := strings.Fields(code); len(fields) == 3 && ix.providers[strings.ToLower(understand.TrimNoise(fields[0]))] {
		return ix.lookupProvider(code, strings.ToLower(understand.TrimNoise(fields[0])), fields[2], system) // "iwinv sms 42"
	}
	if p, c, ok := strings.Cut(understand.TrimNoise(code), ":"); ok && ix.providers[strings.ToLower(p)] {
		return ix.lookupProvider(code, strings.ToLower(p), c, system)
	}
	for _, f := range strings.Fields(code) {
		if understand.IsNoiseWord(strings.ToLower(strings.Trim(f, ":="))) {
			code = strings.TrimSpace(strings.Replace(code, f, "", 1))
		}
	}
	code = understand.TrimNoise(code)
	return ix.statusMeanings(code, system, ix.cat.Lookup(code, system))
}

// maxStatusMeanings bounds the entries a lookup lists by their HTTP status.
const maxStatusMeanings = 20

// statusMeanings adds to ms, after them, the entries whose HTTP status
// code is, when it is a number some entry has as its status: every meaning
// of the number is listed, each labelled with what it is.
func (ix *Index) statusMeanings(code, system string, ms []errdex.Match) []errdex.Match {
	n, err := strconv.Atoi(code)
	if err != nil || !understand.IsStatusLike(code) || !ix.statuses[n] {
		return ms
	}
	have := map[*errdex.Entry]bool{}
	for _, m := range ms {
		have[m.Entry] = true
	}
	added := 0
	for _, e := range ix.byStatus[n] {
		if added == maxStatusMeanings {
			break
		}
		if !have[e] && (system == "" || e.System == system) {
			ms = append(ms, errdex.Match{Entry: e, Field: errdex.MatchHTTPStatus, Value: code})
			added++
		}
	}
	return ms
}

// lookupProvider answers a provider-qualified code ("iwinv sms 42",
// "meta 131026") with the entries its provider records map onto, or,
// without records, the entries listing it among their provider codes.
// (An entry whose own code is the provider's, like kirim/131026, keeps
// only its code match in Catalog.Lookup, so the records are asked first.)
func (ix *Index) lookupProvider(query, provider, code, system string) []errdex.Match {
	var out []errdex.Match
	for _, r := range ix.cat.ProviderRecords(query) {
		e, ok := ix.cat.Entry(r.EntryID())
		if !ok || system != "" && e.System != system || slices.ContainsFunc(out, func(m errdex.Match) bool { return m.Entry == e }) {
			continue
		}
		out = append(out, errdex.Match{Entry: e, Field: errdex.MatchProviderCode, Value: r.Provider + ":" + r.Code})
	}
	if len(out) > 0 || len(ix.cat.ProviderRecords(query)) > 0 {
		return out
	}
	for _, m := range ix.cat.Lookup(understand.TrimNoise(code), system) {
		if m.Field == errdex.MatchProviderCode && strings.HasPrefix(strings.ToLower(m.Value), provider+":") {
			out = append(out, m)
		}
	}
	return out
}

func (ix *Index) search(ctx context.Context, req Request, payload bool) (*Response, error) {
	if err := ix.checkRequest(&req, payload); err != nil {
		return nil, err
	}
	offset, err := decodeCursor(req.Cursor, ix.fingerprint(&req))
	if err != nil {
		return nil, err
	}

	resp := &Response{Query: req.Query}
	var (
		main query.Query
		u    understanding
	)
	listAll := strings.TrimSpace(req.Query) == ""
	if listAll {
		main = bleve.NewMatchAllQuery()
	} else {
		u = ix.understand(req.Query, req.Prefix && !payload, payload)
		resp.Understood = u.summary()
		main = ix.buildQuery(&u)
	}

	q, pass := main, ix.filterOf(&req)
	if fs := filters(&req); len(fs) > 0 && listAll {
		q = bleve.NewConjunctionQuery(append([]query.Query{main}, fs...)...)
	}
	res, err := ix.run(ctx, q, pass, req.Limit, offset, listAll)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	resp.Total = res.total
	resp.Facets = newFacetCounts()
	ix.facets.countSets(resp.Facets, res.facets)
	resp.Results = ix.results(res.hits, &u, req.Lang)
	if next := offset + len(res.hits); next < resp.Total && len(res.hits) == req.Limit && next < MaxOffset {
		resp.NextCursor = encodeCursor(next, ix.fingerprint(&req))
	}
	if listAll {
		judgeListing(resp)
		return resp, nil
	}
	if resp.Total == 0 {
		resp.Suggestions = ix.suggest(ctx, u, req.Query)
	}
	ix.judge(resp, &u)
	return resp, nil
}

// run searches q for the page of limit results after offset. A listing
// of every entry (listAll) is in the catalog's order, through Bleve's
// collector (it sorts on a field), q holding its filters; any other search
// is by score, through collect, which keeps the matches pass passes.
//
// A scored search is filtered as it is collected, not by a conjunction
// with the filters' terms: under a conjunction, Bleve advances the
// query's disjunctions to the filter's next match, and some of them then
// lost an entry's clauses, by an amount that changed with the order the
// documents were numbered in (one build in three answered a filtered
// search with other scores and other low-ranked results;
// TestFilteredSearchStable).
func (ix *Index) run(ctx context.Context, q query.Query, pass func(id string) bool, limit, offset int, listAll bool) (*collected, error) {
	if !listAll {
		return ix.collect(ctx, q, pass, limit, offset)
	}
	sr := bleve.NewSearchRequestOptions(q, limit, offset, false)
	sr.SortBy([]string{fSort})
	sr.AddFacet(fFacets, bleve.NewFacetRequest(fFacets, max(1, len(ix.facets.sets))))
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	out := &collected{total: int(res.Total), facets: make([]int, len(ix.facets.sets))}
	for _, h := range res.Hits {
		out.hits = append(out.hits, hit{id: h.ID, score: h.Score})
	}
	if fr := res.Facets[fFacets]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			if i, err := strconv.ParseInt(t.Term, 36, 64); err == nil && i >= 0 && int(i) < len(out.facets) {
				out.facets[i] += t.Count
			}
		}
	}
	return out, nil
}

// results turns a search's hits into results, each with its evidence and
// snippet.
func (ix *Index) results(hits []hit, u *understanding, lang errdex.Lang) []Result {
	var out []Result
	hl := ix.newHighlighter(u.highlightWords, lang)
	for _, h := range hits {
		e, ok := ix.cat.Entry(h.id)
		if !ok {
			continue
		}
		r := Result{Entry: e, Score: h.score}
		r.Evidence = evidenceFor(e, *u)
		r.Match = MatchText
		if len(r.Evidence) > 0 {
			r.Match = r.Evidence[0].Kind
		}
		r.Snippet = hl.snippet(e, lang)
		out = append(out, r)
	}
	return out
}

// judgeListing answers a listing of every entry (an empty query), which
// claims nothing: every entry is as likely as any.
func judgeListing(resp *Response) {
	for i := range resp.Results {
		resp.Results[i].Confidence = errdex.ConfidenceWeak
	}
	resp.Answer = errdex.AnswerUnsure
	if len(resp.Results) == 0 {
		resp.Answer = errdex.AnswerNone
	}
}

// checkRequest applies defaults and rejects what breaks a constraint.
func (ix *Index) checkRequest(req *Request, payload bool) error {
	maxBytes := MaxQueryBytes
	param := "q"
	if payload {
		maxBytes, param = MaxIdentifyBytes, "text"
	}
	if !utf8.ValidString(req.Query) {
		return &errdex.FieldError{Param: param, Code: errdex.CodeInvalidValue, Message: param + " is not valid UTF-8 text"}
	}
	if len(req.Query) > maxBytes {
		return &errdex.FieldError{Param: param, Code: errdex.CodeInvalidValue,
			Message: fmt.Sprintf("%s is longer than %d bytes", param, maxBytes)}
	}
	switch {
	case req.Limit == 0:
		req.Limit = DefaultLimit
	case req.Limit < 1 || req.Limit > MaxLimit:
		return &errdex.FieldError{Param: "limit", Code: errdex.CodeInvalidLimit,
			Message: fmt.Sprintf("limit must be between 1 and %d", MaxLimit)}
	}
	if req.System != "" {
		if _, ok := ix.cat.System(req.System); !ok {
			return &errdex.FieldError{Param: "system", Code: errdex.CodeInvalidValue,
				Message: fmt.Sprintf("unknown system %q", req.System)}
		}
	}
	if req.HTTPStatus != 0 && (req.HTTPStatus < 100 || req.HTTPStatus > 599) {
		return &errdex.FieldError{Param: "http_status", Code: errdex.CodeInvalidValue,
			Message: "http_status must be between 100 and 599"}
	}
	if req.Lang == "" {
		req.Lang = errdex.English
	}
	return nil
}

// buildQuery turns an understood query into a Bleve query: one clause per
// kind of evidence, each boosted to its place in the order of trust, and
// what only ranks the entries those find (an HTTP status beside words, the
// systems named) as optional clauses.
func (ix *Index) buildQuery(u *understanding) query.Query {
	tiers := ix.codeTiers(u)
	// An HTTP status says little once a code named the entry: it would
	// only add every other entry with that status (thousands on a large
	// catalog) below the answer, at the cost of scoring them all.
	known := ix.knownIDs(u.Keys)
	statusTier, context := statusClauses(u, known)
	if statusTier != nil {
		tiers = append(tiers, statusTier)
	}
	// The systems the text names rank their entries above other systems'
	// (a code in two systems, a status every system has).
	for _, sys := range u.Systems {
		context = append(context, termQuery(fSystem, sys, boostHint))
	}
	if len(u.PCodes) > 0 {
		var qs []query.Query
		for _, k := range u.PCodes {
			qs = append(qs, termQuery(fPCodes, k, boostPCode))
		}
		tiers = append(tiers, anyOf(qs...))
	}
	if rec := ix.recordTier(u); rec != nil && len(known) == 0 {
		tiers = append(tiers, rec)
	}
	if text := ix.textQuery(u); text != nil {
		// A paste whose code the catalog knows is about that code's
		// entries: its message words only rank them (the same code in two
		// systems), rather than adding every entry that shares a couple of
		// words, thousands on a large catalog, each scored and counted.
		if u.Pasted && len(known) > 0 {
			text = bleve.NewConjunctionQuery(text, bleve.NewDocIDQuery(known))
		}
		tiers = append(tiers, text)
	}
	if len(tiers) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	// The tiers' disjunction, and each tier's, are evaluated in one
	// searcher (flat.go); one tier alone is cheaper as Bleve's.
	top := anyOf(tiers...)
	if len(tiers) > 1 {
		top = flat(top)
	}
	if len(context) == 0 {
		return top
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(top)
	bq.AddShould(context...)
	return bq
}

// codeTiers are the clauses of what names entries: codes and aliases,
// provider-qualified codes, signatures.
func (ix *Index) codeTiers(u *understanding) []query.Query {
	var tiers []query.Query
	if len(u.Keys) > 0 {
		var qs []query.Query
		for _, k := range u.Keys {
			qs = append(qs, termQuery(fCode, k, boostCode), termQuery(fKeys, k, boostAlias))
		}
		for _, k := range u.Spelt {
			qs = append(qs, termQuery(fCodeCase, k, boostCodeCase))
		}
		tiers = append(tiers, anyOf(qs...))
	}
	if len(u.Qualified) > 0 {
		var qs []query.Query
		for _, k := range u.Qualified {
			qs = append(qs, termQuery(fPKeys, k, boostQualified))
		}
		tiers = append(tiers, anyOf(qs...))
	}
	if len(u.sigs) > 0 {
		var qs []query.Query
		for _, s := range u.sigs {
			q := bleve.NewDocIDQuery([]string{s.entry.ID()})
			q.SetBoost(boostSignature)
			qs = append(qs, q)
		}
		tiers = append(tiers, anyOf(qs...))
	}
	return tiers
}

// statusClauses place the HTTP statuses of a text no known code explains.
// A status with nothing else is searched for its own entries ("429");
// beside words or a signature it is context that ranks the entries those
// find (a 401 envelope's words, SOLAPI's "ClientError(401): Unauthorized"),
// never adding entries by itself, and beside a system's name it is that
// system's status.
func statusClauses(u *understanding, known []string) (tier query.Query, context []query.Query) {
	if len(u.HTTPStatuses) == 0 || len(known) > 0 {
		return nil, nil
	}
	var qs []query.Query
	for _, s := range u.HTTPStatuses {
		qs = append(qs, termQuery(fHTTPStatus, strconv.Itoa(s), boostStatus))
	}
	switch {
	case len(u.Words) == 0 && len(u.sigs) == 0:
		return anyOf(qs...), nil
	case len(u.Systems) == 0:
		return nil, qs
	}
	for _, sys := range u.Systems {
		context = append(context, bleve.NewConjunctionQuery(anyOf(qs...), termQuery(fSystem, sys, 0)))
	}
	return nil, context
}

// anyOf matches what any of qs matches. Bleve scales a disjunction's
// score by the share of its clauses matched, so one clause alone scores
// the same without one, and saves a searcher that every match would pass
// through.
func anyOf(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// knownIDs returns the entries whose code or alias is one of keys.
func (ix *Index) knownIDs(keys []string) []string {
	var ids []string
	for _, k := range keys {
		for _, m := range ix.cat.Lookup(k, "") {
			if m.Field == errdex.MatchCode || m.Field == errdex.MatchAlias {
				ids = append(ids, m.Entry.ID())
			}
		}
	}
	return ids
}

// textQuery matches the words of the query in the entries' prose. Each word
// becomes a disjunction of itself, its typo corrections and (for the last
// word while typing) its completions. Entries matching more words score
// higher through the disjunction's coordination factor, and more again when
// they hold every word. Each word as written also counts in the titles'
// words, where the word being typed counts as a prefix: that tells
// "international" from "internal" (one stem) and finishes "decl" as
// "declined" whatever other words start so.
func (ix *Index) textQuery(u *understanding) query.Query {
	var any []query.Query
	var all []int // positions in any of the words that earn the every-word bonus
	words, common := ix.tellingWords(u.Words)
	for i, w := range words {
		typing := u.PrefixLast && i == len(words)-1 && w == u.Words[len(u.Words)-1]
		alts := []query.Query{ix.wordQuery(w, 1), titleWordQuery(w, true, boostTitleWord)}
		if typing {
			alts = append(alts, titleWordQuery(w, false, boostTitlePrefix))
		}
		u.highlightWords = append(u.highlightWords, w)
		// Corrections, and completions, are one alternative each however
		// many there are: the disjunction scales its score by the share of
		// alternatives matched, and more of them must not dilute the word.
		corrected, completed := ix.correctedWord(u, w), ix.completedWord(u, w, typing)
		// A synonym people type for the catalog's word (whitelisted:
		// allowed) counts as the word.
		for _, s := range synonymsOf(w) {
			alts = append(alts, ix.wordQuery(s, 1))
			u.highlightWords = append(u.highlightWords, s)
		}
		for _, group := range [][]query.Query{corrected, completed} {
			if len(group) > 0 {
				alts = append(alts, anyOf(group...))
			}
		}
		word := flat(anyOf(alts...))
		any = append(any, word)
		if !ix.isStopWord(w) {
			all = append(all, len(any)-1)
		}
	}
	if len(any) == 0 {
		return nil
	}
	// Words most entries hold are left out of the prose, but one typed
	// that is in a title ("contact" in "Contact unavailable") still says
	// which entry: it counts as a word matched, though not towards the
	// minimum. In a paste they are the log's boilerplate ("send failed").
	min := minWords(len(any), u.Pasted)
	if !u.Pasted {
		for _, w := range common {
			any = append(any, titleWordQuery(w, true, boostTitleWord))
		}
	}
	if len(all) < 2 || len(all) > maxAllWords {
		anyWords := bleve.NewDisjunctionQuery(any...)
		anyWords.SetMin(float64(min))
		return flat(anyWords)
	}
	// Any min of the words, or a bonus for every word (allwords.go): Bleve
	// gives a conjunction no boost, so the bonus is the words' scores once
	// more.
	return &wordsQuery{words: any, min: min, all: all}
}

// correctedWord returns the queries of w's corrections (typos), each also
// highlighted.
func (ix *Index) correctedWord(u *understanding, w string) []query.Query {
	var corrected []query.Query
	for _, c := range ix.correctionsOf(u, w) {
		corrected = append(corrected, ix.wordQuery(c, boostTypo))
		u.highlightWords = append(u.highlightWords, c)
	}
	return corrected
}

// completedWord returns the queries of the completions of w, the word
// being typed, each also highlighted. Completions are looked for in titles
// and summaries, not bodies: a completion there, like "review" for "rev",
// is in thousands of them and says little. One Hangul syllable says about
// as much as three Latin letters, and the word typed may sit inside a
// compound of a title (승 in 미승인), which no title word starts with; but
// the completions of one syllable (정: 정보, 정상...) are too many to look
// for in summaries.
func (ix *Index) completedWord(u *understanding, w string, typing bool) []query.Query {
	n := utf8.RuneCountInString(w)
	if !typing || n < 3 && !hasHangul(w) {
		return nil
	}
	var completed []query.Query
	inSummary := n >= 3 || n >= 2 && hasHangul(w)
	for _, c := range ix.vocab.completions(w, maxCompletions) {
		completed = append(completed, ix.completionQuery(c, inSummary, boostPrefix))
		u.highlightWords = append(u.highlightWords, c)
	}
	return completed
}

// titleWordQuery matches w in the titles' words: as a whole word, or as the
// start of one.
func titleWordQuery(w string, whole bool, boost float64) query.Query {
	t := titleWord(w)
	if whole {
		t += wholeWord
	}
	return termQuery(fTitleWords, t, boost)
}

// termQuery matches one indexed term of a field.
func termQuery(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// matchQuery matches text as the field's analyzer reads it.
func matchQuery(field, text string, boost float64) query.Query {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// minWords is how many of n searched words an entry must hold to match by
// text: one of one or two words; for a paste of three words or more, two in
// five and at least two, since one shared word ("out" in "index out of range")
// is no evidence and a couple ("send failed") are common to many entries.
func minWords(n int, pasted bool) int {
	switch {
	case n < 3:
		return min(n, 1)
	case pasted:
		return max(2, (2*n+4)/5)
	}
	// Three words or more typed: half of them. An entry holding only one of
	// "template paused quality rating" is not an answer, and on a large
	// catalog such entries are most of the matches to score and count.
	return (n + 1) / 2
}

// commonShare is the share of entries above which a word is too common to
// tell entries apart.
const commonShare = 0.3

// tellingWords splits a query's words into those searched in the prose and
// the common ones most entries hold ("request", "failed", "오류"), which are
// left out of the prose when at least two words that tell entries apart
// remain. Such a word adds about the same to every entry's score, yet
// searching it means visiting nearly every entry: on large catalogs it is
// most of a query's time.
func (ix *Index) tellingWords(words []string) (telling, common []string) {
	var rare int
	for _, w := range words {
		switch {
		case ix.vocab.share(w) > commonShare:
			if !ix.isStopWord(w) {
				common = append(common, w)
			}
		case !ix.isStopWord(w):
			rare++
			fallthrough
		default:
			telling = append(telling, w)
		}
	}
	if rare < 2 || rare == len(words) {
		return words, nil
	}
	return telling, common
}

// isStopWord reports whether the English analyzer drops w ("the", "not"):
// such a word can never match, so it must not be required.
func (ix *Index) isStopWord(w string) bool {
	if hasHangul(w) {
		return false
	}
	if utf8.RuneCountInString(w) < 2 {
		return true
	}
	return ix.en != nil && len(ix.wordTerms(errdex.English, w)) == 0
}

// wordQuery matches one word in the three prose fields of its script and,
// when the word names a system ("kakao", "알림톡"), that system's entries.
// Summary and body are one alternative, so that an entry whose body does
// not repeat its title's word loses little: the disjunction scales its
// score by the share of alternatives matched.
func (ix *Index) wordQuery(w string, weight float64) query.Query {
	match := func(field string, boost float64) query.Query { return matchQuery(field, w, boost*weight) }
	term := func(t, field string, boost float64) query.Query { return termQuery(field, t, boost*weight) }
	var title, summary, body query.Query
	switch {
	case hasHangul(w) && ix.vocab.has(koStem(w)) && isAllHangul(w):
		// A known Korean word is searched by its stem alone: its bigrams
		// would also match every compound that shares two syllables.
		st := koStem(w)
		title, summary, body = term(st, fTitleKo, boostTitle), term(st, fSummaryKo, boostSummary), term(st, fBodyKo, boostBody)
	case hasHangul(w):
		// An unknown one (a compound, an unlisted ending) by stem and bigrams.
		title, summary, body = match(fTitleKo, boostTitle), match(fSummaryKo, boostSummary), match(fBodyKo, boostBody)
	default:
		// Analyzed once rather than once per field: the three share the
		// English analyzer, and a word is almost always one term.
		if terms := ix.wordTerms(errdex.English, w); len(terms) == 1 {
			t := terms[0]
			title, summary, body = term(t, fTitleEn, boostTitle), term(t, fSummaryEn, boostSummary), term(t, fBodyEn, boostBody)
		} else {
			title, summary, body = match(fTitleEn, boostTitle), match(fSummaryEn, boostSummary), match(fBodyEn, boostBody)
		}
	}
	qs := []query.Query{title, bleve.NewDisjunctionQuery(summary, body)}
	for _, sys := range ix.systemsOfWord(w) {
		qs = append(qs, termQuery(fSystem, sys, boostSystem*weight))
	}
	return anyOf(qs...)
}

// completionQuery matches w in the titles of its script, and the summaries
// too if inSummary. In a Korean title it matches inside compounds (승인 in
// 미승인), which the titles' words, matched by their start, do not.
func (ix *Index) completionQuery(w string, inSummary bool, weight float64) query.Query {
	title, summary := fTitleEn, fSummaryEn
	if hasHangul(w) {
		title, summary = fTitleKo, fSummaryKo
	}
	match := func(field string, boost float64) query.Query { return matchQuery(field, w, boost*weight) }
	if !inSummary {
		return match(title, boostTitle)
	}
	return anyOf(match(title, boostTitle), match(summary, boostSummary))
}

// evidenceFor lists what in the query pointed at e, strongest first.
func evidenceFor(e *errdex.Entry, u understanding) []Evidence {
	var ev []Evidence
	add := func(kind errdex.MatchKind, value string) {
		for _, have := range ev {
			if have.Kind == kind && have.Value == value {
				return
			}
		}
		ev = append(ev, Evidence{Kind: kind, Value: value})
	}
	for _, k := range u.Keys {
		if strings.EqualFold(e.Code, k) {
			add(MatchCode, e.Code)
		}
	}
	for _, k := range u.Keys {
		for _, a := range e.Aliases {
			if strings.EqualFold(a, k) {
				add(MatchAlias, a)
			}
		}
	}
	for _, pc := range e.ProviderCodes {
		p := strings.ToLower(pc.Provider)
		for _, c := range pc.Codes {
			lc := strings.ToLower(c)
			if slices.Contains(u.Qualified, p+":"+lc) || slices.Contains(u.PCodes, lc) {
				add(MatchProviderCode, p+":"+c)
			}
		}
	}
	for _, s := range u.sigs {
		if s.entry == e {
			add(MatchSignature, s.label)
		}
	}
	if slices.Contains(u.HTTPStatuses, e.HTTPStatus) {
		add(MatchHTTPStatus, strconv.Itoa(e.HTTPStatus))
	}
	return ev
}
