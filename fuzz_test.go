package errdex_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
)

// FuzzLoad loads arbitrary bytes as a catalog file beside the real systems:
// it must give a catalog or a ValidationError whose problems name a file,
// never panic or hang.
func FuzzLoad(f *testing.F) {
	systems, err := os.ReadFile(filepath.Join("catalog", "systems.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"kmsg.yaml", "kakao-share.yaml"} {
		data, err := os.ReadFile(filepath.Join("catalog", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 3000)])
	}
	f.Add([]byte(aliasBomb))
	f.Add([]byte("system: kmsg\nentries:\n  - code: X\n    colour: red\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := errdex.Load(fstest.MapFS{
			"systems.yaml": {Data: systems},
			"fuzz.yaml":    {Data: data},
		})
		if err == nil {
			if cat == nil {
				t.Fatal("nil catalog without error")
			}
			return
		}
		var verr *errdex.ValidationError
		if !errors.As(err, &verr) || len(verr.Problems) == 0 {
			t.Fatalf("Load: %v, want a ValidationError with problems", err)
		}
		for _, p := range verr.Problems {
			if p.File == "" {
				t.Fatalf("problem %q names no file", p)
			}
		}
	})
}
