package web

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/errdex/errdex/internal/live"
)

// Metrics are the server's Prometheus metrics, in a registry of its own so
// that nothing else registered in the process (and no second Server in a
// test) mixes in.
type Metrics struct {
	reg *prometheus.Registry

	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	search      *prometheus.HistogramVec
	zeroResults prometheus.Counter
	rateLimited prometheus.Counter
	overloaded  prometheus.Counter
	panics      prometheus.Counter

	// The series of each label set, resolved once: WithLabelValues hashes
	// and validates its labels and takes a lock on every call. Every label
	// comes from a fixed set (methodLabel, the route templates, the
	// statuses the server writes), so the map is bounded by their product;
	// maxResolved is a backstop.
	obsMu     sync.RWMutex
	reqObs    map[requestLabels]requestSeries
	searchObs map[string]prometheus.Observer
}

type requestLabels struct {
	route, method string
	status        int
}

type requestSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// maxResolved bounds the resolved label sets.
const maxResolved = 4096

// methodLabel is a request's method as a metric label: one of a fixed set,
// since the method is the client's to choose. 300 requests with invented
// methods once grew /metrics from 48 KB to 84 MB.
func methodLabel(m string) string {
	switch m {
	case "GET", "HEAD", "POST", "OPTIONS":
		return m
	}
	return "other"
}

func newMetrics(h *live.Holder, r *live.Reloader) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errdex_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "errdex_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		search: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "errdex_search_duration_seconds",
			Help:    "Time spent in the search index, by kind of request (search, identify, lookup).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"kind"}),
		zeroResults: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errdex_search_zero_results_total",
			Help: "Searches with a query that found nothing (listed at /api/v1/misses).",
		}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errdex_http_rate_limited_total",
			Help: "Requests refused with 429 because their client was over its rate.",
		}),
		overloaded: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errdex_http_overloaded_total",
			Help: "Searches refused with 503 because as many as MaxSearches were being answered.",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errdex_http_panics_total",
			Help: "Handler panics recovered into a 500 answer.",
		}),
	}
	m.reqObs = make(map[requestLabels]requestSeries)
	m.searchObs = make(map[string]prometheus.Observer)
	m.reg.MustRegister(
		m.requests, m.latency, m.search, m.zeroResults, m.rateLimited, m.overloaded, m.panics,
		// The defaults, and the heap that survived the last collection
		// (go_gc_heap_live_bytes): the figure that shows a leak. RSS does
		// not: under GOGC=400 it swings between one and five times the
		// live heap with when the collector last ran (docs/deploy.md).
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(
			collectors.GoRuntimeMetricsRule{Matcher: regexp.MustCompile(`^/gc/heap/live:bytes$`)})),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&catalogCollector{holder: h, reloader: r},
	)
	return m
}

// observeRequest counts one answered request. route must be a route
// template (or "unmatched"), never a path.
func (m *Metrics) observeRequest(route, method string, status int, d time.Duration) {
	method = methodLabel(method)
	k := requestLabels{route, method, status}
	m.obsMu.RLock()
	o, ok := m.reqObs[k]
	m.obsMu.RUnlock()
	if !ok {
		o = requestSeries{
			count:   m.requests.WithLabelValues(route, method, strconv.Itoa(status)),
			latency: m.latency.WithLabelValues(route),
		}
		m.obsMu.Lock()
		if len(m.reqObs) < maxResolved {
			m.reqObs[k] = o
		}
		m.obsMu.Unlock()
	}
	o.count.Inc()
	o.latency.Observe(d.Seconds())
}

// ObserveSearch records the time one search took in the index; kind is
// "search", "identify" or "lookup".
func (m *Metrics) ObserveSearch(kind string, d time.Duration) {
	m.obsMu.RLock()
	o, ok := m.searchObs[kind]
	m.obsMu.RUnlock()
	if !ok {
		o = m.search.WithLabelValues(kind)
		m.obsMu.Lock()
		if len(m.searchObs) < maxResolved {
			m.searchObs[strings.Clone(kind)] = o
		}
		m.obsMu.Unlock()
	}
	o.Observe(d.Seconds())
}

// catalogCollector reads the catalog and reload state at scrape time, from
// the same objects /readyz reads, so the two never disagree.
type catalogCollector struct {
	holder   *live.Holder
	reloader *live.Reloader
}

var (
	descEntries = prometheus.NewDesc("errdex_catalog_entries",
		"Entries of the catalog being served, by system.", []string{"system"}, nil)
	descInfo = prometheus.NewDesc("errdex_catalog_info",
		"The catalog being served: always 1, with its content hash and source.", []string{"version", "source"}, nil)
	descLoaded = prometheus.NewDesc("errdex_catalog_loaded_timestamp_seconds",
		"When the catalog being served was loaded.", nil, nil)
	descReloadOK = prometheus.NewDesc("errdex_catalog_last_reload_successful",
		"1 when the last reload was applied (or none has been tried), 0 when it was refused.", nil, nil)
	descReloadAt = prometheus.NewDesc("errdex_catalog_last_reload_timestamp_seconds",
		"When the last reload was tried.", nil, nil)
	descReloads = prometheus.NewDesc("errdex_catalog_reloads_total",
		"Catalog reloads tried, by result (ok, failed).", []string{"result"}, nil)
)

func (c *catalogCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descEntries, descInfo, descLoaded, descReloadOK, descReloadAt, descReloads} {
		ch <- d
	}
}

func (c *catalogCollector) Collect(ch chan<- prometheus.Metric) {
	if idx := c.holder.Current(); idx != nil {
		cat := idx.Catalog()
		for _, s := range cat.Systems() {
			ch <- prometheus.MustNewConstMetric(descEntries, prometheus.GaugeValue, float64(cat.Count(s.ID)), s.ID)
		}
		ch <- prometheus.MustNewConstMetric(descInfo, prometheus.GaugeValue, 1, cat.Version, cat.Source)
		ch <- prometheus.MustNewConstMetric(descLoaded, prometheus.GaugeValue, float64(cat.LoadedAt.Unix()))
	}
	okGauge := 1.0
	var ok, failed int64
	if c.reloader != nil {
		ok, failed = c.reloader.Counts()
		if last, tried := c.reloader.Last(); tried {
			if !last.OK {
				okGauge = 0
			}
			ch <- prometheus.MustNewConstMetric(descReloadAt, prometheus.GaugeValue, float64(last.At.Unix()))
		}
	}
	ch <- prometheus.MustNewConstMetric(descReloadOK, prometheus.GaugeValue, okGauge)
	ch <- prometheus.MustNewConstMetric(descReloads, prometheus.CounterValue, float64(ok), "ok")
	ch <- prometheus.MustNewConstMetric(descReloads, prometheus.CounterValue, float64(failed), "failed")
}
