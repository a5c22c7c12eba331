package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
)

const registryFixtures = "../../ingest/registry/testdata"

// TestRegistryImport imports a valid registry, a second one, then a refused
// one: the valid ones replace the data folder's registry whole and are
// kept and recorded; the refused one prints every problem with its line,
// exits 1 and changes nothing; show lists the registry in force and the
// history.
func TestRegistryImport(t *testing.T) {
	data := t.TempDir()
	first := filepath.Join(registryFixtures, "valid", "registry.csv")
	second := filepath.Join(t.TempDir(), "attendus.csv")
	secondBytes := []byte("uai;institution;academie;first_year;last_year;successor\n0331764N;Université de Bordeaux;Bordeaux;2006;;\n0691774D;Université Claude Bernard Lyon 1;Lyon;2008;;\n")
	if err := os.WriteFile(second, secondBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	current := filepath.Join(data, registryFileName)

	code, stdout, stderr := runCmd(t, "registry", "import", "--data", data, first)
	if code != exitOK {
		t.Fatalf("import exited %d: %s%s", code, stdout, stderr)
	}
	firstBytes, _ := os.ReadFile(first)
	if got, _ := os.ReadFile(current); !bytes.Equal(got, firstBytes) {
		t.Errorf("registry.csv after the first import:\n%s\nwant the file imported", got)
	}
	if !strings.Contains(stdout, "6 établissement(s)") || !strings.Contains(stdout, "avertissement") {
		t.Errorf("import said:\n%s\nwant the count and the académie warning", stdout)
	}

	// Flags after the file, English.
	code, stdout, stderr = runCmd(t, "registry", "import", second, "--data", data, "--lang", "en")
	if code != exitOK || !strings.Contains(stdout, "imported, 2 expected institution(s)") {
		t.Fatalf("second import exited %d:\n%s%s", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(current); !bytes.Equal(got, secondBytes) {
		t.Errorf("registry.csv after the second import:\n%s", got)
	}

	bad := filepath.Join(registryFixtures, "many-faults", "registry.csv")
	code, stdout, _ = runCmd(t, "registry", "import", "--data", data, bad)
	if code != exitFailure {
		t.Errorf("refused import exited %d, want %d", code, exitFailure)
	}
	for _, want := range []string{"[ligne 3, colonne 1 (uai)]", "[ligne 4, colonne 2 (institution)]", "[ligne 5, colonne 5 (last_year)]", "REFUSÉ, 3 problème(s)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("refused import output lacks %q:\n%s", want, stdout)
		}
	}
	if got, _ := os.ReadFile(current); !bytes.Equal(got, secondBytes) {
		t.Errorf("a refused import changed registry.csv:\n%s", got)
	}

	// The store and the kept copies.
	st, err := store.Open(inbox.Layout(data).Store)
	if err != nil {
		t.Fatal(err)
	}
	imports, err := st.RegistryImports(context.Background())
	st.Close()
	if err != nil || len(imports) != 2 {
		t.Fatalf("imports on record: %+v (%v), want 2", imports, err)
	}
	for i, want := range []struct {
		name    string
		bytes   []byte
		entries int
	}{{first, firstBytes, 6}, {second, secondBytes, 2}} {
		r := imports[i]
		sum := sha256.Sum256(want.bytes)
		if r.Name != want.name || r.SHA256 != hex.EncodeToString(sum[:]) || r.Entries != want.entries || r.ImportedAt.IsZero() {
			t.Errorf("import %d = %+v, want %s, %d entries", i+1, r, want.name, want.entries)
		}
		if kept, err := os.ReadFile(filepath.Join(data, filepath.FromSlash(r.StoredAs))); err != nil || !bytes.Equal(kept, want.bytes) {
			t.Errorf("copy %s of import %d: %v, not the bytes imported", r.StoredAs, i+1, err)
		}
	}
	if copies, _ := os.ReadDir(filepath.Join(data, registryHistoryDir)); len(copies) != 2 {
		t.Errorf("%d copies kept, want 2 (a refused file is not kept)", len(copies))
	}

	code, stdout, _ = runCmd(t, "registry", "show", "--data", data)
	if code != exitOK {
		t.Fatalf("show exited %d", code)
	}
	lines := strings.Split(stdout, "\n")
	var history []string
	for _, l := range lines {
		if strings.Contains(l, "registry-history/") {
			history = append(history, l)
		}
	}
	if len(history) != 2 || strings.Contains(history[0], "en vigueur") || !strings.Contains(history[1], "en vigueur") || !strings.Contains(history[1], "attendus.csv") {
		t.Errorf("history shown:\n%s\nwant two imports, the second in force", strings.Join(history, "\n"))
	}
	if !strings.Contains(stdout, "0691774D  Université Claude Bernard Lyon 1") || !strings.Contains(stdout, "2007-2008") || strings.Contains(stdout, "0693300M") {
		t.Errorf("show lists:\n%s\nwant the second registry only", stdout)
	}

	// A registry edited by hand is reported as the content of no import.
	if err := os.WriteFile(current, append(secondBytes, "0751717J;Université Paris 1;Paris;2010;;\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ = runCmd(t, "registry", "list", "--data", data)
	if !strings.Contains(stdout, "n'est le contenu d'aucun import") || strings.Contains(stdout, "en vigueur\n") {
		t.Errorf("show after a hand edit:\n%s", stdout)
	}
}

func TestRegistryShowEmpty(t *testing.T) {
	data := t.TempDir()
	code, stdout, _ := runCmd(t, "registry", "show", "--data", data)
	if code != exitOK || !strings.Contains(stdout, "Aucune liste des établissements attendus") || !strings.Contains(stdout, "Aucun import enregistré") {
		t.Errorf("show of an empty data folder exited %d:\n%s", code, stdout)
	}
}

func TestRegistryUsage(t *testing.T) {
	for _, args := range [][]string{
		{"registry"},
		{"registry", "export"},
		{"registry", "import", "--data", t.TempDir()},
		{"registry", "import", "a.csv", "b.csv"},
		{"registry", "show", "extra"},
	} {
		if code, _, _ := runCmd(t, args...); code != exitUsage {
			t.Errorf("%v exited %d, want %d", args, code, exitUsage)
		}
	}
}

// TestRegistryImportLocked: an import waits for no run; while one holds the
// data folder it exits 3 and changes nothing.
func TestRegistryImportLocked(t *testing.T) {
	data := t.TempDir()
	lock, err := nightly.AcquireLock(context.Background(), inbox.Layout(data), false, "fr")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, stderr := runCmd(t, "registry", "import", "--data", data, filepath.Join(registryFixtures, "valid", "registry.csv"))
	if code != exitLocked {
		t.Errorf("import under a held lock exited %d, want %d: %s", code, exitLocked, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, registryFileName)); !os.IsNotExist(err) {
		t.Errorf("registry.csv written under another run's lock (%v)", err)
	}
}

// TestReportRegistry: report refuses a bad --registry before writing
// anything (exit 1, every problem with its line), and takes a good one.
func TestReportRegistry(t *testing.T) {
	in := filepath.Join(samplesDir, "2011-2012")
	out := t.TempDir()
	code, _, stderr := runCmd(t, "report", "--in", in, "--out", out, "--registry", filepath.Join(registryFixtures, "successor-gap", "registry.csv"))
	if code != exitFailure || !strings.Contains(stderr, "[ligne 2, colonne 6 (successor)]") || !strings.Contains(stderr, "[ligne 4, colonne 6 (successor)]") {
		t.Errorf("report with a refused registry exited %d:\n%s", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("report with a refused registry wrote %d outputs", len(entries))
	}
	// The samples with their registry: the registry is taken, and the
	// folder scan does not read it as a survey.
	samplesRegistry := filepath.Join(samplesDir, "registry.csv")
	code, _, stderr = runCmd(t, "report", "--in", samplesDir, "--out", out, "--registry", samplesRegistry)
	if code != exitOK {
		t.Fatalf("report over the samples with their registry exited %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "avertissement : [ligne") || strings.Contains(stderr, "Refusé : "+samplesRegistry) {
		t.Errorf("report over the samples with their registry said:\n%s", stderr)
	}
	if rej, err := os.ReadFile(filepath.Join(out, "rejections.csv")); err != nil || strings.Contains(string(rej), "registry.csv") {
		t.Errorf("rejections.csv (%v) names the registry:\n%s", err, rej)
	}
}

// TestRunRegistry: a run reads the data folder's registry.csv when there
// is one; a refused one is logged and left out, not a stop.
func TestRunRegistry(t *testing.T) {
	opts, err := (&commonOptions{lang: "fr"}).ingestOptions(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dirs := inbox.Layout(t.TempDir())
	var log bytes.Buffer
	if reg := runRegistry(dirs, opts, &log); reg != nil || log.Len() != 0 {
		t.Errorf("no registry.csv: %v, logged %q", reg, log.String())
	}
	valid, _ := os.ReadFile(filepath.Join(registryFixtures, "valid", "registry.csv"))
	if err := os.WriteFile(filepath.Join(dirs.Root, registryFileName), valid, 0o644); err != nil {
		t.Fatal(err)
	}
	if reg := runRegistry(dirs, opts, &log); reg == nil || len(reg.Entries) != 6 {
		t.Errorf("valid registry.csv: %+v, logged %q", reg, log.String())
	}
	bad, _ := os.ReadFile(filepath.Join(registryFixtures, "duplicate-uai", "registry.csv"))
	if err := os.WriteFile(filepath.Join(dirs.Root, registryFileName), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if reg := runRegistry(dirs, opts, &log); reg != nil || !strings.Contains(log.String(), "[ligne 4, colonne 1 (uai)]") {
		t.Errorf("refused registry.csv: %v, logged %q", reg, log.String())
	}
}

// TestRegistryRebuild: a store rebuilt from the manifest takes the history
// of the registry's imports back from the copies kept.
func TestRegistryRebuild(t *testing.T) {
	data := t.TempDir()
	put(t, data, "bordeaux.csv", csvForm("2009-2010", "0331764N", "Université de Bordeaux", 120, 80), time.Date(2012, 9, 1, 8, 0, 0, 0, time.UTC))
	mustRun(t, "run", "--data", data, "--settle", "0s")
	mustRun(t, "registry", "import", "--data", data, filepath.Join(registryFixtures, "valid", "registry.csv"))
	mustRun(t, "registry", "import", "--data", data, filepath.Join(registryFixtures, "academie-uai", "registry.csv"))
	imports := func() []store.RegistryImport {
		st, err := store.Open(inbox.Layout(data).Store)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		r, err := st.RegistryImports(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	before := imports()

	lost := filepath.Join(t.TempDir(), "lost.db")
	if err := os.Rename(inbox.Layout(data).Store, lost); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "rebuild", "--data", data)
	if !strings.Contains(out, "2 import(s) de la liste des établissements attendus") {
		t.Errorf("rebuild said:\n%s", out)
	}
	after := imports()
	// The same times, copies, hashes and counts; the file name given is
	// not kept with the copy, whose path stands for it.
	if len(before) != 2 || len(after) != 2 {
		t.Fatalf("imports before %+v, after %+v", before, after)
	}
	for i := range before {
		b, a := before[i], after[i]
		if !a.ImportedAt.Equal(b.ImportedAt) || a.SHA256 != b.SHA256 || a.Entries != b.Entries || a.StoredAs != b.StoredAs || a.Name != a.StoredAs {
			t.Errorf("import %d before the loss %+v, after the rebuild %+v", i+1, b, a)
		}
	}
	if show := mustRun(t, "registry", "show", "--data", data); !strings.Contains(show, "← en vigueur") {
		t.Errorf("show after the rebuild:\n%s", show)
	}
}
