package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
)

var analysisWorkersOnce sync.Once

// UseOneAnalysisWorker makes every index built from now on in the process
// analyze its documents on one goroutine instead of Bleve's four, for a
// server that builds indexes while it answers requests: on two
// processors, four analysis goroutines took both from the requests for the
// length of the analysis, and the requests that came meanwhile waited
// about a scheduler slice (10 ms) each (docs/reliability.md). At the real
// catalog's size a build takes the same time either way; the documents
// reach the analysis one at a time anyway.
//
// Only the first call does anything, and it must come before any index is
// built: Bleve stops the workers it replaces, and a build still using them
// would never finish.
func UseOneAnalysisWorker() {
	analysisWorkersOnce.Do(func() { bleve.Config.SetAnalysisQueueSize(1) })
}
