package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestValidateAnnotate checks validate --annotate: each refused file gets
// its annotated copy in the folder, named after it (two files of the same
// name, two copies), with the comment on the cell at fault; an accepted
// file gets none.
func TestValidateAnnotate(t *testing.T) {
	broken := filepath.Join(samplesDir, "broken", "03_certificats-superieurs-aux-etudiants.xlsx")
	other := filepath.Join(t.TempDir(), filepath.Base(broken))
	data, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, data, 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(samplesDir, "2011-2012", "0060931E_universite-nice-sophia-antipolis.xlsx")
	for _, tc := range []struct {
		lang, suffix string
	}{
		{"fr", ".annote.xlsx"},
		{"en", "-annotated.xlsx"},
	} {
		dir := filepath.Join(t.TempDir(), "annotated")
		code, out, stderr := runCmd(t, "validate", "--lang", tc.lang, "--annotate", dir, broken, other, good)
		if code != exitFailure {
			t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
		}
		base := "03_certificats-superieurs-aux-etudiants"
		want := []string{base + " (2)" + tc.suffix, base + tc.suffix} // ReadDir's order
		entries, _ := os.ReadDir(dir)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%s: files %q, want %q\n%s", tc.lang, got, want, out)
		}
		for _, name := range want {
			if !strings.Contains(out, filepath.Join(dir, name)) {
				t.Errorf("%s: the output does not name %s:\n%s", tc.lang, name, out)
			}
			f, err := excelize.OpenFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := f.GetComments("Enquête C2i2e")
			if len(cs) != 1 || cs[0].Cell != "C8" {
				t.Errorf("%s: comments %+v, want one on C8", name, cs)
			}
			f.Close()
		}
	}
}
