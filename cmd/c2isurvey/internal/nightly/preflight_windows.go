//go:build windows

package nightly

import (
	"io/fs"

	"golang.org/x/sys/windows"
)

// removable: Windows has no sticky bit, and Go's os.Remove clears the
// read-only attribute of a file it removes; probing the folder says it all.
func removable(dir string, info fs.FileInfo) error { return nil }

// freeBytes is the space free for this user on dir's volume (quotas
// included).
func freeBytes(dir string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var avail, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &totalFree); err != nil {
		return 0, err
	}
	return avail, nil
}
