package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest/store"
	"c2isurvey/ingest/testutil"
)

// csvForm is a consolidated CSV table (layout 2) of one institution.
func csvForm(year, uai, name string, students, certs int) string {
	return "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
		year + ";" + uai + ";" + name + ";Masters enseignement;" + itoa(students) + ";" + itoa(certs) + "\n"
}

func itoa(n int) string { return strconv.Itoa(n) }

// put writes a file in the inbox of data with a modification time.
func put(t *testing.T, data, name, content string, mod time.Time) {
	t.Helper()
	p := filepath.Join(data, "inbox", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("%v exited %d:\n%s%s", args, code, stdout, stderr)
	}
	return stdout
}

// history gives the data folder three runs of files: a year of forms and a
// CSV form; then refused files, a duplicate, the CSV form's correction
// dated 1970 and a form dated 2099; then a year whose forms include a
// correction (…_corrige.xlsx).
func history(t *testing.T, data string) {
	t.Helper()
	at := time.Date(2012, 9, 1, 8, 0, 0, 0, time.UTC)
	dropAt(t, data, at, sampleFiles(t, "2010-2011")...)
	put(t, data, "bordeaux.csv", csvForm("2009-2010", "0331764N", "Université de Bordeaux", 120, 80), at)
	mustRun(t, "run", "--data", data, "--settle", "0s")

	dropAt(t, data, at.Add(24*time.Hour), sampleFiles(t, "broken")...)
	b, err := os.ReadFile(sampleFiles(t, "2010-2011")[0])
	if err != nil {
		t.Fatal(err)
	}
	put(t, data, "copie/même-fichier.xlsx", string(b), at.Add(24*time.Hour))
	put(t, data, "bordeaux-corrige.csv", csvForm("2009-2010", "0331764N", "Université de Bordeaux", 130, 90),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC))
	put(t, data, "lyon.csv", csvForm("2009-2010", "0691774D", "Université Lyon 1", 200, 150),
		time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))
	mustRun(t, "run", "--data", data, "--settle", "30s")

	dropAt(t, data, at.Add(48*time.Hour), sampleFiles(t, "2011-2012")...)
	mustRun(t, "run", "--data", data, "--settle", "0s")

	// The correction taken a run later replaces the original, whatever
	// its date; the file dated 2099 was taken, not left « en cours ».
	out := mustRun(t, "files", "--data", data, "--status", "replaced")
	if !strings.Contains(out, "bordeaux.csv") || strings.Contains(out, "bordeaux-corrige.csv") ||
		!strings.Contains(out, "0060931E_universite-nice-sophia-antipolis.xlsx") {
		t.Fatalf("replaced files:\n%s", out)
	}
	if left, _ := os.ReadDir(filepath.Join(data, "inbox")); len(left) != 1 || !left[0].IsDir() {
		t.Fatalf("the inbox holds %v, want only the emptied folder copie/", left)
	}
	out = mustRun(t, "files", "--data", data, "--status", "duplicate")
	if !strings.Contains(out, "copie/même-fichier.xlsx") {
		t.Fatalf("duplicates:\n%s", out)
	}
}

// outputs reads every file of a data folder's reports/latest, by its
// slash-separated path in the folder (the Parquet files are in subfolders).
func outputs(t *testing.T, data string) map[string][]byte {
	t.Helper()
	return filesUnder(t, filepath.Join(data, "reports", "latest"))
}

// filesUnder reads every file under dir, by its slash-separated path.
func filesUnder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	// dir may be a link (reports/latest): walk what it points at.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameOutputs(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	kinds := map[string]bool{}
	for name := range want {
		kinds[filepath.Ext(name)] = true
	}
	if len(want) < 5 || !kinds[".pdf"] || !kinds[".xlsx"] || !kinds[".csv"] || !kinds[".parquet"] {
		t.Fatalf("only %d outputs to compare", len(want))
	}
	for _, name := range []string{"national.csv", "tracks.csv", "rejections.csv"} {
		if _, ok := want[name]; !ok {
			t.Errorf("no %s to compare", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d outputs, want %d", len(got), len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !bytes.Equal(g, w) {
			t.Errorf("%s differs from the one published before the loss (%d bytes, want %d)", name, len(g), len(w))
		}
	}
}

// TestRebuildGivesSameReports loses the store after several runs (with a
// replacement, a duplicate, refused files and odd dates), is refused by
// run, rebuilds it, and wants every output of the next run byte for byte
// as published before the loss.
func TestRebuildGivesSameReports(t *testing.T) {
	data := t.TempDir()
	history(t, data)
	before := outputs(t, data)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(data, "c2isurvey.db"+suffix))
	}
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitFailure ||
		!strings.Contains(stderr, "rebuild --data "+data) {
		t.Fatalf("run without its store: exit %d, %s", code, stderr)
	}
	out := mustRun(t, "rebuild", "--data", data)
	if !strings.Contains(out, "Registre reconstruit") {
		t.Errorf("rebuild said:\n%s", out)
	}
	mustRun(t, "run", "--data", data, "--settle", "0s")
	sameOutputs(t, outputs(t, data), before)
	out = mustRun(t, "files", "--data", data, "--status", "replaced")
	if !strings.Contains(out, "bordeaux.csv") || strings.Contains(out, "bordeaux-corrige.csv") {
		t.Errorf("after rebuild, replaced files:\n%s", out)
	}

	// A sound store is replaced only when asked, and set aside.
	code, _, stderr := runCmd(t, "rebuild", "--data", data, "--lang", "en")
	if code != exitFailure || !strings.Contains(stderr, "--force") || !strings.Contains(stderr, "sound") {
		t.Errorf("rebuild of a sound store: exit %d, %s", code, stderr)
	}
	mustRun(t, "rebuild", "--data", data, "--force")
	aside, _ := filepath.Glob(filepath.Join(data, "c2isurvey.db.before-rebuild-*"))
	if len(aside) != 1 {
		t.Errorf("set aside: %v", aside)
	}
	mustRun(t, "run", "--data", data, "--settle", "0s")
	sameOutputs(t, outputs(t, data), before)
}

// TestDamagedStoreRefused: a store truncated inside its last page, of zero
// length, zeroed, or deleted makes run exit 1 with nothing taken and
// nothing published, saying to rebuild; after rebuild, the run takes the
// waiting file and publishes what a data folder that never lost its store
// publishes.
func TestDamagedStoreRefused(t *testing.T) {
	base := t.TempDir()
	history(t, base)
	newFile := csvForm("2009-2010", "0691774D", "Université Lyon 1", 210, 160)
	at := time.Date(2012, 9, 5, 8, 0, 0, 0, time.UTC)

	ref := t.TempDir()
	testutil.CopyTree(t, base, ref)
	put(t, ref, "lyon-2010.csv", newFile, at)
	mustRun(t, "run", "--data", ref, "--settle", "0s")
	want := outputs(t, ref)

	db := func(data string) string { return filepath.Join(data, "c2isurvey.db") }
	for name, damage := range map[string]func(t *testing.T, data string){
		"truncated inside its last page": func(t *testing.T, data string) {
			info, err := os.Stat(db(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(db(data), info.Size()-1000); err != nil {
				t.Fatal(err)
			}
		},
		"zero length": func(t *testing.T, data string) {
			if err := os.Truncate(db(data), 0); err != nil {
				t.Fatal(err)
			}
		},
		"zeroed": func(t *testing.T, data string) {
			info, err := os.Stat(db(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(db(data), make([]byte, info.Size()), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"deleted": func(t *testing.T, data string) {
			if err := os.Remove(db(data)); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			data := t.TempDir()
			testutil.CopyTree(t, base, data)
			for _, suffix := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(db(data) + suffix); err == nil {
					t.Fatalf("the store has a %s after its runs", suffix)
				}
			}
			put(t, data, "lyon-2010.csv", newFile, at)
			latest, _ := os.Readlink(filepath.Join(data, "reports", "latest"))
			published, _ := os.ReadDir(filepath.Join(data, "reports"))
			damage(t, data)

			for _, lang := range []string{"fr", "en"} {
				code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s", "--lang", lang)
				wants := map[string][]string{
					"fr": {"registre", "aucun fichier n'a été pris", "c2isurvey rebuild --data " + data},
					"en": {"store", "no file was taken", "c2isurvey rebuild --data " + data},
				}[lang]
				if lang == "fr" {
					t.Logf("run: %s", stderr)
				}
				for _, w := range wants {
					if code != exitFailure || !strings.Contains(stderr, w) {
						t.Errorf("run (%s): exit %d, stderr lacks %q:\n%s", lang, code, w, stderr)
					}
				}
			}
			if _, err := os.Stat(filepath.Join(data, "inbox", "lyon-2010.csv")); err != nil {
				t.Errorf("the waiting file was taken: %v", err)
			}
			if l, _ := os.Readlink(filepath.Join(data, "reports", "latest")); l != latest {
				t.Errorf("latest points at %s, was %s", l, latest)
			}
			if now, _ := os.ReadDir(filepath.Join(data, "reports")); len(now) != len(published) {
				t.Errorf("reports/ holds %d entries, held %d", len(now), len(published))
			}

			mustRun(t, "rebuild", "--data", data)
			mustRun(t, "run", "--data", data, "--settle", "0s")
			sameOutputs(t, outputs(t, data), want)
		})
	}
}

// A rebuild keeps the portal's accounts, audit log and uploads: they are
// carried over from the store replaced (the manifest lists survey files
// only), and the account still signs in: its password hash came along.
func TestRebuildKeepsAccounts(t *testing.T) {
	data := t.TempDir()
	dropAt(t, data, time.Date(2012, 9, 1, 8, 0, 0, 0, time.UTC), sampleFiles(t, "2010-2011")...)
	mustRun(t, "run", "--data", data, "--settle", "0s")
	var out bytes.Buffer
	if err := cmdUsers(context.Background(), []string{"add", "--data", data, "--email", "admin@example.fr", "--role", "admin"},
		strings.NewReader("un mot de passe assez long\n"), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := cmdUsers(context.Background(), []string{"disable", "--data", data, "--email", "admin@example.fr"},
		strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := mustRun(t, "rebuild", "--data", data, "--force")
	// Two user changes (add, disable) audited by the users command.
	if !strings.Contains(got, "1 compte(s), 2 entrée(s) du journal et 0 envoi(s) repris") {
		t.Errorf("rebuild's output does not say the accounts were carried over:\n%s", got)
	}
	st, err := store.Open(filepath.Join(data, "c2isurvey.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, hash, err := st.UserByEmail(context.Background(), "admin@example.fr")
	if err != nil {
		t.Fatalf("the account is not in the rebuilt store: %v", err)
	}
	if !u.Disabled || u.Role != store.RoleAdmin || !strings.HasPrefix(hash, "$argon2id$") {
		t.Errorf("carried account %+v, hash %.12q", u, hash)
	}
	log, err := st.AuditLog(context.Background(), 10)
	if err != nil || len(log) != 2 {
		t.Errorf("audit log after rebuild: %v, %v", log, err)
	}
	if files, err := st.Files(context.Background(), ""); err != nil || len(files) == 0 {
		t.Errorf("the rebuilt store holds %d files (%v)", len(files), err)
	}
}
