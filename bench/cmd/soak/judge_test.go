package main

import (
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
