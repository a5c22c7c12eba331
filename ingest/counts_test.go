package ingest

import (
	"slices"
	"testing"
	"time"
)

func TestCopyMarked(t *testing.T) {
	cases := []struct {
		name string
		want bool
	}{
		{"0141408E_universite-de-caen.xlsx", false},
		{"0141408E_universite-de-caen - Copie.xlsx", true},
		{"0141408E_universite-de-caen - copie.XLSX", true},
		{"0141408E_universite-de-caen - Copy.xlsx", true},
		{"0141408E_universite-de-caen - Copie (2).xlsx", true},
		{"0141408E_universite-de-caen (1).xlsx", true},
		{"Copie de 0141408E_universite-de-caen.xlsx", true},
		{"Copy of 0141408E_universite-de-caen.csv", true},
		{"2011-2012/Copie de x.xlsx", true},
		{"Copie de 2011-2012/x.xlsx", false}, // a folder's name is not the file's
		{"x (brouillon).xlsx", false},
		{"x ().xlsx", false},
		{"x_corrige.xlsx", false},
		{"copieur.xlsx", false},
	}
	for _, c := range cases {
		if got := CopyMarked(c.name); got != c.want {
			t.Errorf("CopyMarked(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

// The duplicate is the later file received; among files of the same second,
// the one with a copy marker, then the later name.
func TestResolveDuplicateRoundTheRightWay(t *testing.T) {
	t0 := time.Date(2011, 10, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name       string
		files      []FileResult
		want       Duplicate
		wantCounts FileCounts
	}{
		{
			name: "copy sharing its original's time",
			files: []FileResult{
				{File: "2011/0141408E_caen - Copie.xlsx", Hash: "h", ModTime: t0, Submissions: []Submission{sub("0141408E", 2011, 5)}},
				{File: "2011/0141408E_caen.xlsx", Hash: "h", ModTime: t0, Submissions: []Submission{sub("0141408E", 2011, 5)}},
			},
			want: Duplicate{File: "2011/0141408E_caen - Copie.xlsx", SameAs: "2011/0141408E_caen.xlsx"},
		},
		{
			name: "copy within the same second, written first",
			files: []FileResult{
				{File: "Copie de caen.xlsx", Hash: "h", ModTime: t0.Add(100 * time.Millisecond), Submissions: []Submission{sub("0141408E", 2011, 5)}},
				{File: "caen.xlsx", Hash: "h", ModTime: t0.Add(900 * time.Millisecond), Submissions: []Submission{sub("0141408E", 2011, 5)}},
			},
			want: Duplicate{File: "Copie de caen.xlsx", SameAs: "caen.xlsx"},
		},
		{
			name: "browser's second download",
			files: []FileResult{
				{File: "caen (1).xlsx", Hash: "h", ModTime: t0, Submissions: []Submission{sub("0141408E", 2011, 5)}},
				{File: "caen.xlsx", Hash: "h", ModTime: t0, Submissions: []Submission{sub("0141408E", 2011, 5)}},
			},
			want: Duplicate{File: "caen (1).xlsx", SameAs: "caen.xlsx"},
		},
		{
			name: "the earlier received wins over the name",
			files: []FileResult{
				{File: "caen.xlsx", Hash: "h", ModTime: t0.Add(time.Hour), Submissions: []Submission{sub("0141408E", 2011, 5)}},
				{File: "caen - Copie.xlsx", Hash: "h", ModTime: t0, Submissions: []Submission{sub("0141408E", 2011, 5)}},
			},
			want: Duplicate{File: "caen.xlsx", SameAs: "caen - Copie.xlsx"},
		},
		{
			name: "two copies: the names decide between them",
			files: []FileResult{
				{File: "caen - Copie.xlsx", Hash: "h", ModTime: t0},
				{File: "caen - Copie (2).xlsx", Hash: "h", ModTime: t0},
			},
			want: Duplicate{File: "caen - Copie.xlsx", SameAs: "caen - Copie (2).xlsx"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := Resolve(c.files)
			if len(b.Duplicates) != 1 || b.Duplicates[0] != c.want {
				t.Fatalf("duplicates %+v, want %+v", b.Duplicates, c.want)
			}
		})
	}
}

func TestBatchCounts(t *testing.T) {
	t0 := time.Date(2012, 10, 1, 9, 0, 0, 0, time.UTC)
	refusal := []Problem{{Kind: KindEmptyFile, Message: "vide"}}
	warning := []Problem{{Kind: "rate", Message: "taux"}}
	two := func(uai string) []Submission { return []Submission{sub(uai, 2011, 1), sub(uai, 2012, 1)} }
	files := []FileResult{
		{File: "a.xlsx", Hash: "ha", ModTime: t0, Submissions: []Submission{sub("A", 2012, 1)}},
		{File: "a_corrige.xlsx", Hash: "ha2", ModTime: t0.Add(time.Hour), Submissions: []Submission{sub("A", 2012, 2)}, Warnings: warning},
		{File: "b.xlsx", Hash: "hb", ModTime: t0, Submissions: []Submission{sub("B", 2011, 1)}},
		{File: "b - Copie.xlsx", Hash: "hb", ModTime: t0},
		{File: "broken.xlsx", Hash: "hx", ModTime: t0, Refusals: refusal},
		{File: "broken (1).xlsx", Hash: "hx", ModTime: t0, Refusals: refusal},
		// A consolidated table: its 2011 declaration of C replaced, its
		// 2012 one counting.
		{File: "consolide.csv", Hash: "hc", ModTime: t0, Submissions: two("C")},
		{File: "c-2011.xlsx", Hash: "hc2", ModTime: t0.Add(2 * time.Hour), Submissions: []Submission{sub("C", 2011, 3)}},
	}
	b := Resolve(files)
	fileIdx := func(name string) int {
		return slices.IndexFunc(b.Files, func(f FileResult) bool { return f.File == name })
	}
	cases := []struct {
		year  int
		want  FileCounts
		fates map[string]Fate
	}{
		{0, FileCounts{Received: 8, Accepted: 4, Replaced: 1, Refused: 1, Duplicates: 2, Warned: 1, Replacements: 2},
			map[string]Fate{"a.xlsx": FateReplaced, "a_corrige.xlsx": FateAccepted, "b - Copie.xlsx": FateDuplicate,
				"broken.xlsx": FateRefused, "broken (1).xlsx": FateDuplicate, "consolide.csv": FateAccepted}},
		{2012, FileCounts{Received: 3, Accepted: 2, Replaced: 1, Warned: 1, Replacements: 1},
			map[string]Fate{"a.xlsx": FateReplaced, "a_corrige.xlsx": FateAccepted, "b.xlsx": FateNone,
				"broken.xlsx": FateNone, "consolide.csv": FateAccepted, "c-2011.xlsx": FateNone}},
		{2011, FileCounts{Received: 4, Accepted: 2, Replaced: 1, Duplicates: 1, Replacements: 1},
			map[string]Fate{"b.xlsx": FateAccepted, "b - Copie.xlsx": FateDuplicate, "consolide.csv": FateReplaced,
				"c-2011.xlsx": FateAccepted, "broken (1).xlsx": FateNone}},
		{2010, FileCounts{}, map[string]Fate{"a.xlsx": FateNone}},
	}
	for _, c := range cases {
		got := b.Counts(c.year)
		if got != c.want {
			t.Errorf("Counts(%d) = %+v, want %+v", c.year, got, c.want)
		}
		if got.Received != got.Accepted+got.Replaced+got.Refused+got.Duplicates {
			t.Errorf("Counts(%d): received %d is not the sum of the fates", c.year, got.Received)
		}
		fates := b.Fates(c.year)
		for name, want := range c.fates {
			if i := fileIdx(name); i < 0 || fates[i] != want {
				t.Errorf("Fates(%d)[%s] = %v, want %v", c.year, name, fates[i], want)
			}
		}
	}
	var noYear []string
	for _, i := range b.NoYear() {
		noYear = append(noYear, b.Files[i].File)
	}
	if want := []string{"broken.xlsx", "broken (1).xlsx"}; !slices.Equal(noYear, want) {
		t.Errorf("NoYear = %q, want %q", noYear, want)
	}
}
