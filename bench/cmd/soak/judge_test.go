package main

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// bins makes a stretch per (slow request in ms, steal) pair, 100
// requests each: 98 of 1 ms and two slow ones, or ten when it steals.
func bins(specs ...[2]float64) overTime {
	var ot overTime
	for i, sp := range specs {
		b := timeBin{from: time.Duration(i) * stealBin, steal: sp[1], stealOK: true}
		for j := range 100 {
			d := time.Millisecond
			if j >= 98 || (sp[1] > stealFree && j >= 90) {
				d = time.Duration(sp[0] * float64(time.Millisecond))
			}
			b.ds = append(b.ds, d)
		}
		ot.bins = append(ot.bins, b)
	}
	return ot
}

func TestJudgeP99(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	for _, tc := range []struct {
		name     string
		p99u     time.Duration
		stolenU  float64
		ot       overTime
		ok       bool
		contains string
	}{
		{"no steal, under 2x", ms(3), 0, bins([2]float64{5, 0}, [2]float64{5, 0}), true, "ratio 1.67"},
		{"no steal, over 2x", ms(3), 0, bins([2]float64{7, 0}, [2]float64{7, 0.004}), false, "ratio 2.33"},
		{"steal, the free stretches pass", ms(3), 0, bins([2]float64{5, 0}, [2]float64{12, 0.1}, [2]float64{5, 0.001}), true, "2 of 3 stretches"},
		{"steal, the free stretches fail too", ms(3), 0, bins([2]float64{7, 0}, [2]float64{12, 0.1}), false, "ratio 2.33"},
		{"steal nearly all the time", ms(3), 0, bins([2]float64{5, 0}, [2]float64{12, 0.1}, [2]float64{12, 0.02}, [2]float64{12, 0.05}), false, "too few to judge by"},
		{"steal, unknown stretches are not free", ms(3), 0, overTime{bins: []timeBin{{ds: []time.Duration{ms(12)}, steal: 0.1, stealOK: true}, {ds: []time.Duration{ms(1)}}}}, false, "too few"},
		{"a baseline under steal judges nothing", ms(13), 0.36, bins([2]float64{5, 0}), false, "no baseline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var all []time.Duration
			for _, b := range tc.ot.bins {
				all = append(all, b.ds...)
			}
			ok, detail := judgeP99(tc.p99u, tc.stolenU, percentile(all, 99), tc.ot)
			if ok != tc.ok || !strings.Contains(detail, tc.contains) {
				t.Errorf("judgeP99 = %v, %q; want %v and %q in it", ok, detail, tc.ok, tc.contains)
			}
		})
	}
}

// TestMemoryVerdict checks that the memory verdict follows what a leak
// grows, the live heap and what lies outside the Go heap, and not RSS
// swinging with the collector's pace.
func TestMemoryVerdict(t *testing.T) {
	const mib = 1 << 20
	// run makes a minute of samples at 5 s per pair of (live heap, outside
	// the heap) in MiB, the heap holding five times the live heap on every
	// other sample and twice on the rest, as GOGC=400 does.
	run := func(firstLive, lastLive, firstOut, lastOut float64) *sampler {
		s := &sampler{}
		for i := range 25 {
			at := time.Duration(i) * 5 * time.Second
			live, out := firstLive, firstOut
			if i >= 13 {
				live, out = lastLive, lastOut
			}
			held := live * 2
			if i%2 == 1 {
				held = live * 5
			}
			s.samples = append(s.samples, sample{at: at, live: live * mib, heapHeld: held * mib,
				rss: int64((held + out) * mib), goroutines: 20})
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		s        *sampler
		ok       bool
		contains string
	}{
		{"flat", run(20, 21, 30, 31), true, "live heap mean first window 20.0 MiB, last window 21.0 MiB"},
		{"RSS up with the collector's pace, nothing growing", func() *sampler {
			s := run(20, 20, 30, 30)
			for i := range s.samples[13:] { // the last minute: every sample at five times
				x := &s.samples[13+i]
				x.heapHeld, x.rss = 100*mib, (100+30)*mib
			}
			return s
		}(), true, "RSS mean first window"},
		{"the live heap grows", run(20, 40, 30, 30), false, "last window 40.0 MiB (+100.0%)"},
		{"memory outside the heap grows", run(20, 20, 30, 50), false, "resident outside the Go heap mean first window 30.0 MiB, last window 50.0 MiB"},
		{"no samples", &sampler{err: errors.New("/metrics has no go_gc_heap_live_bytes")}, false, "no samples (/metrics has no go_gc_heap_live_bytes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, _, detail, _ := tc.s.verdict()
			if ok != tc.ok || !strings.Contains(detail, tc.contains) {
				t.Errorf("verdict = %v, %q; want %v and %q in it", ok, detail, tc.ok, tc.contains)
			}
		})
	}
}
