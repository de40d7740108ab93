package live

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// A reload stuck where no context reaches (a read that never ends) is
// refused at its deadline, shows as failed, and swaps nothing in when it
// finally ends; a reload at shutdown is abandoned at once.
func TestReloadStuck(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	v0 := h.Current().Catalog().Version

	unblock := make(chan struct{})
	stuck := func(_ context.Context, cat *errdex.Catalog) (errdex.Index, error) {
		<-unblock // ignores its context, as a blocked read would
		return search.New(context.Background(), cat, search.Options{})
	}
	r := NewReloader(dir, h, stuck, nil)
	r.Timeout = 50 * time.Millisecond
	kmsg := filepath.Join(dir, "kmsg.yaml")
	good, _ := os.ReadFile(kmsg)
	if err := os.WriteFile(kmsg, []byte(strings.Replace(string(good), "Not enough balance to send", "Balance is too low", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	o := r.Reload(context.Background(), "test")
	if o.OK || !strings.Contains(o.Err, "in time") {
		t.Fatalf("stuck reload: got %+v, want refused for its deadline", o)
	}
	if last, _ := r.Last(); last.OK {
		t.Error("Last says the stuck reload was ok")
	}
	if _, failed := r.Counts(); failed != 1 {
		t.Errorf("failed reloads: got %d, want 1", failed)
	}

	// At shutdown the caller's context ends: Reload returns without
	// waiting for the stuck build.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if o := r.Reload(ctx, "shutdown"); o.OK {
		t.Errorf("reload at shutdown: got %+v, want refused", o)
	}

	close(unblock)
	for r.running.Load() > 0 { // the abandoned reloads end
		time.Sleep(time.Millisecond)
	}
	if v := h.Current().Catalog().Version; v != v0 {
		t.Errorf("an abandoned reload swapped in version %s", v)
	}
}

// A FIFO in the catalog directory is skipped, so the reloads around it
// still apply good edits.
func TestReloadWithFIFO(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	r := NewReloader(dir, h, build, nil)
	kmsg := filepath.Join(dir, "kmsg.yaml")
	good, _ := os.ReadFile(kmsg)
	if err := os.WriteFile(kmsg, []byte(strings.Replace(string(good), "Not enough balance to send", "Balance is too low", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := r.Reload(context.Background(), "test"); !o.OK || o.Unchanged {
		t.Fatalf("reload with a FIFO beside the catalog: got %+v, want the edit applied", o)
	}
}

// A catalog directory replaced as a whole (the old one renamed away, a new
// one renamed in) is watched again: the swap itself reloads, and an edit
// in the new directory afterwards reloads too. Before, the watch stayed on
// the old directory and neither was seen.
func TestWatchReplacedDirectory(t *testing.T) {
	old := dirCheckInterval
	dirCheckInterval = 20 * time.Millisecond
	t.Cleanup(func() { dirCheckInterval = old })

	parent := t.TempDir()
	dir := filepath.Join(parent, "catalog")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyCatalog(t, dir)
	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	r := NewReloader(dir, h, build, nil)
	startWatch(t, dir, 20*time.Millisecond, func() { r.Reload(context.Background(), "watch") })

	title := func() string {
		idx, release := h.Acquire()
		defer release()
		e, _ := idx.Catalog().Entry("kmsg/INSUFFICIENT_BALANCE")
		return e.Title.En
	}
	edit := func(d, title string) {
		kmsg := filepath.Join(d, "kmsg.yaml")
		b, _ := os.ReadFile(filepath.Join("testdata", "kmsg.yaml"))
		if err := os.WriteFile(kmsg, []byte(strings.Replace(string(b), "Not enough balance to send", title, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := filepath.Join(parent, "catalog.new")
	if err := os.Mkdir(next, 0o755); err != nil {
		t.Fatal(err)
	}
	copyCatalog(t, next)
	edit(next, "From the new directory")
	if err := os.Rename(dir, filepath.Join(parent, "catalog.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the replaced directory to be served", func() bool { return title() == "From the new directory" })
	edit(dir, "Edited after the swap")
	waitFor(t, "an edit in the new directory to be served", func() bool { return title() == "Edited after the swap" })
}
