package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet"
)

// bigTable writes a consolidated CSV of 5,000 institutions × 5 years × 2
// tracks (50,000 rows, about 5 MB: over streamMinBytes), with a blank line,
// quoted names holding the separator, and optional extra lines (bad rows);
// it returns the path, and the students and certificates it wrote.
func bigTable(t *testing.T, extra string) (path string, students, certs int64) {
	t.Helper()
	var uais []string
	letters := "ABCDEFGHJKLMNPRSTUVWXYZ"
	for n := 0; len(uais) < 5000; n++ {
		num := fmt.Sprintf("075%04d", n)
		for _, l := range letters {
			if u, err := ParseUAI(num + string(l)); err == nil {
				uais = append(uais, u)
				break
			}
		}
	}
	var b strings.Builder
	b.WriteString("Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés;Taux de réussite\n")
	for y := 2010; y < 2015; y++ {
		for i, u := range uais {
			name := fmt.Sprintf("Université de Paris – site %d", i)
			if i%7 == 0 {
				name = fmt.Sprintf("\"Institut %d; école \"\"normale\"\"\"", i)
			}
			for k, track := range []string{"Masters enseignement", "Autres masters"} {
				s, c := int64(100+i%300+k), int64(50+i%40)
				students, certs = students+s, certs+c
				fmt.Fprintf(&b, "%d-%d;%s;%s;%s;%d;%d;%s\n", y-1, y, u, name, track, s, c,
					strings.ReplaceAll(fmt.Sprintf("%.1f %%", 100*float64(c)/float64(s)), ".", ","))
			}
		}
		if y == 2012 {
			b.WriteString("\n")
		}
	}
	b.WriteString(extra)
	path = filepath.Join(t.TempDir(), "table.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if b.Len() < streamMinBytes {
		t.Fatalf("%d bytes: under streamMinBytes, the test would not stream", b.Len())
	}
	return path, students, certs
}

// TestStreamedTable: a large consolidated CSV read row by row gives what
// the ordinary reader (the whole grid, then Interpret) gives, down to the
// refusals of bad rows, and the figures the test wrote. The streamed table
// is read grouped (each submission built once its rows are read, its
// problems recorded at the end) unless a submission's rows come back after
// another's (regroup): then it is read again as the grid is.
func TestStreamedTable(t *testing.T) {
	const lyon = "2013-2014;0691774D;Université Lyon 1;"
	tests := []struct {
		name, extra string
		refusals    int
		warnings    []string // kinds
		regroup     bool
	}{
		{"valid", "", 0, nil, false},
		{"bad rows", "2013-2014;0751717J;Université Exemple;Masters enseignement;abc;3;\n2013-2014;0751717J;Université Exemple;Parcours inconnu;5;3;\n", 2, []string{KindInconsistentName}, false},
		// The first institution and year of the table (line 2) again, at
		// the end: one submission of three tracks, as the grid reads it.
		{"rows of a submission apart", "2010-2011;0750001U;Université de Paris – site 1;Doctorats;10;4;\n", 0, nil, true},
		{"a track given twice, apart", "2010-2011;0750001U;Université de Paris – site 1;Masters enseignement;10;4;\n", 1, nil, true},
		// A submission's total is checked once every row is read: wrong,
		// it is refused; after a refused row, it is not checked.
		{"total wrong", lyon + "Masters enseignement;10;5;\n" + lyon + "Ensemble;11;5;\n", 1, nil, false},
		{"total wrong, then a bad row", lyon + "Masters enseignement;10;5;\n" + lyon + "Ensemble;11;5;\n2013-2014;0693000L;Lycée Lyon;Doctorats;4;3;\n2013-2014;0751717J;Université Exemple;Doctorats;abc;3;\n", 1, []string{KindInconsistentName}, false},
		{"total right, no breakdown equal to it", lyon + "Masters enseignement;10;5;\n" + lyon + "Autres masters;4;2;\n" + lyon + "Total non ventilé;14;7;\n", 0, []string{KindNonVentileIsTotal}, false},
		{"a total alone", lyon + "Total;14;7;\n", 0, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, students, certs := bigTable(t, tt.extra)
			opts := Options{MaxYear: 2027}.withDefaults()

			stat, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			res := FileResult{File: path, Size: stat.Size(), ModTime: stat.ModTime()}
			if _, ok, regroup := readStream(res, opts, true); ok == regroup || regroup != tt.regroup {
				t.Errorf("grouped reading: ok %v, regroup %v; want regroup %v", ok, regroup, tt.regroup)
			}
			streamed, ok := readStreamed(res, opts)
			if !ok {
				t.Fatal("readStreamed did not take the table")
			}
			wb, err := sheet.Read(path, opts.Limits)
			if err != nil {
				t.Fatal(err)
			}
			ordinary := Interpret(wb, path, opts)
			if !reflect.DeepEqual(streamed.Submissions, ordinary.Submissions) {
				t.Errorf("submissions differ: %d streamed, %d ordinary", len(streamed.Submissions), len(ordinary.Submissions))
			}
			if !reflect.DeepEqual(streamed.Refusals, ordinary.Refusals) || !reflect.DeepEqual(streamed.Warnings, ordinary.Warnings) {
				t.Errorf("problems differ:\nstreamed %v %v\nordinary %v %v", streamed.Refusals, streamed.Warnings, ordinary.Refusals, ordinary.Warnings)
			}
			if streamed.Layout != 2 || len(streamed.Refusals) != tt.refusals {
				t.Errorf("layout %d, %d refusals %v; want 2, %d", streamed.Layout, len(streamed.Refusals), streamed.Refusals, tt.refusals)
			}
			checkLikeRead(t, path, opts, ordinary)
			var warned []string
			for _, w := range streamed.Warnings {
				warned = append(warned, w.Kind)
			}
			if !reflect.DeepEqual(warned, tt.warnings) {
				t.Errorf("warnings %v, want %v", warned, tt.warnings)
			}
			if tt.extra != "" {
				return
			}
			var s, c int64
			facts := 0
			for _, sub := range streamed.Submissions {
				for _, f := range sub.Facts {
					s, c, facts = s+f.Students, c+f.Certs, facts+1
				}
			}
			if len(streamed.Submissions) != 25_000 || facts != 50_000 || s != students || c != certs {
				t.Errorf("%d submissions, %d facts, %d students, %d certificates; want 25000, 50000, %d, %d",
					len(streamed.Submissions), facts, s, c, students, certs)
			}
			// ReadFile takes the streamed path and hashes the file.
			r := ReadFile(path, opts)
			if r.Hash == "" || !reflect.DeepEqual(r.Submissions, streamed.Submissions) {
				t.Errorf("ReadFile: hash %q, %d submissions", r.Hash, len(r.Submissions))
			}
		})
	}
}

// TestStreamedTableLimits: the streamed path is bounded by its own limits,
// not by the grid's: a table the ordinary reader refuses for its rows is
// read whole, and a file that is not a table still meets the grid's limits.
func TestStreamedTableLimits(t *testing.T) {
	path, _, _ := bigTable(t, "")
	opts := Options{MaxYear: 2027, Limits: sheet.Limits{MaxRows: 1000}}.withDefaults()
	if _, err := sheet.Read(path, opts.Limits); err == nil {
		t.Fatal("the grid read 50,000 rows under MaxRows 1000")
	}
	if r := ReadFile(path, opts); len(r.Refusals) != 0 || len(r.Submissions) != 25_000 {
		t.Errorf("streamed: %d submissions, refusals %v; want 25000, none", len(r.Submissions), r.Refusals)
	}

	// The same rows without their header: no table, the ordinary way.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(data), "\n")
	headless := filepath.Join(t.TempDir(), "headless.csv")
	if err := os.WriteFile(headless, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ReadFile(headless, opts)
	if len(r.Refusals) != 1 || r.Refusals[0].Kind != KindTooLarge {
		t.Errorf("headless table: refusals %v, want one %s", r.Refusals, KindTooLarge)
	}
}

// checkLikeRead fails unless CheckFile of path gives what ReadFile gives
// (want, its submissions and problems), the submissions without their facts,
// and the number of their facts: a verdict is the same whether the facts
// were kept or let go as they were built.
func checkLikeRead(t *testing.T, path string, opts Options, want FileResult) {
	t.Helper()
	got, facts := CheckFile(path, opts)
	n := 0
	subs := slices.Clone(want.Submissions)
	for i := range subs {
		n += len(subs[i].Facts)
		subs[i].Facts = nil
	}
	if facts != n || !reflect.DeepEqual(got.Submissions, subs) {
		t.Errorf("CheckFile: %d facts in %d submissions; want %d in %d", facts, len(got.Submissions), n, len(subs))
	}
	if !reflect.DeepEqual(got.Refusals, want.Refusals) || !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("CheckFile: problems differ:\ngot  %v %v\nwant %v %v", got.Refusals, got.Warnings, want.Refusals, want.Warnings)
	}
}
