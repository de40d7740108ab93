package search

import (
	"context"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/mask"
	"github.com/errdex/errdex/internal/understand"
)

// Finding is one distinct error of a pasted text (the domain's).
type Finding = errdex.Finding

// Bounds on findings.
const (
	// maxFindings bounds the errors of one paste searched on their own;
	// each is one more search.
	maxFindings = 8
	// findingResults is how many results each finding carries.
	findingResults = 3
	// excerptBytes bounds a finding's excerpt.
	excerptBytes = 300
)

// Identify names the entries a pasted error or log is about. The text is
// read as a payload: JSON envelopes, log lines, stack traces and HTTP
// responses. Findings answer each distinct error in it; the results are
// the ranking of the whole text, led by the first entry of each error
// found when it holds several.
func (ix *Index) Identify(ctx context.Context, text string, lang errdex.Lang, limit int) (*Response, error) {
	if strings.TrimSpace(text) == "" {
		return nil, &errdex.FieldError{Param: "text", Code: errdex.CodeMissingField, Message: "text is required"}
	}
	resp, err := ix.search(ctx, Request{Query: text, Lang: lang, Limit: limit}, true)
	if err != nil {
		return nil, err
	}
	blocks := understand.Blocks(text, lexicon{ix})
	// One error that is the whole text is answered by the text's search;
	// one among lines that are none (INFO lines, a reply that went well)
	// is searched on its own, as each of several is.
	if len(blocks) == 0 || len(blocks) == 1 && strings.TrimSpace(blocks[0].Text) == strings.TrimSpace(text) {
		f := Finding{Lines: [2]int{1, strings.Count(strings.TrimRight(text, "\n"), "\n") + 1}, Count: 1,
			Excerpt: excerpt(text), Answer: resp.Answer, Results: clipResults(resp.Results, findingResults)}
		if len(blocks) == 1 {
			f.Lines, f.Count = [2]int{blocks[0].First, blocks[0].Last}, blocks[0].Count
		}
		resp.Findings = []Finding{f}
		return resp, nil
	}
	for _, b := range pickBlocks(blocks, maxFindings) {
		sub, err := ix.search(ctx, Request{Query: b.Text, Lang: lang, Limit: findingResults}, true)
		if err != nil {
			return nil, err
		}
		if sub.Answer == errdex.AnswerNone && len(blocks) > 1 {
			continue
		}
		resp.Findings = append(resp.Findings, Finding{Lines: [2]int{b.First, b.Last}, Count: b.Count,
			Excerpt: excerpt(b.Text), Answer: sub.Answer, Results: sub.Results})
	}
	mergeFindings(resp, limit)
	return resp, nil
}

// pickBlocks keeps at most n blocks, in the order they stand: first those
// that name a code or a known message, then the others.
func pickBlocks(blocks []understand.Block, n int) []understand.Block {
	if len(blocks) <= n {
		return blocks
	}
	keep := make([]bool, len(blocks))
	kept := 0
	for pass := range 2 {
		for i, b := range blocks {
			if kept == n || keep[i] {
				continue
			}
			if pass == 1 || understand.LooksCoded(b.Text) {
				keep[i] = true
				kept++
			}
		}
	}
	var out []understand.Block
	for i, b := range blocks {
		if keep[i] {
			out = append(out, b)
		}
	}
	return out
}

// mergeFindings puts the first entry of each error claimed in the text
// before the ranking of the whole text, and makes the answer ambiguous
// when the text holds errors of different entries: no one entry is the
// answer then.
func mergeFindings(resp *Response, limit int) {
	var lead []Result
	seen := map[string]bool{}
	// Only the first result of a claimed finding leads; the others are as
	// the whole text ranks them.
	for _, f := range resp.Findings {
		if f.Answer.Claims() && len(f.Results) > 0 && !seen[f.Results[0].Entry.ID()] {
			seen[f.Results[0].Entry.ID()] = true
			lead = append(lead, f.Results[0])
		}
	}
	if len(lead) == 0 {
		return
	}
	merged := lead
	for _, r := range resp.Results {
		if !seen[r.Entry.ID()] {
			seen[r.Entry.ID()] = true
			merged = append(merged, r)
		}
	}
	resp.Total = max(resp.Total, len(merged))
	resp.Results = clipResults(merged, limit)
	switch {
	case len(lead) > 1:
		resp.Answer = errdex.AnswerAmbiguous
	case !resp.Answer.Claims() || resp.Results[0].Entry != lead[0].Entry:
		// One error claimed: the text's answer is that error's.
		for _, f := range resp.Findings {
			if f.Answer.Claims() {
				resp.Answer = f.Answer
				break
			}
		}
	}
}

func clipResults(rs []Result, n int) []Result {
	if len(rs) > n {
		return rs[:n]
	}
	return rs
}

// excerpt is a finding's text as answers may show it: masked, then cut.
func excerpt(text string) string {
	text = strings.TrimSpace(text)
	if len(text) > 4*excerptBytes {
		text = clipWords(text, 4*excerptBytes)
	}
	return clipWords(mask.String(text), excerptBytes)
}
