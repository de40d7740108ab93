package search_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/errdex/errdex/internal/search"
)

func TestProbe(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		t.Skip()
	}
	ix := builtinIndex(t)
	for _, q := range strings.Split(os.Getenv("PROBE"), "|") {
		resp, _ := ix.Search(context.Background(), search.Request{Query: q, Limit: 3})
		var s []string
		for _, r := range resp.Results {
			s = append(s, fmt.Sprintf("%s(%.1f)", r.Entry.ID(), r.Score))
		}
		fmt.Printf("%-40q -> %s\n", q, strings.Join(s, "  "))
	}
}
