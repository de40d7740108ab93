package main

import (
	"context"
	"errors"
	"flag"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
)

func init() {
	register(&command{
		name:    "search",
		summary: "ranked search in English or Korean (search 잔액 부족)",
		run:     runSearch,
	})
}

const searchUsage = `Usage: errdex search [flags] QUERY...

Searches the catalog the way the web UI and the API do: codes and aliases
first, then words in titles, summaries, causes and fixes, in English or
Korean, typos forgiven. The best match is shown in full, the others briefly.
Quoting the query is optional: every word is searched.

Examples:
  errdex search 잔액 부족
  errdex search template not found --system kakao-share
  errdex search rate limit --limit 3
  errdex search 401 --json                     the API's JSON, for scripts

Exit status: 0 found (one or several), 1 no confident match, 2 bad usage,
3 a failure (the catalog does not load, standard input cannot be read).

Flags:
`

func runSearch(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	var (
		o      outputFlags
		system string
		limit  int
	)
	o.register(fs, env, true)
	fs.StringVar(&system, "system", "", "only entries of this `system` (kmsg, kirim, kakao-share)")
	fs.IntVar(&limit, "limit", errdex.DefaultLimit, "show at most `n` results (1 to 100)")
	words, code := parseArgs(env, fs, args, searchUsage)
	if code >= 0 {
		return code
	}
	query := joinArgs(words)
	if query == "" {
		env.errorf("search: what should I search for? For example: errdex search 잔액 부족")
		return exitUsage
	}
	if app.IsPaste(query) {
		// search takes what a person types; a paste goes to identify,
		// which says what it read. (The pages and Slack, which take both
		// in one box, pass a paste on to identify themselves.)
		env.errorf("search: the query is longer than %d bytes; pipe a pasted error into errdex identify", errdex.MaxQueryBytes)
		return exitUsage
	}
	if limit < 1 || limit > errdex.MaxLimit {
		env.errorf("--limit: %d is not between 1 and %d", limit, errdex.MaxLimit)
		return exitUsage
	}
	// The one language rule: --lang wins; else a question typed in Hangul
	// is answered in Korean; else the locale decides (o.open).
	if o.lang == "" && app.IsTyped(query) && app.ChooseLang("", query, "") == errdex.Korean {
		o.lang = string(errdex.Korean)
	}
	s, code := o.open(env)
	if code >= 0 {
		return code
	}
	defer s.close()
	if code := s.checkSystem(env, system); code >= 0 {
		return code
	}
	resp, err := s.app.Search(ctx, errdex.Request{Query: query, System: system, Lang: s.lang, Limit: limit})
	if code := searchFailed(env, "search", err); code >= 0 {
		return code
	}
	return s.answer(env, "search", o.json, s.api.Search(resp),
		func() error { return s.term.Search(env.out, resp) }, resp.Answer)
}

// searchFailed reports a failed search and returns its exit status, or -1
// when err is nil. A query that breaks a limit (too long, not UTF-8) is the
// user's to fix: bad usage.
func searchFailed(env *cmdEnv, cmd string, err error) int {
	if err == nil {
		return -1
	}
	var ferr *errdex.FieldError
	if errors.As(err, &ferr) {
		env.errorf("%s: %s", cmd, ferr.Message)
		return exitUsage
	}
	env.errorf("%s: %v", cmd, err)
	return exitFailed
}
