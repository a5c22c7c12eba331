//go:build !windows

package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
)

// nobody is the account a test run as root runs the command as: for root,
// folder permissions do not bite, and CI runs as root.
const nobody = 65534

// TestPreflightRefusesReadOnly runs the real command on data folders where
// one place a run writes in, or removes from, is read-only: each run must
// fail before taking anything (exit 1, the folder named, the inbox and the
// store as they were). Permissions are real: as root, the command runs as
// nobody on a folder that nobody owns, so they bite.
func TestPreflightRefusesReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command: skipped with -short")
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		if runtime.GOOS != "linux" {
			t.Skip("running as root: permissions do not bite, and the account nobody is not known here")
		}
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
	}
	bin := buildBinary(t)
	traversable(t, filepath.Dir(bin))
	old := time.Now().Add(-time.Hour)

	tests := []struct {
		name     string
		rootOnly bool                                         // needs files of another account
		setup    func(t *testing.T, d inbox.Dirs, sub string) // makes one place read-only
		want     string                                       // named in the message; "": the run works
	}{
		{name: "all writable"},
		{name: "read-only inbox", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Inbox, 0o555) },
			want: "les fichiers déposés dans %inbox% ne peuvent pas en être retirés"},
		{name: "read-only inbox subfolder", setup: func(t *testing.T, d inbox.Dirs, sub string) { chmod(t, sub, 0o555) },
			want: "les fichiers déposés dans %sub% ne peuvent pas en être retirés"},
		{name: "read-only archive", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Archive, 0o555) },
			want: "impossible d'écrire dans %archive%"},
		{name: "read-only rejected", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Rejected, 0o555) },
			want: "impossible d'écrire dans %rejected%"},
		{name: "read-only reports", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Reports, 0o555) },
			want: "impossible d'écrire dans %reports%"},
		{name: "read-only data folder", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Root, 0o555) },
			want: "impossible d'écrire dans %root% ("},
		{name: "read-only store", setup: func(t *testing.T, d inbox.Dirs, _ string) { chmod(t, d.Store, 0o444) },
			want: "le fichier %store% ne peut pas être modifié"},
		// A shared drop folder (like /tmp): files dropped by another
		// account cannot be removed by the run, though a probe can.
		{name: "sticky inbox, files of another account", rootOnly: true,
			setup: func(t *testing.T, d inbox.Dirs, _ string) {
				if err := os.Lchown(d.Inbox, 0, 0); err != nil {
					t.Fatal(err)
				}
				chmod(t, d.Inbox, 0o777|fs.ModeSticky)
				for _, f := range []string{"a.xlsx", "b.xlsx"} {
					if err := os.Lchown(filepath.Join(d.Inbox, f), 0, 0); err != nil {
						t.Fatal(err)
					}
				}
			},
			want: "%inbox%/a.xlsx ne peut pas être retiré du dépôt (sticky folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rootOnly && cred == nil {
				t.Skip("needs files of another account: runs as root only")
			}
			d := inbox.Layout(t.TempDir())
			traversable(t, d.Root)
			if err := d.EnsureDirs(); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(d.Store)
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			sub := filepath.Join(d.Inbox, "Académie de Lyon", "2011-2012")
			samples := sampleFiles(t, "2010-2011")[:4]
			for i, f := range samples {
				dst := filepath.Join(d.Inbox, string(rune('a'+i))+".xlsx")
				if i >= 2 {
					dst = filepath.Join(sub, filepath.Base(f))
				}
				copyFileAt(t, f, dst, old)
			}
			if cred != nil {
				chownTree(t, d.Root, nobody)
			}
			if tt.setup != nil {
				tt.setup(t, d, sub)
			}
			// Give back what was taken, for the checks and the clean-up.
			t.Cleanup(func() {
				for _, dir := range []string{d.Root, d.Inbox, sub, d.Archive, d.Rejected, d.Reports} {
					os.Chmod(dir, 0o755)
				}
				os.Chmod(d.Store, 0o644)
			})

			cmd := exec.Command(bin, "run", "--data", d.Root, "--settle", "0s")
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			code := cmd.ProcessState.ExitCode()
			left := countFiles(t, d.Inbox)

			for _, dir := range []string{d.Root, d.Inbox, sub, d.Archive, d.Rejected, d.Reports} {
				os.Chmod(dir, 0o755)
			}
			os.Chmod(d.Store, 0o644)
			st, err2 := store.Open(d.Store)
			if err2 != nil {
				t.Fatal(err2)
			}
			recs, err2 := st.Files(context.Background(), "")
			st.Close()
			if err2 != nil {
				t.Fatal(err2)
			}

			if tt.want == "" {
				if err != nil || left != 0 || len(recs) != len(samples) {
					t.Fatalf("run (%v): %d files left in the inbox, %d on record; stderr:\n%s", err, left, len(recs), &stderr)
				}
				return
			}
			want := strings.NewReplacer("%inbox%", d.Inbox, "%sub%", sub, "%archive%", d.Archive, "%rejected%", d.Rejected,
				"%reports%", d.Reports, "%root%", d.Root, "%store%", d.Store).Replace(tt.want)
			if code != exitFailure || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "aucun fichier n'a été pris") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, &stderr, want)
			}
			if left != len(samples) {
				t.Errorf("%d files in the inbox, want the %d dropped", left, len(samples))
			}
			if len(recs) != 0 {
				t.Errorf("%d files on record after a refused run", len(recs))
			}
			for _, dir := range []string{d.Archive, d.Rejected} {
				if n := countFiles(t, dir); n != 0 {
					t.Errorf("%d files in %s after a refused run", n, dir)
				}
			}
		})
	}
}

// traversable opens dir and the folders above it, up to the system's
// temporary folder, to other accounts (t.TempDir makes them 0700).
func traversable(t *testing.T, dir string) {
	t.Helper()
	tmp := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		chmod(t, d, 0o755)
	}
}

func chmod(t *testing.T, path string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func chownTree(t *testing.T, root string, uid int) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, uid)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyFileAt copies src to dst (making its folder), modified at.
func copyFileAt(t *testing.T, src, dst string, at time.Time) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dst, at, at); err != nil {
		t.Fatal(err)
	}
}

// countFiles counts the regular files under dir, hidden ones included.
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(_ string, de fs.DirEntry, err error) error {
		if err == nil && de.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}
