package web

import (
	"container/list"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimiter keeps one token bucket per client, remembering at most max
// clients: when a new client comes and the table is full, the least
// recently seen one is forgotten (and starts with a full bucket if it comes
// back), so a flood of addresses cannot grow memory without bound.
type rateLimiter struct {
	limit rate.Limit
	burst int
	max   int

	mu      sync.Mutex
	lru     *list.List // of *client, most recent at the front
	clients map[string]*list.Element
}

type client struct {
	key string
	lim *rate.Limiter
}

func newRateLimiter(perSecond float64, burst, max int) *rateLimiter {
	return &rateLimiter{
		limit:   rate.Limit(perSecond),
		burst:   burst,
		max:     max,
		lru:     list.New(),
		clients: make(map[string]*list.Element),
	}
}

// allow takes a token for key at now; when none is left it returns false
// and the whole seconds to wait for the next one.
func (l *rateLimiter) allow(key string, now time.Time) (ok bool, retryAfter int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var lim *rate.Limiter
	if el, found := l.clients[key]; found {
		l.lru.MoveToFront(el)
		lim = el.Value.(*client).lim
	} else {
		if l.lru.Len() >= l.max {
			oldest := l.lru.Back()
			l.lru.Remove(oldest)
			delete(l.clients, oldest.Value.(*client).key)
		}
		lim = rate.NewLimiter(l.limit, l.burst)
		l.clients[key] = l.lru.PushFront(&client{key: key, lim: lim})
	}
	if lim.AllowN(now, 1) {
		return true, 0
	}
	// Ask how long the next token is away without taking it.
	r := lim.ReserveN(now, 1)
	delay := r.DelayFrom(now)
	r.CancelAt(now)
	return false, max(1, int(math.Ceil(delay.Seconds())))
}

// charge takes n more tokens from key's bucket, going into debt: a
// request that turned out to cost more than one (a large body) delays the
// client's next ones. n is capped at the burst, beyond which a reservation
// cannot be made.
func (l *rateLimiter) charge(key string, n int, now time.Time) {
	if n <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	el, found := l.clients[key]
	if !found {
		return
	}
	el.Value.(*client).lim.ReserveN(now, min(n, l.burst))
}

// len returns the number of clients remembered.
func (l *rateLimiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}
