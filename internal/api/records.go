package api

import (
	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
)

// ProviderRecordJSON is one code of an upstream provider in one language:
// its exact message, what it means and what to do, its retry advice and
// the entry it maps onto.
type ProviderRecordJSON struct {
	ID           string `json:"id"`
	Provider     string `json:"provider"`
	ProviderName string `json:"provider_name"`
	Channel      string `json:"channel,omitempty"`
	Code         string `json:"code"`
	// Aliases are other names a lookup finds the code by (the Kakao SDKs'
	// names for a REST code).
	Aliases []string `json:"aliases,omitempty"`
	// Message is the provider's exact text, in its own language.
	Message string `json:"message,omitempty"`
	// OtherMessages are other exact texts printed for the code.
	OtherMessages []string `json:"other_messages,omitempty"`
	Meaning       string   `json:"meaning"`
	Action        string   `json:"action"`
	// Retry is the record's own advice, or its entry's when it has none.
	Retry *RecordRetry `json:"retry,omitempty"`
	// Entry is the entry the code maps onto; absent when none does.
	Entry *Related `json:"entry,omitempty"`
	// CheckedAgainst is what upstream version the provider's table follows.
	CheckedAgainst string `json:"checked_against"`
	URL            string `json:"url"`
}

// RecordRetry is the retry advice of a provider record.
type RecordRetry struct {
	Retryable bool   `json:"retryable"`
	Strategy  string `json:"strategy"`
	Note      string `json:"note"`
	// Own is true when the record's advice differs from its entry's.
	Own bool `json:"own"`
}

// ContradictionJSON is where upstream sources disagree about an entry.
type ContradictionJSON struct {
	About  string      `json:"about"`
	Claims []ClaimJSON `json:"claims"`
}

// ClaimJSON is what one source says.
type ClaimJSON struct {
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
	Says   string `json:"says"`
}

// RecordURL is the address of a provider record's page.
func (b Builder) RecordURL(r *errdex.ProviderRecord) string {
	return paths.Absolute(b.BaseURL, paths.Record(r))
}

// ProviderRecords builds the JSON of provider records.
func (b Builder) ProviderRecords(cat *errdex.Catalog, rs []*errdex.ProviderRecord) []ProviderRecordJSON {
	out := make([]ProviderRecordJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, b.ProviderRecord(cat, r))
	}
	return out
}

// ProviderRecord builds the JSON of one provider record.
func (b Builder) ProviderRecord(cat *errdex.Catalog, r *errdex.ProviderRecord) ProviderRecordJSON {
	lang := b.lang()
	out := ProviderRecordJSON{
		ID: r.ID(), Provider: r.Provider, ProviderName: r.Provider, Channel: r.Channel, Code: r.Code,
		Aliases: r.Aliases, Message: r.Message, OtherMessages: r.OtherMessages, Meaning: r.Meaning.In(lang), Action: r.Action.In(lang), URL: b.RecordURL(r),
	}
	if p, ok := cat.Provider(r.Provider); ok {
		out.ProviderName, out.CheckedAgainst = p.Name, p.CheckedAgainst
	}
	e, _ := cat.Entry(r.EntryID())
	if e != nil {
		out.Entry = &Related{ID: e.ID(), Title: e.Title.In(lang), URL: b.EntryURL(e)}
	}
	switch {
	case r.Retry != nil:
		out.Retry = &RecordRetry{Retryable: r.Retry.Retryable, Strategy: string(r.Retry.Strategy), Note: r.Retry.Note.In(lang), Own: true}
	case e != nil:
		out.Retry = &RecordRetry{Retryable: e.Retry.Retryable, Strategy: string(e.Retry.Strategy), Note: e.Retry.Note.In(lang)}
	}
	return out
}

// entryExtras fills what issue 14 added to an entry: its level, the
// reply to send a customer, where sources disagree, and the provider
// records that map onto it.
func (b Builder) entryExtras(cat *errdex.Catalog, e *errdex.Entry, out *EntryJSON) {
	lang := b.lang()
	out.Level = e.Level
	if out.Level == "" {
		out.Level = errdex.LevelError
	}
	out.CustomerReply = e.CustomerReply.In(lang)
	out.Contradictions = make([]ContradictionJSON, 0, len(e.Contradictions))
	for _, c := range e.Contradictions {
		cj := ContradictionJSON{About: c.About.In(lang), Claims: make([]ClaimJSON, 0, len(c.Claims))}
		for _, cl := range c.Claims {
			cj.Claims = append(cj.Claims, ClaimJSON{Source: cl.Source, URL: cl.URL, Says: cl.Says.In(lang)})
		}
		out.Contradictions = append(out.Contradictions, cj)
	}
	out.ProviderRecords = []ProviderRecordJSON{}
	if cat != nil {
		out.ProviderRecords = b.ProviderRecords(cat, cat.RecordsFor(e))
	}
}

// lookupRecords returns the provider records a lookup of code names,
// narrowed to system when set.
func (b Builder) lookupRecords(cat *errdex.Catalog, code, system string) []ProviderRecordJSON {
	if cat == nil {
		return []ProviderRecordJSON{}
	}
	return b.ProviderRecords(cat, cat.LookupRecords(code, system))
}

func references(rs []errdex.Reference) []Reference {
	out := make([]Reference, 0, len(rs))
	for _, r := range rs {
		out = append(out, Reference{Title: r.Title, URL: r.URL})
	}
	return out
}
