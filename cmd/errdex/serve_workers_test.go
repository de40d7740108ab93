package main

import (
	"runtime/pprof"
	"strings"
	"testing"
)

// serve builds indexes (a reload's, while requests are answered) with one
// analysis goroutine, not Bleve's four: four took both processors of a
// two-core machine from the requests during a reload's build.
func TestServeAnalysesOnOneGoroutine(t *testing.T) {
	startServe(t)
	var b strings.Builder
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		t.Fatal(err)
	}
	// With debug 1, each distinct stack is one record: "N @ 0x..." and
	// its frames; N goroutines share it.
	workers := 0
	for _, rec := range strings.Split(b.String(), "\n\n") {
		if !strings.Contains(rec, "bleve_index_api.AnalysisWorker") {
			continue
		}
		var n int
		for _, c := range rec {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		workers += n
	}
	if workers != 1 {
		t.Errorf("%d goroutines run Bleve's analysis workers, want 1", workers)
	}
}
