// Package live keeps the search index that errdex serves current while the
// catalog changes under it.
//
// A Holder owns the index being served. Requests Acquire it and Release it
// when done; a reload builds a whole new index off to the side and Swaps it
// in with one atomic store, so a request sees either the old index or the
// new one, never a half-built one. The old index is closed only when the
// last request that acquired it releases it.
//
// A Reloader loads a catalog directory, validates and indexes it, and swaps
// it in, or, when the catalog has problems, keeps the last good index
// serving and records the failure. Watch calls a Reloader when the
// directory changes.
package live

import (
	"log/slog"
	"sync/atomic"

	"github.com/errdex/errdex"
)

// Holder holds the index being served. It is safe for concurrent use.
type Holder struct {
	cur atomic.Pointer[ref]
	log *slog.Logger
	// onClose, when set, is told after an index has been closed (tests).
	onClose func(errdex.Index)
}

// ref counts the users of one index. The Holder itself holds one reference
// while the index is current; each Acquire adds one.
type ref struct {
	idx errdex.Index
	n   atomic.Int64
}

// NewHolder returns a Holder serving idx, which must not be nil.
func NewHolder(idx errdex.Index, log *slog.Logger) *Holder {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Holder{log: log}
	h.cur.Store(newRef(idx))
	return h
}

func newRef(idx errdex.Index) *ref {
	r := &ref{idx: idx}
	r.n.Store(1)
	return r
}

// tryAcquire adds a reference unless the count has already dropped to zero,
// which means the index is closed or about to be.
func (r *ref) tryAcquire() bool {
	for {
		n := r.n.Load()
		if n <= 0 {
			return false
		}
		if r.n.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

func (r *ref) release(h *Holder) {
	if r.n.Add(-1) == 0 {
		if err := r.idx.Close(); err != nil {
			h.log.Warn("closing a replaced index", "version", r.idx.Catalog().Version, "err", err)
		}
		if h.onClose != nil {
			h.onClose(r.idx)
		}
	}
}

// Acquire returns the current index and the function that releases it.
// The index stays open until release is called, even if a reload replaces
// it meanwhile; call release exactly once, when the request is done with it.
// After Close, Acquire returns nil and a no-op release.
func (h *Holder) Acquire() (idx errdex.Index, release func()) {
	for {
		r := h.cur.Load()
		if r == nil {
			return nil, func() {}
		}
		// A Swap between the Load and here may drop the count to zero: then
		// the loop reads the new current index instead.
		if r.tryAcquire() {
			var once atomic.Bool
			return r.idx, func() {
				if once.CompareAndSwap(false, true) {
					r.release(h)
				}
			}
		}
	}
}

// Current returns the index being served without holding it: use it for a
// quick look at the catalog (its version, its counts), never for a search.
func (h *Holder) Current() errdex.Index {
	if r := h.cur.Load(); r != nil {
		return r.idx
	}
	return nil
}

// Swap makes idx the index served from now on. The replaced index is closed
// once its last user releases it.
func (h *Holder) Swap(idx errdex.Index) {
	old := h.cur.Swap(newRef(idx))
	if old != nil {
		old.release(h)
	}
}

// Close stops serving: the current index is closed once its last user
// releases it, and Acquire returns nil from then on.
func (h *Holder) Close() {
	if old := h.cur.Swap(nil); old != nil {
		old.release(h)
	}
}
