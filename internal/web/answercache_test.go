package web

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/search"
)

// A cached answer is byte for byte the answer built afresh, with the same
// headers apart from the per-request ones.
func TestAnswerCacheSameAnswers(t *testing.T) {
	idx := testIndex(t)
	cat := idx.Catalog()
	s := newTestServer(t, Config{BaseURL: "https://errdex.example.com"})
	entry := func(id string) *errdex.Entry {
		e, ok := cat.Entry(id)
		if !ok {
			t.Fatalf("no entry %s", id)
		}
		return e
	}
	tests := []struct {
		path, accept string
		fresh        func() any
	}{
		{"/api/v1/entries/kakao-share/4019", "", func() any { return s.builder(errdex.English).Entry(cat, entry("kakao-share/4019")) }},
		{"/api/v1/entries/kakao-share/4019?lang=ko", "", func() any { return s.builder(errdex.Korean).Entry(cat, entry("kakao-share/4019")) }},
		{"/api/v1/entries/kakao-share/4019", "ko", func() any { return s.builder(errdex.Korean).Entry(cat, entry("kakao-share/4019")) }},
		{"/api/v1/entries/kmsg/insufficient_balance", "", func() any {
			return s.builder(errdex.English).Entry(cat, entry("kmsg/INSUFFICIENT_BALANCE"))
		}},
		{"/api/v1/lookup?code=4019", "", func() any {
			return s.builder(errdex.English).Lookup(cat, "4019", "", idx.Lookup("4019", ""))
		}},
		{"/api/v1/lookup?code=4019&lang=ko", "", func() any {
			return s.builder(errdex.Korean).Lookup(cat, "4019", "", idx.Lookup("4019", ""))
		}},
		{"/api/v1/lookup?code=+4019+&system=kakao-share", "", func() any {
			return s.builder(errdex.English).Lookup(cat, "4019", "kakao-share", idx.Lookup("4019", "kakao-share"))
		}},
		{"/api/v1/lookup?code=nothing-has-this", "", func() any {
			return s.builder(errdex.English).Lookup(cat, "nothing-has-this", "", nil)
		}},
	}
	for _, tt := range tests {
		want, err := encodeJSON(tt.fresh())
		if err != nil {
			t.Fatal(err)
		}
		var first http.Header
		for i := 0; i < 3; i++ {
			w := request(t, s, "GET", tt.path, nil, "Accept-Language", tt.accept)
			if w.Code != http.StatusOK {
				t.Fatalf("%s: status %d", tt.path, w.Code)
			}
			if !bytes.Equal(w.Body.Bytes(), want) {
				t.Fatalf("%s (Accept-Language %q), request %d:\n got %s\nwant %s", tt.path, tt.accept, i, w.Body, want)
			}
			h := w.Header().Clone()
			h.Del("X-Request-Id")
			if i == 0 {
				first = h
			} else if !equalHeaders(h, first) {
				t.Fatalf("%s: headers of request %d differ from the first's:\n%v\n%v", tt.path, i, h, first)
			}
		}
	}
}

func equalHeaders(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
}

// After a reload the answers are the new catalog's, never the old one's
// remembered.
func TestAnswerCacheFollowsReload(t *testing.T) {
	load := func(title string) *search.Index {
		dir := t.TempDir()
		for _, f := range []string{"kakao-share.yaml", "kmsg.yaml", "systems.yaml"} {
			b, err := os.ReadFile(filepath.Join("testdata/catalog", f))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.ReplaceAll(b, []byte("App platform mismatch"), []byte(title))
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cat, err := errdex.LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		idx, err := search.New(context.Background(), cat, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return idx
	}
	h := live.NewHolder(load("Old title"), nil)
	defer h.Close()
	s, err := New(Config{}, h, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/entries/kakao-share/4019", "/api/v1/lookup?code=4019"} {
		for i := 0; i < 2; i++ {
			if w := request(t, s, "GET", path, nil); !strings.Contains(w.Body.String(), "Old title") {
				t.Fatalf("%s before the reload: %s", path, w.Body)
			}
		}
	}
	h.Swap(load("New title"))
	for _, path := range []string{"/api/v1/entries/kakao-share/4019", "/api/v1/lookup?code=4019"} {
		w := request(t, s, "GET", path, nil)
		if body := w.Body.String(); strings.Contains(body, "Old title") || !strings.Contains(body, "New title") {
			t.Fatalf("%s after the reload: %s", path, body)
		}
	}
}

// However many distinct answers go through it, the cache holds at most two
// generations of its bound, and keeps an answer used all along.
func TestByteCacheBounded(t *testing.T) {
	c := newByteCache[string](10 << 10)
	hot := []byte("hot answer")
	for i := 0; i < 100000; i++ {
		k := "code" + strconv.Itoa(i)
		c.put(k, bytes.Repeat([]byte("x"), i%500), len(k))
		if _, ok := c.get("hot"); !ok {
			c.put("hot", hot, 3)
		}
	}
	total := 0
	for _, g := range []map[string]cached{c.cur, c.prev} {
		for _, x := range g {
			total += x.cost
		}
	}
	if total > 2*c.max {
		t.Errorf("cache holds %d bytes, over 2 x %d", total, c.max)
	}
	if b, ok := c.get("hot"); !ok || !bytes.Equal(b, hot) {
		t.Error("an answer used on every call was forgotten")
	}
	c.put("huge", make([]byte, c.max+1), 4)
	if _, ok := c.get("huge"); ok {
		t.Error("an answer larger than a generation was kept")
	}
}
