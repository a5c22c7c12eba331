//go:build unix

package sheet

import (
	"errors"
	"syscall"
)

// readOpened opens path, checks that what it opened is a regular file of
// at most max bytes, and reads it into buf (or a new slice when buf is
// too small). It is what os.OpenFile, File.Stat and io.ReadFull do, in
// system calls: os.File asks the poller to watch every file it opens, a
// call a regular file always refuses, and allocates a file and its
// finaliser, for each of the thousands of forms of a publication.
//
// The file is opened without waiting: a named pipe put where a regular
// file was found would otherwise block the open until a writer came, and
// the reading worker with it. Opened at once, it is refused by the check
// on the open file. Reading a regular file ignores the flag.
func readOpened(path string, max int64, buf []byte) ([]byte, error) {
	fd, err := openNonblock(path, 0)
	if err != nil {
		return nil, openError(path, err)
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, fstatError(path, err)
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, notRegularError(path)
	}
	return readFD(fd, path, st.Size, max, buf)
}

// openNonblock opens path to read, without waiting (readOpened says why),
// with flags added, trying again when a signal interrupts it.
func openNonblock(path string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC|flags, 0)
		if err == nil || !errors.Is(err, syscall.EINTR) {
			return fd, err
		}
	}
}

// readFD reads the regular file fd, of size bytes by its stat and at most
// max, into buf (or a new slice when buf is too small).
func readFD(fd int, path string, size, max int64, buf []byte) ([]byte, error) {
	if size > max {
		return nil, tooLargeError(path, size, max)
	}
	// A file that shrinks meanwhile is read as it now is, one that grows
	// is read up to its size at the stat.
	data := sized(buf, size)
	n := 0
	for n < len(data) {
		m, err := syscall.Read(fd, data[n:])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, readError(path, err)
		}
		if m == 0 {
			break
		}
		n += m
	}
	return data[:n], nil
}
