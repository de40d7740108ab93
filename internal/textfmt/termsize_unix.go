//go:build unix

package textfmt

import (
	"os"

	"golang.org/x/sys/unix"
)

// TermWidth returns the width in columns of the terminal f is, and false
// when f is not a terminal (a pipe, a file) or its size is unknown.
func TermWidth(f *os.File) (int, bool) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 {
		return 0, false
	}
	return int(ws.Col), true
}
