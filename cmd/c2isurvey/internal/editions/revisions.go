package editions

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
)

// LoadRevisions compares the current fact table with the latest edition
// of every year published from the data folder (reports/editions), for
// the revisions table and section of the reports, and for the edition
// their cover names. An edition that cannot be read is left out with a
// line on logTo saying so: no single file may stop the publication. The
// revisions use Go's allocator, so that the caller need not release them.
// nil when no year has an edition.
func LoadRevisions(dataDir string, tables *aggregate.Tables, dict *tracks.Dictionary, lang string, logTo io.Writer) map[int]*aggregate.Revisions {
	if tables == nil || tables.Facts == nil {
		return nil
	}
	root := filepath.Join(inbox.Layout(dataDir).Reports, DirName)
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	warn := func(err error) {
		msg := fmt.Errorf(texts.Lang(lang).T("cli.publish.edition-left-out-no"), err).Error()
		fmt.Fprintln(logTo, textsafe.Show(msg, textsafe.Options{}))
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
		dir := filepath.Join(root, e.Name())
		n, ed, err := latestIn(dir)
		if err != nil {
			warn(err)
			continue
		}
		if n == 0 {
			continue
		}
		published, err := ed.Published()
		if err != nil {
			warn(fmt.Errorf("%s: published_at: %w", filepath.Join(dir, strconv.Itoa(n), FileName), err))
			continue
		}
		facts, err := ReadFacts(filepath.Join(dir, strconv.Itoa(n), FactsFileName))
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
