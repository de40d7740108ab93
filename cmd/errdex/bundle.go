package main

import (
	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/textfmt"
)

// The JSON bundle's own types. They copy the domain's values field by
// field, so that renaming or adding a domain field (or its JSON tag)
// cannot change the published format silently: TestBundleCoversTheDomain
// fails until the new field is exported here or named as left out.

type bundleSystem struct {
	ID             string            `json:"id"`
	Name           bundleText        `json:"name"`
	Description    bundleText        `json:"description"`
	Homepage       string            `json:"homepage,omitempty"`
	Keywords       []string          `json:"keywords,omitempty"`
	CheckedAgainst string            `json:"checked_against,omitempty"`
	Links          []bundleReference `json:"links,omitempty"`
	Entries        int               `json:"entries"`
}

// bundleEntry is a whole entry in both languages, with its id and page.
type bundleEntry struct {
	ID             string                `json:"id"`
	URL            string                `json:"url"`
	System         string                `json:"system"`
	Code           string                `json:"code"`
	Variant        string                `json:"variant,omitempty"`
	Aliases        []string              `json:"aliases"`
	HTTPStatus     int                   `json:"http_status,omitempty"`
	Type           string                `json:"type,omitempty"`
	Level          string                `json:"level"`
	Title          bundleText            `json:"title"`
	Summary        bundleText            `json:"summary"`
	Causes         []bundleText          `json:"causes"`
	Fixes          []bundleText          `json:"fixes"`
	Notes          []bundleText          `json:"notes,omitempty"`
	CustomerReply  bundleText            `json:"customer_reply,omitzero"`
	Contradictions []bundleContradiction `json:"contradictions,omitempty"`
	Retry          bundleRetry           `json:"retry"`
	Signatures     []bundleSignature     `json:"signatures,omitempty"`
	Examples       []bundleExample       `json:"examples,omitempty"`
	Related        []string              `json:"related"`
	References     []bundleReference     `json:"references"`
	ProviderCodes  []bundleProviderCode  `json:"provider_codes,omitempty"`
}

type bundleText struct {
	En string `json:"en"`
	Ko string `json:"ko"`
}

type bundleRetry struct {
	Retryable bool       `json:"retryable"`
	Strategy  string     `json:"strategy"`
	Note      bundleText `json:"note"`
}

type bundleSignature struct {
	Text    string `json:"text,omitempty"`
	Regex   string `json:"regex,omitempty"`
	Message string `json:"message,omitempty"`
	Lang    string `json:"lang,omitempty"`
	Generic bool   `json:"generic,omitempty"`
	Record  string `json:"record,omitempty"`
}

type bundleExample struct {
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`
}

type bundleReference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type bundleContradiction struct {
	About  bundleText    `json:"about"`
	Claims []bundleClaim `json:"claims"`
}

type bundleClaim struct {
	Source string     `json:"source"`
	URL    string     `json:"url,omitempty"`
	Says   bundleText `json:"says"`
}

type bundleProviderCode struct {
	Provider string     `json:"provider"`
	Channel  string     `json:"channel,omitempty"`
	Codes    []string   `json:"codes"`
	Note     bundleText `json:"note"`
}

func newBundle(cat *errdex.Catalog, baseURL string) bundle {
	b := bundle{
		Kind:          bundleKind,
		FormatVersion: bundleVersion,
		Version:       cat.Version,
		Langs:         errdex.Langs,
		Systems:       make([]bundleSystem, 0, len(cat.Systems())),
		Entries:       make([]bundleEntry, 0, cat.Len()),
	}
	for _, s := range cat.Systems() {
		b.Systems = append(b.Systems, bundleSystem{
			ID: s.ID, Name: btext(s.Name), Description: btext(s.Description), Homepage: s.Homepage,
			Keywords: s.Keywords, CheckedAgainst: s.CheckedAgainst, Links: brefs(s.Links), Entries: cat.Count(s.ID),
		})
	}
	for _, e := range cat.Entries() {
		b.Entries = append(b.Entries, newBundleEntry(e, textfmt.PageURL(baseURL, e)))
	}
	b.Providers = bundleProviders(cat, baseURL)
	return b
}

func newBundleEntry(e *errdex.Entry, url string) bundleEntry {
	out := bundleEntry{
		ID: e.ID(), URL: url, System: e.System, Code: e.Code, Variant: e.Variant,
		Aliases: e.Aliases, HTTPStatus: e.HTTPStatus, Type: e.Type, Level: e.Level,
		Title: btext(e.Title), Summary: btext(e.Summary),
		Causes: btexts(e.Causes), Fixes: btexts(e.Fixes), Notes: btexts(e.Notes),
		CustomerReply: btext(e.CustomerReply),
		Retry:         bundleRetry{Retryable: e.Retry.Retryable, Strategy: string(e.Retry.Strategy), Note: btext(e.Retry.Note)},
		Related:       e.Related,
		References:    brefs(e.References),
	}
	for _, c := range e.Contradictions {
		bc := bundleContradiction{About: btext(c.About)}
		for _, cl := range c.Claims {
			bc.Claims = append(bc.Claims, bundleClaim{Source: cl.Source, URL: cl.URL, Says: btext(cl.Says)})
		}
		out.Contradictions = append(out.Contradictions, bc)
	}
	for _, s := range e.Signatures {
		out.Signatures = append(out.Signatures, bundleSignature{Text: s.Text, Regex: s.Regex, Message: s.Message, Lang: s.Lang, Generic: s.Generic, Record: s.Record})
	}
	for _, x := range e.Examples {
		out.Examples = append(out.Examples, bundleExample{Label: x.Label, Text: x.Text})
	}
	for _, pc := range e.ProviderCodes {
		out.ProviderCodes = append(out.ProviderCodes, bundleProviderCode{
			Provider: pc.Provider, Channel: pc.Channel, Codes: pc.Codes, Note: btext(pc.Note)})
	}
	return out
}

func btext(t errdex.Text) bundleText { return bundleText{En: t.En, Ko: t.Ko} }

func btexts(ts []errdex.Text) []bundleText {
	if ts == nil {
		return nil
	}
	out := make([]bundleText, len(ts))
	for i, t := range ts {
		out[i] = btext(t)
	}
	return out
}

func brefs(rs []errdex.Reference) []bundleReference {
	if rs == nil {
		return nil
	}
	out := make([]bundleReference, 0, len(rs))
	for _, r := range rs {
		out = append(out, bundleReference{Title: r.Title, URL: r.URL})
	}
	return out
}
