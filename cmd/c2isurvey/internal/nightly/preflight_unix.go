//go:build !windows

package nightly

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// errSticky says a file cannot be removed from a folder with the sticky bit
// (a shared drop folder, like /tmp): only the file's owner, the folder's
// owner or root may remove it there. A probe file, ours, would pass.
var errSticky = errors.New("sticky folder: only the owner of the file may remove it")

// removable says whether this process may remove the file of info from dir
// beyond what probing dir tells: the sticky bit.
func removable(dir string, info fs.FileInfo) error {
	euid := os.Geteuid()
	if euid == 0 {
		return nil
	}
	di, err := os.Stat(dir)
	if err != nil || di.Mode()&fs.ModeSticky == 0 {
		return nil
	}
	fst, ok := info.Sys().(*syscall.Stat_t)
	dst, ok2 := di.Sys().(*syscall.Stat_t)
	if !ok || !ok2 || int(fst.Uid) == euid || int(dst.Uid) == euid {
		return nil
	}
	return errSticky
}

// freeBytes is the space free for this user on dir's disk (statfs: the
// blocks available to unprivileged users).
func freeBytes(dir string) (uint64, error) {
	var s syscall.Statfs_t
	if err := syscall.Statfs(dir, &s); err != nil {
		return 0, err
	}
	return uint64(s.Bavail) * uint64(s.Bsize), nil
}
