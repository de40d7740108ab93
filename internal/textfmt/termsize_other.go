//go:build !unix

package textfmt

import "os"

// TermWidth returns false: outside Unix the terminal's size is not asked
// for, and text is wrapped to DefaultWidth.
func TermWidth(f *os.File) (int, bool) { return 0, false }
