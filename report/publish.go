package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/texts"
)

// LatestName is the link, in a reports folder, to the latest complete run.
const LatestName = "latest"

// IncompleteName is the note left in a run's folder when some of its
// outputs could not be written: the folder holds the others, and latest
// still points at the last complete set.
const IncompleteName = "INCOMPLETE.txt"

// Publish writes every output into reportsDir/name and points
// reportsDir/latest at it, so that a reader never sees a half-written set:
// the outputs are written into a temporary folder which is renamed when
// complete, and latest is a symbolic link replaced by a rename (atomic on
// POSIX file systems). The caller must keep two Publish calls on one folder
// from running at once (the run lock does).
//
// When an output fails (an error, a panic) or ctx is done before the end,
// the folder is still published under its name with what could be written
// and a note (IncompleteName) saying what is missing, but latest is not
// moved: it keeps pointing at the last complete set. Publish then returns
// the folder and an error naming every output that failed (wrapping
// ctx.Err() when interrupted).
func Publish(ctx context.Context, reportsDir, name string, in Input) (string, error) {
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
	_, werr := WriteAll(ctx, tmp, in)
	if werr != nil {
		if err := atomicfile.WriteBytes(filepath.Join(tmp, IncompleteName), incompleteNote(in.Lang, werr)); err != nil {
			return "", fmt.Errorf("publish reports: %w (and %w)", werr, err)
		}
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("publish reports: %w", err)
	}
	done = true
	if werr != nil {
		if err := atomicfile.SyncDir(reportsDir); err != nil {
			return final, fmt.Errorf("publish reports: %w", err)
		}
		return final, fmt.Errorf("publish reports: %s is incomplete, %s still points at the last complete set: %w",
			final, LatestName, werr)
	}
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
	if err := atomicfile.SyncDir(reportsDir); err != nil {
		return final, fmt.Errorf("publish reports: %w", err)
	}
	return final, nil
}

// incompleteNote is the text of IncompleteName.
func incompleteNote(lang string, err error) []byte {
	return []byte(texts.Lang(lang).F("reports.incomplete", LatestName) + "\n\n" + err.Error() + "\n")
}
