// Package deps checks the import graph: which packages may depend,
// directly or not, on which. The rules keep the search engine behind the
// domain's Searcher interface, so that a surface can be understood, tested
// and changed without it.
package deps

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/errdex/errdex"

// mayUseBleve are the only packages that may import Bleve, directly or
// through another package: the search package and the program that builds
// an index to serve (tests are not packages here: `go list` without -test).
var mayUseBleve = []string{
	module + "/internal/search",
	module + "/cmd/errdex",
}

// forbidden maps a package (and its subpackages, with "/...") to module
// packages it must not import, directly or not.
var forbidden = map[string][]string{
	// The domain depends on nothing of the program.
	module: {module + "/internal/..."},
	// The application service knows the domain and the live holder only.
	module + "/internal/app": {module + "/internal/search", module + "/internal/web/...",
		module + "/internal/api", module + "/internal/textfmt", module + "/internal/chatops"},
	// Presentation packages answer through the service, never the engine.
	module + "/internal/api":     {module + "/internal/search", module + "/internal/live"},
	module + "/internal/textfmt": {module + "/internal/search", module + "/internal/live", module + "/internal/app"},
	module + "/internal/chatops": {module + "/internal/search"},
	// mcp may share the strict parameter parsing (web/params), not the server.
	module + "/internal/mcp":      {module + "/internal/search", module + "/internal/web", module + "/internal/web/pages"},
	module + "/internal/web/...":  {module + "/internal/search"},
	module + "/internal/live":     {module + "/internal/search", module + "/internal/app"},
	module + "/internal/markdown": {module + "/internal/..."},
}

// depsOf lists every package of the module with its transitive imports.
func depsOf(t *testing.T) map[string][]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to list packages with")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Deps}} {{.}}{{end}}", module+"/...").Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		m[f[0]] = f[1:]
	}
	if len(m) < 5 {
		t.Fatalf("go list found %d packages; is the test run inside the module?", len(m))
	}
	return m
}

// matches reports whether pkg is pattern, or under it for "x/...".
func matches(pattern, pkg string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == base || strings.HasPrefix(pkg, base+"/")
	}
	return pkg == pattern
}

func TestOnlySearchUsesBleve(t *testing.T) {
	for pkg, deps := range depsOf(t) {
		if slices.Contains(mayUseBleve, pkg) {
			continue
		}
		for _, d := range deps {
			if strings.HasPrefix(d, "github.com/blevesearch/") {
				t.Errorf("%s imports %s (through some package): only %v may use Bleve", pkg, d, mayUseBleve)
				break
			}
		}
	}
}

func TestForbiddenImports(t *testing.T) {
	all := depsOf(t)
	for pattern, bans := range forbidden {
		found := false
		for pkg, deps := range all {
			if !matches(pattern, pkg) {
				continue
			}
			found = true
			for _, d := range deps {
				for _, ban := range bans {
					if matches(ban, d) {
						t.Errorf("%s imports %s, which it must not (directly or not)", pkg, d)
					}
				}
			}
		}
		if !found {
			t.Errorf("no package matches %s: update the rules", pattern)
		}
	}
}

// TestRulesCanFail checks the checker on a made-up graph, so that the rules
// above are known to catch what they name.
func TestRulesCanFail(t *testing.T) {
	if !matches(module+"/internal/web/...", module+"/internal/web/pages") || matches(module+"/internal/web/...", module+"/internal/webx") {
		t.Error("matches gets subpackages wrong")
	}
}
