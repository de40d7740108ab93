package pages

import "github.com/errdex/errdex"

// newFindings is one block per distinct error of a pasted text, when it
// holds more than one: where it is, its excerpt (masked by the search
// package) and its own answer.
func newFindings(cat *errdex.Catalog, resp *errdex.Response, lang errdex.Lang, t *Strings, baseURL string) []findingView {
	if len(resp.Findings) < 2 {
		return nil
	}
	out := make([]findingView, 0, len(resp.Findings))
	for _, f := range resp.Findings {
		sub := &errdex.Response{Results: f.Results, Answer: f.Answer}
		fv := findingView{First: f.Lines[0], Last: f.Lines[1], Count: f.Count, Excerpt: f.Excerpt,
			Answer: newAnswerView(cat, sub, lang, t, baseURL)}
		skip := 0
		if fv.Answer.Best != nil {
			skip = 1
		}
		for _, r := range f.Results[min(skip, len(f.Results)):] {
			if len(fv.Others) == maxCandidates {
				break
			}
			candidate := false
			for _, c := range fv.Answer.Candidates {
				candidate = candidate || c.ID == r.Entry.ID()
			}
			if !candidate {
				fv.Others = append(fv.Others, newEntryCard(cat, r.Entry, lang, t))
			}
		}
		out = append(out, fv)
	}
	return out
}
