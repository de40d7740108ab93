package search_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/synth"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUProbe(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CPUN"))
	if n == 0 {
		t.Skip()
	}
	base, _ := errdex.Builtin()
	set, err := synth.Generate(base, synth.Options{Entries: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c0, w0 := cpuNow(), time.Now()
	ix, err := search.New(set.Catalog, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("build %d: cpu %v wall %v\n", set.Catalog.Len(), cpuNow()-c0, time.Since(w0))
	for _, k := range synth.Kinds {
		qs := set.ByKind(k)
		var cpus []time.Duration
		right := 0
		for round := 0; round < 3; round++ {
			for _, q := range qs {
				c := cpuNow()
				resp, _ := ix.Search(context.Background(), search.Request{Query: q.Text, Lang: q.Lang, Prefix: q.Prefix, Limit: 10})
				cpus = append(cpus, cpuNow()-c)
				if round == 0 && len(resp.Results) > 0 && resp.Results[0].Entry.ID() == q.Expect {
					right++
				}
			}
		}
		slices.Sort(cpus)
		fmt.Printf("%-8s cpu p50 %6.2fms p95 %6.2fms  right-first %d/%d\n", k, ms(cpus[len(cpus)/2]), ms(cpus[len(cpus)*95/100]), right, len(qs))
	}
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func BenchmarkKindProbe(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("CPUN"))
	base, _ := errdex.Builtin()
	set, _ := synth.Generate(base, synth.Options{Entries: n, Seed: 1})
	ix, _ := search.New(set.Catalog, search.Options{})
	qs := set.ByKind(synth.Kind(os.Getenv("KIND")))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		ix.Search(context.Background(), search.Request{Query: q.Text, Lang: q.Lang, Prefix: q.Prefix, Limit: 10})
	}
}

func TestKindMisses(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CPUN"))
	if n == 0 {
		t.Skip()
	}
	base, _ := errdex.Builtin()
	set, _ := synth.Generate(base, synth.Options{Entries: n, Seed: 1})
	ix, _ := search.New(set.Catalog, search.Options{})
	for _, q := range set.ByKind(synth.Kind(os.Getenv("KIND"))) {
		resp, _ := ix.Search(context.Background(), search.Request{Query: q.Text, Lang: q.Lang, Prefix: q.Prefix, Limit: 3})
		if len(resp.Results) == 0 || resp.Results[0].Entry.ID() != q.Expect {
			e, _ := set.Catalog.Entry(q.Expect)
			var got []string
			for _, r := range resp.Results {
				got = append(got, r.Entry.ID()+" "+r.Entry.Title.Ko)
			}
			fmt.Printf("%q want %s [%s]\n   got %v\n", q.Text, q.Expect, e.Title.Ko, got)
		}
	}
}

func TestSegments(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEGN"))
	if n == 0 {
		t.Skip()
	}
	base, _ := errdex.Builtin()
	set, _ := synth.Generate(base, synth.Options{Entries: n, Seed: 1})
	ix, _ := search.New(set.Catalog, search.Options{})
	fmt.Println("segments:", ix.Segments())
	time.Sleep(3 * time.Second)
	fmt.Println("segments after 3s:", ix.Segments())
}
