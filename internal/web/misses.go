package web

import (
	"cmp"
	"container/list"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/errdex/errdex/internal/clip"
	"github.com/errdex/errdex/internal/mask"
)

// maxMissBytes bounds one remembered query: enough to read what was looked
// for, not enough to keep a whole pasted payload.
const maxMissBytes = 100

// Misses remembers searches that found nothing, so catalog editors can see
// what users look for and the catalog lacks. It keeps only the normalised,
// masked query text and counts: no client address, no request id, no
// pastes. It is bounded: past max distinct queries the least recently seen
// is forgotten. It is read on the operations listener only.
type Misses struct {
	// log, when set, gets one event per miss remembered (masked), so that a
	// log pipeline sees the misses of every replica.
	log   *slog.Logger
	mu    sync.Mutex
	max   int
	lru   *list.List // of *miss, most recent at the front
	byKey map[string]*list.Element
	now   func() time.Time
}

type miss struct {
	query       string
	count       int
	first, last time.Time
}

// NewMisses returns a log of at most max distinct queries.
func NewMisses(max int) *Misses {
	return &Misses{max: max, lru: list.New(), byKey: make(map[string]*list.Element), now: time.Now}
}

// maxMissWords is the most words a remembered query has; more is a paste.
const maxMissWords = 12

// normalizeMiss folds the spellings of one query together: case, runs of
// spaces, surrounding space; masks what must not be kept (keys, tokens,
// phone numbers, e-mail addresses: package mask) and cuts it short. It
// returns "" for a query not worth remembering or not to be kept: a paste
// (a payload, a log line, a long text) is what a user had, not what the
// catalog lacks, and holds what nobody else should read.
func normalizeMiss(q string) string {
	if !utf8.ValidString(q) || looksPasted(q) {
		return ""
	}
	q = mask.String(strings.Join(strings.Fields(q), " "))
	return clip.Bytes(strings.ToLower(q), maxMissBytes)
}

// looksPasted reports whether q was pasted rather than typed: longer than
// a remembered query, on several lines, or holding the marks of a payload
// or a log line (JSON, markup, key=value, an HTTP status line).
func looksPasted(q string) bool {
	return len(q) > 2*maxMissBytes || strings.ContainsAny(q, "\n\r{}<>=\"") ||
		strings.Contains(q, "HTTP/") || len(strings.Fields(q)) > maxMissWords
}

// Record counts one search for q that found nothing.
func (m *Misses) Record(q string) {
	key := normalizeMiss(q)
	if key == "" {
		return
	}
	if m.log != nil {
		m.log.Info("search found nothing", "event", "miss", "query", key)
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.byKey[key]; ok {
		x := el.Value.(*miss)
		x.count++
		x.last = now
		m.lru.MoveToFront(el)
		return
	}
	if m.lru.Len() >= m.max {
		oldest := m.lru.Back()
		m.lru.Remove(oldest)
		delete(m.byKey, oldest.Value.(*miss).query)
	}
	m.byKey[key] = m.lru.PushFront(&miss{query: key, count: 1, first: now, last: now})
}

// MissCount is one remembered query and how often it found nothing.
type MissCount struct {
	Query       string
	Count       int
	First, Last time.Time
}

// Top returns up to n queries, most frequent first (the most recent first
// among equals), and how many distinct queries are remembered.
func (m *Misses) Top(n int) ([]MissCount, int) {
	m.mu.Lock()
	all := make([]MissCount, 0, m.lru.Len())
	for el := m.lru.Front(); el != nil; el = el.Next() {
		x := el.Value.(*miss)
		all = append(all, MissCount{Query: x.query, Count: x.count, First: x.first, Last: x.last})
	}
	m.mu.Unlock()
	slices.SortStableFunc(all, func(a, b MissCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last))
	})
	total := len(all)
	if len(all) > n {
		all = all[:n]
	}
	return all, total
}
