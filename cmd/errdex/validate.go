package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/errdex/errdex"
)

func init() {
	register(&command{
		name:    "validate",
		summary: "check a catalog directory (the built-in catalog when DIR is omitted)",
		run:     runValidate,
	})
}

func runValidate(_ context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(env.err)
	fs.Usage = func() {
		fmt.Fprint(env.err, `Usage: errdex validate [DIR]

Loads every *.yaml file of DIR (default: the catalog built into errdex),
decodes it strictly and checks it. Prints each problem as
file:line: entry-id: message and exits 1, or prints
"ok: N entries (SYSTEM COUNT, ...)" and exits 0. Warnings (fields leaving
the schema) print as file:line: entry-id: warning: message and do not
fail the check.
`)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitUsage
	}
	var (
		cat *errdex.Catalog
		err error
	)
	if dir := fs.Arg(0); dir != "" {
		cat, err = errdex.LoadDir(dir)
	} else {
		cat, err = errdex.Builtin()
	}
	var verr *errdex.ValidationError
	switch {
	case errors.As(err, &verr):
		n := 0
		for _, p := range verr.Problems {
			fmt.Fprintln(env.out, p)
			if !p.Warning {
				n++
			}
		}
		fmt.Fprintf(env.out, "%d problem(s)\n", n)
		return exitNotFound
	case err != nil:
		env.errorf("%v", err)
		return exitFailed
	}
	for _, p := range cat.Warnings {
		fmt.Fprintln(env.out, p)
	}
	fmt.Fprintln(env.out, okLine(cat))
	return exitOK
}

// okLine summarises a valid catalog: "ok: 71 entries (kakao-share 22, ...)".
func okLine(cat *errdex.Catalog) string {
	parts := make([]string, 0, len(cat.Systems()))
	for _, s := range cat.Systems() {
		parts = append(parts, fmt.Sprintf("%s %d", s.ID, cat.Count(s.ID)))
	}
	if n := len(cat.Records()); n > 0 {
		return fmt.Sprintf("ok: %d entries (%s), %d provider records", cat.Len(), strings.Join(parts, ", "), n)
	}
	return fmt.Sprintf("ok: %d entries (%s)", cat.Len(), strings.Join(parts, ", "))
}
