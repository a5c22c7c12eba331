package aggregate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// revisionYear is the year every revisions case compares.
const revisionYear = 2012

// readRevisionFacts reads a revisions case's edition.csv or current.csv:
// year,uai,institution,academie,track,students,certificates,file (the file
// each fact came from, which readFacts does not vary).
func readRevisionFacts(t testing.TB, path string, dict *tracks.Dictionary) []ingest.Fact {
	t.Helper()
	recs := testutil.ReadCSV(t, path)
	var facts []ingest.Fact
	for i, r := range recs[1:] {
		y, err1 := strconv.Atoi(r[0])
		s, err2 := strconv.ParseInt(r[5], 10, 64)
		c, err3 := strconv.ParseInt(r[6], 10, 64)
		tr, ok := dict.ByCode(r[4])
		if err1 != nil || err2 != nil || err3 != nil || !ok {
			t.Fatalf("%s line %d: bad fact %q", path, i+2, r)
		}
		facts = append(facts, ingest.Fact{Year: y, UAI: r[1], Institution: r[2], Academie: r[3],
			Track: tr.Code, TrackGroup: tr.Group, Students: s, Certs: c,
			Source: ingest.Location{File: r[7], Sheet: "Enquête", Cell: fmt.Sprintf("B%d", i+8)}})
	}
	return facts
}

// buildCaseRevisions builds the revisions of a case's folder.
func buildCaseRevisions(t *testing.T, mem memory.Allocator, dir string, dict *tracks.Dictionary) *Revisions {
	t.Helper()
	ed := FactTable(mem, readRevisionFacts(t, filepath.Join(dir, "edition.csv"), dict), dict)
	cur := FactTable(mem, readRevisionFacts(t, filepath.Join(dir, "current.csv"), dict), dict)
	r, err := BuildRevisions(mem, ed, cur, revisionYear, dict)
	// The revisions own copies of what they show: the fact tables may go
	// first.
	ed.Release()
	cur.Release()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRevisions runs every testdata/revisions-<case> (the facts of an
// edition and today's) through BuildRevisions and compares the totals and
// both tables with revisions.txt.
func TestRevisions(t *testing.T) {
	dict := tracks.Default()
	dirs, err := filepath.Glob("testdata/revisions-*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no revisions case found: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			r := buildCaseRevisions(t, mem, dir, dict)
			defer r.Release()
			var b strings.Builder
			fmt.Fprintf(&b, "# totals\nchanged,%v\nbefore,%d,%d,%d\nafter,%d,%d,%d\n", r.Changed(),
				r.Before.Institutions, r.Before.Students, r.Before.Certs, r.After.Institutions, r.After.Students, r.After.Certs)
			dump(&b, "facts", r.Facts)
			dump(&b, "tracks", r.Tracks)
			testutil.Golden(t, filepath.Join(dir, "revisions.txt"), []byte(b.String()), *update)
		})
	}
}

// TestRevisionsCorrection checks the correction case against figures worked
// out by hand: Bordeaux's corrected file raises teaching masters from
// 800/520 to 810/530, drops doctorates (12/6) and adds fc-sup (40/20);
// Lyon's new file, with the same figures under a new name, is no revision.
func TestRevisionsCorrection(t *testing.T) {
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r := buildCaseRevisions(t, mem, filepath.Join("testdata", "revisions-correction"), dict)
	defer r.Release()
	if want := (RevisionTotals{2, 1412, 887}); r.Before != want {
		t.Errorf("before = %+v, want %+v", r.Before, want)
	}
	if want := (RevisionTotals{2, 1450, 911}); r.After != want {
		t.Errorf("after = %+v, want %+v", r.After, want)
	}
	if got, want := rows(r.Facts), []string{
		"2012,changed,0331764N,Université de Bordeaux,Bordeaux,masters-enseignement,masters,800,520,810,530,bordeaux.xlsx,bordeaux_corrige.xlsx",
		"2012,removed,0331764N,Université de Bordeaux,Bordeaux,doctorats,doctorats,12,6,null,null,bordeaux.xlsx,bordeaux_corrige.xlsx",
		"2012,added,0331764N,Université de Bordeaux,Bordeaux,fc-sup,formation-continue,null,null,40,20,,bordeaux_corrige.xlsx",
	}; !slices.Equal(got, want) {
		t.Errorf("facts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := rows(r.Tracks), []string{
		"2012,changed,masters-enseignement,masters,1300,820,1310,830",
		"2012,removed,doctorats,doctorats,12,6,null,null",
		"2012,added,fc-sup,formation-continue,null,null,40,20",
	}; !slices.Equal(got, want) {
		t.Errorf("tracks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRevisionsRefuses: a table of another schema, or no dictionary, is an
// error, not an empty revision.
func TestRevisionsRefuses(t *testing.T) {
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	facts := FactTable(mem, nil, dict)
	defer facts.Release()
	tabs, err := Build(mem, nil, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tabs.Release()
	if _, err := BuildRevisions(mem, tabs.National, facts, revisionYear, dict); err == nil {
		t.Error("an edition of the national schema accepted")
	}
	if _, err := BuildRevisions(mem, facts, facts, revisionYear, nil); err == nil {
		t.Error("no dictionary accepted")
	}
	r, err := BuildRevisions(mem, facts, facts, revisionYear, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if r.Changed() || r.Facts.NumRows() != 0 || r.Tracks.NumRows() != 0 {
		t.Error("two empty tables differ")
	}
}
