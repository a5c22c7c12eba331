package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LatestName is the link, in a reports folder, to the latest complete run.
const LatestName = "latest"

// Publish writes every output into reportsDir/name and points
// reportsDir/latest at it, so that a reader never sees a half-written set:
// the outputs are written into a temporary folder which is renamed when
// complete, and latest is a symbolic link replaced by a rename (atomic on
// POSIX file systems). On failure nothing is left behind and latest still
// points at the previous complete set. The caller must keep two Publish
// calls on one folder from running at once (the run lock does).
func Publish(reportsDir, name string, in Input) (string, error) {
	if err := os.MkdirAll(reportsDir, 0o755); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	// A process killed while publishing leaves its temporary folder: the
	// caller holds the run lock, so any such folder is a leftover.
	if olds, err := filepath.Glob(filepath.Join(reportsDir, ".*.tmp-*")); err == nil {
		for _, old := range olds {
			os.RemoveAll(old)
		}
	}
	final := filepath.Join(reportsDir, name)
	if _, err := os.Lstat(final); err == nil {
		return "", fmt.Errorf("publish reports: %s already exists", final)
	}
	tmp, err := os.MkdirTemp(reportsDir, "."+name+".tmp-")
	if err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if _, err := WriteAll(tmp, in); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	if err := syncDir(tmp); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	done = true
	link := filepath.Join(reportsDir, LatestName)
	tmpLink := filepath.Join(reportsDir, "."+LatestName+".tmp")
	os.Remove(tmpLink) // left by a process killed between the two steps below
	if err := os.Symlink(name, tmpLink); err != nil {
		return final, fmt.Errorf("point %s at %s: %w", link, name, err)
	}
	if err := os.Rename(tmpLink, link); err != nil {
		os.Remove(tmpLink)
		return final, fmt.Errorf("point %s at %s: %w", link, name, err)
	}
	if err := syncDir(reportsDir); err != nil {
		return final, fmt.Errorf("publish reports: %w", err)
	}
	return final, nil
}

// syncDir flushes a folder's entries to disk, so that a rename survives a
// power cut.
func syncDir(dir string) error {
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
