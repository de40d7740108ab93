package live

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher calls a reload function when the catalog files of a directory
// change.
//
// It watches the directory, not the files: editors save by writing a new
// file and renaming it over the old one, and a Kubernetes ConfigMap volume
// changes by atomically renaming a new "..data" symlink over the old one,
// neither of which a watch on the file itself would see. A burst of events
// (one save is often several) gives one call, debounce after the burst
// quiets down, but no later than 10×debounce after it began.
//
// A directory replaced as a whole (renamed away and another renamed in,
// or a symlink to it swapped) is noticed within dirCheckInterval: the
// watch moves to the new directory and a reload follows.
type Watcher struct {
	dir      string
	debounce time.Duration
	log      *slog.Logger
	w        *fsnotify.Watcher
	st       os.FileInfo // the directory being watched
}

// dirCheckInterval is how often the watcher checks that dir is still the
// directory it watches.
var dirCheckInterval = time.Second

// NewWatcher starts watching dir: changes made after it returns are seen.
func NewWatcher(dir string, debounce time.Duration, log *slog.Logger) (*Watcher, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	st, err := os.Stat(dir)
	if err == nil {
		err = w.Add(dir)
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	return &Watcher{dir: dir, debounce: debounce, log: log, w: w, st: st}, nil
}

// Run calls reload after each burst of changes until ctx ends, then stops
// watching.
func (wt *Watcher) Run(ctx context.Context, reload func()) {
	defer wt.w.Close()
	w, dir, debounce, log := wt.w, wt.dir, wt.debounce, wt.log
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		pending time.Time // when the current burst began; zero when none
	)
	check := time.NewTicker(dirCheckInterval)
	defer check.Stop()
	for {
		select {
		case <-check.C:
			if wt.rewatch() {
				reload()
			}
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !relevant(ev) {
				continue
			}
			log.Debug("catalog directory changed", "name", ev.Name, "op", ev.Op.String())
			now := time.Now()
			if pending.IsZero() {
				pending = now
			}
			wait := debounce
			if limit := pending.Add(10 * debounce).Sub(now); limit < wait {
				wait = max(limit, 0)
			}
			if timer == nil {
				timer = time.NewTimer(wait)
			} else {
				timer.Reset(wait)
			}
			fire = timer.C
		case <-fire:
			fire, pending = nil, time.Time{}
			reload()
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			// An overflowed event queue loses events, so reload to be sure.
			log.Warn("watching the catalog directory", "dir", dir, "err", err)
			reload()
		}
	}
}

// rewatch moves the watch to dir when dir is no longer the directory
// watched, and reports whether it did.
func (wt *Watcher) rewatch() bool {
	cur, err := os.Stat(wt.dir)
	if err != nil || os.SameFile(cur, wt.st) {
		return false
	}
	_ = wt.w.Remove(wt.dir) // gone already when the old directory was removed
	if err := wt.w.Add(wt.dir); err != nil {
		wt.log.Warn("the catalog directory was replaced; cannot watch the new one", "dir", wt.dir, "err", err)
		return false
	}
	wt.st = cur
	wt.log.Info("the catalog directory was replaced; watching the new one", "dir", wt.dir)
	return true
}

// relevant reports whether an event may change the catalog: catalog files,
// and the "..data" symlink of a Kubernetes ConfigMap volume. Editor swap
// and backup files, and attribute-only changes, are ignored.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name := filepath.Base(ev.Name)
	if name == "..data" {
		return true
	}
	switch filepath.Ext(name) {
	case ".yaml", ".yml":
		return true
	}
	return false
}
