//go:build !unix

package sheet

import (
	"errors"
	"io"
	"os"
)

// readOpened opens path, checks that what it opened is a regular file of
// at most max bytes, and reads it into buf (or a new slice when buf is
// too small); see open_unix.go.
func readOpened(path string, max int64, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, openError(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fstatError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError(path)
	}
	if st.Size() > max {
		return nil, tooLargeError(path, st.Size(), max)
	}
	// A file that shrinks meanwhile is read as it now is, one that grows
	// is read up to its size at the stat.
	data := sized(buf, st.Size())
	n, err := io.ReadFull(f, data)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, readError(path, err)
	}
	return data[:n], nil
}
