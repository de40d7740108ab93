package errdex

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// copyDir copies the real catalog's files into a new directory.
func copyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("catalog/*.yaml")
	if len(files) < 3 {
		t.Fatal("no catalog files")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeCatalogFile(t, dir, filepath.Base(f), b)
	}
	return dir
}

// writeCatalogFile replaces a file by a rename, as editors do.
func writeCatalogFile(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	tmp := filepath.Join(dir, ".tmp-"+name)
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// problemText lists a load's problems, one a line.
func problemText(t *testing.T, err error) string {
	t.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	var b strings.Builder
	for _, p := range verr.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// A reload parses only the files whose bytes it has not parsed before;
// when the files are again the ones the served catalog came from, it
// parses and validates nothing and hands back that catalog. What it
// loads, and the problems it finds, are LoadDir's.
func TestDirLoaderParsesWhatChanged(t *testing.T) {
	dir := copyDir(t)
	d := NewDirLoader(dir)
	var parsed []string
	d.onParse = func(name string) { parsed = append(parsed, name) }
	load := func(served *Catalog) (*Catalog, error, []string) {
		parsed = nil
		cat, err := d.Load(served)
		return cat, err, parsed
	}
	kmsg, err := os.ReadFile(filepath.Join(dir, "kmsg.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	served, err, got := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(got) != len(files) {
		t.Fatalf("first load parsed %v, want all %d files", got, len(files))
	}
	if served.Source != dir {
		t.Errorf("Source %q, want %q", served.Source, dir)
	}

	cat, err, got := load(served)
	if err != nil || cat != served || len(got) != 0 {
		t.Fatalf("same files: got %p, %v, parsed %v; want the served catalog %p, nothing parsed", cat, err, got, served)
	}

	// Broken saves: only the broken file is parsed, and the problems are
	// the ones LoadDir reports.
	breaks := []struct{ name, data string }{
		{"kmsg.yaml", string(kmsg[:len(kmsg)/2])},
		{"zz-new.yaml", "system: kmsg\nentries:\n  - code: SOAK\n    colour: red\n"},
		{"kmsg.yaml", "\xff\xfe not UTF-8"},
	}
	for _, b := range breaks {
		writeCatalogFile(t, dir, b.name, []byte(b.data))
		_, err, got := load(served)
		if !slices.Equal(got, []string{b.name}) {
			t.Errorf("broken %s: parsed %v, want only it", b.name, got)
		}
		_, want := LoadDir(dir)
		if g, w := problemText(t, err), problemText(t, want); g != w {
			t.Errorf("broken %s: problems\n%s\nLoadDir's:\n%s", b.name, g, w)
		}
		// The fix restores the served files: nothing parsed.
		if b.name == "kmsg.yaml" {
			writeCatalogFile(t, dir, b.name, kmsg)
		} else if err := os.Remove(filepath.Join(dir, b.name)); err != nil {
			t.Fatal(err)
		}
		cat, err, got := load(served)
		if err != nil || cat != served || len(got) != 0 {
			t.Fatalf("fixed %s: got %p, %v, parsed %v; want the served catalog, nothing parsed", b.name, cat, err, got)
		}
	}

	// A good edit: only the edited file is parsed, and the catalog is
	// LoadDir's.
	edited := strings.Replace(string(kmsg), "title: ", "title: Edited ", 1)
	writeCatalogFile(t, dir, "kmsg.yaml", []byte(edited))
	cat, err, got = load(served)
	if err != nil {
		t.Fatal(err)
	}
	if cat == served || !slices.Equal(got, []string{"kmsg.yaml"}) {
		t.Fatalf("good edit: got the served catalog %v, parsed %v; want a new one, only kmsg.yaml parsed", cat == served, got)
	}
	want, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Version != want.Version || cat.Source != dir || !reflect.DeepEqual(cat.Entries(), want.Entries()) {
		t.Errorf("good edit: version %s, source %q; LoadDir's %s, and the entries differ: %v",
			cat.Version, cat.Source, want.Version, !reflect.DeepEqual(cat.Entries(), want.Entries()))
	}
	// Undone: a new catalog again, as the one served is now the edited one.
	writeCatalogFile(t, dir, "kmsg.yaml", kmsg)
	back, err, got := load(cat)
	if err != nil || back == cat || !slices.Equal(got, []string{"kmsg.yaml"}) || back.Version != served.Version {
		t.Fatalf("edit undone: %v, parsed %v, served again %v, version %s want %s", err, got, back == cat, back.Version, served.Version)
	}
}

// A file that is not read (here, one over MaxFileSize) is a problem, even
// though the files that are read hold the served catalog's bytes: the
// served catalog is not handed back as unchanged.
func TestDirLoaderUnreadFileIsNotUnchanged(t *testing.T) {
	dir := copyDir(t)
	d := NewDirLoader(dir)
	served, err := d.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	writeCatalogFile(t, dir, "zz-big.yaml", []byte("# "+strings.Repeat("x", MaxFileSize)+"\n"))
	cat, err := d.Load(served)
	if cat != nil {
		t.Fatalf("a file too large to read: got a catalog (the served one: %v); want its problem", cat == served)
	}
	if got := problemText(t, err); !strings.Contains(got, "zz-big.yaml") {
		t.Errorf("problems %q do not name zz-big.yaml", got)
	}
}

// The served catalog is handed back only to a reload of the directory it
// was loaded from.
func TestDirLoaderOtherSource(t *testing.T) {
	a, b := copyDir(t), copyDir(t)
	served, err := LoadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := NewDirLoader(b).Load(served)
	if err != nil {
		t.Fatal(err)
	}
	if cat == served || cat.Source != b || cat.Version != served.Version {
		t.Fatalf("got the catalog of %s (same: %v), version %s; want a new one of %s", cat.Source, cat == served, cat.Version, b)
	}
}
