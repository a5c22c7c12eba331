package main

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/tracks"
)

// published reads the ministry's published tables from testdata/published
// (shared with the pipeline's acceptance test), rather than from the
// generator's own constants: a typo there must fail.
type publishedYear struct {
	year                   int
	institutions           int
	students, certificates int64
}

// publishedTrack: share of certificates in tenths of a point, success rate
// in points.
type publishedTrack struct {
	code              string
	shareTenth, point int64
}

func published(t *testing.T) ([]publishedYear, []publishedTrack) {
	t.Helper()
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "published", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("%s: %v", name, err)
		}
		return recs[1:]
	}
	num := func(s string) int64 {
		// "72.8" → 728 tenths; "64" → 64.
		n, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
		if err != nil {
			t.Fatalf("published figure %q: %v", s, err)
		}
		return n
	}
	var years []publishedYear
	for _, r := range read("national.csv") {
		years = append(years, publishedYear{int(num(r[0])), int(num(r[1])), num(r[2]), num(r[3])})
	}
	var trks []publishedTrack
	for _, r := range read("tracks-2012.csv") {
		if !strings.Contains(r[1], ".") {
			t.Fatalf("share %q: want one decimal", r[1])
		}
		trks = append(trks, publishedTrack{r[0], num(r[1]), num(r[2])})
	}
	return years, trks
}

// roundTo returns num/den·scale rounded half up, exactly (big rationals, so
// that a value on a boundary is not decided by floating-point error).
func roundTo(num, den, scale int64) int64 {
	r := new(big.Rat).SetFrac64(num*scale, den)
	r.Add(r, big.NewRat(1, 2))
	q := new(big.Int).Quo(r.Num(), r.Denom())
	return q.Int64()
}

func TestPublishedTables(t *testing.T) {
	wantNational, wantTracks2012 := published(t)
	ds, err := build()
	if err != nil {
		t.Fatal(err)
	}
	type tot struct {
		uais     map[string]bool
		students int64
		certs    int64
	}
	byYear := map[int]*tot{}
	track := map[string][2]int64{}
	dict := tracks.Default()
	for _, a := range ds.answers {
		y := byYear[a.year]
		if y == nil {
			y = &tot{uais: map[string]bool{}}
			byYear[a.year] = y
		}
		if y.uais[a.uai] {
			t.Errorf("%d: %s answers twice", a.year, a.uai)
		}
		y.uais[a.uai] = true
		if len(a.rows) == 0 {
			t.Errorf("%d %s: no row", a.year, a.uai)
		}
		for _, r := range a.rows {
			if _, ok := dict.ByCode(r.track); !ok {
				t.Errorf("%d %s: track %q not in the dictionary", a.year, a.uai, r.track)
			}
			if r.students < 0 || r.certs < 0 || r.certs > r.students {
				t.Errorf("%d %s %s: %d certificates for %d students", a.year, a.uai, r.track, r.certs, r.students)
			}
			if (a.year < 2012) != (r.track == "non-ventile") {
				t.Errorf("%d %s: track %s in a year %s", a.year, a.uai, r.track, map[bool]string{true: "without breakdown", false: "with breakdown"}[a.year < 2012])
			}
			y.students += r.students
			y.certs += r.certs
			if a.year == 2012 {
				v := track[r.track]
				track[r.track] = [2]int64{v[0] + r.students, v[1] + r.certs}
			}
		}
	}
	for _, w := range wantNational {
		y := byYear[w.year]
		if y == nil {
			t.Errorf("%d: no answer", w.year)
			continue
		}
		if len(y.uais) != w.institutions || y.students != w.students || y.certs != w.certificates {
			t.Errorf("%d: %d institutions, %d students, %d certificates; published %d, %d, %d",
				w.year, len(y.uais), y.students, y.certs, w.institutions, w.students, w.certificates)
		}
	}
	total := byYear[2012]
	for _, w := range wantTracks2012 {
		v := track[w.code]
		if share := roundTo(v[1], total.certs, 1000); share != w.shareTenth {
			t.Errorf("2012 %s: %d certificates of %d is %d tenths of a point, published %d", w.code, v[1], total.certs, share, w.shareTenth)
		}
		if v[0] == 0 {
			t.Errorf("2012 %s: no student", w.code)
			continue
		}
		if rate := roundTo(v[1], v[0], 100); rate != w.point {
			t.Errorf("2012 %s: %d/%d rounds to %d %%, published %d %%", w.code, v[1], v[0], rate, w.point)
		}
	}
}

// TestInstitutionsConsistent checks that an institution keeps its UAI, name
// and académie across years, and that UAI codes are unique and well formed.
func TestInstitutionsConsistent(t *testing.T) {
	ds, err := build()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]institution{}
	for _, a := range ds.answers {
		if len(a.uai) != 8 || a.uai[:7] != a.inst.digits {
			t.Errorf("bad UAI %q for %s", a.uai, a.inst.name)
		}
		if prev, ok := seen[a.uai]; ok && prev != a.inst {
			t.Errorf("UAI %s names %v and %v", a.uai, prev, a.inst)
		}
		seen[a.uai] = a.inst
	}
	digits := map[string]bool{}
	for _, in := range institutionPool() {
		if digits[in.digits] {
			t.Errorf("UAI digits %s twice in the pool", in.digits)
		}
		digits[in.digits] = true
	}
	// The key letter of a known real code.
	if got := uai("0751717"); got != "0751717J" {
		t.Errorf("uai(0751717) = %s, want 0751717J", got)
	}
}

func TestSplit(t *testing.T) {
	cases := []struct {
		name    string
		total   int64
		weights []float64
		caps    []int64
		min     int64
		want    []int64
	}{
		{"proportional", 10, []float64{1, 1, 2}, nil, 0, []int64{3, 2, 5}},
		{"minimum", 10, []float64{100, 0.001}, nil, 3, []int64{7, 3}},
		{"capped", 10, []float64{10, 1}, []int64{4, 100}, 0, []int64{4, 6}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := split(tc.total, tc.weights, tc.caps, tc.min)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("split = %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := split(10, []float64{1, 1}, []int64{3, 3}, 0); err == nil {
		t.Error("split above the caps: no error")
	}
}

// TestSamplesUpToDate regenerates the samples and compares them byte for
// byte with the committed ones: the generator is deterministic and the files
// in git are its current output.
func TestSamplesUpToDate(t *testing.T) {
	dir := t.TempDir()
	if _, err := generate(dir); err != nil {
		t.Fatal(err)
	}
	generated := readTree(t, dir)
	committed := readTree(t, "..")
	for name, data := range generated {
		old, ok := committed[name]
		if !ok {
			t.Errorf("%s is generated but not in samples/ (run go run ./samples/generate)", name)
			continue
		}
		if !bytes.Equal(old, data) {
			t.Errorf("%s differs from the generated one (run go run ./samples/generate)", name)
		}
	}
	for name := range committed {
		if _, ok := generated[name]; !ok {
			t.Errorf("samples/%s is not generated any more: remove it", name)
		}
	}
}

// readTree reads the files of the folders the generator owns under root,
// and its registry.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if data, err := os.ReadFile(filepath.Join(root, registryName)); err == nil {
		files[registryName] = data
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, d := range ownedDirs() {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatalf("read %s: %v", d, err)
		}
	}
	return files
}
