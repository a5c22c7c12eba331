//go:build windows

package nightly

import (
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// lockCandidates is what a run locks on Windows: a file in the data folder,
// held open while the run lasts (LockFileEx). Go opens files without
// FILE_SHARE_DELETE, so Windows refuses to delete or rename the file while
// a run holds it: the lock cannot be stolen by deleting it. A folder cannot
// be locked there.
func lockCandidates(root string) []*flock.Flock {
	return []*flock.Flock{
		flock.New(filepath.Join(root, LockFileName), flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644)),
	}
}
