//go:build !windows

package nightly

import (
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// lockCandidates are what a run locks on unix, in order of preference: the
// data folder itself (opened read-only; flock works on a folder's
// descriptor), which no one can delete from under a run without deleting
// the store and everything else with it; then, where the file system
// refuses to lock a folder (NFS emulates flock with byte-range locks, which
// need a descriptor open for writing), a lock file, as before.
func lockCandidates(root string) []*flock.Flock {
	return []*flock.Flock{
		flock.New(root, flock.SetFlag(os.O_RDONLY)),
		flock.New(filepath.Join(root, LockFileName), flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644)),
	}
}
