package textfmt

import (
	"os"

	"golang.org/x/term"
)

// IsTerminal reports whether f is a terminal. A character device is not
// enough: /dev/null is one too.
func IsTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// TermWidth returns the width in columns of the terminal f is, and false
// when f is not a terminal (a pipe, a file) or its size is unknown.
func TermWidth(f *os.File) (int, bool) {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 {
		return 0, false
	}
	return w, true
}
