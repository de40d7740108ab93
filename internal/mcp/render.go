package mcp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
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
	ko := lang == errdex.Korean
	switch a.Answer {
	case "found":
		r := a.Results[0]
		if ko {
			return fmt.Sprintf("답은 %s입니다: %s (확신도 %s).", r.ID, r.Title, r.Confidence)
		}
		return fmt.Sprintf("The answer is %s: %s (confidence %s).", r.ID, r.Title, r.Confidence)
	case "ambiguous":
		ids := tiedIDs(a.Results)
		if ko {
			return fmt.Sprintf("같은 정도로 들어맞는 항목이 %d개입니다(%s). 서로 다른 에러이니 시스템이나 변형으로 구분한 뒤에 답하세요.",
				len(ids), strings.Join(ids, ", "))
		}
		return fmt.Sprintf("%d entries fit equally well (%s). They are different errors: tell them apart by system or variant before answering.",
			len(ids), strings.Join(ids, ", "))
	case "unsure":
		if ko {
			return fmt.Sprintf("errdex는 확실하지 않습니다. 분명히 일치하는 항목이 없고, 아래 %d개 결과는 질문과 일부 단어만 겹칩니다. 어느 것도 답이나 원인으로 제시하지 마세요.", len(a.Results))
		}
		return fmt.Sprintf("errdex is not sure: no entry clearly matches. The %d results below only share some words with the question; do not present any of them as the answer or the cause.", len(a.Results))
	}
	switch {
	case kind == "lookup" && ko:
		return fmt.Sprintf("%s 코드나 별칭을 가진 항목이 없습니다. errdex는 이 코드를 알지 못하니 뜻을 추측하지 마세요.", quote(a.Query))
	case kind == "lookup":
		return fmt.Sprintf("No entry has the code or alias %s. errdex does not know this code; do not guess its meaning.", quote(a.Query))
	case ko:
		return "어떤 항목도 일치하지 않습니다. errdex는 이 에러를 알지 못하니 뜻을 추측하지 마세요."
	}
	return "No entry matches. errdex does not know this error; do not guess its meaning."
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
	sb.WriteString(markers[a.Answer])
	if a.Answer == "found" {
		sb.WriteString(": " + a.Results[0].ID)
	}
	sb.WriteString("\n" + a.Verdict + "\n")
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
			writeResult(&sb, r)
			continue
		}
		if i == full {
			if full > 0 {
				sb.WriteString("\nOther, less certain matches:\n")
			} else if a.Answer == "unsure" {
				sb.WriteString("\nWeak matches (not answers):\n")
			}
		}
		fmt.Fprintf(&sb, "- %s · %s (%s)\n", r.ID, r.Title, r.Confidence)
	}
	if len(a.Findings) > 1 {
		fmt.Fprintf(&sb, "\nThe text holds %d distinct errors, each answered alone:\n", len(a.Findings))
		for _, f := range a.Findings {
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
			fmt.Fprintf(&sb, "- %s %s: %s\n", where, strconv.Quote(f.Excerpt), verdict)
		}
	}
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

// headings are the section names of an entry's Markdown.
var headings = map[errdex.Lang]struct {
	system, aliases, http, retry, page, causes, fixes, notes, related, references string
	warning, reply, disagree, providers                                           string
}{
	errdex.English: {"System", "Also known as", "HTTP status", "Retry", "Permalink", "Causes", "Fixes", "Notes", "Related", "References",
		"Level: warning (the request did not fail outright)", "Reply to the customer", "Where sources disagree", "Providers' codes"},
	errdex.Korean: {"시스템", "다른 이름", "HTTP 상태", "재시도", "페이지", "원인", "해결 방법", "참고", "관련 코드", "출처",
		"수준: 경고 (요청이 완전히 실패하지는 않음)", "고객 안내 문구", "출처 간 차이", "프로바이더 코드"},
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
		h := headings[lang]
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
		fmt.Fprintf(&sb, "- %s: %s\n", h.retry, retryAdvice(e, lang))
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
