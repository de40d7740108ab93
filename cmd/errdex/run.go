package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/errdex/errdex/internal/textfmt"
)

// Exit statuses of every command.
const (
	exitOK       = 0 // done; for lookups: something was found
	exitNotFound = 1 // nothing found (or no confident match), or the catalog has problems
	exitUsage    = 2 // bad usage
	exitFailed   = 3 // something failed that is not the answer: a catalog that does not load, I/O
)

// stdio is where a command reads and writes; tests pass buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand of errdex.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cmdEnv, args []string) int
}

// cmdEnv is what every command gets: its streams and the environment.
type cmdEnv struct {
	stdio
	getenv func(string) string
}

func (e *cmdEnv) errorf(format string, args ...any) {
	fmt.Fprintf(e.err, "errdex: "+format+"\n", args...)
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// run parses the subcommand and runs it, returning the exit status.
func run(ctx context.Context, args []string, io stdio, getenv func(string) string) int {
	env := &cmdEnv{stdio: io, getenv: getenv}
	if len(args) == 0 {
		usage(env.err)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(ctx, env, []string{"-h"})
			}
		}
		usage(env.out)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		env.errorf("unknown command %q", name)
		usage(env.err)
		return exitUsage
	}
	return c.run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprint(w, `errdex: look up error codes of K-Message, the Kirim API and Kakao Talk Share.

Usage:
  errdex <command> [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Examples:
  errdex lookup 4019                    everything about one code
  errdex search 잔액 부족               search in Korean or English
  echo '{"error":{"code":"invalid_api_key"}}' | errdex identify
  errdex lookup KOE009 --json           the API's JSON, for scripts

Exit status: 0 found (one or several), 1 no confident match, 2 bad usage,
3 a failure (a catalog that does not load, reading or writing).
Run "errdex help <command>" or "errdex <command> -h" for a command's flags.
`)
}

// isTerminal reports whether w is a terminal, for colour and layout.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && textfmt.IsTerminal(f)
}

// joinArgs joins the words of a query given as several arguments.
func joinArgs(args []string) string { return strings.TrimSpace(strings.Join(args, " ")) }
