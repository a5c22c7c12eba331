package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"c2isurvey/ingest/testutil"
)

// npmDirEnv names the folder where `npm install @duckdb/node-api` was run.
// .ci/run sets it, and then the DuckDB tests must run; unset, they look in
// defaultNPMDir and skip when DuckDB is not there.
const npmDirEnv = "C2ISURVEY_NPM_DIR"

// duckdbScript runs SQL in DuckDB and prints the results as JSON.
const duckdbScript = "../../testdata/duckdb/query.cjs"

func defaultNPMDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cache", "c2isurvey-npm")
}

// duckdb returns a function running SQL queries in DuckDB (node and npm's
// @duckdb/node-api), each result as rows of texts: numbers as DuckDB gives
// them, NULL as "". It skips the test when node or the package is missing,
// unless npmDirEnv is set (CI), where it fails.
func duckdb(t *testing.T) func(queries ...string) [][][]string {
	t.Helper()
	dir, set := os.LookupEnv(npmDirEnv)
	if !set {
		dir = defaultNPMDir()
	}
	missing := func(what string) {
		t.Helper()
		msg := fmt.Sprintf("%s: the Parquet outputs are read back with DuckDB; install it with "+
			"`npm install --prefix %s @duckdb/node-api` (or set %s to the folder it was installed in)", what, defaultNPMDir(), npmDirEnv)
		if set {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node not found")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api", "package.json")); err != nil {
		missing(fmt.Sprintf("@duckdb/node-api not found in %s", dir))
	}
	return func(queries ...string) [][][]string {
		t.Helper()
		cmd := exec.Command(node, append([]string{duckdbScript, dir}, queries...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("duckdb: %v\n%s", err, stderr.String())
		}
		var results []struct {
			Rows [][]any `json:"rows"`
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber()
		if err := dec.Decode(&results); err != nil {
			t.Fatalf("duckdb output: %v\n%s", err, out)
		}
		if len(results) != len(queries) {
			t.Fatalf("duckdb gave %d results for %d queries", len(results), len(queries))
		}
		all := make([][][]string, len(results))
		for i, r := range results {
			for _, row := range r.Rows {
				var texts []string
				for _, v := range row {
					switch v := v.(type) {
					case nil:
						texts = append(texts, "")
					case json.Number:
						texts = append(texts, v.String())
					case string:
						texts = append(texts, v)
					default:
						t.Fatalf("duckdb value %v (%T) in %s", v, v, queries[i])
					}
				}
				all[i] = append(all[i], texts)
			}
		}
		return all
	}
}

// fraction4 writes a fraction DuckDB gave as the CSV tables do: four
// decimals, empty for NULL.
func fraction4(t *testing.T, s string) string {
	t.Helper()
	if s == "" {
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("fraction %q: %v", s, err)
	}
	return strconv.FormatFloat(f, 'f', 4, 64)
}

// sortedRows sorts rows so that two tables can be compared whatever the
// order an engine returns them in.
func sortedRows(rows [][]string) [][]string {
	return slices.SortedFunc(slices.Values(rows), func(a, b []string) int { return slices.Compare(a, b) })
}

// TestParquetReadByDuckDB writes the samples with report --parquet and reads
// the Parquet files back with DuckDB, as an analyst would: the facts,
// partitioned by year (Hive layout), sum to national.csv; national.parquet
// and tracks.parquet equal their CSVs; the other group-bys equal what DuckDB
// computes from the facts.
func TestParquetReadByDuckDB(t *testing.T) {
	query := duckdb(t)
	out := reportSamples(t, "--parquet")
	pq := filepath.ToSlash(filepath.Join(out, "parquet"))
	facts := fmt.Sprintf("read_parquet('%s/facts/**/*.parquet', hive_partitioning=true)", pq)
	file := func(name string) string { return fmt.Sprintf("read_parquet('%s/%s.parquet')", pq, name) }

	res := query(
		// The query, and the rest of national.csv from the facts.
		"SELECT year, sum(students), sum(certificates) FROM "+facts+" GROUP BY year ORDER BY year",
		"SELECT year, count(DISTINCT uai), sum(students), sum(certificates), sum(certificates) / sum(students) FROM "+facts+" GROUP BY year ORDER BY year",
		"SELECT * FROM "+file("national"),
		"SELECT * FROM "+file("tracks"),
		// The year is in the folder names only, once.
		"SELECT count(*) FROM (DESCRIBE SELECT * FROM "+facts+") WHERE column_name = 'year'",
	)
	national := testutil.ReadCSV(t, filepath.Join(out, "national.csv"))
	if len(national) < 8 || len(res[0]) != len(national)-1 {
		t.Fatalf("DuckDB finds %d years in the facts, national.csv %d", len(res[0]), len(national)-1)
	}
	for i, row := range res[0] {
		want := national[i+1]
		if got := []string{row[0], row[1], row[2]}; !slices.Equal(got, []string{want[0], want[2], want[3]}) {
			t.Errorf("facts summed by DuckDB: %v, national.csv: %v", got, want)
		}
	}
	for i, row := range res[1] {
		got := []string{row[0], row[1], row[2], row[3], fraction4(t, row[4])}
		if !slices.Equal(got, national[i+1]) {
			t.Errorf("national from the facts: %v, national.csv: %v", got, national[i+1])
		}
	}
	for i, row := range res[2] {
		got := []string{row[0], row[1], row[2], row[3], fraction4(t, row[4])}
		if i+1 >= len(national) || !slices.Equal(got, national[i+1]) {
			t.Errorf("national.parquet row %d: %v, national.csv: %v", i, got, national[min(i+1, len(national)-1)])
		}
	}
	if len(res[2]) != len(national)-1 {
		t.Errorf("national.parquet has %d rows, national.csv %d", len(res[2]), len(national)-1)
	}

	// tracks.parquet has the track group beside the code; tracks.csv not.
	tracksCSV := testutil.ReadCSV(t, filepath.Join(out, "tracks.csv"))
	var fromParquet [][]string
	for _, row := range res[3] {
		// year, track, track_group, students, certificates, share, success_rate
		fromParquet = append(fromParquet, []string{row[0], row[1], row[3], row[4], fraction4(t, row[5]), fraction4(t, row[6])})
	}
	if got, want := sortedRows(fromParquet), sortedRows(tracksCSV[1:]); len(want) < 10 || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("tracks.parquet:\n%v\ntracks.csv:\n%v", got, want)
	}
	if res[4][0][0] != "1" {
		t.Errorf("the facts read with hive_partitioning have %s year columns, want 1", res[4][0][0])
	}

	// The group-bys without a CSV: each equals what DuckDB computes from the
	// facts (rates and shares from summed counts, NULL over nobody, and at
	// institution level NULL on fewer than 10 students, the default
	// --suppress). The set difference both ways is empty.
	ratio := func(num, den string) string {
		return fmt.Sprintf("CASE WHEN %[2]s = 0 THEN NULL ELSE %[1]s::DOUBLE / %[2]s END", num, den)
	}
	withheld := func(num, den string) string {
		return fmt.Sprintf("CASE WHEN %[2]s < 10 THEN NULL ELSE %[1]s::DOUBLE / %[2]s END", num, den)
	}
	byYear := "SELECT year, sum(certificates) AS total FROM " + facts + " GROUP BY year"
	computed := map[string]string{
		"groups": "SELECT f.year, track_group, sum(students) AS s, sum(certificates) AS c, " + ratio("sum(certificates)", "any_value(y.total)") + ", " +
			ratio("sum(certificates)", "sum(students)") + " FROM " + facts + " f JOIN (" + byYear + ") y ON f.year = y.year GROUP BY f.year, track_group",
		"institutions": "SELECT year, uai, institution, academie, sum(students), sum(certificates), " + withheld("sum(certificates)", "sum(students)") +
			" FROM " + facts + " GROUP BY year, uai, institution, academie",
		"academies": "SELECT year, academie, count(DISTINCT uai), sum(students), sum(certificates), " + withheld("sum(certificates)", "sum(students)") +
			" FROM " + facts + " GROUP BY year, academie",
	}
	names := []string{"groups", "institutions", "academies"}
	var queries []string
	for _, name := range names {
		q := computed[name]
		queries = append(queries,
			"SELECT count(*) FROM "+file(name),
			fmt.Sprintf("SELECT * FROM ((SELECT * FROM %s EXCEPT %s) UNION ALL (%s EXCEPT SELECT * FROM %s))", file(name), q, q, file(name)))
	}
	res = query(queries...)
	for i, name := range names {
		if n, _ := strconv.Atoi(res[2*i][0][0]); n < 7 {
			t.Errorf("%s.parquet has %d rows", name, n)
		}
		if diff := res[2*i+1]; len(diff) != 0 {
			t.Errorf("%s.parquet and DuckDB's group-by of the facts differ on %d rows: %v", name, len(diff), diff)
		}
	}
}
