package synth_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/synth"
)

func builtin(t *testing.T) *errdex.Catalog {
	t.Helper()
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return cat
}

func generate(t *testing.T, n int, seed uint64) *synth.Set {
	t.Helper()
	s, err := synth.Generate(builtin(t), synth.Options{Entries: n, Seed: seed, QueriesPerKind: 30})
	if err != nil {
		t.Fatalf("Generate(%d, seed %d): %v", n, seed, err)
	}
	return s
}

// digest hashes everything generated, so that two runs compare in one line.
func digest(t *testing.T, s *synth.Set) [32]byte {
	t.Helper()
	b, err := json.Marshal(struct {
		Systems []*errdex.System
		Entries []*errdex.Entry
		Queries []synth.Query
	}{s.Catalog.Systems(), s.Catalog.Entries(), s.Queries})
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generate(t, 2000, 7), generate(t, 2000, 7)
	if digest(t, a) != digest(t, b) {
		t.Error("same seed gave different catalogs or queries")
	}
	if c := generate(t, 2000, 8); digest(t, a) == digest(t, c) {
		t.Error("different seeds gave the same catalog and queries")
	}
}

func TestGenerateSize(t *testing.T) {
	base := builtin(t)
	for _, n := range []int{base.Len(), base.Len() + 1, 1000, 5000} {
		s := generate(t, n, 1)
		if got := s.Catalog.Len(); got != n {
			t.Errorf("Entries %d: got %d entries", n, got)
		}
	}
	if _, err := synth.Generate(base, synth.Options{Entries: base.Len() - 1}); err == nil {
		t.Error("Entries below the base catalog's size: got no error")
	}
	if _, err := synth.Generate(base, synth.Options{Entries: base.Len() + synth.MaxSynthetic() + 1}); err == nil {
		t.Error("Entries above MaxSynthetic: got no error")
	}
}

// TestCatalogLooksReal checks that a synthetic catalog has what a real one
// has: every code style, aliases, provider codes, statuses, types, both
// retry kinds, and Korean with particles and endings attached.
func TestCatalogLooksReal(t *testing.T) {
	s := generate(t, 3000, 1)
	base := builtin(t)
	for _, e := range base.Entries() {
		if _, ok := s.Catalog.Entry(e.ID()); !ok {
			t.Errorf("real entry %s missing from the synthetic catalog", e.ID())
		}
	}
	styles := map[string]*regexp.Regexp{
		"UPPER_SNAKE": regexp.MustCompile(`^[A-Z]+(_[A-Z]+)+$`),
		"lower_snake": regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`),
		"numeric":     regexp.MustCompile(`^[0-9]{6}$`),
		"prefixed":    regexp.MustCompile(`^[A-Z]{3}[0-9]{4}$`),
	}
	seen := map[string]int{}
	var aliases, pcodes, retryable, notRetryable int
	statuses, types := map[int]bool{}, map[string]bool{}
	particles := regexp.MustCompile(`\p{Hangul}+(이|가|을|를|은|는)\s`)
	endings := regexp.MustCompile(`\p{Hangul}(되었습니다|됐습니다|합니다|했습니다|입니다)`)
	var withParticles, withEndings, synthetic int
	keys := map[string]string{}
	for _, e := range s.Catalog.Entries() {
		for _, k := range append(append([]string{e.Code}, e.Aliases...), providerCodes(e)...) {
			lk := strings.ToLower(k)
			if prev, ok := keys[lk]; ok && prev != e.ID() && !isBase(base, e) {
				t.Errorf("key %q names both %s and %s", k, prev, e.ID())
			}
			keys[lk] = e.ID()
		}
		if isBase(base, e) {
			continue
		}
		synthetic++
		for name, re := range styles {
			if re.MatchString(e.Code) {
				seen[name]++
			}
		}
		if len(e.Aliases) > 0 {
			aliases++
		}
		if len(e.ProviderCodes) > 0 {
			pcodes++
		}
		if e.Retry.Retryable {
			retryable++
		} else {
			notRetryable++
		}
		statuses[e.HTTPStatus] = true
		types[e.Type] = true
		ko := e.Summary.Ko + " " + e.Causes[0].Ko + " " + e.Causes[1].Ko
		if particles.MatchString(ko) {
			withParticles++
		}
		if endings.MatchString(ko) {
			withEndings++
		}
		if e.Title.En == "" || e.Title.Ko == "" || !strings.ContainsFunc(e.Title.Ko, isHangul) {
			t.Errorf("%s: title %+v", e.ID(), e.Title)
		}
	}
	for name := range styles {
		if seen[name] < synthetic/10 {
			t.Errorf("%d of %d codes are %s, want at least a tenth", seen[name], synthetic, name)
		}
	}
	for what, n := range map[string]int{"aliases": aliases, "provider codes": pcodes, "retryable": retryable, "not retryable": notRetryable} {
		if n < synthetic/10 {
			t.Errorf("%d of %d entries have %s, want at least a tenth", n, synthetic, what)
		}
	}
	if len(statuses) < 8 || len(types) < 6 {
		t.Errorf("got %d HTTP statuses and %d types, want at least 8 and 6", len(statuses), len(types))
	}
	if withParticles < synthetic*9/10 || withEndings < synthetic*9/10 {
		t.Errorf("of %d entries, %d have Korean particles and %d verb endings attached, want nine tenths",
			synthetic, withParticles, withEndings)
	}
}

func providerCodes(e *errdex.Entry) []string {
	var out []string
	for _, pc := range e.ProviderCodes {
		out = append(out, pc.Codes...)
	}
	return out
}

func isBase(base *errdex.Catalog, e *errdex.Entry) bool {
	_, ok := base.Entry(e.ID())
	return ok
}

func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

func TestQueries(t *testing.T) {
	s := generate(t, 3000, 1)
	for _, k := range synth.Kinds {
		qs := s.ByKind(k)
		if len(qs) != 30 {
			t.Errorf("kind %s: got %d queries, want 30", k, len(qs))
		}
		for _, q := range qs {
			e, ok := s.Catalog.Entry(q.Expect)
			if !ok {
				t.Errorf("%s %q: expected entry %s does not exist", k, q.Text, q.Expect)
				continue
			}
			if strings.TrimSpace(q.Text) == "" {
				t.Errorf("%s: empty query for %s", k, q.Expect)
			}
			switch k {
			case synth.KindExact:
				if len(s.Catalog.Lookup(q.Text, "")) != 1 {
					t.Errorf("exact %q: looks up %d entries, want 1", q.Text, len(s.Catalog.Lookup(q.Text, "")))
				}
			case synth.KindKorean:
				if !strings.ContainsFunc(q.Text, isHangul) || q.Lang != errdex.Korean {
					t.Errorf("korean %q (lang %s): want Hangul and lang ko", q.Text, q.Lang)
				}
			case synth.KindTypo:
				if strings.Contains(strings.ToLower(e.Title.En), q.Text) {
					t.Errorf("typo %q: no typo against title %q", q.Text, e.Title.En)
				}
			case synth.KindPrefix:
				last := q.Text[strings.LastIndexByte(q.Text, ' ')+1:]
				if !q.Prefix || strings.Contains(" "+strings.ToLower(e.Title.En+" "+e.Title.Ko)+" ", " "+last+" ") {
					t.Errorf("prefix %q: last word %q is complete in %q, or Prefix unset", q.Text, last, e.Title.En)
				}
			case synth.KindPayload:
				if !strings.ContainsAny(q.Text, "{:") {
					t.Errorf("payload %q does not look pasted", q.Text)
				}
			}
		}
	}
}

// TestQueriesAreAnswerable checks the labels against errdex's own search:
// most queries of every kind find their entry first. The threshold is
// loose on purpose; the benchmarks report the exact rates.
func TestQueriesAreAnswerable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index")
	}
	s := generate(t, 1000, 3)
	ix, err := search.New(context.Background(), s.Catalog, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, k := range synth.Kinds {
		first := 0
		qs := s.ByKind(k)
		for _, q := range qs {
			resp, err := ix.Search(context.Background(), search.Request{Query: q.Text, Lang: q.Lang, Prefix: q.Prefix})
			if err != nil {
				t.Fatalf("%s %q: %v", k, q.Text, err)
			}
			if len(resp.Results) > 0 && resp.Results[0].Entry.ID() == q.Expect {
				first++
			}
		}
		t.Logf("%-8s right first %d/%d", k, first, len(qs))
		if first*2 < len(qs) {
			t.Errorf("kind %s: right first %d of %d, want at least half", k, first, len(qs))
		}
	}
}
