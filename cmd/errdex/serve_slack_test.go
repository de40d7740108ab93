package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// TestServeWarnsSlackWithoutBaseURL: with Slack on and no base URL the
// answers cannot link anything, which start-up says; with one it does not.
func TestServeWarnsSlackWithoutBaseURL(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"slack without a base URL", map[string]string{envSlackSecret: "s3cret"}, true},
		{"slack with a base URL", map[string]string{envSlackSecret: "s3cret", envBaseURL: "https://errdex.example"}, false},
		{"no slack", map[string]string{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &logWriter{addrc: make(chan string, 1)}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan int, 1)
			go func() {
				done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--ops-addr", "127.0.0.1:0", "--log-format", "json"},
					stdio{in: strings.NewReader(""), out: io.Discard, err: logs}, func(k string) string { return tc.env[k] })
			}()
			select {
			case <-logs.addrc:
			case code := <-done:
				cancel()
				t.Fatalf("serve exited with %d:\n%s", code, logs)
			case <-time.After(30 * time.Second):
				cancel()
				t.Fatalf("serve did not listen in time:\n%s", logs)
			}
			cancel()
			<-done
			got := strings.Contains(logs.String(), `"msg":"Slack is on without a base URL`)
			if got != tc.want {
				t.Errorf("warned: %v, want %v\n%s", got, tc.want, logs)
			}
		})
	}
}
