package errdex_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// upstreamRow is one line of testdata/upstream/codes.tsv: a code or an
// exact message from a table of the upstream facts file.
type upstreamRow struct {
	kind, system, provider, channel, value, expect string
	line                                           string // of the facts file
}

func readUpstreamRows(t *testing.T, path string) (rows []upstreamRow, skipped int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case strings.HasPrefix(l, "-"):
			skipped++
			continue
		}
		p := strings.Split(l, "\t")
		if len(p) != 7 {
			t.Fatalf("%s: %q: want 7 tab-separated fields, got %d", path, l, len(p))
		}
		rows = append(rows, upstreamRow{p[0], p[1], p[2], p[3], strings.ReplaceAll(p[4], `\n`, "\n"), p[5], p[6]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows, skipped
}

func (r upstreamRow) String() string {
	who := r.system
	if r.provider != "" {
		who = strings.TrimSpace(r.provider + " " + r.channel)
	}
	return fmt.Sprintf("line %s: %s %s %q", r.line, r.kind, who, r.value)
}

// answerCode says whether a lookup answers the code with its own meaning:
// the provider's record for a provider code, else an entry whose code,
// alias or provider code it is.
func answerCode(cat *errdex.Catalog, r upstreamRow) bool {
	if r.provider != "" {
		for _, rec := range cat.ProviderRecords(r.provider + " " + r.channel + " " + r.value) {
			if strings.EqualFold(rec.Code, r.value) && strings.TrimSpace(rec.Meaning.En) != "" && strings.TrimSpace(rec.Meaning.Ko) != "" {
				return true
			}
		}
		return false
	}
	if len(cat.Lookup(r.value, r.system)) > 0 {
		return true
	}
	// An SDK's name for a code may be a record of the system's provider.
	for _, rec := range cat.ProviderRecords(r.value) {
		if rec.System == r.system {
			return true
		}
	}
	return false
}

// expectedEntries returns the ids of the entries a message row belongs
// to, nil when any entry will do, and false when the row names a record
// that maps onto no entry (then the record holding the message answers it).
func expectedEntries(cat *errdex.Catalog, r upstreamRow) ([]string, bool) {
	code, isRecord := strings.CutPrefix(r.expect, "record:")
	switch {
	case r.expect == "":
		return nil, true
	case isRecord:
		var ids []string
		for _, rec := range cat.ProviderRecords(r.provider + " " + r.channel + " " + code) {
			if id := rec.EntryID(); id != "" && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		return ids, len(ids) > 0
	}
	var ids []string
	for _, m := range cat.Lookup(code, r.system) {
		ids = append(ids, m.Entry.ID())
	}
	if len(ids) == 0 {
		ids = []string{r.system + "/" + code} // reported as missing
	}
	return ids, true
}

// recordHolds reports whether a record of the row's provider carries the
// message as its own, as its message or one of its other messages (for
// records that map onto no entry).
func recordHolds(cat *errdex.Catalog, r upstreamRow) bool {
	for _, rec := range cat.Records() {
		if rec.Provider == r.provider && slices.ContainsFunc(rec.Messages(), func(m string) bool { return strings.EqualFold(m, r.value) }) {
			return true
		}
	}
	return false
}

// sample fills a message's varying parts the way a real one would be; a
// Meta title comes as Meta prints it in error.message, "(#131026) title".
func sample(r upstreamRow) string {
	msg := strings.ReplaceAll(r.value, "{v}", "X1")
	if code, ok := strings.CutPrefix(r.expect, "record:"); ok && r.provider == "meta" && code != "" {
		msg = "(#" + code + ") " + msg
	}
	return msg
}

// upstreamPending lists rows of codes.tsv the built-in catalog does not
// answer yet, by "kind<TAB>value<TAB>line"; the test fails when one of
// them becomes answered (take it out then) and reports them all.
func upstreamPending(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("testdata/upstream/pending.tsv")
	if os.IsNotExist(err) {
		return map[string]bool{}
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for l := range strings.SplitSeq(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out[l] = true
		}
	}
	return out
}

// TestUpstreamListAnswered walks every code and exact message of the
// upstream facts file's tables (testdata/upstream/codes.tsv) through the
// built-in catalog: a code must be answered by lookup with its own
// meaning (its provider record, or an entry it is the code, alias or
// provider code of); an exact message, pasted, must be identified as its
// entry through the search index.
func TestUpstreamListAnswered(t *testing.T) {
	cat := builtin(t)
	if dir := os.Getenv("ERRDEX_TEST_CATALOG"); dir != "" { // to try a catalog in the making
		var err error
		if cat, err = errdex.LoadDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	rows, skipped := readUpstreamRows(t, "testdata/upstream/codes.tsv")
	if len(rows) < 600 {
		t.Fatalf("%d rows in codes.tsv, want the whole list (600+)", len(rows))
	}
	pending := upstreamPending(t)
	var missing, nowAnswered, stillPending []string
	answered := 0
	for _, r := range rows {
		ok := false
		why := ""
		switch r.kind {
		case "code":
			ok = answerCode(cat, r)
			why = "lookup finds no record or entry with this code"
		case "message":
			want, hasEntry := expectedEntries(cat, r)
			if !hasEntry {
				ok, why = recordHolds(cat, r), "no record holds this message"
				break
			}
			resp, err := idx.Identify(context.Background(), sample(r), errdex.English, 10)
			if err != nil {
				t.Fatalf("%s: identify: %v", r, err)
			}
			// Found by one of its signatures, or first and not weakly (by
			// a code or provider code the message names).
			got := resp.Understood.Signatures
			first := ""
			if len(resp.Results) > 0 && resp.Results[0].Confidence != errdex.ConfidenceWeak {
				first = resp.Results[0].Entry.ID()
			}
			if want == nil {
				ok = len(got) > 0 || first != ""
				why = "identify matches no signature and has no confident first result"
			} else {
				ok = slices.ContainsFunc(want, func(id string) bool { return slices.Contains(got, id) || id == first })
				why = fmt.Sprintf("identify's signatures name %q and its first confident result is %q, want one of %q", got, first, want)
			}
		default:
			t.Fatalf("%s: unknown kind", r)
		}
		key := r.kind + "\t" + strings.ReplaceAll(r.value, "\n", `\n`) + "\t" + r.line
		switch {
		case ok && pending[key]:
			nowAnswered = append(nowAnswered, key)
		case ok:
			answered++
		case !pending[key]:
			missing = append(missing, fmt.Sprintf("%s: %s", r, why))
			stillPending = append(stillPending, key)
		default:
			stillPending = append(stillPending, key)
			t.Logf("pending: %s: %s", r, why)
		}
	}
	if *update {
		head := "# Rows of codes.tsv the built-in catalog does not answer yet (kind, value, line), written by\n" +
			"# go test -run TestUpstreamListAnswered -update. TestUpstreamListAnswered fails for any other\n" +
			"# unanswered row, and for a row here once it is answered.\n"
		if err := os.WriteFile("testdata/upstream/pending.tsv", []byte(head+strings.Join(stillPending, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Logf("%d of %d rows answered, %d pending (testdata/upstream/pending.tsv), %d left out on purpose", answered, len(rows), len(pending), skipped)
	if len(missing) > 0 {
		t.Errorf("%d rows of the upstream list are not answered:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	if len(nowAnswered) > 0 {
		t.Errorf("%d rows of pending.tsv are answered now; take them out:\n%s", len(nowAnswered), strings.Join(nowAnswered, "\n"))
	}
}
