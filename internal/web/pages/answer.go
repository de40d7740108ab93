package pages

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/markdown"
	"github.com/errdex/errdex/internal/textfmt"
)

// The kinds of answer a results page shows above its list; they are the
// API's `answer` values (../shared/design/api.md, "Answers and confidence").
const (
	answerFound     = "found"
	answerAmbiguous = "ambiguous"
	answerUnsure    = "unsure"
	answerNone      = "none"
)

// answerView is what the results page says before its list: the entry
// that answers the question, inline with its retry advice and first fixes
// (found); the candidates side by side with what tells them apart
// (ambiguous); a plain "not sure" (unsure); or, for a paste with several
// errors in it, one block per error.
type answerView struct {
	Kind       string
	Best       *answerEntry  // found
	Candidates []variantView // ambiguous
	Findings   []findingView // a paste with more than one error
}

// answerEntry is an entry shown as the answer.
type answerEntry struct {
	entryCard
	Summary    template.HTML
	Fixes      []template.HTML // the first answerFixes
	MoreFixes  int             // how many the entry page has besides
	Confidence string          // the label of the result's confidence
	// CopySlack and CopyMarkdown are the answer as text to paste into
	// Slack or a Markdown document; the script adds the page's address.
	CopySlack    string
	CopyMarkdown string
}

// findingView is one error of a pasted log.
type findingView struct {
	First, Last int // lines of the paste, from 1
	Count       int
	Excerpt     string
	Answer      answerView // without findings of its own
	Others      []entryCard
}

// answerFixes is how many fixes the answer shows inline.
const answerFixes = 2

// maxCandidates bounds the candidates an ambiguous answer shows side by
// side; the rest stay in the list.
const maxCandidates = 4

// responseAnswer is the kind of answer resp gives (the search package
// judges it), and its candidates when it is ambiguous: the first results
// as well supported as the first.
func responseAnswer(resp *errdex.Response) (kind string, candidates []errdex.Result) {
	if len(resp.Results) == 0 {
		return answerNone, nil
	}
	switch resp.Answer {
	case errdex.AnswerFound:
		return answerFound, nil
	case errdex.AnswerAmbiguous:
		for _, r := range resp.Results {
			if r.Confidence != resp.Results[0].Confidence || len(candidates) == maxCandidates {
				break
			}
			candidates = append(candidates, r)
		}
		if len(candidates) > 1 {
			return answerAmbiguous, candidates
		}
		return answerFound, nil
	}
	return answerUnsure, nil
}

// newAnswerView builds the answer part of a results page.
func newAnswerView(cat *errdex.Catalog, resp *errdex.Response, lang errdex.Lang, t *Strings, baseURL string) answerView {
	kind, cands := responseAnswer(resp)
	v := answerView{Kind: kind}
	switch kind {
	case answerFound:
		v.Best = newAnswerEntry(cat, resp.Results[0], lang, t, baseURL)
	case answerAmbiguous:
		for _, c := range cands {
			v.Candidates = append(v.Candidates, newVariantView(cat, c.Entry, lang, t, nil))
		}
	}
	return v
}

func newAnswerEntry(cat *errdex.Catalog, r errdex.Result, lang errdex.Lang, t *Strings, baseURL string) *answerEntry {
	e := r.Entry
	a := &answerEntry{
		entryCard:  newEntryCard(cat, e, lang, t),
		Summary:    markdown.ToHTML(e.Summary.In(lang)),
		Confidence: t.Certain,
	}
	if r.Confidence != errdex.ConfidenceCertain {
		a.Confidence = t.Likely
	}
	fixes := e.Fixes
	if len(fixes) > answerFixes {
		a.MoreFixes = len(fixes) - answerFixes
		fixes = fixes[:answerFixes]
	}
	a.Fixes = renderTexts(fixes, lang)
	a.CopySlack = textfmt.LookupText([]errdex.Match{{Entry: e, Field: errdex.MatchCode, Value: e.Code}}, lang, baseURL)
	a.CopyMarkdown = markdownAnswer(cat, e, lang, t, baseURL)
	return a
}

// markdownAnswer is an entry's answer as Markdown, for a ticket or a wiki:
// the catalog's texts are Markdown already.
func markdownAnswer(cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, t *Strings, baseURL string) string {
	var sb strings.Builder
	sb.WriteString("**" + e.Code + "**")
	if e.Variant != "" {
		sb.WriteString(" " + e.Variant)
	}
	sb.WriteString(" · " + systemName(cat, e.System, lang))
	if e.HTTPStatus != 0 {
		sb.WriteString(" · HTTP " + e.HTTPStatusText())
	}
	sb.WriteString(": " + e.Title.In(lang) + "\n\n")
	if s := strings.TrimSpace(e.Summary.In(lang)); s != "" {
		sb.WriteString(s + "\n\n")
	}
	sb.WriteString("**" + newRetryView(e.Retry, lang, t).Label + ".**")
	if n := strings.TrimSpace(e.Retry.Note.In(lang)); n != "" {
		sb.WriteString(" " + n)
	}
	sb.WriteString("\n\n")
	if len(e.Fixes) > 0 {
		sb.WriteString("**" + t.Fixes + ":**\n\n")
		for i, f := range e.Fixes {
			if i == answerFixes {
				break
			}
			sb.WriteString(strconv.Itoa(i+1) + ". " + strings.ReplaceAll(strings.TrimSpace(f.In(lang)), "\n", "\n   ") + "\n")
		}
		sb.WriteString("\n")
	}
	sb.WriteString(textfmt.PageURL(baseURL, e) + "\n")
	return sb.String()
}
