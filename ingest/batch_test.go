package ingest

import (
	"cmp"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

func sub(uai string, year int, students int64) Submission {
	return Submission{UAI: uai, Year: year, Facts: []Fact{{UAI: uai, Year: year, Track: "doctorats", Students: students}}}
}

func TestResolve(t *testing.T) {
	t0 := time.Date(2012, 9, 1, 10, 0, 0, 0, time.UTC)
	later := t0.Add(time.Hour)
	cases := []struct {
		name         string
		files        []FileResult
		wantStudents []int64 // students of the facts that count, in order
		wantRepl     []Replacement
		wantDups     []Duplicate
		wantRefused  int // files listed with refusals
	}{
		{
			name: "distinct institutions all count",
			files: []FileResult{
				{File: "b.xlsx", Hash: "h2", ModTime: t0, Submissions: []Submission{sub("0000002B", 2012, 20)}},
				{File: "a.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10)}},
			},
			wantStudents: []int64{10, 20},
		},
		{
			name: "same bytes twice count once",
			files: []FileResult{
				{File: "copie.xlsx", Hash: "h1", ModTime: later, Submissions: []Submission{sub("0000001A", 2012, 10)}},
				{File: "a.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10)}},
			},
			wantStudents: []int64{10},
			wantDups:     []Duplicate{{File: "copie.xlsx", SameAs: "a.xlsx"}},
		},
		{
			name: "later file replaces earlier by modification time",
			files: []FileResult{
				{File: "z-old.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10)}},
				{File: "a-new.xlsx", Hash: "h2", ModTime: later, Submissions: []Submission{sub("0000001A", 2012, 11)}},
			},
			wantStudents: []int64{11},
			wantRepl:     []Replacement{{UAI: "0000001A", Year: 2012, Old: "z-old.xlsx", New: "a-new.xlsx"}},
		},
		{
			name: "within the same second: the later name wins, whatever the copy order",
			files: []FileResult{
				{File: "f_v1.xlsx", Hash: "h1", ModTime: t0.Add(900 * time.Millisecond), Submissions: []Submission{sub("0000001A", 2012, 10)}},
				{File: "f_v2.xlsx", Hash: "h2", ModTime: t0.Add(100 * time.Millisecond), Submissions: []Submission{sub("0000001A", 2012, 11)}},
			},
			wantStudents: []int64{11},
			wantRepl:     []Replacement{{UAI: "0000001A", Year: 2012, Old: "f_v1.xlsx", New: "f_v2.xlsx"}},
		},
		{
			name: "same modification time: the later name wins",
			files: []FileResult{
				{File: "f_v2.xlsx", Hash: "h2", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 11)}},
				{File: "f_v1.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10)}},
			},
			wantStudents: []int64{11},
			wantRepl:     []Replacement{{UAI: "0000001A", Year: 2012, Old: "f_v1.xlsx", New: "f_v2.xlsx"}},
		},
		{
			name: "a form replaces one institution of a consolidated file only",
			files: []FileResult{
				{File: "region.csv", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10), sub("0000002B", 2012, 20)}},
				{File: "form.xlsx", Hash: "h2", ModTime: later, Submissions: []Submission{sub("0000002B", 2012, 21)}},
			},
			wantStudents: []int64{10, 21},
			wantRepl:     []Replacement{{UAI: "0000002B", Year: 2012, Old: "region.csv", New: "form.xlsx"}},
		},
		{
			name: "another year is not a replacement",
			files: []FileResult{
				{File: "a2011.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2011, 10)}},
				{File: "a2012.xlsx", Hash: "h2", ModTime: later, Submissions: []Submission{sub("0000001A", 2012, 11)}},
			},
			wantStudents: []int64{10, 11},
		},
		{
			name: "a copy of a refused file is a duplicate that keeps its refusals",
			files: []FileResult{
				{File: "vide.csv", Hash: "h0", ModTime: t0, Refusals: []Problem{{Kind: "empty"}}},
				{File: "vide-2.csv", Hash: "h0", ModTime: later, Refusals: []Problem{{Kind: "empty"}}},
			},
			wantDups:    []Duplicate{{File: "vide-2.csv", SameAs: "vide.csv"}},
			wantRefused: 2,
		},
		{
			name: "a refused later file replaces nothing",
			files: []FileResult{
				{File: "ok.xlsx", Hash: "h1", ModTime: t0, Submissions: []Submission{sub("0000001A", 2012, 10)}},
				{File: "bad.xlsx", Hash: "h2", ModTime: later, Refusals: []Problem{{Kind: "x"}}},
			},
			wantStudents: []int64{10},
			wantRefused:  1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := Resolve(c.files)
			var got []int64
			for _, f := range b.Facts {
				got = append(got, f.Students)
			}
			if !slices.Equal(got, c.wantStudents) {
				t.Errorf("students = %v, want %v", got, c.wantStudents)
			}
			if !reflect.DeepEqual(b.Replacements, c.wantRepl) {
				t.Errorf("replacements = %+v, want %+v", b.Replacements, c.wantRepl)
			}
			if !reflect.DeepEqual(b.Duplicates, c.wantDups) {
				t.Errorf("duplicates = %+v, want %+v", b.Duplicates, c.wantDups)
			}
			refused := 0
			for _, f := range b.Files {
				if f.Refused() {
					refused++
				}
			}
			if refused != c.wantRefused {
				t.Errorf("%d files listed as refused, want %d", refused, c.wantRefused)
			}
			if len(b.Files) != len(c.files) {
				t.Errorf("%d files on record, want %d: every file stays on record", len(b.Files), len(c.files))
			}
		})
	}
}

// TestResolveFactsOnce checks that a batch holds each fact once: in Facts,
// the files' submissions keeping their institution and year without facts,
// and that the results given to Resolve are left as they were.
func TestResolveFactsOnce(t *testing.T) {
	t0 := time.Date(2012, 9, 1, 10, 0, 0, 0, time.UTC)
	results := []FileResult{
		{File: "a.csv", Hash: "a", ModTime: t0, Submissions: []Submission{sub("0751717J", 2012, 10), sub("0751718K", 2012, 20)}},
		{File: "b.csv", Hash: "b", ModTime: t0, Submissions: []Submission{sub("0751717J", 2013, 30)}},
	}
	for i := range results {
		for j := range results[i].Submissions {
			results[i].Submissions[j].Institution = "Université"
		}
	}
	b := Resolve(results)
	if len(b.Facts) != 3 {
		t.Fatalf("%d facts, want 3", len(b.Facts))
	}
	for _, f := range b.Files {
		for _, s := range f.Submissions {
			if s.Facts != nil || s.UAI == "" || s.Year == 0 || s.Institution != "" {
				t.Errorf("%s: submission %+v: want its UAI and year alone", f.File, s)
			}
		}
	}
	for _, r := range results {
		for _, s := range r.Submissions {
			if len(s.Facts) != 1 {
				t.Errorf("%s: Resolve changed the submission given (%d facts)", r.File, len(s.Facts))
			}
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"a.xlsx", "sub/b.csv", "sub/deep/c.xlsx", "random.bin",
		".hidden.xlsx", ".git/config", "~$a.xlsx", "d.xlsx.part", "notes.md", "gen/main.go", "sub/registry.csv",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A link to a file is read; to a folder or to nothing, passed over.
	for link, target := range map[string]string{"lien.xlsx": "a.xlsx", "lien-dossier": "sub", "lien-casse.xlsx": "absent.xlsx"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "notes.md")
	files, skipped, err := Collect([]string{dir, explicit, filepath.Join(dir, "a.xlsx")})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	wantFiles := []string{"a.xlsx", "lien.xlsx", "random.bin", "sub/b.csv", "sub/deep/c.xlsx", "notes.md"}
	if got := rel(files); !slices.Equal(got, wantFiles) {
		t.Errorf("files = %v, want %v (a file named explicitly is always read, once)", got, wantFiles)
	}
	wantSkipped := []string{".hidden.xlsx", "d.xlsx.part", "gen/main.go", "lien-casse.xlsx", "lien-dossier", "notes.md", "sub/registry.csv", "~$a.xlsx"}
	if got := rel(skipped); !slices.Equal(got, wantSkipped) {
		t.Errorf("skipped = %v, want %v", got, wantSkipped)
	}
	if _, _, err := Collect([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing input is an error: the run cannot do what was asked")
	}
}

// resolveBefore is Resolve as it was until 2 December 2026: the files
// sorted by CompareReceipt itself, the facts of the winners sorted by year
// and UAI after being gathered. TestResolveAsBefore holds Resolve to it.
func resolveBefore(results []FileResult) *Batch {
	files := slices.Clone(results)
	slices.SortStableFunc(files, func(a, b FileResult) int {
		return CompareReceipt(a.ModTime, a.File, b.ModTime, b.File)
	})
	type key struct {
		uai  string
		year int
	}
	type winner struct {
		file string
		sub  *Submission
	}
	b := &Batch{Files: files}
	firstByHash := map[string]string{}
	current := map[key]winner{}
	var order []key
	for i := range files {
		f := &files[i]
		if f.Hash != "" {
			if first, ok := firstByHash[f.Hash]; ok {
				b.Duplicates = append(b.Duplicates, Duplicate{File: f.File, SameAs: first})
				f.Submissions, f.Warnings = nil, nil
				continue
			}
			firstByHash[f.Hash] = f.File
		}
		if f.Refused() {
			continue
		}
		for j := range f.Submissions {
			s := &f.Submissions[j]
			k := key{s.UAI, s.Year}
			if old, ok := current[k]; ok {
				b.Replacements = append(b.Replacements, Replacement{UAI: s.UAI, Year: s.Year, Old: old.file, New: f.File})
			} else {
				order = append(order, k)
			}
			current[k] = winner{f.File, s}
		}
	}
	for _, k := range order {
		b.Facts = append(b.Facts, current[k].sub.Facts...)
	}
	for i := range files {
		files[i].Submissions = withoutFacts(files[i].Submissions)
	}
	slices.SortStableFunc(b.Facts, func(x, y Fact) int {
		return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.UAI, y.UAI))
	})
	return b
}

// TestResolveAsBefore resolves every test file and sample read, as they
// are and shuffled with receipt times that tie (to the second, with copies'
// names, duplicates and replacements), and compares the batch with the one
// resolveBefore gives.
func TestResolveAsBefore(t *testing.T) {
	files, _, err := Collect([]string{"testdata", filepath.Join("..", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxYear: 2030}.Prepared()
	var rd Reader
	var read []FileResult
	for _, f := range files {
		read = append(read, rd.ReadFile(f, opts))
	}
	for _, none := range [][]FileResult{nil, {}} {
		if got, want := Resolve(none), resolveBefore(none); !reflect.DeepEqual(got, want) {
			t.Errorf("Resolve(%#v) = %+v, want %+v", none, got, want)
		}
	}
	t0 := time.Date(2013, 6, 1, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		results := slices.Clone(read)
		if round > 0 {
			rng.Shuffle(len(results), func(i, j int) { results[i], results[j] = results[j], results[i] })
			for i := range results {
				// Within four seconds, to the millisecond: many ties once
				// truncated to the second.
				results[i].ModTime = t0.Add(time.Duration(rng.IntN(4000)) * time.Millisecond)
				switch rng.IntN(6) {
				case 0: // a copy of another file, under a copy's name
					c := results[rng.IntN(len(results))]
					c.File = filepath.Join(filepath.Dir(c.File), "Copie de "+filepath.Base(c.File))
					results = append(results, c)
				case 1: // the same name again, a later receipt
					c := results[i]
					c.ModTime = c.ModTime.Add(time.Second)
					c.Hash += "-later"
					results = append(results, c)
				}
			}
		}
		got, want := Resolve(results), resolveBefore(results)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: Resolve differs from resolveBefore: %d files, %d facts, %d replacements, %d duplicates; want %d, %d, %d, %d",
				round, len(got.Files), len(got.Facts), len(got.Replacements), len(got.Duplicates),
				len(want.Files), len(want.Facts), len(want.Replacements), len(want.Duplicates))
		}
		if round > 0 && (len(want.Replacements) == 0 || len(want.Duplicates) == 0) {
			t.Fatalf("round %d: %d replacements, %d duplicates: the round tests too little", round, len(want.Replacements), len(want.Duplicates))
		}
	}
}
