package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
)

// An edition freezes, for one academic year, the reports of the latest
// run as they were published on a date (docs/editions.md). It is a folder
// reports/editions/AAAA-AAAA/N/ holding copies of those reports, the
// year's facts (factsFileName) and what the edition is (editionFileName).
// The folder is the whole record of an edition: nothing about it is in the
// store, which a rebuild recreates from the received files alone, and a
// folder can be copied elsewhere and still say what it is.
const (
	editionsDirName = "editions"
	editionFileName = "edition.json"
	factsFileName   = "facts.csv"
)

type publishOptions struct {
	dataOptions
	year string
}

// edition is what edition.json says of an edition.
type edition struct {
	// Year is the academic year's ending year; AcademicYear its label.
	Year         int    `json:"year"`
	AcademicYear string `json:"academic_year"`
	Edition      int    `json:"edition"`
	PublishedAt  string `json:"published_at"` // RFC 3339, UTC
	PublishedBy  string `json:"published_by"` // the account that ran publish, "" if unknown
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
	Files []editionFile `json:"files"`
}

type editionFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

func cmdPublish(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o publishOptions
	fs := newFlagSet("publish", "cli.help.publish", args, stderr)
	o.register(fs)
	fs.StringVar(&o.year, "year", "", "cli.flag.publish.year")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	if o.year == "" {
		return usagef("--year est obligatoire")
	}
	now := time.Now()
	opts, err := o.ingestOptions(now)
	if err != nil {
		return err
	}
	year, err := ingest.ParseYear(o.year, now.Year()+1)
	if err != nil {
		return usagef("--year %q : une année comme 2012 ou 2011-2012", o.year)
	}
	path, ed, err := publishEdition(ctx, o.dataDir(), year, opts.Tracks, opts.Lang, now)
	if err != nil {
		return err
	}
	en := opts.Lang == "en"
	fmt.Fprintf(stdout, pick(en, "Édition %d de %s publiée : %s (rapports du passage %d, %d établissement(s), %d fichier(s)).\n",
		"Edition %d of %s published: %s (reports of run %d, %d institution(s), %d file(s)).\n"),
		ed.Edition, ed.AcademicYear, shown(path), ed.RunID, ed.Institutions, len(ed.Files)+1)
	return nil
}

// publishRefusal is publish saying no, in the user's language: what is
// wrong and what to do.
func publishRefusal(lang, fr, en string, args ...any) error {
	if lang == "en" {
		return fmt.Errorf(en, args...)
	}
	return fmt.Errorf(fr, args...)
}

// publishEdition freezes the reports of the latest run for year as the
// year's next edition, under the run lock, and returns its folder.
func publishEdition(ctx context.Context, dataDir string, year int, dict *tracks.Dictionary, lang string, now time.Time) (string, *edition, error) {
	dirs := inbox.Layout(dataDir)
	yl := report.YearLabel(year)
	if fi, err := os.Stat(dirs.Root); err != nil || !fi.IsDir() {
		return "", nil, publishRefusal(lang, "le dossier de données %s n'existe pas : lancez d'abord « c2isurvey run »",
			"the data folder %s does not exist: run « c2isurvey run » first", dirs.Root)
	}
	// Publish reads the store and latest as one run left them: a run must
	// not move latest meanwhile.
	lock, err := nightly.AcquireLock(ctx, dirs, false, lang)
	if err != nil {
		return "", nil, err
	}
	defer lock.Release()
	if _, err := os.Stat(dirs.Store); err != nil {
		return "", nil, publishRefusal(lang, "aucun passage sur le dossier de données %s : lancez d'abord « c2isurvey run »",
			"no run on the data folder %s yet: run « c2isurvey run » first", dirs.Root)
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return "", nil, err
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 1)
	if err != nil {
		return "", nil, err
	}
	if len(runs) == 0 {
		return "", nil, publishRefusal(lang, "aucun passage sur le dossier de données %s : lancez d'abord « c2isurvey run »",
			"no run on the data folder %s yet: run « c2isurvey run » first", dirs.Root)
	}
	last := runs[0]
	if last.Outcome != store.OutcomeOK {
		return "", nil, publishRefusal(lang,
			"le dernier passage (n° %d) n'a pas abouti (%s) : rien n'est publié. Corrigez la cause (« c2isurvey runs » la donne), relancez « c2isurvey run », puis publiez",
			"the latest run (no. %d) did not succeed (%s): nothing is published. Fix the cause (« c2isurvey runs » gives it), run « c2isurvey run » again, then publish",
			last.ID, runOutcomeText(lang, last))
	}
	runName := fmt.Sprintf("run-%06d", last.ID)
	latest := filepath.Join(dirs.Reports, report.LatestName)
	target, err := os.Readlink(latest)
	if err != nil || target != runName {
		return "", nil, publishRefusal(lang,
			"%s ne désigne pas les rapports du dernier passage (%s) : relancez « c2isurvey run », puis publiez",
			"%s does not point at the reports of the latest run (%s): run « c2isurvey run » again, then publish",
			latest, runName)
	}
	runDir := filepath.Join(dirs.Reports, runName)
	if _, err := os.Stat(filepath.Join(runDir, report.IncompleteName)); err == nil {
		return "", nil, publishRefusal(lang, "les rapports du dernier passage sont incomplets (%s) : relancez « c2isurvey run », puis publiez",
			"the reports of the latest run are incomplete (%s): run « c2isurvey run » again, then publish",
			filepath.Join(runDir, report.IncompleteName))
	}

	batch, err := st.Batch(ctx)
	if err != nil {
		return "", nil, err
	}
	var facts []ingest.Fact
	for _, f := range batch.Facts {
		if f.Year == year {
			facts = append(facts, f)
		}
	}
	pdf := filepath.Join(runDir, report.PDFName(year))
	if _, err := os.Stat(pdf); len(facts) == 0 || err != nil {
		return "", nil, publishRefusal(lang, "le dernier passage n'a aucune donnée pour l'année %s : rien à publier",
			"the latest run has no data for %s: nothing to publish", yl)
	}

	yearDir := filepath.Join(dirs.Reports, editionsDirName, yl)
	if err := os.MkdirAll(yearDir, 0o755); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	// A publish killed before its rename leaves its temporary folder: the
	// lock is held, so any such folder is a leftover.
	if olds, err := filepath.Glob(filepath.Join(yearDir, ".*.tmp-*")); err == nil {
		for _, old := range olds {
			os.RemoveAll(old)
		}
	}
	n, prev, err := latestEdition(yearDir)
	if err != nil {
		return "", nil, err
	}
	if prev != nil && prev.RunID == last.ID {
		return "", nil, publishRefusal(lang,
			"les rapports du passage %d sont déjà l'édition %d de %s : une nouvelle édition suit un nouveau passage",
			"the reports of run %d already are edition %d of %s: a new edition follows a new run", last.ID, n, yl)
	}
	n++
	final := filepath.Join(yearDir, strconv.Itoa(n))
	if _, err := os.Lstat(final); err == nil {
		return "", nil, publishRefusal(lang, "l'édition %s existe déjà : elle n'est jamais réécrite",
			"edition %s already exists: it is never rewritten", final)
	}

	ed := &edition{Year: year, AcademicYear: yl, Edition: n, PublishedAt: now.UTC().Format(time.RFC3339),
		PublishedBy: currentUser(), RunID: last.ID, Reports: runName, RunStarted: last.Started.UTC().Format(time.RFC3339)}
	if asOf := report.DataAsOf(batch, year); !asOf.IsZero() {
		ed.DataAsOf = asOf.UTC().Format(time.RFC3339)
	}
	uais := map[string]bool{}
	for _, f := range facts {
		uais[f.UAI] = true
		ed.Students += f.Students
		ed.Certificates += f.Certs
	}
	ed.Institutions, ed.Facts = len(uais), len(facts)

	tmp, err := os.MkdirTemp(yearDir, "."+strconv.Itoa(n)+".tmp-")
	if err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := freezeReports(tmp, runDir, year, ed); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := writeEditionFacts(filepath.Join(tmp, factsFileName), facts, dict, ed); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	js, err := json.MarshalIndent(ed, "", "  ")
	if err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := atomicfile.WriteBytes(filepath.Join(tmp, editionFileName), append(js, '\n')); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	// The files are made read-only: an edition is never rewritten, and a
	// hand that tries is told so by the system.
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	for _, e := range entries {
		if err := os.Chmod(filepath.Join(tmp, e.Name()), 0o444); err != nil {
			return "", nil, fmt.Errorf("publish %s: %w", yl, err)
		}
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", nil, fmt.Errorf("publish %s: %w", yl, err)
	}
	done = true
	for _, d := range []string{yearDir, filepath.Dir(yearDir)} {
		if err := atomicfile.SyncDir(d); err != nil {
			return final, ed, fmt.Errorf("publish %s: %w", yl, err)
		}
	}
	return final, ed, nil
}

// runOutcomeText says how a run ended, with its message.
func runOutcomeText(lang string, r store.Run) string {
	en := lang == "en"
	s := r.Outcome
	switch r.Outcome {
	case store.OutcomeFailed:
		s = pick(en, "échec", "failed")
	case store.OutcomeInterrupted:
		s = pick(en, "interrompu", "interrupted")
	case "":
		s = pick(en, "en cours ou arrêté", "running or stopped")
	}
	if r.Message != "" {
		s += " : " + r.Message
		if en {
			s = strings.Replace(s, " : ", ": ", 1)
		}
	}
	return s
}

// currentUser names the account publishing, for the record; "" when the
// system does not say.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return cmp.Or(os.Getenv("USER"), os.Getenv("USERNAME"))
}

// freezeReports copies into dir the year's reports of the run folder: the
// annual report, the quality report when there is one, the workbook and
// every CSV table, each through atomicfile, and lists them in ed.Files.
func freezeReports(dir, runDir string, year int, ed *edition) error {
	entries, err := os.ReadDir(runDir)
	if err != nil {
		return err
	}
	wanted := func(name string) bool {
		switch {
		case name == report.PDFName(year), name == "qualite-"+report.YearLabel(year)+".pdf", name == report.WorkbookName:
			return true
		case strings.HasSuffix(name, ".csv") && !atomicfile.IsTemp(name):
			return true
		}
		return false
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !wanted(e.Name()) {
			continue
		}
		if err := copyFrozen(filepath.Join(dir, e.Name()), filepath.Join(runDir, e.Name()), ed); err != nil {
			return err
		}
	}
	return nil
}

// copyFrozen copies src to dst and records it in ed.Files.
func copyFrozen(dst, src string, ed *edition) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	cw := &countWriter{w: h}
	if err := atomicfile.Copy(dst, f, cw); err != nil {
		return err
	}
	ed.Files = append(ed.Files, editionFile{Name: filepath.Base(dst), Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

// countWriter counts the bytes it passes on.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// factsHeader is facts.csv's header: the fact table's columns
// (aggregate.FactSchema), in its order.
var factsHeader = []string{aggregate.ColYear, aggregate.ColUAI, aggregate.ColInstitution, aggregate.ColAcademie,
	aggregate.ColTrack, aggregate.ColTrackGroup, aggregate.ColStudents, aggregate.ColCerts, aggregate.ColSubmitted,
	aggregate.ColSourceFile, aggregate.ColSourceSheet, aggregate.ColSourceCell}

// writeEditionFacts writes the year's facts as facts.csv, in the fact
// table's order (year, UAI, track in dictionary order), and records it in
// ed.Files. Texts are written as every CSV of the program writes them
// (textsafe, a formula neutralised with a leading quote, which
// readEditionFacts takes off); counts and rates exactly.
func writeEditionFacts(path string, facts []ingest.Fact, dict *tracks.Dictionary, ed *edition) error {
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
	ed.Files = append(ed.Files, editionFile{Name: filepath.Base(path), Size: int64(buf.Len()), SHA256: hex.EncodeToString(sum[:])})
	return nil
}

// readEditionFacts reads an edition's facts.csv back.
func readEditionFacts(path string) ([]ingest.Fact, error) {
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

// latestEdition returns the number of the latest edition in a year's
// editions folder and what it says of itself (0 and nil when there is
// none). Only folders named by a number count.
func latestEdition(yearDir string) (int, *edition, error) {
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
	b, err := os.ReadFile(filepath.Join(yearDir, strconv.Itoa(n), editionFileName))
	if err != nil {
		return n, nil, err
	}
	var ed edition
	if err := json.Unmarshal(b, &ed); err != nil {
		return n, nil, fmt.Errorf("%s: %w", filepath.Join(yearDir, strconv.Itoa(n), editionFileName), err)
	}
	return n, &ed, nil
}

// loadRevisions compares the current fact table with the latest edition
// of every year published from the data folder (reports/editions), for
// the revisions table and section of the reports. An edition that cannot be
// read is left out with a line on logTo saying so: no single file may stop
// the publication. The revisions use Go's allocator, so that the caller
// need not release them. nil when no year has an edition.
func loadRevisions(dataDir string, tables *aggregate.Tables, dict *tracks.Dictionary, lang string, logTo io.Writer) map[int]*aggregate.Revisions {
	if tables == nil || tables.Facts == nil {
		return nil
	}
	root := filepath.Join(inbox.Layout(dataDir).Reports, editionsDirName)
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	warn := func(err error) {
		fmt.Fprintln(logTo, shownError(publishRefusal(lang, "édition laissée de côté (pas de révisions pour cette année) : %w",
			"edition left out (no revisions for that year): %w", err)))
	}
	if err != nil {
		warn(err)
		return nil
	}
	mem := memory.NewGoAllocator()
	var out map[int]*aggregate.Revisions
	for _, e := range entries {
		year, err := ingest.ParseYear(e.Name(), 1<<30)
		if !e.IsDir() || err != nil || report.YearLabel(year) != e.Name() {
			continue
		}
		yearDir := filepath.Join(root, e.Name())
		n, ed, err := latestEdition(yearDir)
		if err != nil {
			warn(err)
			continue
		}
		if n == 0 {
			continue
		}
		published, err := time.Parse(time.RFC3339, ed.PublishedAt)
		if err != nil {
			warn(fmt.Errorf("%s: published_at: %w", filepath.Join(yearDir, strconv.Itoa(n), editionFileName), err))
			continue
		}
		facts, err := readEditionFacts(filepath.Join(yearDir, strconv.Itoa(n), factsFileName))
		if err != nil {
			warn(err)
			continue
		}
		edFacts := aggregate.FactTable(mem, facts, dict)
		rev, err := aggregate.BuildRevisions(mem, edFacts, tables.Facts, year, dict)
		edFacts.Release()
		if err != nil {
			warn(err)
			continue
		}
		rev.Edition, rev.Published = n, published
		if out == nil {
			out = map[int]*aggregate.Revisions{}
		}
		out[year] = rev
	}
	return out
}
