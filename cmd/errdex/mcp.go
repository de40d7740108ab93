package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/errdex/errdex/internal/mcp"
)

func init() {
	register(&command{
		name:    "mcp",
		summary: "serve the Model Context Protocol on stdin/stdout, for AI assistants",
		run:     runMCP,
	})
}

const mcpUsage = `Usage: errdex mcp [flags]

Serves errdex to an AI assistant over the Model Context Protocol on
standard input and output: the tools lookup, search, identify and get_entry,
and every entry as the resource errdex://entries/{id}. The assistant starts
it; for Claude Code:

  claude mcp add errdex -- errdex mcp

Standard output carries the protocol only; problems go to standard error.
The catalog is read once at start (restart to pick up edits). With
ERRDEX_BASE_URL set, permalinks point at that errdex; without it they are
site paths (/codes/kmsg/INSUFFICIENT_BALANCE).

Flags:
`

func runMCP(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("mcp", flag.ContinueOnError)
	var o outputFlags
	o.register(fs, env, false)
	fs.SetOutput(env.err)
	fs.Usage = func() {
		fmt.Fprint(env.err, mcpUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		env.errorf("mcp: unexpected argument %q", fs.Arg(0))
		return exitUsage
	}
	s, code := o.open(env)
	if code >= 0 {
		return code
	}
	defer s.close()
	log := slog.New(slog.NewTextHandler(env.err, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := mcp.New(mcp.Config{
		App:     s.app,
		BaseURL: strings.TrimRight(env.getenv(envBaseURL), "/"),
		Lang:    s.lang,
		Version: s.cat.Version,
		Logger:  log,
	})
	if err := srv.Run(ctx, env.in, env.out); err != nil {
		env.errorf("mcp: %v", err)
		return exitNotFound
	}
	return exitOK
}
