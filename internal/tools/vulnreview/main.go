// Command vulnreview reads govulncheck's JSON stream (govulncheck -format
// json) and fails when the code calls a vulnerable symbol that has not been
// reviewed and accepted.
//
// govulncheck has no way to record a reviewed advisory, and some advisories
// have no fixed version for the major version we are pinned to (echo/v4).
// The accepted list names each such advisory with the reason it does not
// apply. An advisory is accepted only while no fixed version exists: once
// one does, the finding fails the check again, so the fix gets taken.
//
// Usage:
//
//	govulncheck -format json ./... | go run ./internal/tools/vulnreview -accepted .ci/vulncheck-accepted.txt
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	accepted := flag.String("accepted", "", "`file` of reviewed advisories: one ID per line, then the reason")
	flag.Parse()
	var acc map[string]string
	if *accepted != "" {
		f, err := os.Open(*accepted)
		if err != nil {
			fmt.Fprintln(os.Stderr, "vulnreview:", err)
			os.Exit(2)
		}
		acc, err = parseAccepted(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "vulnreview: %s: %v\n", *accepted, err)
			os.Exit(2)
		}
	}
	rep, err := review(os.Stdin, acc)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulnreview:", err)
		os.Exit(2)
	}
	rep.print(os.Stdout)
	if len(rep.failing) > 0 {
		os.Exit(1)
	}
}

// parseAccepted reads lines of "ID reason"; blank lines and lines starting
// with # are skipped. Every ID needs a reason.
func parseAccepted(r io.Reader) (map[string]string, error) {
	acc := make(map[string]string)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if reason = strings.TrimSpace(reason); reason == "" {
			return nil, fmt.Errorf("line %d: %s: no reason given", n, id)
		}
		acc[id] = reason
	}
	return acc, sc.Err()
}

// message is one value of govulncheck's JSON stream; only the parts read
// here are declared.
type message struct {
	Config *struct {
		ScannerVersion string `json:"scanner_version"`
		DB             string `json:"db"`
		GoVersion      string `json:"go_version"`
	} `json:"config"`
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string `json:"osv"`
		FixedVersion string `json:"fixed_version"`
		Trace        []struct {
			Module   string `json:"module"`
			Package  string `json:"package"`
			Function string `json:"function"`
		} `json:"trace"`
	} `json:"finding"`
}

// called is an advisory whose vulnerable code the program reaches.
type called struct {
	id, summary, module, fixed string
	reason                     string // why it was accepted; empty if it was not
}

type report struct {
	header   string
	accepted []called
	failing  []called
	unused   []string // accepted IDs govulncheck no longer reports as called
}

func review(r io.Reader, acc map[string]string) (*report, error) {
	dec := json.NewDecoder(r)
	summaries := make(map[string]string)
	found := make(map[string]*called)
	rep := new(report)
	seenConfig := false
	for {
		var m message
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading govulncheck output: %w", err)
		}
		switch {
		case m.Config != nil:
			seenConfig = true
			rep.header = fmt.Sprintf("govulncheck %s, %s, database %s", m.Config.ScannerVersion, m.Config.GoVersion, m.Config.DB)
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil:
			f := m.Finding
			// Only a trace that ends in a function is a call; the others say
			// a vulnerable module or package is merely present.
			if len(f.Trace) == 0 || f.Trace[0].Function == "" {
				continue
			}
			if found[f.OSV] == nil {
				found[f.OSV] = &called{id: f.OSV, module: f.Trace[0].Module, fixed: f.FixedVersion}
			}
		}
	}
	if !seenConfig {
		return nil, errors.New("no govulncheck config message: is this govulncheck -format json output?")
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := found[id]
		c.summary = summaries[id]
		if reason, ok := acc[id]; ok && c.fixed == "" {
			c.reason = reason
			rep.accepted = append(rep.accepted, *c)
			continue
		}
		rep.failing = append(rep.failing, *c)
	}
	for id := range acc {
		if found[id] == nil {
			rep.unused = append(rep.unused, id)
		}
	}
	sort.Strings(rep.unused)
	return rep, nil
}

func (rep *report) print(w io.Writer) {
	fmt.Fprintln(w, rep.header)
	for _, c := range rep.failing {
		fix := "no fixed version"
		if c.fixed != "" {
			fix = "fixed in " + c.fixed
		}
		fmt.Fprintf(w, "FAIL %s %s (%s): %s\n", c.id, c.module, fix, c.summary)
	}
	for _, c := range rep.accepted {
		fmt.Fprintf(w, "accepted %s %s: %s\n    reviewed: %s\n", c.id, c.module, c.summary, c.reason)
	}
	for _, id := range rep.unused {
		fmt.Fprintf(w, "note: %s is accepted but no longer reported; drop it from the list\n", id)
	}
	switch {
	case len(rep.failing) > 0:
		fmt.Fprintf(w, "vulnreview: FAIL: %d called vulnerabilities not reviewed or now fixable\n", len(rep.failing))
	case len(rep.accepted) > 0:
		fmt.Fprintf(w, "vulnreview: ok: no unreviewed called vulnerabilities (%d accepted, no fix exists)\n", len(rep.accepted))
	default:
		fmt.Fprintln(w, "vulnreview: ok: no called vulnerabilities")
	}
}
