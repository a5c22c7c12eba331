package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// TestIngestReproducesPublished reads the generated samples with the ingest
// reader, as the pipeline does, and checks what counts: the published
// national totals, the 2011-2012 track table, every broken file refused and
// no other, the duplicate counted once and the correction winning. It runs
// twice: with the modification times the generator sets, and with all times
// equal, as after a git clone (where the name decides the order).
func TestIngestReproducesPublished(t *testing.T) {
	dir := t.TempDir()
	if _, err := generate(dir); err != nil {
		t.Fatal(err)
	}
	t.Run("generated-times", func(t *testing.T) { checkIngest(t, dir) })
	same := time.Date(2026, time.January, 5, 12, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, same, same)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("equal-times", func(t *testing.T) { checkIngest(t, dir) })
}

// brokenKinds is the refusal each broken sample must get.
var brokenKinds = map[string]string{
	"01_ancien-format-excel-97.xls":                "legacy-xls",
	"02_fichier-tronque.xlsx":                      "damaged",
	"03_certificats-superieurs-aux-etudiants.xlsx": "certs-above-students",
	"04_parcours-inconnu.xlsx":                     "unknown-track",
	"05_effectif-negatif.xlsx":                     "negative-count",
	"06_code-uai-manquant.xlsx":                    "missing-uai",
	"07_erreur-de-formule-div0.xlsx":               "formula-error",
}

func checkIngest(t *testing.T, dir string) {
	wantNational, wantTracks2012 := published(t)
	files, _, err := ingest.Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	dict := tracks.Default()
	opts := ingest.Options{Tracks: dict, MaxYear: 2013}
	var results []ingest.FileResult
	for _, f := range files {
		res := ingest.ReadFile(f, opts)
		rel, _ := filepath.Rel(dir, f)
		broken := strings.HasPrefix(filepath.ToSlash(rel), "broken/")
		switch {
		case broken && !res.Refused():
			t.Errorf("%s: accepted, want refused", rel)
		case !broken && res.Refused():
			t.Errorf("%s: refused: %v", rel, res.Refusals)
		}
		if broken {
			// Each broken file shows one defect, the one its name says.
			want, ok := brokenKinds[filepath.Base(rel)]
			if !ok {
				t.Errorf("%s: no expected refusal listed in the test", rel)
			}
			if len(res.Refusals) != 1 || res.Refusals[0].Kind != want {
				t.Errorf("%s: refusals %+v, want one of kind %s", rel, res.Refusals, want)
			}
		}
		for _, w := range res.Warnings {
			t.Logf("%s: warning %s %s: %s", rel, w.Sheet, w.Cell, w.Message)
		}
		results = append(results, res)
	}
	b := ingest.Resolve(results)
	if len(b.Duplicates) != 1 {
		t.Errorf("duplicates = %+v, want one", b.Duplicates)
	}
	if len(b.Replacements) != 1 || !strings.HasSuffix(b.Replacements[0].New, "_corrige.xlsx") {
		t.Errorf("replacements = %+v, want one by a _corrige file", b.Replacements)
	}
	type tot struct {
		uais            map[string]bool
		students, certs int64
	}
	byYear := map[int]*tot{}
	track := map[string][2]int64{}
	for _, f := range b.Facts {
		y := byYear[f.Year]
		if y == nil {
			y = &tot{uais: map[string]bool{}}
			byYear[f.Year] = y
		}
		y.uais[f.UAI] = true
		y.students += f.Students
		y.certs += f.Certs
		if f.Year == 2012 {
			v := track[f.Track]
			track[f.Track] = [2]int64{v[0] + f.Students, v[1] + f.Certs}
		}
	}
	for _, w := range wantNational {
		y := byYear[w.year]
		if y == nil {
			t.Errorf("%d: nothing read", w.year)
			continue
		}
		if len(y.uais) != w.institutions || y.students != w.students || y.certs != w.certificates {
			t.Errorf("%d read: %d institutions, %d students, %d certificates; published %d, %d, %d",
				w.year, len(y.uais), y.students, y.certs, w.institutions, w.students, w.certificates)
		}
	}
	if y := byYear[2012]; y != nil {
		for _, w := range wantTracks2012 {
			v := track[w.code]
			if v[0] == 0 || roundTo(v[1], y.certs, 1000) != w.shareTenth || roundTo(v[1], v[0], 100) != w.point {
				t.Errorf("2012 %s read: %d/%d, not the published %d‰ and %d %%", w.code, v[1], v[0], w.shareTenth, w.point)
			}
		}
	}
}
