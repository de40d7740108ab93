package live

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

func build(_ context.Context, cat *errdex.Catalog) (errdex.Index, error) {
	return search.New(context.Background(), cat, search.Options{})
}

// copyCatalog copies testdata's catalog into dir.
func copyCatalog(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"systems.yaml", "kmsg.yaml", "kakao-share.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newIndex(t *testing.T, dir string) errdex.Index {
	t.Helper()
	cat, err := errdex.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := build(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestHolderClosesAfterLastRelease(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	var closed sync.Map
	h := NewHolder(newIndex(t, dir), nil)
	h.onClose = func(idx errdex.Index) { closed.Store(idx, true) }

	old, release := h.Acquire()
	h.Swap(newIndex(t, dir))
	if _, ok := closed.Load(old); ok {
		t.Fatal("the old index was closed while a request held it")
	}
	// The held index still answers.
	if _, err := old.Search(context.Background(), search.Request{Query: "balance"}); err != nil {
		t.Fatalf("search on the held old index: %v", err)
	}
	release()
	release() // a second release is harmless
	if _, ok := closed.Load(old); !ok {
		t.Error("the old index was not closed after its last release")
	}
	cur, release2 := h.Acquire()
	if cur == old {
		t.Error("Acquire after Swap returned the old index")
	}
	release2()
	h.Close()
	if _, ok := closed.Load(cur); !ok {
		t.Error("Close did not close the current index")
	}
	if idx, _ := h.Acquire(); idx != nil {
		t.Error("Acquire after Close returned an index")
	}
}

// TestHolderConcurrent swaps while many goroutines search: no search may
// run on a closed index (Bleve would return an error).
func TestHolderConcurrent(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	var (
		stop   atomic.Bool
		failed atomic.Int64
		wg     sync.WaitGroup
	)
	for range 4 {
		wg.Go(func() {
			for !stop.Load() {
				idx, release := h.Acquire()
				if _, err := idx.Search(context.Background(), search.Request{Query: "balance"}); err != nil {
					failed.Add(1)
				}
				release()
			}
		})
	}
	for range 5 {
		h.Swap(newIndex(t, dir))
	}
	stop.Store(true)
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("%d searches failed during swaps", n)
	}
}

func TestReload(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	r := NewReloader(dir, h, build, nil)
	v0 := h.Current().Catalog().Version

	o := r.Reload(context.Background(), "test")
	if !o.OK || !o.Unchanged {
		t.Errorf("reload of the same catalog: got %+v, want ok and unchanged", o)
	}

	kmsg := filepath.Join(dir, "kmsg.yaml")
	good, _ := os.ReadFile(kmsg)
	edited := strings.Replace(string(good), "Not enough balance to send", "Balance is too low", 1)
	if err := os.WriteFile(kmsg, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	o = r.Reload(context.Background(), "test")
	if !o.OK || o.Unchanged || o.Version == v0 {
		t.Fatalf("good edit: got %+v, want a new version applied", o)
	}
	e, _ := h.Current().Catalog().Entry("kmsg/INSUFFICIENT_BALANCE")
	if got := e.Title.En; got != "Balance is too low" {
		t.Errorf("title after reload: got %q, want the edit", got)
	}
	v1 := h.Current().Catalog().Version

	broken := strings.Replace(edited, "strategy: backoff", "strategy: sometimes", 1)
	if err := os.WriteFile(kmsg, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	o = r.Reload(context.Background(), "test")
	if o.OK || len(o.Problems) == 0 {
		t.Fatalf("broken edit: got %+v, want a refusal with problems", o)
	}
	if p := o.Problems[0]; p.File != "kmsg.yaml" || p.Line == 0 {
		t.Errorf("problem: got %s, want one naming kmsg.yaml and a line", p)
	}
	if got := h.Current().Catalog().Version; got != v1 {
		t.Errorf("served version after a refused reload: got %s, want the last good %s", got, v1)
	}
	if ok, failed := r.Counts(); ok != 2 || failed != 1 {
		t.Errorf("counts: got ok=%d failed=%d, want 2 and 1", ok, failed)
	}
	last, _ := r.Last()
	if last.OK || last.Version != v1 {
		t.Errorf("Last: got %+v", last)
	}
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func startWatch(t *testing.T, dir string, debounce time.Duration, fn func()) {
	t.Helper()
	w, err := NewWatcher(dir, debounce, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx, fn); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// TestWatchEditorRename saves a file the way editors do, by writing a
// temporary file and renaming it over the old one, in a burst that the
// debounce folds into one reload.
func TestWatchEditorRename(t *testing.T) {
	dir := t.TempDir()
	copyCatalog(t, dir)
	var calls atomic.Int64
	startWatch(t, dir, 100*time.Millisecond, func() { calls.Add(1) })

	for i := range 3 {
		tmp := filepath.Join(dir, ".kmsg.yaml.swp")
		b, _ := os.ReadFile(filepath.Join(dir, "kmsg.yaml"))
		if err := os.WriteFile(tmp, append(b, []byte("# edit "+string(rune('0'+i))+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, "kmsg.yaml")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "a reload", func() bool { return calls.Load() > 0 })
	time.Sleep(300 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("reloads for one burst: got %d, want 1", n)
	}

	// Files the loader ignores do not trigger a reload.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("reloads after an unrelated file: got %d, want 1", n)
	}
}

// TestWatchConfigMapSwap lays a directory out as the kubelet mounts a
// ConfigMap (dir/..2026_xx/ with the files, dir/..data -> it, and
// dir/kmsg.yaml -> ..data/kmsg.yaml), then updates it the kubelet's way:
// a new timestamped directory and a new ..data symlink renamed atomically
// over the old one. The reloader must pick the new content up.
func TestWatchConfigMapSwap(t *testing.T) {
	dir := t.TempDir()
	v1 := filepath.Join(dir, "..2026_01_01_00_00_00.000000001")
	if err := os.Mkdir(v1, 0o755); err != nil {
		t.Fatal(err)
	}
	copyCatalog(t, v1)
	if err := os.Symlink(filepath.Base(v1), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"systems.yaml", "kmsg.yaml", "kakao-share.yaml"} {
		if err := os.Symlink(filepath.Join("..data", name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	h := NewHolder(newIndex(t, dir), nil)
	defer h.Close()
	r := NewReloader(dir, h, build, nil)
	startWatch(t, dir, 50*time.Millisecond, func() { r.Reload(context.Background(), "watch") })

	// The kubelet's update: a new directory, a temporary symlink to it, and
	// a rename of that symlink over ..data.
	v2 := filepath.Join(dir, "..2026_01_01_00_01_00.000000002")
	if err := os.Mkdir(v2, 0o755); err != nil {
		t.Fatal(err)
	}
	copyCatalog(t, v2)
	kmsg := filepath.Join(v2, "kmsg.yaml")
	b, _ := os.ReadFile(kmsg)
	if err := os.WriteFile(kmsg, []byte(strings.Replace(string(b), "Not enough balance to send", "Swapped by the kubelet", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "..data_tmp")
	if err := os.Symlink(filepath.Base(v2), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(v1); err != nil {
		t.Fatal(err)
	}

	waitFor(t, "the swapped catalog to be served", func() bool {
		idx, release := h.Acquire()
		defer release()
		e, ok := idx.Catalog().Entry("kmsg/INSUFFICIENT_BALANCE")
		return ok && e.Title.En == "Swapped by the kubelet"
	})
	// The reload swaps the new index in before Reload records its outcome:
	// wait for the outcome about the version now served.
	v := h.Current().Catalog().Version
	waitFor(t, "the reload's outcome to be recorded", func() bool {
		last, ok := r.Last()
		return ok && last.Version == v
	})
	if last, _ := r.Last(); !last.OK {
		t.Errorf("last reload: got %+v, want ok", last)
	}
}
