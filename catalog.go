package errdex

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Catalog is a loaded, validated set of systems and entries. It is
// immutable once loaded, so it may be shared between goroutines freely.
type Catalog struct {
	systems []*System
	entries []*Entry // ordered by system, code, variant
	byID    map[string]*Entry
	byKey   map[string][]Match // lower-cased code, alias or provider code
	sysByID map[string]*System

	providers  []*Provider       // ordered by id
	records    []*ProviderRecord // ordered by provider, channel, code
	recByID    map[string]*ProviderRecord
	recByEntry map[string][]*ProviderRecord
	// recByCode maps a lower-cased provider code to its records.
	recByCode map[string][]*ProviderRecord

	// Warnings are problems that did not stop the catalog from loading.
	Warnings []Problem

	// Version is a content hash of the catalog's files: two catalogs with the
	// same Version hold the same text.
	Version string
	// LoadedAt is when the catalog was loaded.
	LoadedAt time.Time
	// Source describes where the catalog came from ("built-in" or a directory).
	Source string
}

// Match is an entry found by Lookup, with the field its key matched.
type Match struct {
	Entry *Entry
	// Field is MatchCode, MatchAlias or MatchProviderCode.
	Field MatchKind
	// Value is the entry's own spelling of what matched; for a provider code
	// it is prefixed by the provider ("iwinv:519").
	Value string
}

func fieldRank(f MatchKind) int {
	switch f {
	case MatchCode:
		return 0
	case MatchAlias:
		return 1
	}
	return 2
}

func newCatalog(systems []*System, entries []*Entry, providers []*Provider) *Catalog {
	c := &Catalog{
		systems: systems,
		entries: entries,
		byID:    make(map[string]*Entry, len(entries)),
		byKey:   make(map[string][]Match, len(entries)*3),
		sysByID: make(map[string]*System, len(systems)),
	}
	c.indexProviders(providers)
	slices.SortStableFunc(c.systems, func(a, b *System) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortStableFunc(c.entries, compareEntries)
	for _, s := range c.systems {
		c.sysByID[s.ID] = s
	}
	for _, e := range c.entries {
		c.byID[e.ID()] = e
		c.addKey(e.Code, Match{Entry: e, Field: MatchCode, Value: e.Code})
		for _, a := range e.Aliases {
			c.addKey(a, Match{Entry: e, Field: MatchAlias, Value: a})
		}
		for _, pc := range e.ProviderCodes {
			for _, code := range pc.Codes {
				c.addKey(code, Match{Entry: e, Field: MatchProviderCode, Value: pc.Provider + ":" + code})
			}
		}
	}
	for k, ms := range c.byKey {
		slices.SortStableFunc(ms, func(a, b Match) int {
			if d := cmp.Compare(fieldRank(a.Field), fieldRank(b.Field)); d != 0 {
				return d
			}
			return compareEntries(a.Entry, b.Entry)
		})
		c.byKey[k] = ms
	}
	return c
}

func (c *Catalog) addKey(key string, m Match) {
	k := strings.ToLower(strings.TrimSpace(key))
	if k == "" {
		return
	}
	for _, have := range c.byKey[k] {
		if have.Entry == m.Entry { // one match per entry, the most trusted field
			return
		}
	}
	c.byKey[k] = append(c.byKey[k], m)
}

func compareEntries(a, b *Entry) int {
	return cmp.Or(
		cmp.Compare(a.System, b.System),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Variant, b.Variant),
	)
}

// Entries returns every entry, ordered by system, code and variant.
// The slice is shared: do not modify it.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Len returns the number of entries.
func (c *Catalog) Len() int { return len(c.entries) }

// Entry returns the entry with the given id.
func (c *Catalog) Entry(id string) (*Entry, bool) {
	e, ok := c.byID[id]
	return e, ok
}

// Systems returns every system, ordered by id. The slice is shared.
func (c *Catalog) Systems() []*System { return c.systems }

// System returns the system with the given id.
func (c *Catalog) System(id string) (*System, bool) {
	s, ok := c.sysByID[id]
	return s, ok
}

// Count returns the number of entries of a system.
func (c *Catalog) Count(system string) int {
	n := 0
	for _, e := range c.entries {
		if e.System == system {
			n++
		}
	}
	return n
}

// Lookup returns every entry whose code, alias or provider code equals key,
// case-insensitively, across systems: code matches first, then aliases,
// then provider codes. A non-empty system keeps only that system's entries.
func (c *Catalog) Lookup(key, system string) []Match {
	ms := c.byKey[strings.ToLower(strings.TrimSpace(key))]
	if system == "" {
		return slices.Clone(ms)
	}
	var out []Match
	for _, m := range ms {
		if m.Entry.System == system {
			out = append(out, m)
		}
	}
	return out
}

// Related returns the entries an entry names as related, skipping any that
// are missing (validation rejects those, so none should be).
func (c *Catalog) Related(e *Entry) []*Entry {
	out := make([]*Entry, 0, len(e.Related))
	for _, id := range e.Related {
		if r, ok := c.byID[id]; ok {
			out = append(out, r)
		}
	}
	return out
}

// Variants returns the entries of a system that share a code, in variant
// order; for a code without variants it is the single entry.
func (c *Catalog) Variants(system, code string) []*Entry {
	var out []*Entry
	for _, e := range c.entries {
		if e.System == system && e.Code == code {
			out = append(out, e)
		}
	}
	return out
}
