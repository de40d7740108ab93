package search_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/errdex/errdex/internal/search"
)

func TestTmpProbe(t *testing.T) {
	ix := builtinIndex(t)
	for _, q := range strings.Split(os.Getenv("PROBE"), "|") {
		resp, _ := ix.Search(context.Background(), search.Request{Query: q, Limit: 4})
		var s []string
		for _, r := range resp.Results {
			s = append(s, fmt.Sprintf("%s(%.2f)", r.Entry.ID(), r.Score))
		}
		fmt.Printf("%-36q -> %s\n", q, strings.Join(s, "  "))
	}
}
