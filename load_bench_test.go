package errdex_test

import (
	"testing"

	"github.com/errdex/errdex"
)

// BenchmarkLoadBuiltin is what `errdex validate` spends on the built-in
// catalog: reading, decoding strictly, validating and linking every file.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := errdex.Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}
