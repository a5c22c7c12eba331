//go:build !linux

package sheet

import (
	"errors"
	"os"
)

// Opened is a regular file opened to be read: never, here (OpenRegular).
type Opened struct{}

// OpenRegular opens nothing on this platform: its callers look at the
// path as before (openreg_linux.go says why Linux does otherwise).
func OpenRegular(path string) (*Opened, bool) { return nil, false }

// Info is nil: no file is opened.
func (o *Opened) Info() os.FileInfo { return nil }

// Close does nothing.
func (o *Opened) Close() {}

// LoadOpened cannot be given a file here.
func (r *Reader) LoadOpened(o *Opened, path string, lim Limits) ([]byte, error) {
	return nil, errors.New("sheet: no file opened on this platform")
}
