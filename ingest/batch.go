package ingest

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Collect expands the paths a user gave into the files to read: a file is
// taken as it is; a folder is walked recursively (a link to a file is read,
// a link to a folder is not followed). Inside folders, files that cannot be
// a survey are passed over and returned as skipped: hidden files and
// folders, office lock files (~$name), partial downloads (.part, .tmp,
// .crdownload), the project's own source and documentation (.go, .md), the
// registry of expected respondents (a file named registry.csv, as the
// samples and a data folder keep it: it is read with --registry, and read
// as a survey it would only be refused), pipes, devices and broken links — anything else is read, so that a stray
// PDF or a renamed file is refused in plain words rather than silently
// ignored.
func Collect(paths []string) (files, skipped []string, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, nil, fmt.Errorf("input %s: %w", root, err)
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", p, err)
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				skipped = append(skipped, p)
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if NotASurvey(name) {
				skipped = append(skipped, p)
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a file is read as the file; a link to a
				// folder is not followed (it could loop back).
				if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
					skipped = append(skipped, p)
					return nil
				}
			} else if !d.Type().IsRegular() {
				skipped = append(skipped, p) // a pipe or a device: never a survey
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return files, skipped, nil
}

// NotASurvey reports whether a file name is one a folder scan passes over:
// hidden files, office lock files, partial downloads, source or
// documentation files, and the registry of expected respondents
// (registry.csv).
func NotASurvey(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.EqualFold(name, "registry.csv") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".part", ".tmp", ".crdownload", ".go", ".md":
		return true
	}
	return false
}

// CompareReceipt orders two files as received: by modification time to the
// second, then a name without a copy marker before one with (CopyMarked),
// then by name. Seconds, because that is what zip archives, network
// shares and copies keep reliably: files unpacked or copied together land
// within a second of each other in any order, and among them the name
// decides (a "…_corrige.xlsx" after its original), whatever order the copy
// happened to write them in. The copy marker comes before the name because
// a copy keeps its original's time (Windows' « - Copie » does) and
// " - Copie" sorts before ".xlsx": the copy was taken first, and its
// original was called its duplicate. A copy is made after its original.
func CompareReceipt(aTime time.Time, aName string, bTime time.Time, bName string) int {
	return cmp.Or(aTime.Truncate(time.Second).Compare(bTime.Truncate(time.Second)),
		compareBool(CopyMarked(aName), CopyMarked(bName)), cmp.Compare(aName, bName))
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// CopyMarked reports whether a file name carries the mark a file manager
// or a browser gives a copy: « x - Copie.xlsx », « x - Copy (2).xlsx »,
// « x (1).xlsx », « Copie de x.xlsx », « Copy of x.xlsx » (case aside; the
// folders in the name are not looked at).
func CopyMarked(name string) bool {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.ToLower(strings.TrimSuffix(base, filepath.Ext(base)))
	if strings.HasPrefix(base, "copie de ") || strings.HasPrefix(base, "copy of ") {
		return true
	}
	// A trailing " (n)": a browser's second download, or a numbered copy.
	if strings.HasSuffix(base, ")") {
		if i := strings.LastIndex(base, " ("); i >= 0 {
			n := base[i+2 : len(base)-1]
			if n != "" && strings.Trim(n, "0123456789") == "" {
				return true
			}
		}
	}
	return strings.HasSuffix(base, " - copie") || strings.HasSuffix(base, " - copy")
}

// Resolve decides what counts among files already read. Files are taken in
// the order they were received (CompareReceipt). The same bytes seen again
// (same SHA-256) count once: the later copy is a Duplicate, and its
// submissions and warnings are dropped (the first copy has them); the
// refusals of a refused file's copy stay, so that it is listed too. For each
// institution and year, the submission of
// the latest file wins and the earlier one is recorded as replaced; both
// files stay in the record.
func Resolve(results []FileResult) *Batch {
	files := inReceiptOrder(results)
	type key struct {
		uai  string
		year int
	}
	type winner struct {
		key
		file string
		sub  *Submission
	}
	b := &Batch{Files: files}
	firstByHash := make(map[string]string, len(files))
	// The winner of each institution and year, in wins (a map's lookups
	// for every key twice more, to sort and to gather, cost more than
	// the rest of Resolve).
	current := map[key]int{}
	var wins []winner
	for i := range files {
		f := &files[i]
		if f.Hash != "" {
			if first, ok := firstByHash[f.Hash]; ok {
				b.Duplicates = append(b.Duplicates, Duplicate{File: f.File, SameAs: first})
				// Counted once: the first copy carries the submissions and
				// warnings. Refusals stay: every refused file is listed
				// with its reasons, a second copy of a bad file included.
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
			if w, ok := current[k]; ok {
				b.Replacements = append(b.Replacements, Replacement{UAI: s.UAI, Year: s.Year, Old: wins[w].file, New: f.File})
				wins[w].file, wins[w].sub = f.File, s
				continue
			}
			current[k] = len(wins)
			wins = append(wins, winner{k, f.File, s})
		}
	}
	// The facts by year, then UAI: each key is one submission's, whose
	// facts keep their order. Sorting the keys rather than the facts (a
	// fact is some 170 bytes, moved O(n log n) times by a stable sort)
	// gives the same order at a fraction of the cost.
	slices.SortFunc(wins, func(x, y winner) int {
		return cmp.Or(cmp.Compare(x.year, y.year), cmp.Compare(x.uai, y.uai))
	})
	n := 0
	for _, w := range wins {
		n += len(w.sub.Facts)
	}
	if n > 0 { // no fact: nil, as before
		b.Facts = make([]Fact, 0, n)
	}
	for _, w := range wins {
		b.Facts = append(b.Facts, w.sub.Facts...)
	}
	// The files' submissions keep their UAI and year, not their facts,
	// names or académies: those that count are in b.Facts, and a second
	// copy of every fact for as long as the batch lives (the whole
	// publication) cost a hundred megabytes for a table of half a million
	// rows.
	for i := range files {
		files[i].Submissions = withoutFacts(files[i].Submissions)
	}
	return b
}

// inReceiptOrder returns a copy of results in the order they were received
// (CompareReceipt, in their given order where it ties). Each file's key is
// made once: CompareReceipt lowers a name to look for a copy's mark, which
// a sort would do again on every comparison.
func inReceiptOrder(results []FileResult) []FileResult {
	if results == nil {
		return nil // as slices.Clone: a batch of no file has Files nil
	}
	type receipt struct {
		at     time.Time
		marked bool
		i      int
	}
	keys := make([]receipt, len(results))
	for i, r := range results {
		keys[i] = receipt{r.ModTime.Truncate(time.Second), CopyMarked(r.File), i}
	}
	slices.SortFunc(keys, func(a, b receipt) int {
		return cmp.Or(a.at.Compare(b.at), compareBool(a.marked, b.marked),
			cmp.Compare(results[a.i].File, results[b.i].File), cmp.Compare(a.i, b.i))
	})
	files := make([]FileResult, len(results))
	for j, k := range keys {
		files[j] = results[k.i]
	}
	return files
}

// withoutFacts returns the UAI and year of each submission, as a batch's
// files keep them (results given to Resolve are not changed).
func withoutFacts(subs []Submission) []Submission {
	if subs == nil {
		return nil
	}
	out := make([]Submission, len(subs))
	for i, s := range subs {
		out[i] = Submission{UAI: s.UAI, Year: s.Year}
	}
	return out
}
