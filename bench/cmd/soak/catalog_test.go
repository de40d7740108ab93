package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/errdex/errdex"
)

// The soak's claim "broken catalogs are never served" is only worth
// something if each breakage really is a catalog errdex refuses, and its
// version check only if it computes versions as errdex does.

func soakDir(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	if err := copyCatalog("../../../catalog", dir); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(dir, probeFile, goodProbe("soakgood1")); err != nil {
		t.Fatal(err)
	}
	kmsg, err := os.ReadFile(filepath.Join(dir, mainFile))
	if err != nil {
		t.Fatal(err)
	}
	return dir, kmsg
}

func TestGoodProbeLoadsWithOurVersion(t *testing.T) {
	dir, _ := soakDir(t)
	cat, err := errdex.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	got, err := catalogVersion(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got != cat.Version {
		t.Errorf("version: got %s, want errdex's %s", got, cat.Version)
	}
	if _, ok := cat.Entry("kmsg/" + probeCode); !ok {
		t.Errorf("entry kmsg/%s: got none, want the probe", probeCode)
	}
}

func TestBreakagesAreRefused(t *testing.T) {
	for _, b := range breakages {
		t.Run(b.name, func(t *testing.T) {
			dir, kmsg := soakDir(t)
			if err := b.apply(dir, kmsg); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			cat, err := errdex.LoadDir(dir)
			t.Logf("refused in %s: %v", time.Since(start), err)
			if err == nil {
				t.Fatalf("LoadDir: got a catalog of %d entries, want it refused", cat.Len())
			}
		})
	}
}
