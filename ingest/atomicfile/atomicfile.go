// Package atomicfile is the one way c2isurvey writes a file that someone
// else reads: reports, the blank form, the kept originals of the inbox and
// their reasons. A reader, or a process that starts after a crash or a
// power cut, sees the previous file or the new one whole, never half of it.
//
// The steps are: write into a temporary file in the same folder (so that the
// rename stays on one file system), fsync it, give it its final permissions,
// close it, rename it over the final name, then fsync the folder so that the
// rename itself is on disk.
//
// The temporary name is short and fixed in shape (TempPrefix, random digits,
// TempSuffix) rather than derived from the final name: a final name near the
// 255-byte limit of most file systems must not make its temporary name too
// long to create.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix and TempSuffix frame the names of temporary files. A process
// killed while writing leaves one behind; RemoveTemps clears them.
const (
	TempPrefix = ".c2i-"
	TempSuffix = ".c2i-tmp"
)

// Perm is the permission of every file written: readable by all, since a
// report or a blank form is meant to be shared. os.CreateTemp alone would
// leave it private (0600).
const Perm os.FileMode = 0o644

// Write writes the file at path whole or not at all, durably: write is given
// the temporary file to fill. On any error the temporary file is removed and
// path is left as it was.
func Write(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, TempPrefix+"*"+TempSuffix)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(Perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := SyncDir(dir); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// WriteBytes writes data to path with Write.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Copy copies the file src to path with Write, passing every byte read
// through also (a hash, typically) when it is not nil.
func Copy(path string, src io.Reader, also io.Writer) error {
	return Write(path, func(w io.Writer) error {
		if also != nil {
			w = io.MultiWriter(w, also)
		}
		_, err := io.Copy(w, src)
		return err
	})
}

// IsTemp reports whether a file name is one of Write's temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, TempPrefix) && strings.HasSuffix(name, TempSuffix)
}

// RemoveTemps removes the temporary files a killed process left in dir. The
// caller must hold whatever keeps another writer out of dir (the run lock).
func RemoveTemps(dir string) error {
	des, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("clean %s: %w", dir, err)
	}
	for _, de := range des {
		if IsTemp(de.Name()) {
			if err := os.Remove(filepath.Join(dir, de.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("clean %s: %w", dir, err)
			}
		}
	}
	return nil
}
