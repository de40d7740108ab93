package search_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/synth"
)

// Benchmarks of search, run only with -bench (see docs/benchmarks.md):
//
//	go test ./internal/search -run '^$' -bench BenchmarkRealCatalog
//	go test ./internal/search -run '^$' -bench BenchmarkSynthetic -benchtime 2s -timeout 30m
//
// Each query kind reports its median and 95th percentile latency; the
// synthetic catalog (100,000 entries unless -synth-entries says otherwise)
// is generated and indexed once per process, and its build time and memory
// are reported by BenchmarkSynthetic/build.

var synthEntries = flag.Int("synth-entries", 100000, "size of the synthetic catalog BenchmarkSynthetic indexes")

// benchQuery is one query of a benchmark.
type benchQuery struct {
	text   string
	lang   errdex.Lang
	prefix bool
	expect string
}

// realQueries are queries of each kind against the real catalog.
var realQueries = map[synth.Kind][]benchQuery{
	synth.KindExact: {
		{text: "INVALID_REQUEST"}, {text: "KOE009"}, {text: "4002"}, {text: "invalid_phone_number"},
		{text: "-401"}, {text: "131047"}, {text: "IWINV 519"}, {text: "rate_limit_exceeded"},
	},
	synth.KindEnglish: {
		{text: "template paused quality rating"}, {text: "share quota increase"}, {text: "missing Authorization header"},
		{text: "api key expired"}, {text: "phone number format"}, {text: "conversation window closed"},
	},
	synth.KindKorean: {
		{text: "잔액이 부족해요", lang: errdex.Korean}, {text: "템플릿을 찾을 수 없습니다", lang: errdex.Korean},
		{text: "네트워크 연결 끊김", lang: errdex.Korean}, {text: "요청 한도를 초과했어요", lang: errdex.Korean},
		{text: "카카오톡 공유 할당량 초과", lang: errdex.Korean}, {text: "암호화 실패", lang: errdex.Korean},
	},
	synth.KindTypo: {
		{text: "tempalte not found"}, {text: "authentification failed"}, {text: "insuficient balance"},
		{text: "revokd api key"}, {text: "webhok subscription disabled"},
	},
	synth.KindPrefix: {
		{text: "insuff", prefix: true}, {text: "template pau", prefix: true}, {text: "rate lim", prefix: true},
		{text: "잔액 부", prefix: true, lang: errdex.Korean}, {text: "phone num", prefix: true},
	},
	synth.KindPayload: {
		{text: `{"error":{"type":"authentication_error","code":"expired_api_key","message":"API key expired.","request_id":"req_01HXYZ"}}`},
		{text: `{"name":"KAPIError","msg":"wrong appKey(null) format","code":-401}`},
		{text: `{"code":"INSUFFICIENT_BALANCE","message":"잔액이 부족합니다","providerErrorCode":"-102"}`},
		{text: "HTTP/1.1 429 Too Many Requests"},
		{text: "[-401] domain mismatched! caller=https://shop.example.com. check out registered web domains."},
	},
	synth.KindCommon: {
		{text: "the request failed with an error"}, {text: "error message send failed"},
		{text: "요청 실패 오류", lang: errdex.Korean}, {text: "the api returned an error for the request"},
	},
}

var realIndex = sync.OnceValues(func() (*search.Index, error) {
	cat, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	return search.New(context.Background(), cat, search.Options{})
})

// BenchmarkRealCatalog searches the real catalog in process, one
// sub-benchmark per kind of query. Target: p50 under 300 µs for each kind.
func BenchmarkRealCatalog(b *testing.B) {
	ix, err := realIndex()
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range synth.Kinds {
		b.Run(string(k), func(b *testing.B) {
			runQueries(b, ix, realQueries[k], time.Microsecond, "µs")
		})
	}
}

// synthIndex is the synthetic catalog's index with what building it took.
type synthIndex struct {
	set     *synth.Set
	ix      *search.Index
	gen     time.Duration
	build   time.Duration
	heapMiB float64 // heap in use after building, less before
	rssMiB  float64 // resident set after building
}

var synthOnce = sync.OnceValues(func() (*synthIndex, error) {
	base, err := errdex.Builtin()
	if err != nil {
		return nil, err
	}
	si := &synthIndex{}
	start := time.Now()
	si.set, err = synth.Generate(base, synth.Options{Entries: *synthEntries, Seed: 1, QueriesPerKind: 50})
	if err != nil {
		return nil, err
	}
	si.gen = time.Since(start)
	before := heapInUse()
	start = time.Now()
	si.ix, err = search.New(context.Background(), si.set.Catalog, search.Options{})
	if err != nil {
		return nil, err
	}
	si.build = time.Since(start)
	si.heapMiB = float64(heapInUse()-before) / (1 << 20)
	si.rssMiB = rssMiB()
	return si, nil
})

// BenchmarkSynthetic indexes a synthetic catalog once and searches it, one
// sub-benchmark per kind of query, with facets and highlights on as the API
// asks for them. Targets at 100,000 entries: built in under 60 s; p50 under
// 20 ms and p95 under 50 ms for every kind.
func BenchmarkSynthetic(b *testing.B) {
	si, err := synthOnce()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
		}
		n := float64(si.set.Catalog.Len())
		b.ReportMetric(n, "entries")
		b.ReportMetric(si.build.Seconds(), "build-s")
		b.ReportMetric(n/si.build.Seconds(), "entries/s")
		b.ReportMetric(si.gen.Seconds(), "generate-s")
		b.ReportMetric(si.heapMiB, "heap-MiB")
		b.ReportMetric(si.rssMiB, "rss-MiB")
		b.ReportMetric(0, "ns/op")
	})
	for _, k := range synth.Kinds {
		var qs []benchQuery
		for _, q := range si.set.ByKind(k) {
			qs = append(qs, benchQuery{text: q.Text, lang: q.Lang, prefix: q.Prefix, expect: q.Expect})
		}
		b.Run(string(k), func(b *testing.B) {
			runQueries(b, si.ix, qs, time.Millisecond, "ms")
		})
	}
}

// runQueries cycles through qs, timing each search, and reports the median
// and 95th percentile in unit, and how often the expected entry came first.
func runQueries(b *testing.B, ix *search.Index, qs []benchQuery, unit time.Duration, unitName string) {
	b.Helper()
	if len(qs) == 0 {
		b.Skip("no queries")
	}
	ctx := context.Background()
	var lat []time.Duration
	first, labelled := 0, 0
	i := 0
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		q := qs[i%len(qs)]
		start := time.Now()
		resp, err := ix.Search(ctx, search.Request{Query: q.text, Lang: q.lang, Prefix: q.prefix, Limit: 10})
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatalf("%q: %v", q.text, err)
		}
		if i < len(qs) && q.expect != "" {
			labelled++
			if len(resp.Results) > 0 && resp.Results[0].Entry.ID() == q.expect {
				first++
			}
		}
		i++
	}
	reportCPU(b, cpu, len(lat), unit, unitName)
	slices.Sort(lat)
	b.ReportMetric(float64(percentile(lat, 50))/float64(unit), "p50-"+unitName)
	b.ReportMetric(float64(percentile(lat, 95))/float64(unit), "p95-"+unitName)
	if labelled > 0 {
		b.ReportMetric(100*float64(first)/float64(labelled), "%right-first")
	}
}

// reportCPU reports the process's CPU time per operation since since (all
// goroutines, the collector's included): on a shared machine, where a
// query waits for a core, it says what the query costs better than the
// time it took.
func reportCPU(b *testing.B, since time.Duration, ops int, unit time.Duration, unitName string) {
	if since == 0 || ops == 0 {
		return
	}
	b.ReportMetric(float64(processCPU()-since)/float64(ops)/float64(unit), "cpu-"+unitName+"/op")
}

// percentile returns the p-th percentile of sorted durations (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(len(sorted)-1, i-1))]
}

func heapInUse() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// rssMiB reads the process's resident set from /proc; 0 where there is none.
func rssMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkIdentify64KiB identifies a 64 KiB log of many errors, repeats
// and INFO lines: the largest text identify accepts, split into findings.
// Target: at most 50 ms.
func BenchmarkIdentify64KiB(b *testing.B) {
	ix, err := realIndex()
	if err != nil {
		b.Fatal(err)
	}
	lines := []string{
		`2026-11-02T10:14:03Z ERROR sender: KMsgError [INSUFFICIENT_BALANCE] 잔액이 부족합니다 request_id=req_%d`,
		`2026-11-02T10:14:04Z INFO sender: retrying in 2s attempt=%d`,
		`{"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Too many requests.","request_id":"req_%d"}}`,
		"KMsgError: Template not found\n    at getTemplate (/app/node_modules/@k-msg/provider/dist/iwinv/iwinv.template.js:364:9) {\n  code: 'TEMPLATE_NOT_FOUND',\n  details: { providerId: 'iwinv', templateCode: 'TPL_%d' }\n}",
		`WhatsAppApiError(status_code=400, message='(#131047) Re-engagement message', details='more than 24 hours have passed') id=%d`,
		`2026-11-02T10:14:09Z WARN worker %d: connection reset by peer while reading response body`,
	}
	var sb strings.Builder
	for i := 0; sb.Len() < search.MaxIdentifyBytes-300; i++ {
		fmt.Fprintf(&sb, lines[i%len(lines)]+"\n", i)
	}
	text := sb.String()
	b.ResetTimer()
	cpu, n := processCPU(), 0
	for b.Loop() {
		if _, err := ix.Identify(context.Background(), text, errdex.English, 10); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, cpu, n, time.Millisecond, "ms")
}

// hostileTexts are identify inputs of the largest size accepted, each of a
// shape that costs the most work per byte (issue 15): distinct random
// words, distinct UPPER_SNAKE codes, random Hangul syllables, one unbroken
// run of letters, JSON envelopes with unknown codes, and JSON nested as
// deep as a paste may be.
func hostileTexts() map[string]string {
	const n = MaxIdentifyBytesForBench
	rng := rand.New(rand.NewPCG(15, 15))
	gen := func(next func(b *strings.Builder)) string {
		var b strings.Builder
		for b.Len() < n {
			next(&b)
		}
		return strings.ToValidUTF8(b.String()[:n], "")
	}
	letters := func(b *strings.Builder, lo, hi byte, k int) {
		for range k {
			b.WriteByte(lo + byte(rng.IntN(int(hi-lo)+1)))
		}
	}
	return map[string]string{
		"words": gen(func(b *strings.Builder) { letters(b, 'a', 'z', 3+rng.IntN(8)); b.WriteByte(' ') }),
		"codes": gen(func(b *strings.Builder) {
			letters(b, 'A', 'Z', 5)
			b.WriteByte('_')
			letters(b, 'A', 'Z', 5)
			b.WriteByte(' ')
		}),
		"hangul": gen(func(b *strings.Builder) {
			for range 2 + rng.IntN(30) {
				b.WriteRune(rune(0xAC00 + rng.IntN(11172)))
			}
			b.WriteByte(' ')
		}),
		"run": gen(func(b *strings.Builder) { letters(b, 'a', 'z', 64) }),
		"json": gen(func(b *strings.Builder) {
			b.WriteString(`{"error":{"code":"`)
			letters(b, 'A', 'Z', 8)
			b.WriteString(`","message":"`)
			letters(b, 'a', 'z', 12)
			fmt.Fprintf(b, `","status":%d}}`+"\n", 400+rng.IntN(100))
		}),
		"nested": strings.Repeat(`{"a":`, n/12) + `"x"` + strings.Repeat("}", n/12),
	}
}

// MaxIdentifyBytesForBench is the size of each hostile text: the largest
// identify accepts.
const MaxIdentifyBytesForBench = search.MaxIdentifyBytes

// BenchmarkIdentifyHostile identifies each hostile text of 64 KiB (issue
// 15: any input up to the body limit in at most 50 ms of server time).
func BenchmarkIdentifyHostile(b *testing.B) {
	ix, err := realIndex()
	if err != nil {
		b.Fatal(err)
	}
	texts := hostileTexts()
	for _, name := range []string{"words", "codes", "hangul", "run", "json", "nested"} {
		text := texts[name]
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			cpu := processCPU()
			for b.Loop() {
				start := time.Now()
				if _, err := ix.Identify(context.Background(), text, errdex.English, 10); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			reportCPU(b, cpu, len(lat), time.Millisecond, "ms")
			slices.Sort(lat)
			b.ReportMetric(float64(percentile(lat, 50))/float64(time.Millisecond), "p50-ms")
			b.ReportMetric(float64(percentile(lat, 95))/float64(time.Millisecond), "p95-ms")
		})
	}
}
