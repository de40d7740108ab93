package web

import (
	"sync"
	"sync/atomic"

	"github.com/errdex/errdex"
)

// Encoded answers of the lookup and entry endpoints are cached, because
// building one (rendering its Markdown, encoding some 10 KB of JSON) costs
// far more than serving it. They depend only on the catalog, the language,
// the question and the server's BaseURL; the catalog is immutable once
// loaded and a reload brings a new *errdex.Catalog, so the cache belongs to
// one catalog and is dropped with it: it never serves an answer of another.

// Bounds of the answer caches, per generation (each holds at most two).
const (
	entryCacheBytes  = 16 << 20
	lookupCacheBytes = 8 << 20
)

// entryKey names one entry's answer in one language.
type entryKey struct {
	e    *errdex.Entry
	lang errdex.Lang
}

// lookupKey names one lookup's answer: the code as asked (it is echoed in
// the answer), the system it was narrowed to, and the language.
type lookupKey struct {
	code, system string
	lang         errdex.Lang
}

// answers holds the encoded answers of one catalog.
type answers struct {
	cat     *errdex.Catalog
	entries *byteCache[entryKey]
	lookups *byteCache[lookupKey]
}

// answerCache holds the answers of the catalog currently served.
type answerCache struct {
	cur atomic.Pointer[answers]
}

// forCatalog returns the answers of cat, or nil when cat is not the catalog
// current is (a request still on an index a reload has replaced): its
// answers are built without the cache rather than evicting the new
// catalog's.
func (a *answerCache) forCatalog(cat, current *errdex.Catalog) *answers {
	if x := a.cur.Load(); x != nil && x.cat == cat {
		return x
	}
	if cat != current {
		return nil
	}
	x := &answers{
		cat:     cat,
		entries: newByteCache[entryKey](entryCacheBytes),
		lookups: newByteCache[lookupKey](lookupCacheBytes),
	}
	for {
		old := a.cur.Load()
		if old != nil && old.cat == cat {
			return old // another request installed it first
		}
		if a.cur.CompareAndSwap(old, x) {
			return x
		}
	}
}

// byteCache maps keys to encoded answers, bounded in bytes. It keeps two
// generations: new answers go into cur; when cur holds max bytes it becomes
// prev and the old prev is dropped; a hit in prev moves back into cur. Hot
// answers stay, and memory stays under twice max. The cached slices are
// shared and must never be modified.
type byteCache[K comparable] struct {
	mu        sync.Mutex
	max       int
	size      int // bytes held by cur
	cur, prev map[K]cached
}

// cached is an answer and the bytes it costs the cache.
type cached struct {
	b    []byte
	cost int
}

func newByteCache[K comparable](max int) *byteCache[K] {
	return &byteCache[K]{max: max, cur: make(map[K]cached)}
}

func (c *byteCache[K]) get(k K) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if x, ok := c.cur[k]; ok {
		return x.b, true
	}
	if x, ok := c.prev[k]; ok {
		delete(c.prev, k)
		c.addLocked(k, x)
		return x.b, true
	}
	return nil, false
}

// put remembers b for k; keyBytes is what k holds besides its fixed size
// (the bytes of its strings). An answer larger than a generation is not
// kept.
func (c *byteCache[K]) put(k K, b []byte, keyBytes int) {
	x := cached{b: b, cost: len(b) + keyBytes + entryOverhead}
	if x.cost > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[k]; !ok {
		c.addLocked(k, x)
	}
}

// entryOverhead approximates what one cached answer costs besides its
// bytes: its key and its slot in the map.
const entryOverhead = 64

func (c *byteCache[K]) addLocked(k K, x cached) {
	if c.size+x.cost > c.max {
		c.prev, c.cur, c.size = c.cur, make(map[K]cached), 0
	}
	c.cur[k] = x
	c.size += x.cost
}
