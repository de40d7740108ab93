package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/errdex/errdex"
)

// sameInBoth may read the same in English and Korean: names and codes.
var sameInBoth = []Key{APILink}

// TestEveryKey checks that every label has both languages, that a label
// does not read the same in both unless it is a name, and that the two
// languages of a format take the same arguments.
func TestEveryKey(t *testing.T) {
	names := keyNames(t)
	formats := formatKeys(t)
	for k := Key(0); k < numKeys; k++ {
		name := names["Key"][k]
		e, o := T(errdex.English, k), T(errdex.Korean, k)
		if strings.TrimSpace(e) == "" || strings.TrimSpace(o) == "" {
			t.Errorf("%s: en %q, ko %q: both languages required", name, e, o)
		}
		if e == o && !slices.Contains(sameInBoth, k) {
			t.Errorf("%s reads %q in both languages", name, e)
		}
		if ve, vo := verbs(e), verbs(o); !slices.Equal(ve, vo) {
			t.Errorf("%s: en takes %v, ko takes %v", name, ve, vo)
		}
		if takes := strings.Contains(e+o, "%"); takes != formats[name] {
			t.Errorf("%s: has fmt verbs %v but marked (format) in keys.go %v: F and T would misread it", name, takes, formats[name])
		}
	}
	for c := Count(0); c < numCounts; c++ {
		name := names["Count"][c]
		forms := [][2]string{enCounts[c], koCounts[c]}
		want := verbs(forms[0][1])
		if !slices.Contains(want, "1d") {
			t.Errorf("%s: %q does not say the count", name, forms[0][1])
		}
		for _, f := range forms {
			for _, s := range f {
				if got := verbs(s); !slices.Equal(got, want) {
					t.Errorf("%s: %q takes %v, want %v", name, s, got, want)
				}
			}
		}
	}
}

var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?([a-z])`)

// verbs lists a format's arguments as index and verb ("1d", "2s"), sorted.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		i := next
		if m[1] != "" {
			i = int(m[1][0] - '0')
		}
		out = append(out, string(rune('0'+i))+m[2])
		next = i + 1
	}
	slices.Sort(out)
	return out
}

func TestFormats(t *testing.T) {
	if got := N(errdex.English, ResultsCount, 1); got != "1 result" {
		t.Errorf("one: %q", got)
	}
	if got := N(errdex.English, ResultsCount, 3); got != "3 results" {
		t.Errorf("other: %q", got)
	}
	if got := N(errdex.Korean, CLIResults, 2, `"q"`); got != `""q"" 검색 결과 2건` {
		t.Errorf("indexed: %q", got)
	}
	if got := F(errdex.Lang("fr"), NoSuchCode, "Kirim", "9"); got != "Kirim has no code 9" {
		t.Errorf("other language: %q", got)
	}
}

// formatKeys are the keys marked (format) in keys.go.
func formatKeys(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok && v.Comment != nil && strings.Contains(v.Comment.Text(), "(format") {
			for _, id := range v.Names {
				out[id.Name] = true
			}
		}
		return true
	})
	return out
}

// keyNames reads the names of the Key and Count constants, in order,
// from keys.go.
func keyNames(t *testing.T) map[string][]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		typ := ""
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); ok {
				typ = id.Name
			}
			for _, n := range v.Names {
				if !strings.HasPrefix(n.Name, "num") {
					out[typ] = append(out[typ], n.Name)
				}
			}
		}
	}
	if len(out["Key"]) != int(numKeys) || len(out["Count"]) != int(numCounts) {
		t.Fatalf("read %d keys and %d counts from keys.go, want %d and %d", len(out["Key"]), len(out["Count"]), numKeys, numCounts)
	}
	return out
}

// TestNoKeyUnused fails when no code of the module reads a key: a label
// nobody shows is one nobody keeps up to date.
func TestNoKeyUnused(t *testing.T) {
	names := keyNames(t)
	var code strings.Builder // outside this package: i18n.Name
	var own strings.Builder  // this package's lookups: Name
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch filepath.Dir(path) {
		case filepath.Join(root, "internal", "i18n"):
			if base := filepath.Base(path); base != "keys.go" && base != "en.go" && base != "ko.go" {
				own.Write(b)
			}
		default:
			code.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`\bi18n\.(\w+)`).FindAllStringSubmatch(code.String(), -1) {
		used[m[1]] = true
	}
	for _, w := range regexp.MustCompile(`\w+`).FindAllString(own.String(), -1) {
		used[w] = true
	}
	for _, typ := range []string{"Key", "Count"} {
		for _, n := range names[typ] {
			if !used[n] {
				t.Errorf("%s %s is not used by any code", typ, n)
			}
		}
	}
}

// TestEveryDomainValueLabelled checks that each retry strategy, kind of
// evidence and suggestion reason of the domain has its own label.
func TestEveryDomainValueLabelled(t *testing.T) {
	seen := map[string]bool{}
	check := func(what, label, raw string) {
		if label == raw || seen[label] {
			t.Errorf("%s %q: label %q is missing or shared", what, raw, label)
		}
		seen[label] = true
	}
	for _, s := range errdex.RetryStrategies {
		check("retry strategy", RetryLabel(errdex.English, s), string(s))
	}
	for _, m := range errdex.MatchKinds {
		check("match kind", MatchLabel(errdex.Korean, m), string(m))
	}
	for _, r := range []errdex.SuggestReason{errdex.SuggestSimilarCode, errdex.SuggestSimilarTitle} {
		check("reason", ReasonLabel(errdex.Korean, r), string(r))
	}
}
