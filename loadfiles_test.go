package errdex_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/errdex/errdex"
)

// A FIFO named like a catalog file used to block the load in open()
// forever; only regular files are read.
func TestLoadDirSkipsFIFO(t *testing.T) {
	dir := errdex.CopyCatalogDir(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "zz-fifo.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := errdex.LoadDir(dir)
		done <- err
	}()
	if err := <-done; err != nil { // a hang here is the failure: go test's -timeout ends it
		t.Fatalf("LoadDir with a FIFO: %v", err)
	}
}

// A symlink that stays in the directory (a ConfigMap's ..data layout) is
// followed; one that leaves it is not read, and nothing of its target is
// quoted.
func TestLoadDirSymlinks(t *testing.T) {
	dir := errdex.CopyCatalogDir(t)
	data := filepath.Join(dir, "..2026_12_01")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "kmsg.yaml"), filepath.Join(data, "kmsg.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..2026_12_01", filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..data/kmsg.yaml", filepath.Join(dir, "kmsg.yaml")); err != nil {
		t.Fatal(err)
	}
	cat, err := errdex.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir through ..data links: %v", err)
	}
	if cat.Count("kmsg") == 0 {
		t.Fatal("the linked kmsg.yaml was not loaded")
	}

	outside := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(outside, []byte("root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "zz-leak.yaml")); err != nil {
		t.Fatal(err)
	}
	_, err = errdex.LoadDir(dir)
	if err == nil {
		t.Fatal("LoadDir followed a symlink out of the catalog directory")
	}
	if strings.Contains(err.Error(), "saltsalt") || strings.Contains(err.Error(), filepath.Dir(outside)) {
		t.Errorf("the error quotes the file outside: %v", err)
	}
	var verr *errdex.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			if strings.Contains(p.Message, "saltsalt") {
				t.Errorf("a problem quotes the file outside: %+v", p)
			}
		}
	}
}
