package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/api"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/textfmt"
)

func init() {
	register(&command{
		name:    "lookup",
		summary: "every entry with a code, alias or provider code (lookup 4019)",
		run:     runLookup,
	})
}

const lookupUsage = `Usage: errdex lookup [flags] CODE

Shows every entry whose code, alias or provider code is CODE, in every
system, in full: what it means, whether to retry, its causes and its fixes.
A provider's own record of the code (its meaning, the entry it becomes)
comes first. Case does not matter, and noise around a code copied from a
log is ignored (quotes, brackets, "code=").

Examples:
  errdex lookup 4019
  errdex lookup KOE009 --lang ko
  errdex lookup -401 --system kakao-share      Kakao's -401 has three variants
  errdex lookup "iwinv 519"                    a provider's own code
  errdex lookup blockedAccount                 an SDK's name (Kakao's -4)
  errdex lookup invalid_api_key --json         the API's JSON, for scripts

Exit status: 0 found (entries, or a provider's record), 1 no confident
match, 2 bad usage, 3 a failure (the catalog does not load, standard input
cannot be read).

Flags:
`

func runLookup(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("lookup", flag.ContinueOnError)
	var (
		o      outputFlags
		system string
	)
	o.register(fs, env, true)
	fs.StringVar(&system, "system", "", "only entries of this `system` (kmsg, kirim, kakao-share)")
	words, code := parseArgs(env, fs, args, lookupUsage)
	if code >= 0 {
		return code
	}
	key := joinArgs(words)
	if key == "" {
		env.errorf("lookup: which code? For example: errdex lookup 4019")
		return exitUsage
	}
	s, code := o.open(env)
	if code >= 0 {
		return code
	}
	defer s.close()
	if code := s.checkSystem(env, system); code >= 0 {
		return code
	}
	lk, err := s.app.Lookup(key, system)
	if code := searchFailed(env, "lookup", err); code >= 0 {
		return code
	}
	ms := lk.Matches
	out := s.api.Lookup(s.cat, key, system, ms)
	recs := lk.Records
	code = s.answer(env, "lookup", o.json, out, func() error {
		if len(recs) > 0 {
			if err := writeRecords(env.out, s.cat, recs, s.lang, s.term.BaseURL, s.term.Width); err != nil || len(ms) == 0 {
				return err
			}
		}
		return s.term.Lookup(env.out, key, ms)
	}, out.Answer)
	if code == exitNotFound && len(recs) > 0 {
		// A provider's record answers in its own meaning, with or
		// without an entry (Kakao's -4, blockedAccount).
		return exitOK
	}
	return code
}

// The rest of this file is shared by lookup, search, identify and export.

// outputFlags are the flags every lookup command has: where the catalog
// comes from, the answer's language, and JSON instead of text.
type outputFlags struct {
	catalog string
	lang    string
	json    bool
	getenv  func(string) string
}

// register adds the flags to fs; withJSON adds --json, which export,
// having its own --format, does without.
func (o *outputFlags) register(fs *flag.FlagSet, env *cmdEnv, withJSON bool) {
	o.getenv = env.getenv
	fs.StringVar(&o.catalog, "catalog", env.getenv(envCatalog), "catalog `dir`ectory to read (env "+envCatalog+"; default: built in)")
	fs.StringVar(&o.lang, "lang", "", "answer in `en` or ko (default: from LC_ALL, LC_MESSAGES or LANG)")
	if withJSON {
		fs.BoolVar(&o.json, "json", false, "print the JSON the HTTP API answers, for scripts")
	}
}

// session is what a command works with once its flags are read: the
// catalog, its index and the renderers for text and JSON.
type session struct {
	cat *errdex.Catalog
	// app answers the questions, from the index holder serves.
	app    *app.Service
	holder *live.Holder
	lang   errdex.Lang
	term   textfmt.Terminal
	api    api.Builder
}

// open loads the catalog, indexes it and sets up the output. It returns a
// non-negative exit status when the command cannot go on.
func (o *outputFlags) open(env *cmdEnv) (*session, int) {
	lang, ok := o.language()
	if !ok {
		env.errorf("--lang: %q is not en or ko", o.lang)
		return nil, exitUsage
	}
	var ix errdex.Index
	if o.catalog == "" {
		b, err := builtinIndex()
		if err != nil {
			env.errorf("loading the catalog: %v", err)
			return nil, exitFailed
		}
		ix = b
	} else {
		cat, code := openCatalog(env, o.catalog)
		if code >= 0 {
			return nil, code
		}
		six, err := search.New(context.Background(), cat, search.Options{})
		if err != nil {
			env.errorf("indexing the catalog: %v", err)
			return nil, exitFailed
		}
		ix = six
	}
	cat := ix.Catalog()
	holder := live.NewHolder(ix, nil)
	// With ERRDEX_BASE_URL (the variable serve reads) the page links point
	// at a running errdex; without it they are site paths.
	baseURL := strings.TrimRight(env.getenv(envBaseURL), "/")
	color := wantColor(isTerminal(env.out), env.getenv)
	return &session{
		cat:    cat,
		app:    app.New(holder, app.Config{}),
		holder: holder,
		lang:   lang,
		term: textfmt.Terminal{
			Lang:    lang,
			Width:   termWidth(env),
			Color:   color,
			Catalog: cat,
			BaseURL: baseURL,
		},
		api: api.Builder{Lang: lang, BaseURL: baseURL},
	}, -1
}

func (s *session) close() { s.holder.Close() }

// checkSystem refuses an unknown --system up front, naming the known ones,
// rather than quietly finding nothing.
func (s *session) checkSystem(env *cmdEnv, system string) int {
	if system == "" {
		return -1
	}
	if _, ok := s.cat.System(system); ok {
		return -1
	}
	ids := make([]string, 0, len(s.cat.Systems()))
	for _, sys := range s.cat.Systems() {
		ids = append(ids, sys.ID)
	}
	env.errorf("--system: unknown system %q (known: %s)", system, strings.Join(ids, ", "))
	return exitUsage
}

// printJSON writes v indented, with <, > and & left as they are: the
// output is read by people and scripts, not embedded in HTML.
// answer prints what a command found, as the API's JSON (asJSON) or for a
// terminal, and returns the exit status: 0 when the answer is found or
// ambiguous, 1 when it is unsure or none.
func (s *session) answer(env *cmdEnv, cmd string, asJSON bool, apiValue any, terminal func() error, a errdex.Answer) int {
	var err error
	if asJSON {
		err = s.printJSON(env, apiValue)
	} else {
		err = terminal()
	}
	if err != nil {
		env.errorf("%s: %v", cmd, err)
		return exitFailed
	}
	if !a.Claims() {
		return exitNotFound
	}
	return exitOK
}

func (s *session) printJSON(env *cmdEnv, v any) error {
	enc := json.NewEncoder(env.out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// language is --lang, or else the locale's language: LC_ALL, LC_MESSAGES
// and LANG in the order POSIX gives them precedence; Korean for ko_KR.*,
// English for anything else.
func (o *outputFlags) language() (errdex.Lang, bool) {
	if o.lang != "" {
		return errdex.ParseLang(o.lang)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := o.getenv(name)
		if v == "" {
			continue
		}
		// ko_KR.UTF-8, ko_KR@euro: the language is before the dot or at-sign.
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if lang, ok := errdex.ParseLang(v); ok {
			return lang, true
		}
		return errdex.English, true
	}
	return errdex.English, true
}

// openCatalog loads the catalog in dir, or the built-in one when dir is "".
func openCatalog(env *cmdEnv, dir string) (*errdex.Catalog, int) {
	var (
		cat *errdex.Catalog
		err error
	)
	if dir != "" {
		cat, err = errdex.LoadDir(dir)
	} else {
		cat, err = errdex.Builtin()
	}
	if err != nil {
		env.errorf("loading the catalog: %v", err)
		if dir != "" {
			env.errorf(`"errdex validate %s" lists every problem`, dir)
		}
		return nil, exitFailed
	}
	return cat, -1
}

// builtinIndex indexes the built-in catalog once per process. A command
// runs once, but the tests run hundreds in one process; the index is
// shared, so a session's close leaves it open.
var builtinIndex = sync.OnceValues(func() (errdex.Index, error) {
	cat, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	ix, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		return nil, fmt.Errorf("indexing the catalog: %w", err)
	}
	return sharedIndex{ix}, nil
})

// sharedIndex is an index no session closes.
type sharedIndex struct{ errdex.Index }

func (sharedIndex) Close() error { return nil }

// termWidth is the width to wrap text to: the terminal's when standard
// output is one, else COLUMNS when set, else 80.
func termWidth(env *cmdEnv) int {
	if f, ok := env.out.(*os.File); ok && isTerminal(f) {
		if w, ok := textfmt.TermWidth(f); ok {
			return w
		}
	}
	if n, err := strconv.Atoi(env.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return textfmt.DefaultWidth
}

// parseArgs parses flags wherever they stand among the arguments, so that
// "errdex lookup 4019 --system kmsg" works as well as flags first. An
// argument that is a negative number ("-401", a Kakao code) is not taken
// for a flag, and "--" ends the flags. -h prints usage (with the flags) to
// standard output. It returns the arguments left and -1, or the exit
// status when the command should stop.
func parseArgs(env *cmdEnv, fs *flag.FlagSet, args []string, usage string) ([]string, int) {
	fs.SetOutput(env.err)
	fs.Usage = func() {} // errors are reported below; -h prints to stdout
	printUsage := func(w io.Writer) {
		fmt.Fprint(w, usage)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(env.err)
	}
	var words []string
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			words = append(words, args[1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" || negativeNumber.MatchString(a) {
			words = append(words, a)
			args = args[1:]
			continue
		}
		n := 1 // the flag alone, or the flag and its value
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && len(args) > 1 {
			n = 2
		}
		if err := fs.Parse(args[:n]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(env.out)
				return nil, exitOK
			}
			fmt.Fprintf(env.err, "Run \"errdex %s -h\" for its usage and examples.\n", fs.Name())
			return nil, exitUsage
		}
		args = args[n:]
	}
	return words, -1
}

var negativeNumber = regexp.MustCompile(`^-[0-9]`)

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// wantColor reports whether to colour the output: on a terminal, unless
// NO_COLOR is set or the terminal says it is dumb (TERM=dumb: Emacs shells,
// some CI logs), which shows escape codes as they are.
func wantColor(terminal bool, getenv func(string) string) bool {
	return terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}
