package errdex_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errdex/errdex"
)

// problemsOf loads fsys and returns its problems, one a line.
func problemsOf(t *testing.T, load func() (*errdex.Catalog, error)) string {
	t.Helper()
	_, err := load()
	var verr *errdex.ValidationError
	if !asValidation(err, &verr) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	var b strings.Builder
	for _, p := range verr.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// countingFS counts the bytes read from each file of a directory, and
// can make one file look small to Stat while it never ends.
type countingFS struct {
	fs.FS
	read    map[string]int64
	endless string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	if name == c.endless {
		return &endlessFile{name: name, read: c.read}, nil
	}
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingFile{File: f, name: name, read: c.read}, nil
}

type countingFile struct {
	fs.File
	name string
	read map[string]int64
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.read[f.name] += int64(n)
	return n, err
}

// endlessFile says it is 10 bytes long and yields spaces for ever.
type endlessFile struct {
	name string
	read map[string]int64
}

func (f *endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{f.name}, nil }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	f.read[f.name] += int64(len(p))
	return len(p), nil
}

type endlessInfo struct{ name string }

func (i endlessInfo) Name() string       { return i.name }
func (i endlessInfo) Size() int64        { return 10 }
func (i endlessInfo) Mode() fs.FileMode  { return 0o644 }
func (i endlessInfo) ModTime() time.Time { return time.Time{} }
func (i endlessInfo) IsDir() bool        { return false }
func (i endlessInfo) Sys() any           { return nil }

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

func (c *countingFS) Stat(name string) (fs.FileInfo, error) {
	if name == c.endless {
		return endlessInfo{name}, nil
	}
	return fs.Stat(c.FS, name)
}

// sparse makes a file of size bytes that takes no disk.
func sparse(t *testing.T, name string, size int64) {
	t.Helper()
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(name, size); err != nil {
		t.Fatal(err)
	}
}

// TestFileCapRefusedUnread puts a 64 MiB file beside the real catalog: it
// is refused from its size, with a problem naming it, and not one byte
// of it is read.
func TestFileCapRefusedUnread(t *testing.T) {
	dir := errdex.CopyCatalogDir(t)
	sparse(t, filepath.Join(dir, "zz-huge.yaml"), 64<<20)
	got := problemsOf(t, func() (*errdex.Catalog, error) { return errdex.LoadDir(dir) })
	want := "zz-huge.yaml:1: -: file is 67108864 bytes, over the limit of 1048576 bytes for one catalog file; split it\n"
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}

	c := &countingFS{FS: os.DirFS(dir), read: map[string]int64{}}
	if problemsOf(t, func() (*errdex.Catalog, error) { return errdex.Load(c) }) != want {
		t.Errorf("Load of the same directory gave other problems")
	}
	if n := c.read["zz-huge.yaml"]; n != 0 {
		t.Errorf("read %d bytes of the oversized file, want none", n)
	}
	if c.read["kmsg.yaml"] == 0 {
		t.Errorf("the other files were not read: the count proves nothing")
	}
}

// TestFileCapWhileReading: a file that says it is small but never ends
// is read no further than the cap.
func TestFileCapWhileReading(t *testing.T) {
	dir := errdex.CopyCatalogDir(t)
	sparse(t, filepath.Join(dir, "zz-grows.yaml"), 10)
	c := &countingFS{FS: os.DirFS(dir), read: map[string]int64{}, endless: "zz-grows.yaml"}
	got := problemsOf(t, func() (*errdex.Catalog, error) { return errdex.Load(c) })
	want := "zz-grows.yaml:1: -: file is more than 1048576 bytes, over the limit of 1048576 bytes for one catalog file; split it\n"
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	// io.ReadAll reads in growing chunks; what matters is that it stops
	// near the cap rather than at the end of memory.
	if n := c.read["zz-grows.yaml"]; n > 2*errdex.MaxFileSize {
		t.Errorf("read %d bytes of a never-ending file, want at most about %d", n, errdex.MaxFileSize)
	}
}

// TestCatalogCapRefusedUnread: files each under the file cap but over the
// whole catalog's cap together are refused before any is read.
func TestCatalogCapRefusedUnread(t *testing.T) {
	dir := errdex.CopyCatalogDir(t)
	for _, name := range []string{"zz-a.yaml", "zz-b.yaml", "zz-c.yaml", "zz-d.yaml"} {
		sparse(t, filepath.Join(dir, name), errdex.MaxFileSize)
	}
	c := &countingFS{FS: os.DirFS(dir), read: map[string]int64{}}
	got := problemsOf(t, func() (*errdex.Catalog, error) { return errdex.Load(c) })
	if !strings.HasPrefix(got, ".:0: -: the catalog files are ") || !strings.Contains(got, "over the limit of 4194304 bytes for a whole catalog") {
		t.Errorf("problems:\n%s", got)
	}
	for name, n := range c.read {
		if n > 0 {
			t.Errorf("read %d bytes of %s, want nothing read", n, name)
		}
	}
}

// TestCapsFitTheCatalog: the built-in catalog is well within every cap
// (the figures in catalog/README.md), so the caps refuse only outliers.
func TestCapsFitTheCatalog(t *testing.T) {
	files, _ := filepath.Glob("catalog/*.yaml")
	var total int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size()*4 > errdex.MaxFileSize {
			t.Errorf("%s is %d bytes: within 4x of the file cap %d; raise the cap (and the README's figures)", f, st.Size(), errdex.MaxFileSize)
		}
		total += st.Size()
	}
	if total*4 > errdex.MaxCatalogSize {
		t.Errorf("the catalog is %d bytes: within 4x of the catalog cap %d", total, errdex.MaxCatalogSize)
	}
}
