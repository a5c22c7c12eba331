// Package editions freezes the reports of a data folder's latest run for
// one academic year as an edition (c2isurvey publish, the portal's
// « publier une édition » button) and tells later runs what changed since
// (LoadRevisions). An edition is a folder reports/editions/AAAA-AAAA/N/
// holding the year's documents drawn as edition N, copies of the run's
// other reports, the year's facts (FactsFileName) and what the edition is
// (FileName). The folder is the whole record of an edition: nothing about it
// is in the store, which a rebuild recreates from the received files alone,
// and a folder can be copied elsewhere and still say what it is.
// docs/editions.md says why it is built so.
package editions

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
)

// The names of an edition's place and files.
const (
	DirName       = "editions"     // under reports/
	FileName      = "edition.json" // what the edition is
	FactsFileName = "facts.csv"    // the year's facts, what later runs compare with
)

// Edition is what edition.json says of an edition.
type Edition struct {
	// Year is the academic year's ending year; AcademicYear its label.
	Year         int    `json:"year"`
	AcademicYear string `json:"academic_year"`
	Edition      int    `json:"edition"`
	PublishedAt  string `json:"published_at"` // RFC 3339, UTC
	PublishedBy  string `json:"published_by"` // the account that published, "" if unknown
	RunID        int64  `json:"run_id"`       // the run whose reports are frozen
	Reports      string `json:"reports"`      // their folder under reports/
	RunStarted   string `json:"run_started"`
	// DataAsOf is the date the year's data was taken (the latest
	// modification time of the accepted files), as the reports' source
	// lines say; "" when unknown.
	DataAsOf     string `json:"data_as_of"`
	Institutions int    `json:"institutions"`
	Facts        int    `json:"facts"`
	Students     int64  `json:"students"`
	Certificates int64  `json:"certificates"`
	// Files are the files of the folder, with their SHA-256, so that a
	// copy can be checked.
	Files []File `json:"files"`
}

// File is one file of an edition's folder.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Published is when the edition was published, parsed.
func (e *Edition) Published() (time.Time, error) {
	return time.Parse(time.RFC3339, e.PublishedAt)
}

// yearDir is the folder of a year's editions in dataDir.
func yearDir(dataDir string, year int) string {
	return filepath.Join(inbox.Layout(dataDir).Reports, DirName, report.YearLabel(year))
}

// Latest returns the latest edition of year published from the data
// folder dataDir, and its folder; nil and "" when the year has none.
func Latest(dataDir string, year int) (*Edition, string, error) {
	dir := yearDir(dataDir, year)
	n, ed, err := latestIn(dir)
	if err != nil || n == 0 {
		return nil, "", err
	}
	return ed, filepath.Join(dir, strconv.Itoa(n)), nil
}

// latestIn returns the number of the latest edition in a year's editions
// folder and what it says of itself (0 and nil when there is none). Only
// folders named by a number count.
func latestIn(yearDir string) (int, *Edition, error) {
	entries, err := os.ReadDir(yearDir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	n := 0
	for _, e := range entries {
		if k, err := strconv.Atoi(e.Name()); err == nil && k > n && e.IsDir() && strconv.Itoa(k) == e.Name() {
			n = k
		}
	}
	if n == 0 {
		return 0, nil, nil
	}
	path := filepath.Join(yearDir, strconv.Itoa(n), FileName)
	b, err := os.ReadFile(path)
	if err != nil {
		return n, nil, err
	}
	var ed Edition
	if err := json.Unmarshal(b, &ed); err != nil {
		return n, nil, fmt.Errorf("%s: %w", path, err)
	}
	return n, &ed, nil
}

// factsHeader is facts.csv's header: the fact table's columns
// (aggregate.FactSchema), in its order.
var factsHeader = []string{aggregate.ColYear, aggregate.ColUAI, aggregate.ColInstitution, aggregate.ColAcademie,
	aggregate.ColTrack, aggregate.ColTrackGroup, aggregate.ColStudents, aggregate.ColCerts, aggregate.ColSubmitted,
	aggregate.ColSourceFile, aggregate.ColSourceSheet, aggregate.ColSourceCell}

// writeFacts writes the year's facts as facts.csv, in the fact table's
// order (year, UAI, track in dictionary order), and records it in
// ed.Files. Texts are written as every CSV of the program writes them
// (textsafe, a formula neutralised with a leading quote, which ReadFacts
// takes off); counts and rates exactly.
func writeFacts(path string, facts []ingest.Fact, dict *tracks.Dictionary, ed *Edition) error {
	facts = slices.Clone(facts)
	slices.SortStableFunc(facts, func(a, b ingest.Fact) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.UAI, b.UAI),
			cmp.Compare(dict.Order(a.Track), dict.Order(b.Track)), cmp.Compare(a.Track, b.Track))
	})
	text := func(s string) string {
		return textsafe.Show(s, textsafe.Options{Max: textsafe.ExcelMax, Formula: true})
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(factsHeader)
	for _, f := range facts {
		rate := ""
		if f.HasRate {
			rate = strconv.FormatFloat(f.SubmittedRate, 'g', -1, 64)
		}
		w.Write([]string{strconv.Itoa(f.Year), text(f.UAI), text(f.Institution), text(f.Academie), text(f.Track), text(f.TrackGroup),
			strconv.FormatInt(f.Students, 10), strconv.FormatInt(f.Certs, 10), rate,
			text(f.Source.File), text(f.Source.Sheet), text(f.Source.Cell)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	if err := atomicfile.WriteBytes(path, buf.Bytes()); err != nil {
		return err
	}
	ed.Files = append(ed.Files, File{Name: filepath.Base(path), Size: int64(buf.Len()), SHA256: hex.EncodeToString(sum[:])})
	return nil
}

// ReadFacts reads an edition's facts.csv back.
func ReadFacts(path string) ([]ingest.Fact, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], factsHeader) {
		return nil, fmt.Errorf("%s: header is not %s", path, strings.Join(factsHeader, ","))
	}
	// A text a spreadsheet would run got a leading quote when written.
	text := func(s string) string {
		if rest, ok := strings.CutPrefix(s, "'"); ok && strings.TrimLeft(rest, " ") != "" && strings.ContainsRune("=+-@", rune(strings.TrimLeft(rest, " ")[0])) {
			return rest
		}
		return s
	}
	facts := make([]ingest.Fact, 0, len(recs)-1)
	for i, r := range recs[1:] {
		y, err1 := strconv.Atoi(r[0])
		s, err2 := strconv.ParseInt(r[6], 10, 64)
		c, err3 := strconv.ParseInt(r[7], 10, 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, i+2, err)
		}
		f := ingest.Fact{Year: y, UAI: text(r[1]), Institution: text(r[2]), Academie: text(r[3]), Track: text(r[4]), TrackGroup: text(r[5]),
			Students: s, Certs: c, Source: ingest.Location{File: text(r[9]), Sheet: text(r[10]), Cell: text(r[11])}}
		if r[8] != "" {
			if f.SubmittedRate, err = strconv.ParseFloat(r[8], 64); err != nil {
				return nil, fmt.Errorf("%s line %d: %w", path, i+2, err)
			}
			f.HasRate = true
		}
		facts = append(facts, f)
	}
	return facts, nil
}

// hashWriter records a file written into an edition: its size and SHA-256.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newHashWriter(w io.Writer) *hashWriter { return &hashWriter{w: w, h: sha256.New()} }

func (c *hashWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

func (c *hashWriter) file(name string) File {
	return File{Name: name, Size: c.n, SHA256: hex.EncodeToString(c.h.Sum(nil))}
}

// yearFacts reads back the facts of year from a fact table
// (aggregate.FactSchema): the rows the run's tables were built from, which
// facts.csv keeps.
func yearFacts(rec arrow.RecordBatch, year int) ([]ingest.Fact, error) {
	if rec == nil {
		return nil, nil
	}
	if !rec.Schema().Equal(aggregate.FactSchema) {
		return nil, errors.New("fact table: not in aggregate.FactSchema")
	}
	texts := make([]aggregate.Texts, rec.NumCols())
	for _, i := range []int{1, 2, 3, 4, 5, 9, 10, 11} {
		t, err := aggregate.TextsOf(rec.Column(i))
		if err != nil {
			return nil, fmt.Errorf("fact table: %w", err)
		}
		texts[i] = t
	}
	col := func(i int) aggregate.Texts { return texts[i] }
	years := rec.Column(0).(*array.Int32)
	students, certs := rec.Column(6).(*array.Int64), rec.Column(7).(*array.Int64)
	rates := rec.Column(8).(*array.Float64)
	var out []ingest.Fact
	for i := 0; i < int(rec.NumRows()); i++ {
		if int(years.Value(i)) != year {
			continue
		}
		f := ingest.Fact{Year: year, UAI: col(1).Value(i), Institution: col(2).Value(i), Academie: col(3).Value(i),
			Track: col(4).Value(i), TrackGroup: col(5).Value(i), Students: students.Value(i), Certs: certs.Value(i),
			Source: ingest.Location{File: col(9).Value(i), Sheet: col(10).Value(i), Cell: col(11).Value(i)}}
		if rates.IsValid(i) {
			f.SubmittedRate, f.HasRate = rates.Value(i), true
		}
		out = append(out, f)
	}
	return out, nil
}
