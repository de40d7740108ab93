// Command costly measures what one client at its full rate limit, sending
// the costliest identify it can, does to an unrelated client's latency
// (issue 15). It runs against an errdex serve already listening (with its
// default rate limit) on 127.0.0.1, on the shared machine, for a bounded
// time:
//
//	go run ./cmd/costly -base http://127.0.0.1:8080
//
// The victim sends searches and lookups from 127.0.0.3, under its own
// rate; first alone (idle), then while the attacker, from 127.0.0.2,
// sends identifies paced at the server's rate limit. Each attack body is
// just under 8 KiB (one rate token) and one of the inputs that cost the
// most work per byte: distinct words, distinct UPPER_SNAKE codes, Hangul
// runs, nested JSON. It prints the victim's p50/p99 in both phases and
// the attacker's answers by status.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "errdex serve's public base URL")
	idle := flag.Duration("idle", 10*time.Second, "how long the victim runs alone")
	attack := flag.Duration("attack", 15*time.Second, "how long the victim runs under attack")
	rate := flag.Float64("rate", 20, "the attacker's requests per second (the server's --rate-limit)")
	victimRate := flag.Float64("victim-rate", 15, "the victim's requests per second")
	flag.Parse()
	if *idle+*attack > 30*time.Second {
		fmt.Fprintln(os.Stderr, "costly: keep the run at 30 s or less")
		os.Exit(2)
	}

	victim := client("127.0.0.3")
	attacker := client("127.0.0.2")
	paths := []string{"/api/v1/search?q=balance", "/api/v1/lookup?code=KOE009", "/api/v1/search?q=template+not+found"}

	idleLat := runVictim(victim, *base, paths, *victimRate, *idle)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	codes := map[int]int{}
	var mu sync.Mutex
	bodies := payloads()
	wg.Go(func() {
		tick := time.NewTicker(time.Duration(float64(time.Second) / *rate))
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			wg.Go(func() {
				resp, err := attacker.Post(*base+"/api/v1/identify", "text/plain", strings.NewReader(bodies[i%len(bodies)]))
				code := 0
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				mu.Lock()
				codes[code]++
				mu.Unlock()
			})
		}
	})
	attackLat := runVictim(victim, *base, paths, *victimRate, *attack)
	close(stop)
	wg.Wait()

	p := func(l []time.Duration, q float64) time.Duration { return l[min(len(l)-1, int(q*float64(len(l))))] }
	fmt.Printf("victim idle:         n=%d p50=%s p99=%s max=%s\n", len(idleLat), p(idleLat, .5), p(idleLat, .99), idleLat[len(idleLat)-1])
	fmt.Printf("victim under attack: n=%d p50=%s p99=%s max=%s\n", len(attackLat), p(attackLat, .5), p(attackLat, .99), attackLat[len(attackLat)-1])
	fmt.Printf("p99 ratio: x%.2f (target < x2)\n", float64(p(attackLat, .99))/float64(p(idleLat, .99)))
	fmt.Printf("attacker answers by status: %v\n", codes)
}

// client sends from a loopback address of its own, so the server's rate
// limiter sees it as a client of its own.
func client(local string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 64}}
}

// runVictim sends paths in turn at rate for d and returns the latencies,
// sorted; a non-200 answer stops the run.
func runVictim(c *http.Client, base string, paths []string, rate float64, d time.Duration) []time.Duration {
	var out []time.Duration
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		start := time.Now()
		resp, err := c.Get(base + paths[i%len(paths)])
		if err != nil {
			fmt.Fprintln(os.Stderr, "costly: victim:", err)
			os.Exit(1)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			fmt.Fprintf(os.Stderr, "costly: victim got %d for %s\n", resp.StatusCode, paths[i%len(paths)])
			os.Exit(1)
		}
		out = append(out, time.Since(start))
	}
	slices.Sort(out)
	return out
}

// payloads are identify bodies just under 8 KiB, each among the costliest
// per byte of its kind.
func payloads() []string {
	const n = 8<<10 - 1
	rng := rand.New(rand.NewPCG(15, 15))
	gen := func(next func(b *strings.Builder)) string {
		var b strings.Builder
		for b.Len() < n {
			next(&b)
		}
		s := b.String()
		for len(s) > n { // cut on a rune boundary
			s = s[:len(s)-1]
		}
		return strings.ToValidUTF8(s, "")
	}
	letters := func(b *strings.Builder, lo, hi byte, k int) {
		for range k {
			b.WriteByte(lo + byte(rng.IntN(int(hi-lo)+1)))
		}
	}
	return []string{
		gen(func(b *strings.Builder) { letters(b, 'a', 'z', 3+rng.IntN(8)); b.WriteByte(' ') }),
		gen(func(b *strings.Builder) {
			letters(b, 'A', 'Z', 5)
			b.WriteByte('_')
			letters(b, 'A', 'Z', 5)
			b.WriteByte(' ')
		}),
		gen(func(b *strings.Builder) {
			for range 2 + rng.IntN(30) {
				b.WriteRune(rune(0xAC00 + rng.IntN(11172)))
			}
			b.WriteByte(' ')
		}),
		gen(func(b *strings.Builder) {
			b.WriteString(`{"error":{"code":"`)
			letters(b, 'A', 'Z', 8)
			b.WriteString(`","message":"`)
			letters(b, 'a', 'z', 12)
			b.WriteString(`","status":`)
			fmt.Fprintf(b, "%d", 400+rng.IntN(100))
			b.WriteString("}}\n")
		}),
	}
}
