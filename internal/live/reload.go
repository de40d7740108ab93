package live

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errdex/errdex"
)

// BuildFunc indexes a validated catalog.
type BuildFunc func(ctx context.Context, cat *errdex.Catalog) (errdex.Index, error)

// Outcome is what one reload did.
type Outcome struct {
	// OK is true when the directory held a valid catalog that is now served
	// (or was already: see Unchanged).
	OK bool
	// Unchanged is true when the catalog's content hash equals the one being
	// served, so nothing was rebuilt.
	Unchanged bool
	// Trigger says what asked for the reload ("watch", "sighup", ...).
	Trigger  string
	At       time.Time
	Duration time.Duration
	// Version and Entries describe the catalog served after the reload.
	Version string
	Entries int
	// Err says why a failed reload failed; Problems lists every problem of a
	// catalog that failed validation.
	Err      string
	Problems []errdex.Problem
}

// Reloader reloads a catalog directory into a Holder. Reloads run one at a
// time; the Holder keeps answering from the last good index meanwhile.
type Reloader struct {
	dir    string
	loader *errdex.DirLoader
	holder *Holder
	build  BuildFunc
	log    *slog.Logger

	// Timeout bounds one reload (loading, validating, indexing); 0 means
	// DefaultReloadTimeout. A reload past it is refused, so a file that
	// never finishes reading (a FIFO, a hung network mount) cannot stop
	// every later reload.
	Timeout time.Duration

	// running counts reloads whose goroutine has not ended, abandoned
	// ones included.
	running atomic.Int64

	mu         sync.Mutex // serialises reloads
	last       atomic.Pointer[Outcome]
	ok, failed atomic.Int64
}

// DefaultReloadTimeout is a Reloader's Timeout unless set.
const DefaultReloadTimeout = 60 * time.Second

// NewReloader returns a Reloader of dir into h, indexing with build.
func NewReloader(dir string, h *Holder, build BuildFunc, log *slog.Logger) *Reloader {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reloader{dir: dir, loader: errdex.NewDirLoader(dir), holder: h, build: build, log: log}
}

// Dir returns the directory reloaded from.
func (r *Reloader) Dir() string { return r.dir }

// Last returns the outcome of the most recent reload, and false before the
// first one.
func (r *Reloader) Last() (Outcome, bool) {
	if o := r.last.Load(); o != nil {
		return *o, true
	}
	return Outcome{}, false
}

// Counts returns how many reloads succeeded and failed so far.
func (r *Reloader) Counts() (ok, failed int64) { return r.ok.Load(), r.failed.Load() }

// Reload loads, validates and indexes the directory, and swaps the new
// index in. A catalog with problems, or one that fails to index, is not
// applied: the last good index keeps serving. Every problem is logged with
// its file and line.
func (r *Reloader) Reload(ctx context.Context, trigger string) Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()

	start := time.Now()
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultReloadTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// The reload runs on its own goroutine so that one stuck in a read
	// (which no context interrupts) is abandoned at the deadline, or at
	// once when ctx ends at shutdown, rather than waited for. An abandoned
	// reload swaps nothing in: reload checks ctx before it swaps.
	done := make(chan Outcome, 1)
	r.running.Add(1)
	go func() {
		defer r.running.Add(-1)
		done <- r.reload(ctx)
	}()
	var o Outcome
	select {
	case o = <-done:
	case <-ctx.Done():
		o = Outcome{Err: "the reload did not finish in time (" + timeout.String() + "); the last good catalog keeps serving"}
		if ctx.Err() == context.Canceled {
			o.Err = "the reload was cancelled"
		}
		r.refused(&o, r.holder.Current())
	}
	o.Trigger = trigger
	o.At = start
	o.Duration = time.Since(start)
	if o.OK {
		r.ok.Add(1)
	} else {
		r.failed.Add(1)
	}
	r.last.Store(&o)
	return o
}

func (r *Reloader) reload(ctx context.Context) Outcome {
	served := r.holder.Current()
	var servedCat *errdex.Catalog
	if served != nil {
		servedCat = served.Catalog()
	}
	// Most changes to a directory being edited restore what is served (a
	// fix after a broken save): the loader then hands back the served
	// catalog without parsing it again. It parses only the files that
	// changed, on one processor, so that requests keep the other.
	cat, err := r.loader.Load(servedCat)
	if err != nil {
		o := Outcome{Err: err.Error()}
		var verr *errdex.ValidationError
		if errors.As(err, &verr) {
			o.Problems = verr.Problems
			o.Err = "catalog has problems; the last good catalog keeps serving"
		}
		r.refused(&o, served)
		return o
	}
	if served != nil && served.Catalog().Version == cat.Version {
		r.log.Debug("catalog unchanged", "dir", r.dir, "version", cat.Version)
		return Outcome{OK: true, Unchanged: true, Version: cat.Version, Entries: cat.Len()}
	}
	if ctx.Err() != nil {
		return Outcome{Err: "the reload was cancelled"}
	}
	idx, err := r.build(ctx, cat)
	if err != nil {
		o := Outcome{Err: "indexing the catalog failed: " + err.Error()}
		r.refused(&o, served)
		return o
	}
	if ctx.Err() != nil {
		// Too late: Reload has given up on this one and said so.
		idx.Close()
		return Outcome{Err: "the reload did not finish in time"}
	}
	r.holder.Swap(idx)
	r.log.Info("catalog reloaded", "dir", r.dir, "version", cat.Version, "entries", cat.Len())
	return Outcome{OK: true, Version: cat.Version, Entries: cat.Len()}
}

// refused logs a reload that was not applied, one line per problem so that
// each names its file and line, and fills in what keeps serving.
func (r *Reloader) refused(o *Outcome, served errdex.Index) {
	if served != nil {
		o.Version = served.Catalog().Version
		o.Entries = served.Catalog().Len()
	}
	r.log.Error("catalog reload refused; the last good catalog keeps serving",
		"dir", r.dir, "err", o.Err, "problems", len(o.Problems), "serving_version", o.Version)
	for _, p := range o.Problems {
		r.log.Error("catalog problem", "file", p.File, "line", p.Line, "entry", p.Entry, "problem", p.Message)
	}
}
