package mcp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/paths"
	"github.com/errdex/errdex/internal/textfmt"
)

// The text a model reads first. Its first line is a marker in capitals
// (FOUND, AMBIGUOUS, NOT SURE, NO MATCH) that no entry's wording can be
// taken for, then the verdict in the answer's language; the entries
// follow. An unsure or empty answer never shows an entry's summary where
// an answer would stand.

// markers head the text rendering of each answer.
var markers = map[string]string{
	"found":     "FOUND",
	"ambiguous": "AMBIGUOUS: more than one entry fits; not a single answer",
	"unsure":    "NOT SURE: errdex has no answer to this",
	"none":      "NO MATCH: errdex has no answer to this",
	// A lookup no entry answers but a provider's record does.
	"record": "PROVIDER CODE: the provider's own meaning, not an errdex entry",
}

// shortMarkers name a finding's answer in a list.
var shortMarkers = map[string]string{
	"found":     "FOUND",
	"ambiguous": "AMBIGUOUS, between",
	"unsure":    "NOT SURE (no answer)",
	"none":      "NO MATCH (no answer)",
}

// verdict is the one sentence that says what the answer is.
func verdict(a *Answer, lang errdex.Lang, kind string) string {
	switch a.Answer {
	case "found":
		r := a.Results[0]
		return i18n.F(lang, i18n.MCPFound, r.ID, r.Title, r.Confidence)
	case "ambiguous":
		ids := tiedIDs(a.Results)
		return i18n.F(lang, i18n.MCPAmbiguous, len(ids), strings.Join(ids, ", "))
	case "unsure":
		return i18n.F(lang, i18n.MCPUnsure, len(a.Results))
	}
	if kind == "lookup" {
		return i18n.F(lang, i18n.MCPNoCode, quote(a.Query))
	}
	return i18n.T(lang, i18n.MCPNoMatch)
}

// tiedIDs are the ids of the results an ambiguous answer is between: those
// as confident as the first.
func tiedIDs(rs []Result) []string {
	var ids []string
	for _, r := range rs {
		if r.Confidence != rs[0].Confidence {
			break
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// renderAnswer is the text content of a lookup, search or identify result.
func renderAnswer(a *Answer) string {
	var sb strings.Builder
	switch {
	case a.Answer == "none" && len(a.ProviderRecords) > 0:
		sb.WriteString(markers["record"])
	default:
		sb.WriteString(markers[a.Answer])
	}
	if a.Answer == "found" {
		sb.WriteString(": " + a.Results[0].ID)
	}
	sb.WriteString("\n" + a.Verdict + "\n")
	for _, r := range a.ProviderRecords {
		sb.WriteByte('\n')
		writeRecord(&sb, r, errdex.Lang(a.Lang))
	}
	writeResults(&sb, a)
	writeFindings(&sb, a.Findings)
	if len(a.Suggestions) > 0 {
		sb.WriteString("\nNear misses, for the user to check:\n")
		for _, s := range a.Suggestions {
			fmt.Fprintf(&sb, "- %s · %s (%s)\n", s.ID, s.Title, s.Reason)
		}
	}
	if a.Total > len(a.Results) {
		fmt.Fprintf(&sb, "\n%d of %d matches shown.\n", len(a.Results), a.Total)
	}
	return sb.String()
}

// writeResults writes the results: the answer's in full, the others one
// line each.
func writeResults(sb *strings.Builder, a *Answer) {
	full := 0 // results shown in full
	switch a.Answer {
	case "found":
		full = 1
	case "ambiguous":
		full = len(tiedIDs(a.Results))
	}
	for i, r := range a.Results {
		if i < full {
			sb.WriteByte('\n')
			writeResult(sb, r)
			continue
		}
		if i == full {
			if full > 0 {
				sb.WriteString("\nOther, less certain matches:\n")
			} else if a.Answer == "unsure" {
				sb.WriteString("\nWeak matches (not answers):\n")
			}
		}
		fmt.Fprintf(sb, "- %s · %s (%s)\n", r.ID, r.Title, r.Confidence)
	}
}

// writeFindings writes one line per distinct error of an identified text,
// when there are several.
func writeFindings(sb *strings.Builder, findings []Finding) {
	if len(findings) <= 1 {
		return
	}
	fmt.Fprintf(sb, "\nThe text holds %d distinct errors, each answered alone:\n", len(findings))
	for _, f := range findings {
		where := fmt.Sprintf("line %d", f.Lines[0])
		if f.Lines[1] > f.Lines[0] {
			where = fmt.Sprintf("lines %d-%d", f.Lines[0], f.Lines[1])
		}
		if f.Count > 1 {
			where += fmt.Sprintf(", %d times", f.Count)
		}
		verdict := shortMarkers[f.Answer]
		switch {
		case f.Answer == "found" && len(f.Results) > 0:
			verdict += " " + f.Results[0].ID
		case f.Answer == "ambiguous" && len(f.Results) > 0:
			verdict += " " + strings.Join(tiedIDs(f.Results), ", ")
		}
		fmt.Fprintf(sb, "- %s %s: %s\n", where, strconv.Quote(f.Excerpt), verdict)
	}
}

func writeResult(sb *strings.Builder, r Result) {
	fmt.Fprintf(sb, "%s · %s\n", r.ID, r.Title)
	if r.Level == errdex.LevelWarning {
		sb.WriteString("Level: warning (something went wrong, but the operation went on)\n")
	}
	sb.WriteString(r.Summary + "\n")
	if len(r.Evidence) > 0 {
		ev := make([]string, 0, len(r.Evidence))
		for _, e := range r.Evidence {
			ev = append(ev, e.Kind+" "+strconv.Quote(e.Value))
		}
		sb.WriteString("Evidence: " + strings.Join(ev, ", ") + "\n")
	}
	sb.WriteString("Retry: " + r.Retry.Advice + "\n")
	if r.FirstFix != "" {
		sb.WriteString("First fix: " + r.FirstFix + "\n")
	}
	sb.WriteString("Permalink: " + r.URL + "\n")
	fmt.Fprintf(sb, "Whole entry: get_entry {\"id\": %s} or the resource %s\n", strconv.Quote(r.ID), r.Resource)
}

// writeRecord writes a provider record: what it is and the entry it maps
// onto (or that none does), the provider's exact text, its own meaning
// and what to do, its own retry advice, and its page.
func writeRecord(sb *strings.Builder, r ProviderRecord, lang errdex.Lang) {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	target := t(i18n.RecordNoEntry)
	if r.Entry != "" {
		target = "→ " + r.Entry
	}
	fmt.Fprintf(sb, "%s · %s (%s) %s\n", r.Name, t(i18n.MatchProviderCode), r.ID, target)
	for _, m := range append([]string{r.Message}, r.OtherMessages...) {
		if m != "" {
			sb.WriteString(strconv.Quote(m) + "\n")
		}
	}
	fmt.Fprintf(sb, "%s: %s\n%s: %s\n", t(i18n.Meaning), r.Meaning, t(i18n.Action), r.Action)
	if r.Retry != nil {
		fmt.Fprintf(sb, "%s: %s\n", t(i18n.Retry), r.Retry.Advice)
	}
	fmt.Fprintf(sb, "%s: %s\n", t(i18n.MCPPage), r.URL)
}

// headings are the section names of an entry's Markdown.
type headings struct {
	system, aliases, http, retry, page, causes, fixes, notes, related, references string
	warning, reply, disagree, providers                                           string
}

func headingsIn(lang errdex.Lang) headings {
	t := func(k i18n.Key) string { return i18n.T(lang, k) }
	return headings{
		system:     t(i18n.System),
		aliases:    t(i18n.AlsoKnownAs),
		http:       t(i18n.HTTPStatus),
		retry:      t(i18n.Retry),
		page:       t(i18n.MCPPage),
		causes:     t(i18n.Causes),
		fixes:      t(i18n.Fixes),
		notes:      t(i18n.Notes),
		related:    t(i18n.Related),
		references: t(i18n.References),
		warning:    t(i18n.MCPWarning),
		reply:      t(i18n.MCPReply),
		disagree:   t(i18n.MCPDisagree),
		providers:  t(i18n.MCPProviders),
	}
}

// entryMarkdown renders an entry as Markdown in each of langs, one after
// the other, separated by a rule. The catalog's texts are Markdown
// already and go in as they are.
func entryMarkdown(cat *errdex.Catalog, e *errdex.Entry, langs []errdex.Lang, baseURL string) string {
	var sb strings.Builder
	for i, lang := range langs {
		if i > 0 {
			sb.WriteString("\n---\n\n")
		}
		h := headingsIn(lang)
		fmt.Fprintf(&sb, "# %s: %s\n\n", e.ID(), e.Title.In(lang))
		sb.WriteString(e.Summary.In(lang) + "\n\n")
		fmt.Fprintf(&sb, "- %s: %s (%s)\n", h.system, systemName(cat, e.System, lang), e.System)
		if len(e.Aliases) > 0 {
			fmt.Fprintf(&sb, "- %s: %s\n", h.aliases, "`"+strings.Join(e.Aliases, "`, `")+"`")
		}
		if e.HTTPStatus != 0 {
			fmt.Fprintf(&sb, "- %s: %d\n", h.http, e.HTTPStatus)
		}
		if e.IsWarning() {
			sb.WriteString("- " + h.warning + "\n")
		}
		fmt.Fprintf(&sb, "- %s: %s\n", h.retry, textfmt.RetryAdvice(e.Retry, lang))
		fmt.Fprintf(&sb, "- %s: %s\n", h.page, paths.Absolute(baseURL, paths.Entry(e)))
		list(&sb, h.causes, e.Causes, lang, false)
		list(&sb, h.fixes, e.Fixes, lang, true)
		list(&sb, h.notes, e.Notes, lang, false)
		if reply := e.CustomerReply.In(lang); reply != "" {
			fmt.Fprintf(&sb, "\n## %s\n\n> %s\n", h.reply, strings.ReplaceAll(strings.TrimSpace(reply), "\n", "\n> "))
		}
		if len(e.Contradictions) > 0 {
			fmt.Fprintf(&sb, "\n## %s\n", h.disagree)
			for _, c := range e.Contradictions {
				fmt.Fprintf(&sb, "\n%s\n\n", c.About.In(lang))
				for _, cl := range c.Claims {
					src := cl.Source
					if cl.URL != "" {
						src = "[" + cl.Source + "](" + cl.URL + ")"
					}
					fmt.Fprintf(&sb, "- %s: %s\n", src, cl.Says.In(lang))
				}
			}
		}
		if recs := cat.RecordsFor(e); len(recs) > 0 {
			fmt.Fprintf(&sb, "\n## %s\n\n", h.providers)
			for _, r := range recs {
				name := r.Provider
				if r.Channel != "" {
					name += " " + r.Channel
				}
				line := fmt.Sprintf("- %s `%s`", name, r.Code)
				if r.Message != "" {
					line += " " + strconv.Quote(r.Message)
				}
				sb.WriteString(line + ": " + r.Meaning.In(lang) + " " + r.Action.In(lang) + "\n")
			}
		}
		if rel := cat.Related(e); len(rel) > 0 {
			fmt.Fprintf(&sb, "\n## %s\n\n", h.related)
			for _, r := range rel {
				fmt.Fprintf(&sb, "- [%s](%s%s): %s\n", r.ID(), entryScheme, r.ID(), r.Title.In(lang))
			}
		}
		if len(e.References) > 0 {
			fmt.Fprintf(&sb, "\n## %s\n\n", h.references)
			for _, r := range e.References {
				if r.URL != "" {
					fmt.Fprintf(&sb, "- [%s](%s)\n", r.Title, r.URL)
				} else {
					fmt.Fprintf(&sb, "- %s\n", r.Title)
				}
			}
		}
	}
	return sb.String()
}

func list(sb *strings.Builder, title string, items []errdex.Text, lang errdex.Lang, numbered bool) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(sb, "\n## %s\n\n", title)
	for i, t := range items {
		marker := "- "
		if numbered {
			marker = strconv.Itoa(i+1) + ". "
		}
		// Continuation lines of a multi-line item stay inside the item.
		text := strings.ReplaceAll(strings.TrimSpace(t.In(lang)), "\n", "\n"+strings.Repeat(" ", len(marker)))
		sb.WriteString(marker + text + "\n")
	}
}
