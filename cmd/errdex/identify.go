package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/errdex/errdex"
)

func init() {
	register(&command{
		name:    "identify",
		summary: "name the errors in a pasted payload or log, read from stdin",
		run:     runIdentify,
	})
}

const identifyUsage = `Usage: errdex identify [flags] [TEXT]

Reads an error as it was printed, a JSON payload, a log line or a whole
log, from standard input (or from TEXT), and names the entries it is about,
each with the evidence that matched: a code, a provider code, an HTTP
status, a known message. Up to 64 KiB is read; the rest is ignored, with a
warning.

Examples:
  echo '{"error":{"code":"invalid_api_key"}}' | errdex identify
  kubectl logs deploy/sender | tail -50 | errdex identify
  errdex identify < error.json --lang ko
  errdex identify 'KMsgError: 잔액이 부족합니다 (providerErrorCode -102)'
  pbpaste | errdex identify --json             the API's JSON, for scripts

Typing into it directly works too: paste, then press Ctrl-D on a new line.

Exit status: 0 found (one or several), 1 no confident match, 2 bad usage,
3 a failure (the catalog does not load, standard input cannot be read).

Flags:
`

// exitInterrupted is what shells report for a command ended by SIGINT.
const exitInterrupted = 130

func runIdentify(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("identify", flag.ContinueOnError)
	var (
		o     outputFlags
		limit int
	)
	o.register(fs, env, true)
	fs.IntVar(&limit, "limit", 5, "show at most `n` entries (1 to 100)")
	words, code := parseArgs(env, fs, args, identifyUsage)
	if code >= 0 {
		return code
	}
	if limit < 1 || limit > errdex.MaxLimit {
		env.errorf("--limit: %d is not between 1 and %d", limit, errdex.MaxLimit)
		return exitUsage
	}
	text := strings.Join(words, " ")
	if len(words) == 0 {
		if isTerminalReader(env.in) {
			fmt.Fprintln(env.err, "Paste the error or log, then press Ctrl-D on a new line (Ctrl-C to give up).")
		}
		var (
			cut bool
			err error
		)
		text, cut, err = readCapped(ctx, env.in, errdex.MaxIdentifyBytes)
		switch {
		case errors.Is(err, context.Canceled):
			return exitInterrupted
		case err != nil:
			env.errorf("identify: reading standard input: %v", err)
			return exitFailed
		case cut:
			env.errorf("identify: the input is longer than %d KiB; only its first %d KiB were read", errdex.MaxIdentifyBytes>>10, errdex.MaxIdentifyBytes>>10)
		}
	}
	if !utf8.ValidString(text) {
		// A log may carry stray bytes; they cannot matter to a match, and
		// replacing each with one byte keeps the text within the cap.
		text = strings.ToValidUTF8(text, "?")
	}
	if strings.TrimSpace(text) == "" {
		env.errorf("identify: nothing to identify; pipe an error into it, for example:")
		fmt.Fprintln(env.err, `  echo '{"error":{"code":"invalid_api_key"}}' | errdex identify`)
		return exitUsage
	}
	s, code := o.open(env)
	if code >= 0 {
		return code
	}
	defer s.close()
	resp, err := s.app.Identify(ctx, text, s.lang, limit)
	if code := searchFailed(env, "identify", err); code >= 0 {
		return code
	}
	return s.answer(env, "identify", o.json, s.api.Identify(resp),
		func() error { return s.term.Identify(env.out, resp) }, resp.Answer)
}

// readCapped reads r to its end, keeping at most max bytes (cut at a
// character boundary) and reporting whether there was more. The read runs
// aside so that Ctrl-C ends the command even while it waits for input:
// main's context catches SIGINT, so the signal no longer kills the process.
func readCapped(ctx context.Context, r io.Reader, max int) (string, bool, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		// One byte more than max tells that there was more. The rest is not
		// read: like head, identify stops at its cap even on an endless pipe.
		b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
		done <- result{b, err}
	}()
	select {
	case <-ctx.Done():
		return "", false, ctx.Err()
	case res := <-done:
		if res.err != nil {
			return "", false, res.err
		}
		if len(res.b) <= max {
			return string(res.b), false, nil
		}
		b := res.b[:max]
		for len(b) > 0 && !utf8.RuneStart(res.b[len(b)]) {
			b = b[:len(b)-1]
		}
		return string(b), true, nil
	}
}

// isTerminalReader reports whether r is a terminal: then nobody is piping
// anything in and the user needs to be told to paste.
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && isTerminal(f)
}
