package search

import (
	"testing"

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
	ix, err := New(cat, Options{BatchSize: 10})
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
