package live

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch calls reload when the catalog files in dir change, until ctx ends.
//
// It watches the directory, not the files: editors save by writing a new
// file and renaming it over the old one, and a Kubernetes ConfigMap volume
// changes by atomically renaming a new "..data" symlink over the old one,
// neither of which a watch on the file itself would see. A burst of events
// (one save is often several) gives one call, debounce after the burst
// quiets down, but no later than 10×debounce after it began.
func Watch(ctx context.Context, dir string, debounce time.Duration, log *slog.Logger, reload func()) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}

	var (
		timer   *time.Timer
		fire    <-chan time.Time
		pending time.Time // when the current burst began; zero when none
	)
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
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
				return nil
			}
			// An overflowed event queue loses events, so reload to be sure.
			log.Warn("watching the catalog directory", "dir", dir, "err", err)
			reload()
		}
	}
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
