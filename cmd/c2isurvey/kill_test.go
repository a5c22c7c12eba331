package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

var kills = flag.Int("kills", 20, "how many times TestKillAnywhere kills a run")

// buildBinary builds the real command once for the tests that run it as a
// separate process.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "c2isurvey")
	if runtime.GOOS == "windows" {
		bin += ".exe" // Windows runs no program without it
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKillAnywhere starts real `c2isurvey run` processes and kills them with
// SIGKILL at varied moments, then lets a run complete: every file dropped
// must be accounted for exactly once, and the reports must be byte-identical
// to those of a run never interrupted. Files arrive a few at a time before
// each killed run, so that kills fall while files are being taken, recorded
// and moved, and while reports are published, not only after all is done.
func TestKillAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes: skipped with -short")
	}
	bin := buildBinary(t)
	var files []string
	for _, dir := range []string{"2010-2011", "2011-2012", "broken"} {
		files = append(files, sampleFiles(t, dir)...)
	}

	// One time for all: files are then taken in the order of receipt
	// (ingest.CompareReceipt: a copy after its original, then by name),
	// whether they arrive at once or a few at a time, if they arrive in
	// that order (dropAt names them folder_name).
	at := time.Date(2012, 9, 1, 8, 0, 0, 0, time.UTC)
	inboxName := func(f string) string { return filepath.Base(filepath.Dir(f)) + "_" + filepath.Base(f) }
	slices.SortStableFunc(files, func(a, b string) int { return ingest.CompareReceipt(at, inboxName(a), at, inboxName(b)) })

	// The reference: one uninterrupted run.
	ref := t.TempDir()
	dropAt(t, ref, at, files...)
	start := time.Now()
	if out, err := exec.Command(bin, "run", "--data", ref, "--settle", "0s").CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	took := time.Since(start)

	victim := t.TempDir()
	rng := rand.New(rand.NewPCG(2012, 35604))
	for i := range *kills {
		// The next few files, in the order the reference took them.
		dropAt(t, victim, at, files[i*len(files)/(*kills):(i+1)*len(files)/(*kills)]...)
		cmd := exec.Command(bin, "run", "--data", victim, "--settle", "0s", "--wait")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Moments spread over the whole run, start-up and publishing included.
		delay := time.Duration(rng.Int64N(int64(took) / 4))
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		arrived := (i + 1) * len(files) / (*kills)
		left, _ := os.ReadDir(filepath.Join(victim, "inbox"))
		t.Logf("kill %d after %v (%v): %d of %d arrived files taken", i+1, delay.Round(time.Millisecond), err, arrived-len(left), arrived)
	}
	if out, err := exec.Command(bin, "run", "--data", victim, "--settle", "0s").CombinedOutput(); err != nil {
		t.Fatalf("completing run: %v\n%s", err, out)
	}

	// Every file accounted for: none left in the inbox, each on record
	// once, each original kept in archive/ or rejected/.
	if left, _ := os.ReadDir(filepath.Join(victim, "inbox")); len(left) != 0 {
		t.Errorf("%d files left in the inbox", len(left))
	}
	st, err := store.Open(filepath.Join(victim, "c2isurvey.db"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.Files(context.Background(), "")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(files) {
		t.Errorf("%d files on record, %d dropped", len(recs), len(files))
	}
	kept := map[string]bool{}
	for _, dir := range []string{"archive", "rejected"} {
		entries, _ := os.ReadDir(filepath.Join(victim, dir))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".txt") {
				continue
			}
			b, _ := os.ReadFile(filepath.Join(victim, dir, e.Name()))
			sum := sha256.Sum256(b)
			kept[hex.EncodeToString(sum[:])] = true
		}
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		sum := sha256.Sum256(b)
		if !kept[hex.EncodeToString(sum[:])] {
			t.Errorf("%s: its original is kept nowhere", f)
		}
	}

	// Reports byte-identical to the uninterrupted run's.
	want := outputs(t, ref)
	got := outputs(t, victim)
	if len(got) != len(want) || len(want) < 5 {
		t.Fatalf("latest holds %d outputs, want %d", len(got), len(want))
	}
	for name, a := range want {
		if b, ok := got[name]; !ok || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the uninterrupted run's (%d bytes, want %d)", name, len(b), len(a))
		}
	}
	// The manifest written under the kills rebuilds the same store: lose
	// it, rebuild, and the next run publishes the same bytes again.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(victim, "c2isurvey.db"+suffix))
	}
	if out, err := exec.Command(bin, "rebuild", "--data", victim).CombinedOutput(); err != nil {
		t.Fatalf("rebuild: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "run", "--data", victim, "--settle", "0s").CombinedOutput(); err != nil {
		t.Fatalf("run after rebuild: %v\n%s", err, out)
	}
	got = outputs(t, victim)
	for name, a := range want {
		if b, ok := got[name]; !ok || !bytes.Equal(a, b) {
			t.Errorf("after rebuild, %s differs from the uninterrupted run's (%d bytes, want %d)", name, len(b), len(a))
		}
	}
	// No temporary copy or folder left behind.
	for _, dir := range []string{"archive", "rejected", "reports"} {
		entries, _ := os.ReadDir(filepath.Join(victim, dir))
		for _, e := range entries {
			if strings.Contains(e.Name(), "tmp") {
				t.Errorf("%s/%s left behind", dir, e.Name())
			}
		}
	}
}
