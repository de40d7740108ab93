// Package synth generates synthetic errdex catalogs of any size, for
// benchmarks: the real catalog scaled up with made-up systems whose entries
// read like real ones, in English and in Korean with particles and endings
// attached, with the codes, aliases, provider codes, HTTP statuses, types
// and retry advice real entries have. Beside the catalog it writes a
// labelled query set: for each kind of query people make (a code, a few
// English or Korean words, a typo, a prefix as typed, a pasted payload, a
// sentence of common words), queries whose right answer is known.
//
// The output depends only on the options: the same seed gives the same
// catalog and queries, byte for byte.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
)

// Options say what to generate.
type Options struct {
	// Entries is the size of the catalog, the base catalog's entries
	// included; at least the base catalog's size.
	Entries int
	// Seed fixes the output.
	Seed uint64
	// QueriesPerKind is how many labelled queries of each kind to write
	// (default 50).
	QueriesPerKind int
}

// Set is a generated catalog with its labelled queries.
type Set struct {
	Catalog *errdex.Catalog
	Queries []Query
	// facts of each synthetic entry, by id.
	facts map[string]facts
	order []string // ids of synthetic entries, in generation order
}

// Generate scales base (the real catalog) up to opts.Entries entries.
func Generate(base *errdex.Catalog, opts Options) (*Set, error) {
	if base == nil {
		return nil, fmt.Errorf("synth: nil base catalog")
	}
	if opts.Entries < base.Len() {
		return nil, fmt.Errorf("synth: %d entries asked, fewer than the base catalog's %d", opts.Entries, base.Len())
	}
	if max := MaxSynthetic(); opts.Entries-base.Len() > max {
		return nil, fmt.Errorf("synth: at most %d synthetic entries", max)
	}
	if opts.QueriesPerKind == 0 {
		opts.QueriesPerKind = 50
	}
	g := &generator{
		r:     rand.New(rand.NewPCG(opts.Seed, 0x65727264)),
		base:  base,
		keys:  map[string]bool{},
		trips: map[[3]int]bool{},
		set:   &Set{facts: map[string]facts{}},
	}
	systems := append([]*errdex.System(nil), base.Systems()...)
	for i := range synthSystems {
		systems = append(systems, g.system(&synthSystems[i]))
	}
	entries := make([]*errdex.Entry, 0, opts.Entries)
	for _, e := range base.Entries() {
		c := *e
		entries = append(entries, &c)
	}
	for n := opts.Entries - base.Len(); n > 0; n-- {
		entries = append(entries, g.entry())
	}
	cat, err := errdex.New(systems, entries, fmt.Sprintf("synth-%d-%d", opts.Entries, opts.Seed))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	g.set.Catalog = cat
	g.set.Queries = g.queries(opts.QueriesPerKind)
	return g.set, nil
}

// MaxSynthetic is how many synthetic entries Generate can make: nine tenths
// of the (qualifier, object, condition) triples, each used once.
func MaxSynthetic() int { return len(qualifiers) * len(objects) * len(conditions) * 9 / 10 }

type generator struct {
	r    *rand.Rand
	base *errdex.Catalog
	// keys holds every lower-cased code, alias and provider code handed
	// out, so that each names one entry.
	keys  map[string]bool
	trips map[[3]int]bool
	set   *Set
	seq   int
}

func (g *generator) system(s *synthSystem) *errdex.System {
	kw := append([]string{s.id}, s.keywords...)
	return &errdex.System{
		ID:   s.id,
		Name: errdex.Text{En: s.en, Ko: s.ko},
		Description: errdex.Text{
			En: fmt.Sprintf("%s is a synthetic system that stands in for a real API in benchmarks.", s.en),
			Ko: fmt.Sprintf("%s는 벤치마크에서 실제 API를 대신하는 합성 시스템입니다.", s.ko),
		},
		Keywords: kw,
	}
}

// free reports whether key is unused by the base catalog and by every
// generated entry, and takes it if so.
func (g *generator) free(key string) bool {
	k := strings.ToLower(key)
	if g.keys[k] || len(g.base.Lookup(k, "")) > 0 {
		return false
	}
	g.keys[k] = true
	return true
}

// snake spells words as a code in the system's case.
func snake(upper bool, words ...string) string {
	s := strings.Join(words, "_")
	if upper {
		return strings.ToUpper(s)
	}
	return s
}

// number hands out an unused number of the given digits.
func (g *generator) number(prefix string, digits int) string {
	lo := 1
	for range digits - 1 {
		lo *= 10
	}
	for {
		c := prefix + strconv.Itoa(lo+g.r.IntN(9*lo))
		if g.free(c) {
			return c
		}
	}
}

// named hands out an unused code made of words: obj_cond, else
// qual_obj_cond (unique, since triples are).
func (g *generator) named(upper bool, f facts) string {
	if c := snake(upper, f.obj.en, f.cond.en); g.free(c) {
		return c
	}
	if c := snake(upper, f.qual.en, f.obj.en, f.cond.en); g.free(c) {
		return c
	}
	return g.number(snake(upper, f.obj.en, f.cond.en)+"_", 3)
}

func (g *generator) entry() *errdex.Entry {
	var f facts
	for {
		t := [3]int{g.r.IntN(len(qualifiers)), g.r.IntN(len(objects)), g.r.IntN(len(conditions))}
		if !g.trips[t] {
			g.trips[t] = true
			f = facts{sys: &synthSystems[g.r.IntN(len(synthSystems))], qual: qualifiers[t[0]], obj: objects[t[1]], cond: conditions[t[2]]}
			break
		}
	}
	g.seq++
	e := &errdex.Entry{System: f.sys.id, HTTPStatus: f.cond.status, Type: f.cond.typ}
	switch f.sys.style {
	case styleUpper, styleLower:
		upper := f.sys.style == styleUpper
		e.Code = g.named(upper, f)
		if g.r.IntN(10) < 3 { // a legacy numeric name
			e.Aliases = append(e.Aliases, g.number("E", 5))
		}
	case styleNumeric:
		e.Code = g.number("", 6)
		if g.r.IntN(10) < 4 { // the SDK's symbolic name
			e.Aliases = append(e.Aliases, g.named(true, f))
		}
	case stylePrefixed:
		e.Code = g.number(f.sys.prefix, 4)
		if g.r.IntN(10) < 3 {
			e.Aliases = append(e.Aliases, g.named(false, f))
		}
	}
	if len(f.sys.providers) > 0 && g.r.IntN(10) < 2 {
		p := pick(g.r, f.sys.providers)
		pc := errdex.ProviderCode{Provider: p}
		for range 1 + g.r.IntN(2) {
			if g.r.IntN(2) == 0 {
				pc.Codes = append(pc.Codes, g.number("", 5))
			} else {
				pc.Codes = append(pc.Codes, g.number(strings.ToUpper(p[:1])+"-", 4))
			}
		}
		e.ProviderCodes = []errdex.ProviderCode{pc}
	}

	p := makeProse(f, g.r)
	e.Title = errdex.Text{En: p.titleEn, Ko: p.titleKo}
	e.Summary = errdex.Text{En: p.summaryEn, Ko: p.summaryKo}
	for _, c := range p.causes {
		e.Causes = append(e.Causes, errdex.Text{En: c[0], Ko: c[1]})
	}
	for _, c := range p.fixes {
		e.Fixes = append(e.Fixes, errdex.Text{En: c[0], Ko: c[1]})
	}
	e.Retry = errdex.Retry{
		Retryable: f.cond.retry == errdex.RetryBackoff || f.cond.retry == errdex.RetryAfter,
		Strategy:  f.cond.retry,
		Note:      errdex.Text{En: p.retryEn, Ko: p.retryKo},
	}
	if g.r.IntN(10) == 0 { // some APIs' messages are distinctive enough to identify
		e.Signatures = []errdex.Signature{{Text: f.sys.en + ": " + strings.TrimSuffix(p.messageEn, ".")}}
	}
	e.Examples = []errdex.Example{{Label: "API response", Text: payloadFor(e, f, p.messageEn, g.seq)}}
	e.References = []errdex.Reference{{Title: f.sys.en + " error reference", URL: "https://docs." + f.sys.id + ".example/errors#" + strings.ToLower(e.Code)}}

	id := e.ID()
	g.set.facts[id] = f
	g.set.order = append(g.set.order, id)
	return e
}

// payloadFor is what the entry's API sends back, in the shape its system uses.
func payloadFor(e *errdex.Entry, f facts, msg string, seq int) string {
	switch f.sys.style {
	case styleNumeric:
		return fmt.Sprintf(`{"error_code":%s,"msg":%q}`, e.Code, msg)
	case stylePrefixed:
		return fmt.Sprintf("2026-11-02T10:14:%02dZ ERROR %s call failed [%s] %s", seq%60, f.sys.id, e.Code, msg)
	}
	return fmt.Sprintf(`{"error":{"type":%q,"code":%q,"message":%q,"request_id":"req_%06d"}}`, e.Type, e.Code, msg, seq)
}
