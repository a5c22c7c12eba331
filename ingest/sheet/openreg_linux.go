package sheet

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Opened is a regular file opened to be read (OpenRegular), and its stat.
type Opened struct {
	fd   int // -1 once closed
	info statInfo
}

// OpenRegular opens path when it names a regular file itself, not a
// symbolic link, and stats the open file: one lookup of the path where a
// stat before opening made two, for each of the thousands of forms of a
// publication (issue 10). ok is false, and nothing is left open, for
// anything else: a link, a folder, a named pipe (opened without waiting,
// then closed), a missing or unreadable file. The caller then looks at
// the path as it did before (os.Stat, Load), so that what such a file
// gets (followed, refused, and in which words) does not change. Only a
// device node put in the folder itself, which takes the system's
// administrator to make, is opened before it is refused.
func OpenRegular(path string) (*Opened, bool) {
	fd, err := openNonblock(path, syscall.O_NOFOLLOW|syscall.O_NOCTTY)
	if err != nil {
		return nil, false
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return nil, false
	}
	// As os.Stat gives them on Linux.
	mode := fs.FileMode(st.Mode & 0o777)
	for _, b := range []struct {
		bit  uint32
		mode fs.FileMode
	}{{syscall.S_ISUID, fs.ModeSetuid}, {syscall.S_ISGID, fs.ModeSetgid}, {syscall.S_ISVTX, fs.ModeSticky}} {
		if st.Mode&b.bit != 0 {
			mode |= b.mode
		}
	}
	return &Opened{fd: fd, info: statInfo{name: filepath.Base(path), size: st.Size, mode: mode, mod: time.Unix(st.Mtim.Unix())}}, true
}

// Info is the open file's stat, as os.Stat gives it.
func (o *Opened) Info() os.FileInfo { return o.info }

// Close closes the file; closing it again does nothing.
func (o *Opened) Close() {
	if o.fd >= 0 {
		syscall.Close(o.fd)
		o.fd = -1
	}
}

// LoadOpened is r.Load of the file o, opened for path (OpenRegular): the
// same limits, errors and buffer, its bytes read from the file opened.
// o stays open (its caller closes it).
func (r *Reader) LoadOpened(o *Opened, path string, lim Limits) ([]byte, error) {
	lim = lim.withDefaults()
	return r.keepBuffer(readFD(o.fd, path, o.info.size, lim.MaxFileBytes, r.file))
}

// statInfo is what OpenRegular knows of a regular file.
type statInfo struct {
	name string
	size int64
	mode fs.FileMode
	mod  time.Time
}

func (s statInfo) Name() string       { return s.name }
func (s statInfo) Size() int64        { return s.size }
func (s statInfo) Mode() fs.FileMode  { return s.mode }
func (s statInfo) ModTime() time.Time { return s.mod }
func (s statInfo) IsDir() bool        { return false }
func (s statInfo) Sys() any           { return nil }
