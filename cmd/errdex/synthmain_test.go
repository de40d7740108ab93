package main

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/synth"
)

// envSynthEntries, set in the environment of this package's test binary,
// makes the binary errdex itself (main, with its signal handling) serving a
// synthetic catalog of that many entries instead of running the tests.
// bench/sigterm.sh uses it to send a real SIGTERM during a 100k-entry
// build: errdex serve cannot be given such a catalog any other way, since
// the loader refuses a catalog over errdex.MaxCatalogSize (4 MiB) of YAML.
const envSynthEntries = "ERRDEX_TEST_SYNTH_ENTRIES"

// mainWithSyntheticCatalog runs main (which exits) when envSynthEntries is
// set, and returns otherwise.
func mainWithSyntheticCatalog() {
	s := os.Getenv(envSynthEntries)
	if s == "" {
		return
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "%s=%q: not a number of entries\n", envSynthEntries, s)
		os.Exit(exitUsage)
	}
	serveCatalog = func(serveConfig, *slog.Logger) (*errdex.Catalog, error) {
		return syntheticCatalog(n)
	}
	main()
}

// syntheticCatalog is the built-in catalog scaled up to n entries.
func syntheticCatalog(n int) (*errdex.Catalog, error) {
	base, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	set, err := synth.Generate(base, synth.Options{Entries: n, Seed: 1, QueriesPerKind: 1})
	if err != nil {
		return nil, err
	}
	return set.Catalog, nil
}
