package search

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/searcher"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/errdex/errdex"
)

func init() {
	// No query errdex builds comes near this, since user text is never
	// handed to Bleve's prefix, fuzzy, wildcard or regexp queries; the cap is
	// there so that nothing ever can.
	searcher.DisjunctionMaxClauseCount = 4096
}

// Options tunes how an index is built.
type Options struct {
	// Dir, when set, keeps the index on disk under Dir, named by the mapping
	// version and the catalog's content hash, and reuses it when a catalog
	// with the same hash is indexed again (large catalogs start fast).
	// Empty means in memory.
	Dir string
	// BatchSize is how many entries go into one Bleve batch (default
	// 10,000). Each batch leaves a segment, and an in-memory index never
	// merges them: every searched term is looked up in every segment, so
	// few large batches answer faster than many small ones (at 30k entries,
	// 500-entry batches left 59 segments).
	BatchSize int
	// OnBatch, when set, is told after each batch how many entries are
	// indexed so far: a long build can report its progress.
	OnBatch func(indexed int)
	// Analyses, when set, is the analysis cache the index uses, shared
	// with the other indexes given it; nil gives the index a cache of its
	// own.
	Analyses *AnalysisCache
}

// Index is a searchable catalog. It is safe for concurrent use; Close it
// only when no search is running on it.
type Index struct {
	cat   *errdex.Catalog
	bi    bleve.Index
	vocab *vocab
	// facets numbers the catalog's facet combinations (facets.go).
	facets *facetCodes
	sigs   []compiledSig
	// wordings are the provider records' words (records.go).
	wordings *wordings
	// sigIndex narrows the signatures a query is tried against.
	sigIndex sigIndex
	// en and ko are the prose analyzers, to tell stop words and highlight;
	// the caches hold the entry texts they analyzed for snippets, and may
	// be shared with other indexes (Options.Analyses).
	en, ko             analysis.Analyzer
	enTokens, koTokens *tokenCache
	// enWords and koWords hold the terms of single words (terms.go).
	enWords, koWords *wordCache
	// entrySets holds entries' term sets (terms.go).
	entrySets *lru.Cache[entryKey, map[string]bool]
	// statuses holds the HTTP statuses some entry has, and byStatus the
	// entries of each, in catalog order.
	statuses map[int]bool
	byStatus map[int][]*errdex.Entry
	// providers holds lower-cased provider ids ("iwinv", "aligo").
	providers map[string]bool
	// spelt holds the lower-cased multi-word codes ("authentication_failed"),
	// to recognise one typed as words, typos and all.
	spelt map[string]bool
	// systemWords maps a lower-cased word naming a system ("kakao",
	// "카카오톡", "kirim") to the systems it names.
	systemWords map[string][]string
	// systemNames maps what may name a system in a paste (a keyword whole,
	// a provider id) to the systems it names.
	systemNames map[string][]string

	// facetSet is each entry's facet combination (by number), which its
	// document's facets field holds (collect counts them).
	facetSet map[string]int

	closeOnce sync.Once
	closeErr  error
	closed    atomic.Bool
}

type compiledSig struct {
	entry *errdex.Entry
	text  string // lower-cased literal, or ""
	re    *regexp.Regexp
	// need is a lower-cased literal every match of re contains, or "": a
	// text without it is not run through re (a 64 KiB paste otherwise
	// spends most of its time in regexps that cannot match).
	need string
	// needAll are the lower-cased literals every match of re contains
	// (need among them): a text lacking one of them is not run through re.
	// An alternation's branches may each hold the same words
	// (`\bmsg\b.*\bcode…|\bcode….*\bmsg\b`) with no single literal
	// of the whole to file it under: on a 64 KiB paste such patterns were
	// most of identify's time.
	needAll []string
	// needAny are lower-cased literals one of which every match of re
	// contains (one per branch of an alternation: Kakao's
	// ApiFailureReason.Internal|ApiErrorCause.internalError), or none.
	needAny []string
	label   string
	// short: the fixed text of a message or literal is three words or
	// fewer ("Network error", "to is required"); such a message names its
	// entry only beside a name of its system.
	short bool
}

// reMessageVar is a varying part of an upstream message: {templateCode}.
var reMessageVar = regexp.MustCompile(`\{[^{}]*\}`)

// shortSignatureWords: a message of at most this many fixed words is short.
const shortSignatureWords = 3

// New indexes a catalog. It checks ctx while it prepares the documents,
// between batches and while Bleve indexes one (fill), and gives up with
// ctx's error once ctx is done, so that a shutdown does not wait for a long
// build (100k entries take about a minute); nothing of a build given up is
// kept.
func New(ctx context.Context, cat *errdex.Catalog, opts Options) (*Index, error) {
	if cat == nil {
		return nil, errors.New("search: nil catalog")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix := &Index{
		cat:       cat,
		vocab:     newVocab(),
		statuses:  map[int]bool{},
		byStatus:  map[int][]*errdex.Entry{},
		providers: map[string]bool{},
		facets:    newFacetCodes(cat),
		facetSet:  make(map[string]int, cat.Len()),
	}
	docs := make([]map[string]any, 0, cat.Len())
	for i, e := range cat.Entries() {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		docs = append(docs, ix.document(e))
		ix.facetSet[e.ID()] = ix.facets.number(e)
		if e.HTTPStatus != 0 {
			ix.statuses[e.HTTPStatus] = true
			ix.byStatus[e.HTTPStatus] = append(ix.byStatus[e.HTTPStatus], e)
		}
		for _, pc := range e.ProviderCodes {
			ix.providers[strings.ToLower(pc.Provider)] = true
		}
		for _, s := range e.Signatures {
			cs, err := compileSig(e, s)
			if err != nil {
				return nil, err
			}
			ix.sigs = append(ix.sigs, cs)
		}
	}
	ix.sigIndex = newSigIndex(ix.sigs)
	ix.systemWords = systemWords(cat)
	ix.systemNames = systemNames(cat, ix.systemWords)
	ix.spelt = map[string]bool{}
	for _, e := range cat.Entries() {
		for _, k := range append([]string{e.Code}, e.Aliases...) {
			if strings.Contains(k, "_") {
				ix.spelt[strings.ToLower(k)] = true
			}
		}
	}
	for w := range ix.systemWords {
		ix.vocab.addText(w)
	}
	ix.vocab.finish()

	bi, err := openOrBuild(ctx, cat, docs, opts)
	if err != nil {
		return nil, err
	}
	ix.bi = bi
	ix.en = bi.Mapping().AnalyzerNamed(analyzerEnglish)
	ix.ko = bi.Mapping().AnalyzerNamed(analyzerKorean)
	ac := opts.Analyses
	if ac == nil {
		ac = NewAnalysisCache()
	}
	ix.enTokens, ix.koTokens = ac.enTokens, ac.koTokens
	ix.enWords, ix.koWords = ac.enWords, ac.koWords
	ix.entrySets, err = lru.New[entryKey, map[string]bool](maxCachedEntries)
	if err != nil {
		bi.Close()
		return nil, err
	}
	ix.wordings = newWordings(ix)
	return ix, nil
}

// compileSig prepares one of e's signatures for matching: its pattern
// and the literals a text must hold to be tried, and whether it is short
// (names its entry only beside a name of its system).
func compileSig(e *errdex.Entry, s errdex.Signature) (compiledSig, error) {
	cs := compiledSig{entry: e, label: s.Text}
	if s.Regex != "" {
		re, err := regexp.Compile("(?i)" + s.Regex)
		if err != nil {
			return cs, fmt.Errorf("search: %s: signature: %w", e.ID(), err)
		}
		cs.re, cs.label = re, s.Regex
		if s.Message != "" { // an upstream message, compiled by the loader
			cs.label = s.Message
		}
		cs.need = strings.ToLower(requiredLiteral(s.Regex))
		cs.needAll = requiredLiterals(s.Regex)
		cs.needAny = oneOfLiterals(s.Regex)
	} else {
		cs.text = strings.ToLower(s.Text)
	}
	if lit := s.Message + s.Text; lit != "" {
		cs.short = len(strings.Fields(reMessageVar.ReplaceAllString(lit, " "))) <= shortSignatureWords
	} else if len(cs.need) < 4 {
		// A pattern with no literal every match holds (Node's
		// ENOTFOUND|ECONNRESET...) is as generic as a short message.
		cs.short = true
	}
	cs.short = cs.short || s.Generic
	return cs, nil
}

// checkEvery is how many documents New prepares between looks at its
// context: a few milliseconds' work.
const checkEvery = 1024

func openOrBuild(ctx context.Context, cat *errdex.Catalog, docs []map[string]any, opts Options) (bleve.Index, error) {
	im, err := buildIndexMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	if opts.Dir == "" {
		bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("search: new index: %w", err)
		}
		if busy, err := fill(ctx, bi, docs, opts); err != nil {
			discard(bi, busy, "")
			return nil, err
		}
		return bi, nil
	}

	path := filepath.Join(opts.Dir, fmt.Sprintf("v%d-%s.bleve", MappingVersion, cat.Version))
	defer pruneIndexDir(opts.Dir, path)
	if bi, err := bleve.Open(path); err == nil {
		if n, err := bi.DocCount(); err == nil && int(n) == len(docs) {
			return bi, nil
		}
		bi.Close()
	}
	// Build beside the final path and rename, so that a crash mid-build
	// never leaves a half-built index where the next start would reuse it.
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("search: index dir: %w", err)
	}
	tmp, err := os.MkdirTemp(opts.Dir, ".building-")
	if err != nil {
		return nil, fmt.Errorf("search: index dir: %w", err)
	}
	tmpPath := filepath.Join(tmp, "index")
	bi, err := bleve.NewUsing(tmpPath, im, scorch.Name, scorch.Name, nil)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	if busy, err := fill(ctx, bi, docs, opts); err != nil {
		discard(bi, busy, tmp)
		return nil, err
	}
	if err := bi.Close(); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("search: close built index: %w", err)
	}
	os.RemoveAll(path)
	if err := os.Rename(tmpPath, path); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("search: install index: %w", err)
	}
	os.RemoveAll(tmp)
	return bleve.Open(path)
}

// Index directories kept: the current one and the most recent others, so a
// catalog edited often does not fill the disk, while a request still on the
// index a reload replaced keeps its files.
const (
	keepIndexes   = 3
	staleBuildAge = 10 * time.Minute
)

// pruneIndexDir removes, under dir, builds left by a crash (.building-*
// older than staleBuildAge) and all but the keepIndexes most recent index
// directories, never current.
func pruneIndexDir(dir, current string) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type idx struct {
		path string
		mod  time.Time
	}
	var indexes []idx
	for _, de := range des {
		info, err := de.Info()
		if err != nil || !de.IsDir() {
			continue
		}
		path := filepath.Join(dir, de.Name())
		switch {
		case strings.HasPrefix(de.Name(), ".building-"):
			if time.Since(info.ModTime()) > staleBuildAge {
				os.RemoveAll(path)
			}
		case strings.HasSuffix(de.Name(), ".bleve") && path != current:
			indexes = append(indexes, idx{path, info.ModTime()})
		}
	}
	slices.SortFunc(indexes, func(a, b idx) int { return b.mod.Compare(a.mod) })
	for i, ix := range indexes {
		if i >= keepIndexes-1 {
			os.RemoveAll(ix.path)
		}
	}
}

// batcher is what fill needs of a Bleve index; a test stands in for it.
type batcher interface {
	NewBatch() *bleve.Batch
	Batch(*bleve.Batch) error
}

// fill indexes docs in batches of opts.BatchSize (default 10,000). It looks
// at ctx between documents, and also while Bleve indexes a batch, which
// nothing interrupts and which takes 3 to 16 s at 10,000 entries on a busy
// 2-core machine (docs/reliability.md): once ctx ends, fill returns its
// error at once and leaves the batch under way to finish in the
// background. busy is then not nil, and closed when that batch is done;
// bi must not be closed before (discard waits for it).
func fill(ctx context.Context, bi batcher, docs []map[string]any, opts Options) (busy <-chan struct{}, err error) {
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 10000
	}
	done := 0
	b := bi.NewBatch()
	flush := func() (<-chan struct{}, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		finished := make(chan struct{})
		var err error
		go func() {
			defer close(finished)
			err = bi.Batch(b)
		}()
		select {
		case <-finished:
		case <-ctx.Done():
			return finished, ctx.Err()
		}
		if err != nil {
			return nil, fmt.Errorf("search: batch: %w", err)
		}
		done += b.Size()
		b.Reset()
		if opts.OnBatch != nil {
			opts.OnBatch(done)
		}
		return nil, nil
	}
	for i, d := range docs {
		if i%checkEvery == checkEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := b.Index(d["_id"].(string), d); err != nil {
			return nil, fmt.Errorf("search: index %v: %w", d["_id"], err)
		}
		if b.Size() >= batchSize {
			if busy, err := flush(); err != nil {
				return busy, err
			}
		}
	}
	if b.Size() > 0 {
		return flush()
	}
	return nil, nil
}

// discard closes an index a build gave up on, and removes dir unless it is
// "", once busy (from fill) is closed: at once if busy is nil, else in the
// background, so that a shutdown does not wait for the batch.
func discard(bi bleve.Index, busy <-chan struct{}, dir string) {
	cleanup := func() {
		bi.Close()
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	if busy == nil {
		cleanup()
		return
	}
	go func() {
		<-busy
		cleanup()
	}()
}

// document turns an entry into the fields buildIndexMapping declares, and
// feeds its words to the vocabulary.
func (ix *Index) document(e *errdex.Entry) map[string]any {
	keys := append([]string{e.Code}, e.Aliases...)
	var pcodes, pkeys []string
	for _, pc := range e.ProviderCodes {
		p := strings.ToLower(pc.Provider)
		for _, c := range pc.Codes {
			pcodes = append(pcodes, c)
			pkeys = append(pkeys, p+":"+c)
			if pc.Channel != "" {
				pkeys = append(pkeys, p+"-"+strings.ToLower(pc.Channel)+":"+c)
			}
		}
	}
	var bodyEn, bodyKo []string
	for _, list := range [][]errdex.Text{e.Causes, e.Fixes, e.Notes, {e.Retry.Note}} {
		for _, t := range list {
			bodyEn = append(bodyEn, plainMarkdown(t.En))
			bodyKo = append(bodyKo, plainMarkdown(t.Ko))
		}
	}
	for _, s := range e.Signatures {
		if s.Text != "" {
			bodyEn = append(bodyEn, s.Text)
		}
	}
	// The code and aliases as words ("invalid phone number") weigh like the
	// title; the providers whose codes map here, and those codes as words
	// (ApiKeyError: "api key error"), go with the body, so "solapi api key"
	// finds the entry.
	titleEn := e.Title.En
	for _, k := range keys {
		titleEn += "\n" + codeWords(k)
	}
	for _, pc := range e.ProviderCodes {
		words := []string{pc.Provider, pc.Channel}
		for _, c := range pc.Codes {
			words = append(words, codeWords(c))
		}
		bodyEn = append(bodyEn, strings.Join(words, " "))
	}
	d := map[string]any{
		"_id":       e.ID(),
		"_type":     docType,
		fKeys:       keys,
		fCode:       e.Code,
		fCodeCase:   e.Code,
		fSort:       e.System + "\x00" + e.Code + "\x00" + e.Variant,
		fTitleEn:    titleEn,
		fSummaryEn:  plainMarkdown(e.Summary.En),
		fBodyEn:     strings.Join(bodyEn, "\n"),
		fTitleKo:    e.Title.Ko,
		fSummaryKo:  plainMarkdown(e.Summary.Ko),
		fBodyKo:     strings.Join(bodyKo, "\n"),
		fTitleWords: titleEn + "\n" + e.Title.Ko,
	}
	d[fFacets] = ix.facets.term(e)
	if len(pcodes) > 0 {
		d[fPCodes] = pcodes
		d[fPKeys] = pkeys
	}
	for _, f := range errdex.Filters {
		if v := f.Of(e); v != "" {
			d[f.IndexField] = v
		}
	}
	for _, f := range []string{fTitleEn, fSummaryEn, fBodyEn, fTitleKo, fSummaryKo, fBodyKo} {
		ix.vocab.addText(d[f].(string))
	}
	ix.vocab.endDoc()
	return d
}

// systemWords indexes the words of each system's id and keywords (not its
// names, whose words, like "public" or "message", say little on their own).
func systemWords(cat *errdex.Catalog) map[string][]string {
	out := map[string][]string{}
	for _, s := range cat.Systems() {
		seen := map[string]bool{}
		for _, t := range append([]string{s.ID}, s.Keywords...) {
			for _, w := range splitWords(t) {
				if utf8.RuneCountInString(w) < 2 || genericSystemWords[w] {
					continue
				}
				if !seen[w] {
					seen[w] = true
					out[w] = append(out[w], s.ID)
				}
			}
		}
	}
	return out
}

// systemNames indexes what may name a system in a paste: the words of its
// id and keywords, each keyword whole ("kmsgerror", "k-msg", "kmsg"), and
// the providers whose codes map onto its entries ("iwinv", "meta").
func systemNames(cat *errdex.Catalog, words map[string][]string) map[string][]string {
	out := map[string][]string{}
	add := func(name, system string) {
		if utf8.RuneCountInString(name) >= 2 && !genericSystemWords[name] && !slices.Contains(out[name], system) {
			out[name] = append(out[name], system)
		}
	}
	for w, systems := range words {
		for _, s := range systems {
			add(w, s)
		}
	}
	for _, s := range cat.Systems() {
		for _, k := range append([]string{s.ID}, s.Keywords...) {
			k = strings.ToLower(k)
			add(k, s.ID)
			add(strings.NewReplacer("-", "", " ", "").Replace(k), s.ID)
		}
	}
	for _, e := range cat.Entries() {
		for _, pc := range e.ProviderCodes {
			add(strings.ToLower(pc.Provider), e.System)
		}
	}
	return out
}

// genericSystemWords are keyword pieces too common to point at a system.
var genericSystemWords = map[string]bool{"api": true, "gateway": true, "message": true, "msg": true, "talk": true}

// codeWords splits a code into words: "invalid_phone_number" -> "invalid
// phone number", "ApiKeyError" -> "api key error", so that text about a
// code finds it.
func codeWords(code string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range code {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			b.WriteByte(' ')
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var (
	mdLinkRE = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	// Only backticks and asterisks: underscores are part of codes
	// (android_key_hash) far more often than they are emphasis.
	mdMarkRE  = regexp.MustCompile("[`*]{1,3}([^`*]+)[`*]{1,3}")
	mdSpaceRE = regexp.MustCompile(`[ \t]+`)
)

// plainMarkdown strips the Markdown markup that would otherwise show in
// snippets: link targets, backticks, emphasis.
func plainMarkdown(s string) string {
	if !strings.ContainsAny(s, "[`*") && !strings.Contains(s, "  ") {
		return s
	}
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = mdMarkRE.ReplaceAllString(s, "$1")
	return mdSpaceRE.ReplaceAllString(s, " ")
}

// Catalog returns the catalog the index was built from.
func (ix *Index) Catalog() *errdex.Catalog { return ix.cat }

// Close releases the index. Searches must not run on it any more.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		ix.closed.Store(true)
		ix.closeErr = ix.bi.Close()
	})
	return ix.closeErr
}

// Segments returns how many segments the Bleve index has: each costs a
// dictionary lookup per searched term, so it is worth watching.
func (ix *Index) Segments() int {
	idx, _ := ix.bi.StatsMap()["index"].(map[string]any)
	n, ok := idx["num_root_memorysegments"].(uint64)
	if !ok {
		return -1
	}
	return int(n)
}

// requiredLiteral returns the longest literal that every match of the
// regular expression must contain, or "" when there is none to rely on.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	return mustContain(re.Simplify())
}

// requiredLiterals returns, lower-cased, the literals of two bytes or more
// that every match of the regular expression contains.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	for lit := range mustContainAll(re.Simplify()) {
		if len(lit) >= 2 {
			out = append(out, lit)
		}
	}
	slices.Sort(out)
	return out
}

// mustContainAll is the set of lower-cased literals every match of re
// contains: all of a concatenation's parts, what every branch of an
// alternation holds.
func mustContainAll(re *syntax.Regexp) map[string]bool {
	switch re.Op {
	case syntax.OpLiteral:
		return map[string]bool{strings.ToLower(string(re.Rune)): true}
	case syntax.OpCapture, syntax.OpPlus:
		return mustContainAll(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return mustContainAll(re.Sub[0])
		}
	case syntax.OpConcat:
		out := map[string]bool{}
		for _, sub := range re.Sub {
			maps.Copy(out, mustContainAll(sub))
		}
		return out
	case syntax.OpAlternate:
		out := mustContainAll(re.Sub[0])
		for _, sub := range re.Sub[1:] {
			branch := mustContainAll(sub)
			maps.DeleteFunc(out, func(lit string, _ bool) bool { return !branch[lit] })
		}
		return out
	}
	return nil
}

// oneOfLiterals returns, lower-cased, literals of three bytes or more one
// of which every match of the regular expression contains, or nil.
func oneOfLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	lits := mustContainOne(re.Simplify())
	if len(lits) == 0 || shortest(lits) < 3 {
		return nil
	}
	out := slices.Collect(maps.Keys(lits))
	slices.Sort(out)
	return out
}

// mustContainOne is a set of lower-cased literals one of which every match
// of re contains, or nil: a literal itself; the best set of a
// concatenation's parts (its shortest literal the longest); the union of an
// alternation's branches' sets, when each has one.
func mustContainOne(re *syntax.Regexp) map[string]bool {
	switch re.Op {
	case syntax.OpLiteral:
		return map[string]bool{strings.ToLower(string(re.Rune)): true}
	case syntax.OpCapture, syntax.OpPlus:
		return mustContainOne(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return mustContainOne(re.Sub[0])
		}
	case syntax.OpConcat:
		var best map[string]bool
		for _, sub := range re.Sub {
			if set := mustContainOne(sub); len(set) > 0 && (best == nil || shortest(set) > shortest(best)) {
				best = set
			}
		}
		return best
	case syntax.OpAlternate:
		out := map[string]bool{}
		for _, sub := range re.Sub {
			set := mustContainOne(sub)
			if len(set) == 0 {
				return nil
			}
			maps.Copy(out, set)
		}
		return out
	}
	return nil
}

// shortest is the length of the shortest literal of set.
func shortest(set map[string]bool) int {
	n := -1
	for lit := range set {
		if n < 0 || len(lit) < n {
			n = len(lit)
		}
	}
	return n
}

func mustContain(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCapture:
		return mustContain(re.Sub[0])
	case syntax.OpPlus:
		return mustContain(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return mustContain(re.Sub[0])
		}
	case syntax.OpConcat:
		best := ""
		for _, sub := range re.Sub {
			if lit := mustContain(sub); len(lit) > len(best) {
				best = lit
			}
		}
		return best
	}
	return ""
}
