package errdex

import (
	"cmp"
	"slices"
	"strings"
)

func (c *Catalog) indexProviders(providers []*Provider) {
	c.providers = slices.Clone(providers)
	slices.SortStableFunc(c.providers, func(a, b *Provider) int { return cmp.Compare(a.ID, b.ID) })
	c.recByID = map[string]*ProviderRecord{}
	c.recByEntry = map[string][]*ProviderRecord{}
	c.recByCode = map[string][]*ProviderRecord{}
	for _, p := range c.providers {
		c.records = append(c.records, p.Codes...)
	}
	slices.SortStableFunc(c.records, compareRecords)
	for _, r := range c.records {
		c.recByID[strings.ToLower(r.ID())] = r
		if id := r.EntryID(); id != "" {
			c.recByEntry[id] = append(c.recByEntry[id], r)
		}
		for _, k := range append([]string{r.Code}, r.Aliases...) {
			k = strings.ToLower(k)
			if !slices.Contains(c.recByCode[k], r) {
				c.recByCode[k] = append(c.recByCode[k], r)
			}
		}
	}
}

func compareRecords(a, b *ProviderRecord) int {
	return cmp.Or(
		cmp.Compare(a.Provider, b.Provider),
		cmp.Compare(a.Channel, b.Channel),
		compareCodes(a.Code, b.Code),
	)
}

// compareCodes orders numeric codes by value (-101, -9, 2, 10), before
// the others, which go in text order.
func compareCodes(a, b string) int {
	na, oka := codeNumber(a)
	nb, okb := codeNumber(b)
	switch {
	case oka && okb:
		return cmp.Compare(na, nb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return cmp.Compare(a, b)
}

func codeNumber(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	d := strings.TrimPrefix(s, "-")
	if d == "" || len(d) > 15 {
		return 0, false
	}
	var n int64
	for _, r := range d {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int64(r-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// Providers returns every provider, ordered by id. The slice is shared.
func (c *Catalog) Providers() []*Provider { return c.providers }

// Provider returns the provider with the given id.
func (c *Catalog) Provider(id string) (*Provider, bool) {
	for _, p := range c.providers {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// Records returns every provider record, ordered by provider, channel and
// code. The slice is shared.
func (c *Catalog) Records() []*ProviderRecord { return c.records }

// Record returns the record with the given id ("iwinv/sms/42",
// "aligo/-101"), ignoring case.
func (c *Catalog) Record(id string) (*ProviderRecord, bool) {
	r, ok := c.recByID[strings.ToLower(id)]
	return r, ok
}

// RecordsFor returns the provider records that map onto an entry, ordered
// by provider, channel and code. The slice is shared.
func (c *Catalog) RecordsFor(e *Entry) []*ProviderRecord { return c.recByEntry[e.ID()] }

// maxRecordQuery bounds the text ProviderRecords reads: a provider code
// query is a few words.
const maxRecordQuery = 200

// ProviderRecords answers a lookup of a provider code: "iwinv sms 42",
// "iwinv:42", "aligo -101", "ApiKeyError", "meta 131026". A word naming a
// provider (its id or name) keeps its records only; a word naming one of
// its channels keeps that channel (a channel only other providers have,
// as "sms" for Aligo, whose send codes have none, narrows nothing); the
// one other word is the code or one of its aliases, matched ignoring
// case. A code alone finds it for every provider. It returns nil when the
// query names no code or more than one other word.
func (c *Catalog) ProviderRecords(query string) []*ProviderRecord {
	if len(c.records) == 0 || len(query) > maxRecordQuery {
		return nil
	}
	words := strings.FieldsFunc(query, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ':' || r == '/' || r == ',' || r == '='
	})
	if len(words) == 0 || len(words) > 4 {
		return nil
	}
	provider, channel, code, ok := c.recordQuery(words)
	if !ok {
		return nil
	}
	var out []*ProviderRecord
	for _, r := range c.recByCode[strings.ToLower(code)] {
		if provider != "" && r.Provider != provider {
			continue
		}
		if channel != "" && !strings.EqualFold(r.Channel, channel) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// LookupRecords is ProviderRecords narrowed to system when it is not "":
// the provider records a lookup of key names, as every surface shows them.
func (c *Catalog) LookupRecords(key, system string) []*ProviderRecord {
	rs := c.ProviderRecords(key)
	if system == "" {
		return rs
	}
	var kept []*ProviderRecord
	for _, r := range rs {
		if r.System == system {
			kept = append(kept, r)
		}
	}
	return kept
}

// recordQuery reads a provider code's words: at most one provider, one
// channel and one code, the code required. A channel the provider has
// none of narrows nothing ("aligo sms -101": aligo's codes have no
// channel).
func (c *Catalog) recordQuery(words []string) (provider, channel, code string, ok bool) {
	for _, w := range words {
		w = strings.Trim(w, "\"'`()[]{}<>.;")
		if w == "" {
			continue
		}
		if provider == "" {
			if p := c.providerNamed(w); p != "" {
				provider = p
				continue
			}
		}
		switch {
		case channel == "" && c.channelNamed("", w):
			channel = strings.ToLower(w)
		case code == "":
			code = w
		default:
			return "", "", "", false
		}
	}
	if code == "" {
		return "", "", "", false // a provider or channel alone is not a code
	}
	if channel != "" && provider != "" && !c.channelNamed(provider, channel) {
		channel = ""
	}
	return provider, channel, code, true
}

// providerNamed returns the id of the provider w names (its id or name,
// ignoring case), or "".
func (c *Catalog) providerNamed(w string) string {
	for _, p := range c.providers {
		if strings.EqualFold(p.ID, w) || strings.EqualFold(p.Name, w) {
			return p.ID
		}
	}
	return ""
}

// channelNamed reports whether w is a channel some record (of provider,
// when given) has.
func (c *Catalog) channelNamed(provider, w string) bool {
	for _, r := range c.records {
		if r.Channel != "" && strings.EqualFold(r.Channel, w) && (provider == "" || r.Provider == provider) {
			return true
		}
	}
	return false
}
