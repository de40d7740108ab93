package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// export -o onto something that is not a regular file writes through it,
// as a shell redirection would, and never replaces it: as root, -o
// /dev/null once replaced the device with a regular file. The devices are
// made in a temporary directory, never the machine's own.
func TestExportToDevices(t *testing.T) {
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(mkdev(1, 3))); err != nil {
		if errors.Is(err, syscall.EPERM) {
			t.Skip("mknod needs root (CAP_MKNOD)")
		}
		t.Fatal(err)
	}
	link := filepath.Join(dir, "stdout") // as /dev/stdout -> /proc/self/fd/1
	if err := os.Symlink(null, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{null, link} {
		code, _, errOut := runCLI(t, "", nil, "export", "--format", "json", "-o", path)
		if code != exitOK {
			t.Fatalf("export -o %s: exit %d: %s", path, code, errOut)
		}
		st, err := os.Stat(null)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("export -o %s replaced the device with %v", path, st.Mode())
		}
		if lst, err := os.Lstat(link); err != nil || lst.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("export -o %s replaced the symlink: %v %v", path, lst.Mode(), err)
		}
	}
}

// A FIFO gets the export written into it.
func TestExportToFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	code, _, errOut := runCLI(t, "", nil, "export", "--format", "json", "-o", fifo)
	if code != exitOK {
		t.Fatalf("export -o a FIFO: exit %d: %s", code, errOut)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", st.Mode(), err) // and its reader waits on for nothing
	}
	if b := <-got; !json.Valid(b) {
		t.Fatalf("the FIFO got %d bytes that are not the JSON export", len(b))
	}
}

// -o /dev/stdout is the same as -o -. (Checked on the function alone: the
// test must never write to the machine's own /dev/stdout, which a broken
// export would replace.)
func TestExportStdoutPath(t *testing.T) {
	for _, p := range []string{"", "-", "/dev/stdout"} {
		if !isStdoutPath(p) {
			t.Errorf("-o %q is not taken as standard output", p)
		}
	}
	for _, p := range []string{"/dev/null", "out.json", "/dev/stdout.json", "./-"} {
		if isStdoutPath(p) {
			t.Errorf("-o %q is taken as standard output", p)
		}
	}
}

// A symlink to a regular file has the file replaced and keeps the link; a
// directory is refused.
func TestExportThroughLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "errdex.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "current.json")
	if err := os.Symlink("errdex.json", link); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "", nil, "export", "--format", "json", "-o", link); code != exitOK {
		t.Fatalf("export -o a symlink: exit %d: %s", code, errOut)
	}
	if lst, err := os.Lstat(link); err != nil || lst.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced")
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "{") {
		t.Errorf("the link's target was not written: %.20q", b)
	}
	if code, _, _ := runCLI(t, "", nil, "export", "--format", "json", "-o", dir); code == exitOK {
		t.Error("export -o a directory succeeded")
	}
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor)
}
