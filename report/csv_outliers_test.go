package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// TestOutliersCSV writes outliers.csv for each case through WriteAll's own
// output and compares it with the golden want/outliers.csv (rewritten with
// -update). csv-outliers is aggregate's hand-made case: every kind of
// outlier and the boundaries (n = 9/10, counts 29/30, a factor of exactly
// 2), checked there against an independent computation.
func TestOutliersCSV(t *testing.T) {
	for _, name := range []string{"csv-basic", "csv-outliers"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			in := buildTestInput(t, dir, "fr")
			out := t.TempDir()
			if _, err := writeOutputs(t.Context(), out, in, outliersOutputs); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(out, OutliersCSV))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "want", OutliersCSV)
			if updating() {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", OutliersCSV, golden, got, want)
			}
			recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
			if err != nil {
				t.Fatalf("%s does not read back: %v", OutliersCSV, err)
			}
			for _, r := range recs {
				if len(r) != 11 {
					t.Errorf("row %q: %d fields, want 11", r, len(r))
				}
			}
		})
	}
}

// TestOutliersCSVNoTable: without an outlier table, outliers.csv is an
// error naming it, not an empty file that says all is well.
func TestOutliersCSVNoTable(t *testing.T) {
	in := buildTestInput(t, filepath.Join("testdata", "csv-basic"), "fr")
	tables := *in.Tables
	tables.Outliers = nil
	in.Tables = &tables
	if _, err := writeOutputs(t.Context(), t.TempDir(), in, outliersOutputs); err == nil {
		t.Fatal("outliers.csv written without an outlier table")
	}
}
