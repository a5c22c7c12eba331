package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

func TestFormatDate(t *testing.T) {
	paris := time.FixedZone("Paris", 3600)
	for _, tt := range []struct {
		t    time.Time
		lang string
		want string
	}{
		{time.Date(2026, time.December, 2, 10, 0, 0, 0, time.UTC), "fr", "2 décembre 2026"},
		{time.Date(2026, time.December, 2, 10, 0, 0, 0, time.UTC), "en", "2 December 2026"},
		{time.Date(2012, time.July, 1, 10, 0, 0, 0, time.UTC), "fr", "1er juillet 2012"},
		{time.Date(2012, time.July, 1, 10, 0, 0, 0, time.UTC), "en", "1 July 2012"},
		{time.Date(2012, time.August, 31, 23, 0, 0, 0, time.UTC), "fr", "31 août 2012"},
		// The day is the UTC one, whatever zone the time was read in.
		{time.Date(2013, time.January, 1, 0, 30, 0, 0, paris), "fr", "31 décembre 2012"},
	} {
		got := strings.ReplaceAll(FormatDate(tt.t, tt.lang), NBSP, " ")
		if got != tt.want {
			t.Errorf("FormatDate(%v, %s) = %q, want %q", tt.t, tt.lang, got, tt.want)
		}
	}
}

// sourceBatch is testBatch with receipt times, a file for 2006 and files
// that must not date the data: a refused file and a duplicate, later than
// every accepted one.
func sourceBatch() (*ingest.Batch, map[int]time.Time) {
	b := testBatch()
	t0 := time.Date(2012, time.September, 3, 9, 0, 0, 0, time.UTC)
	for i := range b.Files {
		b.Files[i].ModTime = t0.Add(time.Duration(i) * time.Hour)
	}
	last2012 := t0.Add(119 * time.Hour) // the 120th 2012 file
	refusedAt := t0.Add(300 * time.Hour)
	for i := range b.Files {
		if b.Files[i].Refused() {
			b.Files[i].ModTime = refusedAt
		}
	}
	old := time.Date(2007, time.March, 1, 8, 0, 0, 0, time.UTC)
	b.Files = append(b.Files,
		ingest.FileResult{File: "2006/0751700A.xlsx", ModTime: old, Layout: 1, Submissions: []ingest.Submission{{UAI: "0751700A", Year: 2006}}},
		ingest.FileResult{File: "copie/0100000B.xlsx", ModTime: refusedAt, Layout: 1, Submissions: []ingest.Submission{{UAI: "0100000B", Year: 2012}}},
	)
	want := map[int]time.Time{2012: last2012}
	for y := 2006; y < 2012; y++ {
		want[y] = old
	}
	return b, want
}

// flatText is the text of a PDF on one line, so that a note wrapped over
// two lines reads whole.
func flatText(pages []string) string {
	return strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
}

// TestPDFSourceLines reads every year's report in both languages: every
// table and chart title is followed by a source line, with the date the
// data was taken, before the next title; no note opens a page; the reading
// lines give the figures of national.csv.
func TestPDFSourceLines(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := testInput(t, lang)
			batch, asOf := sourceBatch()
			in.Batch = batch
			var nat bytes.Buffer
			if err := writeNationalCSV(&nat, in); err != nil {
				t.Fatal(err)
			}
			records, err := csv.NewReader(&nat).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			source, reading := "Source : ", "Lecture : en "
			if lang == "en" {
				source, reading = "Source: ", "How to read: in "
			}
			for _, rec := range records[1:] {
				year, _ := strconv.Atoi(rec[0])
				pdf := renderPDF(t, in, year)
				pages := pdfPages(t, pdf)
				yl := YearLabel(year)

				// Titles of the tables and charts, in the order drawn; the
				// track table's title is the section's, present only
				// with a breakdown (the chart then is too).
				// The first year of the series has no chart: one bar.
				titles := []string{T(lang, "key.title"), T(lang, "national.table")}
				if year != 2006 {
					titles = append(titles, T(lang, "chart.title"))
				}
				flat := flatText(pages)
				if strings.Contains(flat, T(lang, "tracks.chart")) {
					titles = append(titles, T(lang, "tracks.title"), T(lang, "tracks.chart"),
						fmt.Sprintf(T(lang, "series.title"), groupLabel(in.Tracks, "masters", lang), groupLabel(in.Tracks, "formation-continue", lang)))
				}
				titles = append(titles, T(lang, "acad.title"), T(lang, "inst.title"))
				isTitle := map[string]bool{}
				for _, s := range titles {
					isTitle[strings.ReplaceAll(s, NBSP, " ")] = true
				}
				pending, seen, sources := "", 0, 0
				for p, page := range pages {
					lines := strings.Split(page, "\n")
					first := true
					for _, line := range lines {
						line = strings.TrimSpace(line)
						if line == "" {
							continue
						}
						if first {
							first = false
							continue // the running header
						}
						if strings.HasPrefix(line, source) || strings.HasPrefix(line, reading) {
							sources += boolInt(strings.HasPrefix(line, source))
							if !seenContent(lines, line) {
								t.Errorf("%s page %d opens with a note: %q", yl, p+1, line)
							}
							pending = ""
							continue
						}
						if isTitle[line] {
							if pending != "" {
								t.Errorf("%s: no source line under %q", yl, pending)
							}
							pending = line
							seen++
						}
					}
				}
				if pending != "" {
					t.Errorf("%s: no source line under %q", yl, pending)
				}
				if seen != len(titles) || sources != len(titles) {
					t.Errorf("%s: %d titles of %d found, %d source lines", yl, seen, len(titles), sources)
				}

				// The date: the latest accepted file for the year or an
				// earlier one, refusals and duplicates left out.
				date := strings.ReplaceAll(FormatDate(asOf[year], lang), NBSP, " ")
				want := "Source : enquête C2i2e, ministère de l’Éducation nationale, service statistique, données au " + date + ". Champ : "
				if lang == "en" {
					want = "Source: C2i2e survey, French Ministry of Education, Statistics department, data as of " + date + ". Scope: "
				}
				if n := strings.Count(flat, want); n != len(titles) {
					t.Errorf("%s: %d source lines say %q, want %d", yl, n, want, len(titles))
				}

				// The reading of the national table gives the year's row of
				// national.csv.
				students, _ := strconv.ParseInt(rec[2], 10, 64)
				certs, _ := strconv.ParseInt(rec[3], 10, 64)
				rate, _ := strconv.ParseFloat(rec[4], 64)
				natReading := strings.ReplaceAll(fmt.Sprintf(T(lang, "read.national"), yl,
					FormatInt(certs, lang), FormatInt(students, lang), FormatPercent(rate, 1, lang)), NBSP, " ")
				natReading = strings.ReplaceAll(natReading, ThinNBSP, " ")
				if !strings.Contains(flat, natReading) {
					t.Errorf("%s: the reading %q is not in the report", yl, natReading)
				}
				// and the figures are those of national.csv, read back.
				re := regexp.MustCompile(regexp.QuoteMeta(reading+yl+", ") + `([\d ,]+) (?:certificats|certificates)`)
				m := re.FindStringSubmatch(flat)
				if m == nil || strings.NewReplacer(" ", "", ",", "").Replace(m[1]) != rec[3] {
					t.Errorf("%s: reading gives %v certificates, national.csv %s", yl, m, rec[3])
				}
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seenContent reports whether line comes after some content on its page
// other than the running header: a note must follow its table or chart.
func seenContent(lines []string, line string) bool {
	n := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if l == line {
			return n > 1
		}
		n++
	}
	return false
}

// TestPDFSourceKeptWithTable draws the institution table with as many rows
// as fill a page and more, so that its last row falls at every height of
// the page: the notes under it always stay on the page of its total.
func TestPDFSourceKeptWithTable(t *testing.T) {
	dict := tracks.Default()
	for n := 25; n <= 75; n++ {
		var facts []ingest.Fact
		for i := range n {
			facts = append(facts, ingest.Fact{Year: 2012, UAI: fmt.Sprintf("U%07d", i), Institution: fmt.Sprintf("Établissement n° %d", i),
				Academie: "Lyon", Track: "doctorats", TrackGroup: "doctorats", Students: 100, Certs: 50,
				Source: ingest.Location{File: "big.csv", Cell: "ligne 2, colonne 6"}})
		}
		tables, err := aggregate.Build(memory.NewGoAllocator(), facts, dict)
		if err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, renderPDF(t, Input{Tables: tables, Tracks: dict, Lang: "fr"}, 2012))
		tables.Release()
		found := false
		for p, page := range pages {
			if !strings.Contains(page, "Établissement n° ") {
				continue
			}
			// The institution table's total: students, certificates, rate
			// (the track table's has a share between, the académie
			// table's the institutions first).
			num := func(v int) string { return strings.ReplaceAll(FormatInt(int64(v), "fr"), ThinNBSP, " ") }
			loc := regexp.MustCompile(`Total national\s+` + num(100*n) + `\s+` + num(50*n) + `\s+50,0`).FindStringIndex(page)
			if loc == nil || !strings.Contains(page, "U0000000") && !strings.Contains(page, fmt.Sprintf("U%07d", n-1)) {
				continue
			}
			i := loc[0]
			found = true
			rest := page[i:]
			if !strings.Contains(rest, "Source : ") || !strings.Contains(flatText([]string{rest}), "Lecture : en 2011-2012, l’établissement") {
				t.Errorf("%d institutions: the notes are not under the total, on page %d", n, p+1)
			}
		}
		if !found {
			t.Errorf("%d institutions: the table's total was not found", n)
		}
	}
}
