// Command evalapi judges a running errdex the way its held-out evaluation
// does: through the JSON API only. It starts nothing itself.
//
//	evalapi -base http://127.0.0.1:18480 real.yaml noise.yaml queries.yaml
//
// Each YAML file is an eval set in the public sets' format (a list under
// `cases:` of {q, expect, within, mentions, lang, noise, source}). Every
// case is sent to GET /api/v1/search and to POST /api/v1/identify
// (text/plain), and the program prints, per set and per endpoint:
//
//   - right: an expected entry is within the case's rank (`within`);
//   - claimed & wrong: the answer is found or ambiguous and the first
//     result is not an expected entry (the worst outcome);
//   - claimed & first right: what a user sees as the right answer;
//   - noise quiet: a `noise: true` case answered unsure or none;
//
// and then every failure, the confidently wrong ones first. An optional
// `findings: [ids]` on a case (an addition of this program) asks identify
// for one finding per listed entry, each with that entry first.
//
// The exit status is 2 on a usage error (no -base, no set, a set that
// cannot be read) and 0 otherwise, whatever the figures: the figures are
// the output.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// evalCase is one case of a set, in the public sets' format.
type evalCase struct {
	Q        string   `yaml:"q"`
	Expect   []string `yaml:"expect"`
	Within   int      `yaml:"within"`
	Mentions string   `yaml:"mentions"`
	Lang     string   `yaml:"lang"`
	Prefix   bool     `yaml:"prefix"`
	Noise    bool     `yaml:"noise"`
	Source   string   `yaml:"source"`
	Findings []string `yaml:"findings"`
}

// result, finding and answer are the parts of errdex's JSON answers this
// program reads (../shared/design/api.md).
type result struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Summary    string `json:"summary"`
	Confidence string `json:"confidence"`
	Match      string `json:"match"`
}

type finding struct {
	Lines   [2]int   `json:"lines"`
	Answer  string   `json:"answer"`
	Results []result `json:"results"`
}

type answer struct {
	Answer   string    `json:"answer"`
	Results  []result  `json:"results"`
	Findings []finding `json:"findings"`
}

// outcome is what one endpoint answered for one case.
type outcome struct {
	c        evalCase
	err      error
	answer   string
	top      *result
	rank     int  // 1-based rank of the first right result; 0 when none
	right    bool // expected entry within rank
	claimed  bool // found or ambiguous
	wrong    bool // claimed and the first result is not right
	quiet    bool // noise answered unsure or none
	findOK   bool // every listed finding present
	findWant bool // identify, and the case lists findings
	findings int
}

type client struct {
	base  string
	limit int
	http  *http.Client
	// ids holds every entry id the served catalog has (nil when it could
	// not be listed), to tell a search miss from a missing entry.
	ids map[string]bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("evalapi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "base URL of a running errdex, e.g. http://127.0.0.1:18480 (required)")
	limit := fs.Int("limit", 10, "results asked for per search and identify (1-100)")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of one request")
	width := fs.Int("width", 90, "characters of a query shown in the failure list")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evalapi -base http://127.0.0.1:PORT SET.yaml [SET.yaml...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *base == "" || fs.NArg() == 0 || *limit < 1 || *limit > 100 {
		fs.Usage()
		return 2
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(stderr, "evalapi: -base %q is not an http(s) URL\n", *base)
		return 2
	}
	sets := make([][]evalCase, fs.NArg())
	for i, path := range fs.Args() {
		if sets[i], err = loadSet(path); err != nil {
			fmt.Fprintf(stderr, "evalapi: %v\n", err)
			return 2
		}
	}
	cl := &client{base: strings.TrimRight(*base, "/"), limit: *limit, http: &http.Client{Timeout: *timeout}}
	if err := cl.healthy(); err != nil {
		fmt.Fprintf(stdout, "WARNING: %s does not answer /healthz (%v); every case below will fail\n\n", cl.base, err)
	}
	if err := cl.listEntries(); err != nil {
		fmt.Fprintf(stdout, "WARNING: could not list the served catalog's entries (%v)\n\n", err)
	} else {
		fmt.Fprintf(stdout, "served catalog: %d entries\n\n", len(cl.ids))
	}
	for i, path := range fs.Args() {
		report(stdout, filepath.Base(path), sets[i], cl, *width)
	}
	return 0
}

func loadSet(path string) ([]evalCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Cases []evalCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(f.Cases) == 0 {
		return nil, fmt.Errorf("%s: no cases", path)
	}
	for i, c := range f.Cases {
		if c.Q == "" && !c.Noise {
			return nil, fmt.Errorf("%s: case %d has no q", path, i+1)
		}
		if !c.Noise && len(c.Expect) == 0 {
			return nil, fmt.Errorf("%s: case %d (%q) has neither expect nor noise", path, i+1, shorten(c.Q, 40))
		}
		if c.Within <= 0 {
			f.Cases[i].Within = 1
		}
	}
	return f.Cases, nil
}

func (cl *client) healthy() error {
	resp, err := cl.http.Get(cl.base + "/healthz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return nil
}

// listEntries pages through an empty search, which lists every entry.
func (cl *client) listEntries() error {
	ids := map[string]bool{}
	cursor := ""
	for page := 0; page < 1000; page++ {
		v := url.Values{"q": {""}, "limit": {"100"}}
		if cursor != "" {
			v.Set("cursor", cursor)
		}
		resp, err := cl.http.Get(cl.base + "/api/v1/search?" + v.Encode())
		if err != nil {
			return err
		}
		var a struct {
			Results    []result `json:"results"`
			NextCursor *string  `json:"next_cursor"`
		}
		err = json.NewDecoder(io.LimitReader(resp.Body, 8<<20)).Decode(&a)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if err != nil {
			return err
		}
		for _, r := range a.Results {
			ids[r.ID] = true
		}
		if a.NextCursor == nil || *a.NextCursor == "" {
			cl.ids = ids
			return nil
		}
		cursor = *a.NextCursor
	}
	return errors.New("too many pages")
}

// missing reports whether none of the expected entries is in the served
// catalog (false when the catalog could not be listed).
func (cl *client) missing(c evalCase) bool {
	if cl.ids == nil || c.Noise {
		return false
	}
	for _, want := range c.Expect {
		for id := range cl.ids {
			if matchesID(id, want) {
				return false
			}
		}
	}
	return true
}

func (cl *client) search(c evalCase) (answer, error) {
	v := url.Values{"q": {c.Q}, "limit": {strconv.Itoa(cl.limit)}}
	if c.Lang != "" {
		v.Set("lang", c.Lang)
	}
	return cl.do(func() (*http.Request, error) {
		return http.NewRequest(http.MethodGet, cl.base+"/api/v1/search?"+v.Encode(), nil)
	})
}

func (cl *client) identify(c evalCase) (answer, error) {
	v := url.Values{"limit": {strconv.Itoa(cl.limit)}}
	if c.Lang != "" {
		v.Set("lang", c.Lang)
	}
	path := cl.base + "/api/v1/identify?" + v.Encode()
	return cl.do(func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, path, strings.NewReader(c.Q))
		if err == nil {
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		}
		return req, err
	})
}

// do sends a request, waiting out 429 and 503 answers (Retry-After) a few
// times so that a rate limit does not count as a wrong answer.
func (cl *client) do(build func() (*http.Request, error)) (answer, error) {
	var a answer
	for attempt := 0; ; attempt++ {
		req, err := build()
		if err != nil {
			return a, err
		}
		req.Header.Set("Accept", "application/json")
		resp, err := cl.http.Do(req)
		if err != nil {
			return a, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
		resp.Body.Close()
		if err != nil {
			return a, err
		}
		if (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) && attempt < 5 {
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(max(wait, 1)) * time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			var e struct {
				Error struct {
					Code string `json:"code"`
				} `json:"error"`
			}
			_ = json.Unmarshal(body, &e)
			return a, fmt.Errorf("HTTP %d %s", resp.StatusCode, e.Error.Code)
		}
		if err := json.NewDecoder(bytes.NewReader(body)).Decode(&a); err != nil {
			return a, fmt.Errorf("decode answer: %v", err)
		}
		if a.Answer == "" {
			return a, errors.New("answer field missing")
		}
		return a, nil
	}
}

// judge turns one answer into an outcome.
func judge(c evalCase, a answer, err error, identify bool) outcome {
	o := outcome{c: c, err: err}
	if err != nil {
		return o
	}
	o.answer = a.Answer
	o.claimed = a.Answer == "found" || a.Answer == "ambiguous"
	o.quiet = a.Answer == "unsure" || a.Answer == "none"
	if len(a.Results) > 0 {
		o.top = &a.Results[0]
	}
	for i := range a.Results {
		if isRight(c, a.Results[i]) {
			o.rank = i + 1
			break
		}
	}
	o.right = o.rank > 0 && o.rank <= c.Within
	o.wrong = o.claimed && o.rank != 1
	o.findings = len(a.Findings)
	if identify && len(c.Findings) > 0 {
		o.findWant = true
		o.findOK = true
		for _, want := range c.Findings {
			found := false
			for _, f := range a.Findings {
				if len(f.Results) > 0 && matchesID(f.Results[0].ID, want) && (f.Answer == "found" || f.Answer == "ambiguous") {
					found = true
					break
				}
			}
			o.findOK = o.findOK && found
		}
	}
	return o
}

func isRight(c evalCase, r result) bool {
	for _, want := range c.Expect {
		if !matchesID(r.ID, want) {
			continue
		}
		if c.Mentions != "" && !strings.Contains(strings.ToLower(r.Title+" "+r.Summary), strings.ToLower(c.Mentions)) {
			continue
		}
		return true
	}
	return false
}

// matchesID accepts an entry id or any variant under it (kakao-share/-401
// matches kakao-share/-401/domain-mismatched).
func matchesID(id, want string) bool {
	return id == want || strings.HasPrefix(id, want+"/")
}

func report(w io.Writer, name string, cases []evalCase, cl *client, width int) {
	nExpect, nNoise, nFind := countCases(cases)
	fmt.Fprintf(w, "## %s: %d cases (%d with an expected entry, %d noise)\n\n", name, len(cases), nExpect, nNoise)
	fmt.Fprintln(w, "| endpoint | right within rank | first right | claimed (found/ambiguous) | claimed & first right | claimed & wrong | noise unsure/none | errors | answers |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	var all [2][]outcome
	var findLine string
	var notes []string
	for e, ep := range []string{"search", "identify"} {
		outs := runCases(cl, cases, ep)
		all[e] = outs
		if note, ok := presentNote(ep, outs, cl, nExpect); ok {
			notes = append(notes, note)
		}
		t := tallyOutcomes(outs)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %d | %s |\n", ep,
			pct(t.right, nExpect), pct(t.first, nExpect), pct(t.claimed, nExpect), pct(t.claimedRight, nExpect), pct(t.wrong, nExpect),
			pct(t.quiet, nNoise), t.errs, answerCounts(t.answers))
		if ep == "identify" && nFind > 0 {
			findLine = fmt.Sprintf("\nidentify findings complete (`findings:` cases): %s\n", pct(t.findOK, nFind))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		fmt.Fprintln(w, "- "+n)
	}
	fmt.Fprintln(w, findLine)
	for e, ep := range []string{"search", "identify"} {
		printFailures(w, name, ep, all[e], width, cl)
	}
}

// countCases counts the cases with an expected entry, the noise cases
// and the cases that list findings.
func countCases(cases []evalCase) (nExpect, nNoise, nFind int) {
	for _, c := range cases {
		if c.Noise {
			nNoise++
		} else {
			nExpect++
		}
		if len(c.Findings) > 0 {
			nFind++
		}
	}
	return nExpect, nNoise, nFind
}

// runCases asks endpoint ep (search or identify) every case, in order,
// and judges each answer.
func runCases(cl *client, cases []evalCase, ep string) []outcome {
	outs := make([]outcome, len(cases))
	for i, c := range cases {
		var a answer
		var err error
		if ep == "search" {
			a, err = cl.search(c)
		} else {
			a, err = cl.identify(c)
		}
		outs[i] = judge(c, a, err, ep == "identify")
	}
	return outs
}

// presentNote is the line that gives the figures over only the cases
// whose entry the served catalog has, when it lacks some of them.
func presentNote(ep string, outs []outcome, cl *client, nExpect int) (string, bool) {
	var present, presentRight, presentWrong int
	for _, o := range outs {
		if o.c.Noise || cl.missing(o.c) || o.err != nil {
			continue
		}
		present++
		if o.right {
			presentRight++
		}
		if o.wrong {
			presentWrong++
		}
	}
	if present >= nExpect {
		return "", false
	}
	return fmt.Sprintf("%s, only the %d cases whose entry the served catalog has: right %s, claimed & wrong %s",
		ep, present, pct(presentRight, present), pct(presentWrong, present)), true
}

// tally holds one endpoint's counts over a set of cases.
type tally struct {
	right, first, claimed, claimedRight, wrong, quiet, errs, findOK int
	answers                                                         map[string]int
}

func tallyOutcomes(outs []outcome) tally {
	t := tally{answers: map[string]int{}}
	for _, o := range outs {
		if o.err != nil {
			t.errs++
			continue
		}
		t.answers[o.answer]++
		if o.c.Noise {
			if o.quiet {
				t.quiet++
			}
			continue
		}
		t.add(o)
	}
	return t
}

// add counts an outcome of a case with an expected entry.
func (t *tally) add(o outcome) {
	if o.right {
		t.right++
	}
	if o.rank == 1 {
		t.first++
	}
	if o.claimed {
		t.claimed++
		if o.rank == 1 {
			t.claimedRight++
		}
	}
	if o.wrong {
		t.wrong++
	}
	if o.findOK {
		t.findOK++
	}
}

// severity orders failures: a claimed answer on noise or a claimed wrong
// first result is worst, then a right entry missing from its rank, then
// errors.
func severity(o outcome) (int, bool) {
	switch {
	case o.err != nil:
		return 3, true
	case o.c.Noise && o.claimed:
		return 0, true
	case o.c.Noise:
		return 0, false
	case o.wrong:
		return 1, true
	case !o.right:
		return 2, true
	case o.findWant && !o.findOK:
		return 2, true
	}
	return 0, false
}

var labels = [...]string{"CLAIMED-WRONG", "CLAIMED-WRONG", "MISSED", "ERROR"}

func printFailures(w io.Writer, name, ep string, outs []outcome, width int, cl *client) {
	var fails []outcome
	for _, o := range outs {
		if _, bad := severity(o); bad {
			fails = append(fails, o)
		}
	}
	defer printTimid(w, name, ep, outs, width)
	if len(fails) == 0 {
		fmt.Fprintf(w, "%s %s: no failures\n\n", name, ep)
		return
	}
	sort.SliceStable(fails, func(i, j int) bool {
		si, _ := severity(fails[i])
		sj, _ := severity(fails[j])
		return si < sj
	})
	absent := 0
	for _, o := range fails {
		if cl.missing(o.c) {
			absent++
		}
	}
	fmt.Fprintf(w, "### %s %s: %d failures (%d of them expect an entry the served catalog lacks)\n\n", name, ep, len(fails), absent)
	for _, o := range fails {
		s, _ := severity(o)
		want := "noise (unsure/none)"
		if !o.c.Noise {
			want = strings.Join(o.c.Expect, " | ") + fmt.Sprintf(" within %d", o.c.Within)
			if o.c.Mentions != "" {
				want += " mentioning " + strconv.Quote(o.c.Mentions)
			}
		}
		got := "error: " + fmt.Sprint(o.err)
		if o.err == nil {
			got = o.answer + ", no results"
			if o.top != nil {
				got = fmt.Sprintf("%s %s/%s (%s)", o.top.ID, o.answer, o.top.Confidence, o.top.Match)
			}
			if !o.c.Noise {
				if o.rank > 0 {
					got += fmt.Sprintf("; right at rank %d", o.rank)
				} else {
					got += "; right not in results"
				}
			}
			if ep == "identify" {
				got += fmt.Sprintf("; %d findings", o.findings)
				if o.findWant && !o.findOK {
					got += " (missing one of " + strings.Join(o.c.Findings, ", ") + ")"
				}
			}
		}
		if cl.missing(o.c) {
			want += " [not in the served catalog]"
		}
		fmt.Fprintf(w, "- %s `%s`\n  want %s; got %s\n", labels[s], shorten(o.c.Q, width), want, got)
	}
	fmt.Fprintln(w)
}

// printTimid lists the cases whose first result is right but whose answer
// is unsure or none: not failures, but a right answer the user is told not
// to trust.
func printTimid(w io.Writer, name, ep string, outs []outcome, width int) {
	var timid []outcome
	for _, o := range outs {
		if o.err == nil && !o.c.Noise && o.rank == 1 && !o.claimed {
			timid = append(timid, o)
		}
	}
	if len(timid) == 0 {
		return
	}
	fmt.Fprintf(w, "#### %s %s: right first but answered unsure/none (%d, not counted as failures)\n\n", name, ep, len(timid))
	for _, o := range timid {
		fmt.Fprintf(w, "- TIMID `%s` → %s %s/%s\n", shorten(o.c.Q, width), o.top.ID, o.answer, o.top.Confidence)
	}
	fmt.Fprintln(w)
}

func pct(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %.1f%%", n, of, 100*float64(n)/float64(of))
}

func answerCounts(m map[string]int) string {
	var parts []string
	for _, k := range []string{"found", "ambiguous", "unsure", "none"} {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// shorten puts a query on one line of at most n runes, with its line breaks
// shown as ⏎ and backticks replaced so the Markdown stays intact.
func shorten(q string, n int) string {
	q = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\t", " ", "`", "'").Replace(q)
	if utf8.RuneCountInString(q) <= n {
		return q
	}
	r := []rune(q)
	return string(r[:n-1]) + "…"
}
