package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// folderInput reads the files of dir (and the samples' registry) as report
// does, in lang.
func folderInput(t testing.TB, dir, lang string) Input {
	t.Helper()
	dict := tracks.Default()
	files, _, err := ingest.Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := ingest.ReadAll(t.Context(), files, ingest.Options{Lang: lang, Tracks: dict}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.Load(filepath.Join("..", "samples", "registry.csv"), registry.Options{Lang: lang})
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.BuildBatch(mem, batch, dict)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tables.Release()
		mem.AssertSize(t, 0)
	})
	return Input{Tables: tables, Tracks: dict, Batch: batch, Lang: lang, Registry: reg.Registry}
}

// benchInput is the input of the output benchmarks: the forms in the
// folder named by C2I_BENCH_FORMS (the 5,000 generated forms of
// docs/bench.sh), or the samples when it is not set.
func benchInput(b *testing.B, lang string) Input {
	b.Helper()
	dir := os.Getenv("C2I_BENCH_FORMS")
	if dir == "" {
		dir = filepath.Join("..", "samples")
	}
	return folderInput(b, dir, lang)
}

// TestReuseSameAsDrawn publishes the samples, changes them in one way,
// and publishes again taking from the first what has not changed: the
// folder must hold the same bytes as a publication drawn whole, and the
// outputs copied must be those the change leaves alone.
func TestReuseSameAsDrawn(t *testing.T) {
	if testing.Short() {
		t.Skip("draws the samples' reports many times")
	}
	yearly := func(years ...int) []string {
		var names []string
		for _, y := range years {
			names = append(names, PDFName(y), QualityPDFName(y))
		}
		slices.Sort(names)
		return names
	}
	all := yearly(2006, 2007, 2008, 2009, 2010, 2011, 2012)
	csv := func(year int, uai string, students int) string {
		return "Année;Code UAI;Établissement;Académie;Parcours;Étudiants concernés;Certificats délivrés\n" +
			strings.Join([]string{strconv.Itoa(year), uai, "Université de test", "Lyon", "Masters enseignement", strconv.Itoa(students), strconv.Itoa(students / 2)}, ";") + "\n"
	}
	later := time.Date(2013, 1, 15, 10, 0, 0, 0, time.UTC)
	add := func(name, content string) func(t *testing.T, dir string, in *Input) {
		return func(t *testing.T, dir string, in *Input) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, later, later); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name   string
		change func(t *testing.T, dir string, in *Input) // on the folder before reading, or on the input after
		lang   string
		copied []string
	}{
		{"nothing", nil, "fr", all},
		{"a new institution in the latest year", add("nouveau-2012.csv", csv(2012, "0691999Y", 80)), "fr",
			yearly(2006, 2007, 2008, 2009, 2010, 2011)},
		{"a new institution in 2009", add("nouveau-2009.csv", csv(2009, "0691999Y", 80)), "fr",
			yearly(2006, 2007, 2008)},
		{"a correction of 2010", add("correction-2010.csv", csv(2010, "0691774D", 300)), "fr",
			yearly(2006, 2007, 2008, 2009)},
		{"a refused file", add("illisible.xlsx", "not a workbook"), "fr", nil},
		{"English", nil, "en", nil},
		{"other settings", func(t *testing.T, dir string, in *Input) {
			if in == nil {
				return
			}
			s := settings.Default()
			s.Contact = "statistiques@example.org"
			in.Settings = s
		}, "fr", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			forms := filepath.Join(root, "forms")
			testutil.CopyTree(t, filepath.Join("..", "samples"), forms)
			os.Remove(filepath.Join(forms, "registry.csv"))
			first := filepath.Join(root, "first")
			reuse := &Reuse{Salt: "test build"}
			in := folderInput(t, forms, "fr")
			in.Reuse = reuse
			if _, err := WriteAll(t.Context(), first, in); err != nil {
				t.Fatal(err)
			}
			drawn, copied := reuse.Keys()
			if len(copied) != 0 || len(drawn) != len(all) {
				t.Fatalf("first publication: %d keys, copied %v; want %d keys, nothing copied", len(drawn), copied, len(all))
			}

			if c.change != nil {
				c.change(t, forms, nil)
			}
			next := folderInput(t, forms, c.lang)
			if c.change != nil {
				c.change(t, forms, &next)
			}
			whole := filepath.Join(root, "whole")
			if _, err := WriteAll(t.Context(), whole, next); err != nil {
				t.Fatal(err)
			}
			again := &Reuse{From: first, Drawn: drawn, Salt: "test build"}
			next.Reuse = again
			second := filepath.Join(root, "second")
			if _, err := WriteAll(t.Context(), second, next); err != nil {
				t.Fatal(err)
			}
			_, got := again.Keys()
			if !slices.Equal(got, c.copied) {
				t.Errorf("copied %v\nwant %v", got, c.copied)
			}
			sameFolders(t, whole, second)
		})
	}
}

// TestReuseDamagedCopy: an earlier report changed since it was drawn is
// drawn again, not copied; another build copies nothing.
func TestReuseDamagedCopy(t *testing.T) {
	root := t.TempDir()
	first := filepath.Join(root, "first")
	in := samplesInput(t, "fr")
	in.Reuse = &Reuse{Salt: "build 1"}
	if _, err := WriteAll(t.Context(), first, in); err != nil {
		t.Fatal(err)
	}
	drawn, _ := in.Reuse.Keys()
	damaged := filepath.Join(first, PDFName(2010))
	if err := os.WriteFile(damaged, []byte("%PDF-1.4 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(first, QualityPDFName(2011)))

	second := filepath.Join(root, "second")
	in.Reuse = &Reuse{From: first, Drawn: drawn, Salt: "build 1"}
	if _, err := WriteAll(t.Context(), second, in); err != nil {
		t.Fatal(err)
	}
	_, copied := in.Reuse.Keys()
	if slices.Contains(copied, PDFName(2010)) || slices.Contains(copied, QualityPDFName(2011)) || len(copied) != 12 {
		t.Errorf("copied %v: want every yearly report but the damaged and the missing one", copied)
	}
	whole := filepath.Join(root, "whole")
	in.Reuse = nil
	if _, err := WriteAll(t.Context(), whole, in); err != nil {
		t.Fatal(err)
	}
	sameFolders(t, whole, second)

	// The damaged report again, its drawing failing: nothing of it lands.
	failed := filepath.Join(root, "failed")
	in.Reuse = &Reuse{From: first, Drawn: drawn, Salt: "build 1"}
	in.failOutput = func(name string) {
		if name == PDFName(2010) {
			panic("drawing fails")
		}
	}
	if _, err := WriteAll(t.Context(), failed, in); err == nil || !strings.Contains(err.Error(), PDFName(2010)) {
		t.Errorf("a failed drawing: %v", err)
	}
	in.failOutput = nil
	if _, err := os.Stat(filepath.Join(failed, PDFName(2010))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s after its copy was refused and its drawing failed: %v", PDFName(2010), err)
	}

	third := filepath.Join(root, "third")
	in.Reuse = &Reuse{From: second, Drawn: drawn, Salt: "build 2"}
	if _, err := WriteAll(t.Context(), third, in); err != nil {
		t.Fatal(err)
	}
	if _, copied := in.Reuse.Keys(); len(copied) != 0 {
		t.Errorf("another build copied %v", copied)
	}
}

// sameFolders fails unless two folders hold the same files with the same
// bytes.
func sameFolders(t *testing.T, a, b string) {
	t.Helper()
	an, bn := folderNames(t, a), folderNames(t, b)
	if !slices.Equal(an, bn) {
		t.Fatalf("%s holds %v, %s holds %v", a, an, b, bn)
	}
	for _, n := range an {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from a publication drawn whole", n)
		}
	}
}

// BenchmarkDataKeys: the keys of the yearly reports over the samples.
func BenchmarkDataKeys(b *testing.B) {
	in := samplesInput(b, "fr")
	for b.Loop() {
		if _, err := dataKeys(in); err != nil {
			b.Fatal(err)
		}
	}
}
