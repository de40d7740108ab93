package errdex_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCIStopsOnTestFailure runs the line of .ci/run that holds the
// README's test command, as .ci/run does (bash, set -euo pipefail), with
// a go command that fails at one step: the script must stop with an
// error there. Inside an && list, set -e alone lets the script go on and
// pass.
func TestCIStopsOnTestFailure(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var command string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "go vet ./... && go test -race ./...") {
			command = l
		}
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(string(ci), "\n") {
		if command != "" && strings.HasPrefix(l, command) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf(".ci/run has no line running the README's test command %q", command)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash:", err)
	}

	// A go that fails when called with FAIL_AT's words ("test", or "test
	// bench" in the bench module) and succeeds otherwise.
	bin := t.TempDir()
	stub := `#!/bin/sh
at="$1"
case "$PWD" in */bench) at="$1 bench";; esac
[ "$at" = "$FAIL_AT" ] && exit 1
exit 0
`
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, failAt := range []string{"", "vet", "test", "vet bench", "test bench"} {
		cmd := exec.Command(bash, "-c", "set -euo pipefail\n"+line+"\necho went on")
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "FAIL_AT="+failAt)
		out, err := cmd.CombinedOutput()
		wentOn := strings.Contains(string(out), "went on")
		if failAt == "" {
			if err != nil || !wentOn {
				t.Errorf("nothing failing: %v, output %q; want the script to go on", err, out)
			}
			continue
		}
		if err == nil || wentOn {
			t.Errorf("go %s failing: exit error %v, output %q; want the script to stop with an error", failAt, err, out)
		}
	}
}
