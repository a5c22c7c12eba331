package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/editions"
	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/testutil"
	"c2isurvey/report"
)

// editionFiles reads every file of an edition folder.
func editionFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// pdfText reads a PDF's text with pdftotext, spaces squeezed (the no-break
// ones included); the test is skipped when pdftotext is not installed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found (install poppler-utils): the editions' documents cannot be read")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return squeeze(string(out))
}

// squeeze puts one ordinary space wherever a text has spaces, no-break
// ones included.
func squeeze(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)), " ")
}

// checkEdition checks that an edition folder holds the year's annual and
// quality reports drawn as edition n (their covers say so, never
// « provisoire »), the workbook and the CSV tables byte-identical to
// latest's, the year's facts adding up to latest's national.csv, and
// edition.json saying which it is.
func checkEdition(t *testing.T, data, dir string, n int, runID int64) map[string][]byte {
	t.Helper()
	files := editionFiles(t, dir)
	latest := filepath.Join(data, "reports", "latest")
	for _, name := range []string{"c2i2e-2011-2012.pdf", "qualite-2011-2012.pdf", "c2i2e.xlsx", "national.csv", "tracks.csv", "rejections.csv", "panel.csv", "facts.csv", "edition.json"} {
		if _, ok := files[name]; !ok {
			t.Errorf("edition %d lacks %s", n, name)
		}
	}
	var ed editions.Edition
	if err := json.Unmarshal(files["edition.json"], &ed); err != nil {
		t.Fatal(err)
	}
	published, err := time.Parse(time.RFC3339, ed.PublishedAt)
	if err != nil || ed.DataAsOf == "" {
		t.Errorf("edition.json: published_at %q, data_as_of %q", ed.PublishedAt, ed.DataAsOf)
	}
	for name, b := range files {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != 0o444 {
			t.Errorf("edition %d: %s is not read-only (%v)", n, name, err)
		}
		if strings.HasPrefix(name, "c2i2e-") && name != "c2i2e-2011-2012.pdf" || strings.HasPrefix(name, "qualite-") && name != "qualite-2011-2012.pdf" {
			t.Errorf("edition %d holds another year's report %s", n, name)
		}
		want, err := os.ReadFile(filepath.Join(latest, name))
		switch name {
		case "facts.csv", "edition.json":
			continue
		case "c2i2e-2011-2012.pdf", "qualite-2011-2012.pdf":
			// Drawn again, as edition n: not latest's provisional one.
			if bytes.Equal(b, want) {
				t.Errorf("edition %d: %s is latest's, not drawn as the edition", n, name)
			}
			continue
		}
		if err != nil || !bytes.Equal(b, want) {
			t.Errorf("edition %d: %s differs from latest's (%v)", n, name, err)
		}
	}
	// The documents say which edition they are, and when it was published.
	date := squeeze(report.FormatDate(published, "fr"))
	if text := pdfText(t, filepath.Join(dir, "c2i2e-2011-2012.pdf")); !strings.Contains(text, fmt.Sprintf("Édition n° %d du %s", n, date)) || strings.Contains(text, "provisoire") {
		t.Errorf("edition %d's annual report does not say « Édition n° %d du %s », or says « provisoire »:\n%.600s", n, n, date, text)
	}
	if text := pdfText(t, filepath.Join(dir, "qualite-2011-2012.pdf")); !strings.Contains(text, fmt.Sprintf("édition n° %d du %s", n, date)) {
		t.Errorf("edition %d's quality report does not name the edition:\n%.600s", n, text)
	}
	if text := pdfText(t, filepath.Join(latest, "c2i2e-2011-2012.pdf")); !strings.Contains(text, "Édition provisoire") {
		t.Errorf("latest's annual report is not provisional:\n%.600s", text)
	}
	if ed.Edition != n || ed.Year != 2012 || ed.AcademicYear != "2011-2012" || ed.RunID != runID || ed.Reports != fmt.Sprintf("run-%06d", runID) {
		t.Errorf("edition.json: %+v, want edition %d of run %d", ed, n, runID)
	}
	if len(ed.Files) != len(files)-1 {
		t.Errorf("edition.json lists %d files, the folder holds %d besides it", len(ed.Files), len(files)-1)
	}
	for _, f := range ed.Files {
		sum := sha256.Sum256(files[f.Name])
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(files[f.Name])) != f.Size {
			t.Errorf("edition.json: %s listed with size %d and %s, the file has %d bytes", f.Name, f.Size, f.SHA256, len(files[f.Name]))
		}
	}
	// The facts add up to the year's row of latest's national.csv.
	facts, err := editions.ReadFacts(filepath.Join(dir, "facts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var s, c int64
	uais := map[string]bool{}
	for _, f := range facts {
		if f.Year != 2012 || f.Source.File == "" {
			t.Errorf("fact of %d from %q in the 2011-2012 edition", f.Year, f.Source.File)
		}
		s += f.Students
		c += f.Certs
		uais[f.UAI] = true
	}
	national := testutil.ReadCSV(t, filepath.Join(latest, "national.csv"))
	want := ""
	for _, r := range national {
		if r[0] == "2012" {
			want = strings.Join(r[1:4], ",")
		}
	}
	if got := fmt.Sprintf("%d,%d,%d", len(uais), s, c); got != want || ed.Facts != len(facts) || ed.Students != s || ed.Certificates != c {
		t.Errorf("edition %d facts: %s (edition.json %d facts, %d, %d), national.csv 2012: %s", n, got, ed.Facts, ed.Students, ed.Certificates, want)
	}
	return files
}

// TestPublishEditions: run on samples, publish 2011-2012 as edition 1
// (the latest run's files frozen, byte-identical), a correcting file for
// one institution, a run whose revisions.csv names the change, its
// institution, track and file, edition 2, then a run that fails and a
// publish it refuses.
func TestPublishEditions(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")...)
	drop(t, data, sampleFiles(t, "2011-2012")...)
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	// Before publish, nothing to revise: no revisions.csv.
	if _, err := os.Stat(filepath.Join(data, "reports", "latest", "revisions.csv")); err == nil {
		t.Error("revisions.csv written before any edition")
	}

	code, stdout, stderr := runCmd(t, "publish", "--data", data, "--year", "2011-2012")
	if code != exitOK || !strings.Contains(stdout, "Édition 1 de 2011-2012 publiée") {
		t.Fatalf("publish: exit %d\n%s%s", code, stdout, stderr)
	}
	ed1Dir := filepath.Join(data, "reports", "editions", "2011-2012", "1")
	ed1 := checkEdition(t, data, ed1Dir, 1, 1)
	// The command line's publication is in the store's audit log, by the
	// system's user, as the portal's are by their account.
	st, err := store.Open(inbox.Layout(data).Store)
	if err != nil {
		t.Fatal(err)
	}
	log, err := st.AuditLog(context.Background(), 0)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	me := ""
	if u, err := user.Current(); err == nil {
		me = u.Username
	}
	if len(log) != 1 || log[0].Action != "edition.publish" || log[0].Actor != me || log[0].Detail != "2011-2012 → reports/editions/2011-2012/1" {
		t.Errorf("audit log after publish: %+v, want one edition.publish by %q", log, me)
	}
	var ed1JSON editions.Edition
	if err := json.Unmarshal(ed1["edition.json"], &ed1JSON); err != nil {
		t.Fatal(err)
	}
	published1, _ := time.Parse(time.RFC3339, ed1JSON.PublishedAt)

	// The same run again is no new edition; a year without data is none.
	code, _, stderr = runCmd(t, "publish", "--data", data, "--year", "2012")
	if code != exitFailure || !strings.Contains(stderr, "déjà l'édition 1") {
		t.Errorf("publish of the same run: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCmd(t, "publish", "--data", data, "--year", "2019")
	if code != exitFailure || !strings.Contains(stderr, "aucune donnée pour l'année 2018-2019") {
		t.Errorf("publish of a year without data: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "reports", "editions", "2018-2019", "1")); err == nil {
		t.Error("an edition of a year without data")
	}

	// A correcting file: the first institution of the edition with a
	// teaching masters row sends that track alone, with other figures (its
	// other tracks are then no longer declared).
	facts, err := editions.ReadFacts(filepath.Join(ed1Dir, "facts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(facts, func(f factRow) bool { return f.Track == "masters-enseignement" })
	if i < 0 {
		t.Fatal("no teaching masters in the 2011-2012 samples")
	}
	fix := facts[i]
	others := 0
	for _, f := range facts {
		// A track declared empty (0 and 0) is no figure that goes.
		if f.UAI == fix.UAI && f.Track != fix.Track && f.Students+f.Certs > 0 {
			others++
		}
	}
	newS, newC := fix.Students+7, fix.Certs+3
	csv := "Année;Code UAI;Établissement;Académie;Parcours;Étudiants concernés;Certificats délivrés\n" +
		fmt.Sprintf("2011-2012;%s;%s;%s;Masters enseignement;%d;%d\n", fix.UAI, fix.Institution, fix.Academie, newS, newC)
	fixFile := filepath.Join(data, "inbox", "correction-"+fix.UAI+".csv")
	if err := os.WriteFile(fixFile, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run with the correction: exit %d: %s", code, stderr)
	}
	// That run's report is provisional, and names the latest edition.
	text := pdfText(t, filepath.Join(data, "reports", "latest", "c2i2e-2011-2012.pdf"))
	if want := "dernière édition publiée : n° 1 du " + squeeze(report.FormatDate(published1, "fr")); !strings.Contains(text, "Édition provisoire") || !strings.Contains(text, want) {
		t.Errorf("the report after edition 1 does not say « Édition provisoire » and « %s »:\n%.600s", want, text)
	}
	rows := testutil.ReadCSV(t, filepath.Join(data, "reports", "latest", "revisions.csv"))
	var national, changed []string
	removed := 0
	for _, r := range rows[1:] {
		if r[0] != "2012" || r[1] != "1" {
			t.Errorf("revisions.csv row of year %s, edition %s", r[0], r[1])
		}
		switch {
		case r[3] == "national":
			national = r
		case r[3] == "institution" && r[4] == "changed":
			changed = r
		case r[3] == "institution" && r[4] == "removed":
			removed++
			if r[5] != fix.UAI || !strings.HasSuffix(r[14], "correction-"+fix.UAI+".csv") {
				t.Errorf("removed row %v: not %s's, or not by the correcting file", r, fix.UAI)
			}
		case r[3] == "institution":
			t.Errorf("unexpected revision %v", r)
		}
	}
	want := []string{fix.UAI, fix.Institution, fix.Academie, "masters-enseignement",
		strconv.FormatInt(fix.Students, 10), strconv.FormatInt(fix.Certs, 10), strconv.FormatInt(newS, 10), strconv.FormatInt(newC, 10)}
	if changed == nil || !slices.Equal(changed[5:13], want) || changed[13] != fix.Source.File || !strings.HasSuffix(changed[14], "correction-"+fix.UAI+".csv") {
		t.Errorf("revisions.csv does not name the change %v, by the correcting file:\n%v", want, rows)
	}
	if removed != others || national == nil || national[4] != "changed" {
		t.Errorf("revisions.csv: %d removed rows, want %d; national row %v", removed, others, national)
	}

	code, stdout, stderr = runCmd(t, "publish", "--data", data, "--year", "2011-2012")
	if code != exitOK || !strings.Contains(stdout, "Édition 2 de 2011-2012 publiée") {
		t.Fatalf("second publish: exit %d\n%s%s", code, stdout, stderr)
	}
	ed2 := checkEdition(t, data, filepath.Join(data, "reports", "editions", "2011-2012", "2"), 2, 2)
	if _, ok := ed2["revisions.csv"]; !ok {
		t.Error("edition 2 does not keep the revisions since edition 1")
	}
	// Edition 1 is as it was published.
	for name, b := range editionFiles(t, ed1Dir) {
		if !bytes.Equal(b, ed1[name]) {
			t.Errorf("edition 1's %s changed after edition 2", name)
		}
	}
	// The next run compares with edition 2: nothing changed since.
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run after edition 2: exit %d: %s", code, stderr)
	}
	rows = testutil.ReadCSV(t, filepath.Join(data, "reports", "latest", "revisions.csv"))
	if len(rows) != 2 || rows[1][1] != "2" || rows[1][3] != "national" || rows[1][4] != "unchanged" {
		t.Errorf("revisions.csv after edition 2 with no change:\n%v", rows)
	}

	// A run that fails (its reports folder already there): publish refuses
	// and writes nothing. The run has a file to take (a copy of the
	// correction, a duplicate), or it would keep the reports unchanged.
	if err := os.Mkdir(filepath.Join(data, "reports", "run-000004"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "inbox", "correction-copie.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitFailure {
		t.Fatalf("the run meant to fail exited %d", code)
	}
	code, _, stderr = runCmd(t, "publish", "--data", data, "--year", "2011-2012")
	if code != exitFailure || !strings.Contains(stderr, "le dernier passage (n° 4) n'a pas abouti") || !strings.Contains(stderr, "already exists") {
		t.Errorf("publish after a failed run: exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "reports", "editions", "2011-2012"))
	if len(entries) != 2 {
		t.Errorf("%d entries in the year's editions, want editions 1 and 2 alone", len(entries))
	}
}

// factRow is a fact as editions.ReadFacts returns it.
type factRow = ingest.Fact

// TestPublishRefuses: no data folder, no run, another run holding the
// folder, a bad year.
func TestPublishRefuses(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent")
	if code, _, stderr := runCmd(t, "publish", "--data", missing, "--year", "2012"); code != exitFailure || !strings.Contains(stderr, "n'existe pas") {
		t.Errorf("no data folder: exit %d: %s", code, stderr)
	}
	data := t.TempDir()
	if code, _, stderr := runCmd(t, "publish", "--data", data, "--year", "2012"); code != exitFailure || !strings.Contains(stderr, "aucun passage") {
		t.Errorf("no run: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"publish", "--data", data}, {"publish", "--data", data, "--year", "demain"}, {"publish", "--year", "2012", "extra"}} {
		if code, _, _ := runCmd(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	lock, err := nightly.AcquireLock(context.Background(), inbox.Layout(data), false, "fr")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if code, _, stderr := runCmd(t, "publish", "--data", data, "--year", "2012"); code != exitLocked {
		t.Errorf("locked: exit %d: %s", code, stderr)
	}
}

// TestRunDamagedEdition: an edition whose facts.csv was edited by hand
// does not stop a run: the run publishes its reports, says in its log that
// the edition is left out, and has no revisions for that year.
func TestRunDamagedEdition(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2011-2012")[:3]...)
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "publish", "--data", data, "--year", "2012"); code != exitOK {
		t.Fatalf("publish: exit %d: %s", code, stderr)
	}
	facts := filepath.Join(data, "reports", "editions", "2011-2012", "1", "facts.csv")
	if err := os.Chmod(facts, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(facts, []byte("année;uai\n2012;x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s", "--lang", "en")
	if code != exitOK || !strings.Contains(stderr, "edition left out") || !strings.Contains(stderr, "facts.csv") {
		t.Errorf("run with a damaged edition: exit %d: %s", code, stderr)
	}
	if target, _ := os.Readlink(filepath.Join(data, "reports", "latest")); target != "run-000002" {
		t.Errorf("latest → %q, want run-000002", target)
	}
	if _, err := os.Stat(filepath.Join(data, "reports", "latest", "revisions.csv")); err == nil {
		t.Error("revisions.csv written from a damaged edition")
	}
}

// TestPublishKeptReports: a run that found nothing new keeps the reports of
// the run before; publish freezes them (as that run's), and another year
// can be published after without a run between. Publishing with options
// the runs do not use (another language) is refused: the documents drawn
// again would not be latest's.
func TestPublishKeptReports(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")[:3]...)
	drop(t, data, sampleFiles(t, "2011-2012")[:3]...)
	for i := 0; i < 2; i++ {
		if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
	}
	if target, _ := os.Readlink(filepath.Join(data, "reports", "latest")); target != "run-000001" {
		t.Fatalf("latest → %q after a run with nothing new, want run-000001 kept", target)
	}
	code, _, stderr := runCmd(t, "publish", "--data", data, "--year", "2012", "--lang", "en")
	if code != exitFailure || !strings.Contains(stderr, "are not those the runs would draw") {
		t.Errorf("publish in another language than the runs': exit %d: %s", code, stderr)
	}
	for _, year := range []string{"2011-2012", "2010-2011"} {
		if code, stdout, stderr := runCmd(t, "publish", "--data", data, "--year", year); code != exitOK || !strings.Contains(stdout, "Édition 1 de "+year) {
			t.Fatalf("publish %s: exit %d\n%s%s", year, code, stdout, stderr)
		}
		b, err := os.ReadFile(filepath.Join(data, "reports", "editions", year, "1", "edition.json"))
		if err != nil {
			t.Fatal(err)
		}
		var ed editions.Edition
		if err := json.Unmarshal(b, &ed); err != nil || ed.RunID != 1 || ed.Reports != "run-000001" || ed.RunStarted == "" {
			t.Errorf("%s edition.json: %+v (%v), want the reports of run 1", year, ed, err)
		}
	}
}
