package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/errdex/errdex"
)

// TestFewSegments guards against indexing in many small batches: an
// in-memory index never merges them, and every searched term is looked up
// in every segment.
func TestFewSegments(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(context.Background(), cat, Options{BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	small := ix.Segments()
	def := builtinTestIndex(t).Segments()
	if small < 0 || def < 0 {
		t.Fatalf("Segments() = %d, %d: the stat is missing", small, def)
	}
	if def > 2 || def >= small {
		t.Errorf("Segments() = %d with the default batch size and %d with batches of 10, want at most 2 and fewer", def, small)
	}
}

func TestIndexDirReusedAndPruned(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Leftovers: a crashed build and five old catalog versions.
	stale := filepath.Join(dir, ".building-123")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	for i := range 5 {
		p := filepath.Join(dir, fmt.Sprintf("v1-old%d.bleve", i))
		os.MkdirAll(p, 0o755)
		at := old.Add(time.Duration(i) * time.Minute)
		os.Chtimes(p, at, at)
	}
	for round := range 2 { // built, then reused
		ix, err := New(context.Background(), cat, Options{Dir: dir})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if n, _ := ix.bi.DocCount(); int(n) != cat.Len() {
			t.Errorf("round %d: %d documents, want %d", round, n, cat.Len())
		}
		ix.Close()
	}
	des, _ := os.ReadDir(dir)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	if slices.Contains(names, ".building-123") {
		t.Errorf("dir holds %q: the crashed build was not removed", names)
	}
	if len(names) != keepIndexes {
		t.Errorf("dir holds %q, want the current index and the %d most recent others", names, keepIndexes-1)
	}
	if !slices.Contains(names, "v1-old4.bleve") || slices.Contains(names, "v1-old0.bleve") {
		t.Errorf("dir holds %q, want the most recent old versions kept", names)
	}
}

// TestNewGivesUp checks that a build looks at its context between batches
// and gives up, in memory and on disk, leaving nothing behind on disk.
func TestNewGivesUp(t *testing.T) {
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(done, cat, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("New with a done context: got %v, want context.Canceled", err)
	}
	for _, dir := range []string{"", t.TempDir()} {
		ctx, cancel := context.WithCancel(context.Background())
		batches := 0
		_, err := New(ctx, cat, Options{Dir: dir, BatchSize: 10, OnBatch: func(n int) {
			batches++
			if n != 10*batches {
				t.Errorf("OnBatch(%d) after batch %d, want %d", n, batches, 10*batches)
			}
			cancel() // the stop arrives during the first batches
		}})
		cancel()
		if !errors.Is(err, context.Canceled) || batches != 1 {
			t.Errorf("dir %q: got %v after %d batches, want context.Canceled after 1 (of %d)", dir, err, batches, (cat.Len()+9)/10)
		}
		if dir != "" {
			if des, _ := os.ReadDir(dir); len(des) != 0 {
				t.Errorf("a given-up build left %v in the index directory", des)
			}
		}
	}
}

// TestCursorOfAnotherCatalog checks that a cursor is tied to the catalog it
// paged through: after a reload the same position may hold other entries.
func TestCursorOfAnotherCatalog(t *testing.T) {
	a := builtinTestIndex(t)
	cat := a.Catalog()
	other, err := errdex.New(cat.Systems(), cat.Entries(), "another version")
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(context.Background(), other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	resp, err := a.Search(context.Background(), Request{Limit: 2})
	if err != nil || resp.NextCursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, resp.NextCursor)
	}
	if _, err := a.Search(context.Background(), Request{Limit: 2, Cursor: resp.NextCursor}); err != nil {
		t.Errorf("the cursor on its own catalog: %v", err)
	}
	_, err = b.Search(context.Background(), Request{Limit: 2, Cursor: resp.NextCursor})
	var fe *errdex.FieldError
	if !errors.As(err, &fe) || fe.Code != errdex.CodeInvalidCursor {
		t.Errorf("the cursor on another catalog: got %v, want invalid_cursor", err)
	}
}
