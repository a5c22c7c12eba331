//go:build !windows

package atomicfile

import (
	"errors"
	"os"
)

// SyncDir flushes a folder's entries to disk, so that a rename or a removal
// in it survives a power cut.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, os.ErrInvalid) {
		// Some file systems cannot sync a folder; the data is still written.
		return nil
	}
	return err
}
