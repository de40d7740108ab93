package main

import (
	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
)

// bundleProvider is a provider of the JSON export, with its records.
type bundleProvider struct {
	*errdex.Provider
	Records []bundleRecord `json:"records"`
}

// bundleRecord is one provider record in both languages with its id, its
// page and the id of the entry it maps onto ("" when none does).
type bundleRecord struct {
	ID      string `json:"id"`
	URL     string `json:"url"`
	EntryID string `json:"entry_id,omitempty"`
	*errdex.ProviderRecord
}

func bundleProviders(cat *errdex.Catalog, baseURL string) []bundleProvider {
	out := make([]bundleProvider, 0, len(cat.Providers()))
	for _, p := range cat.Providers() {
		bp := bundleProvider{Provider: p, Records: make([]bundleRecord, 0, len(p.Codes))}
		for _, r := range p.Codes {
			bp.Records = append(bp.Records, bundleRecord{
				ID: r.ID(), URL: paths.Absolute(baseURL, paths.Record(r)), EntryID: r.EntryID(), ProviderRecord: r,
			})
		}
		out = append(out, bp)
	}
	return out
}
