package search

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// stuckIndex is a Bleve index whose Batch does not return until released:
// a 10,000-entry batch on a busy machine, which nothing interrupts.
type stuckIndex struct {
	bleve.Index
	entered chan struct{} // closed when Batch is called
	release chan struct{}
}

func (s *stuckIndex) Batch(b *bleve.Batch) error {
	close(s.entered)
	<-s.release
	return s.Index.Batch(b)
}

// TestFillGivesUpDuringBatch checks that a build whose context ends while
// Bleve indexes a batch returns at once, not when the batch is done (up to
// 16 s for one of the production size on a busy machine), and says when
// the batch it left behind has finished, so that the index is closed only
// then.
func TestFillGivesUpDuringBatch(t *testing.T) {
	bi, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	stuck := &stuckIndex{Index: bi, entered: make(chan struct{}), release: make(chan struct{})}
	var docs []map[string]any
	for i := range 3 {
		docs = append(docs, map[string]any{"_id": fmt.Sprint(i), "text": "insufficient balance"})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		busy <-chan struct{}
		err  error
	}
	res := make(chan result, 1)
	go func() {
		busy, err := fill(ctx, stuck, docs, Options{}) // the production batch size
		res <- result{busy, err}
	}()
	<-stuck.entered
	cancel()
	var r result
	select {
	case r = <-res:
	case <-time.After(60 * time.Second): // a hang guard, not a speed check
		close(stuck.release)
		t.Fatal("fill waited for the batch under way after its context ended")
	}
	if !errors.Is(r.err, context.Canceled) {
		t.Errorf("fill: got %v, want context.Canceled", r.err)
	}
	if r.busy == nil {
		t.Fatal("fill left a batch running and did not say so")
	}
	select {
	case <-r.busy:
		t.Error("busy was closed while the batch was still running")
	default:
	}
	close(stuck.release)
	select {
	case <-r.busy:
	case <-time.After(60 * time.Second): // a hang guard
		t.Fatal("busy was not closed when the batch finished")
	}
}

// TestFillBatches checks what fill does when nothing stops it: every
// document indexed, in batches of the size asked, with no batch left
// running.
func TestFillBatches(t *testing.T) {
	bi, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	var docs []map[string]any
	for i := range 25 {
		docs = append(docs, map[string]any{"_id": fmt.Sprint(i), "text": "insufficient balance"})
	}
	var seen []int
	busy, err := fill(context.Background(), bi, docs, Options{BatchSize: 10, OnBatch: func(n int) { seen = append(seen, n) }})
	if err != nil || busy != nil {
		t.Fatalf("fill: got %v, busy %v; want no error and nothing left running", err, busy)
	}
	if fmt.Sprint(seen) != "[10 20 25]" {
		t.Errorf("batches ended at %v, want [10 20 25]", seen)
	}
	if n, err := bi.DocCount(); err != nil || n != 25 {
		t.Errorf("DocCount: %d, %v; want 25", n, err)
	}
}
