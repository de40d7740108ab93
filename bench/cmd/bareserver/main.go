// Command bareserver is the floor errdex's HTTP serving is measured
// against: a bare net/http server that answers errdex's API paths with
// bytes encoded once, beforehand, so that all it costs is net/http itself.
//
//	bareserver -addr 127.0.0.1:18082 -dir responses/
//
// dir holds lookup.json, entry.json and search.json, fetched from a running
// errdex (bench/http.sh does this), served for /api/v1/lookup,
// /api/v1/entries/... and /api/v1/search.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18082", "host:port to listen on (loopback)")
	dir := flag.String("dir", ".", "directory holding lookup.json, entry.json and search.json")
	flag.Parse()

	mux := http.NewServeMux()
	for route, file := range map[string]string{
		"GET /api/v1/lookup":   "lookup.json",
		"GET /api/v1/entries/": "entry.json",
		"GET /api/v1/search":   "search.json",
		"GET /healthz":         "",
	} {
		body := []byte("ok\n")
		if file != "" {
			var err error
			if body, err = os.ReadFile(filepath.Join(*dir, file)); err != nil {
				log.Fatal(err)
			}
		}
		length := strconv.Itoa(len(body))
		mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Type", "application/json; charset=utf-8")
			h.Set("Content-Length", length)
			w.Write(body)
		})
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	fmt.Fprintf(os.Stderr, "bareserver: listening on %s\n", *addr)
	log.Fatal(srv.ListenAndServe())
}
