package ingest

// What became of each file of a batch, and the counts every output gives
// (the terminal summary, the workbook's quality sheet, the quality report):
// one definition, here, so that they cannot disagree. It is the rule the
// files command applies to the store (store.FileRecord: a file is replaced
// when every one of its submissions was).

// Fate is what became of one file of a batch.
type Fate int

const (
	// FateNone: the file does not concern the year asked about.
	FateNone Fate = iota
	// FateAccepted: read and valid, and at least one of its declarations
	// (for the year asked about) counts in the figures.
	FateAccepted
	// FateReplaced: read and valid, but each of its declarations (for the
	// year asked about) was since replaced by a later file of the same
	// institution.
	FateReplaced
	// FateRefused: refused whole, with its reasons.
	FateRefused
	// FateDuplicate: the same bytes as an earlier file, counted once (as
	// that file), whatever became of it.
	FateDuplicate
)

// FileCounts are the files of a batch (or of one year) by fate. Each file
// has one fate: Received = Accepted + Replaced + Refused + Duplicates.
type FileCounts struct {
	Received, Accepted, Replaced, Refused, Duplicates int
	// Warned counts the accepted and replaced files with a warning.
	Warned int
	// Replacements counts the declarations (an institution and a year)
	// replaced by a later file: a consolidated table can have some of
	// its declarations replaced and still be accepted.
	Replacements int
}

// Fates returns the fate of each of b.Files (same index) for year, or for
// every year when year is 0. A refused file has no year (its declarations
// are not kept, in the store as in a stateless run): it is FateNone for
// every year but 0, as is a duplicate of it; NoYear lists them. A
// duplicate concerns the years of the file it copies.
//
// Duplicates are told by their bytes (an earlier file with the same
// hash), replacements by the order of the files: for each institution and
// year, the last valid file that declared it counts. That is how
// Resolve and the store decide them, in the order b.Files is in; names
// are not used, since a name may come back in a later run.
func (b *Batch) Fates(year int) []Fate { return b.FateTable().Fates(year) }

// FateTable is a batch's fates resolved once (the maps of hashes and
// declarations over every file), for an output that asks for the fates,
// counts or files of no year of several years: the quality reports of
// every year and the workbook of one run share one. It reads the batch as
// it was when made; the batch must not change while it is used.
type FateTable struct {
	b        *Batch
	fates    []Fate // over every year
	original []int
	last     map[declaration]int
}

// FateTable resolves the fates of b's files once (see Fates).
func (b *Batch) FateTable() *FateTable {
	fates, original, last := b.resolveFates()
	return &FateTable{b: b, fates: fates, original: original, last: last}
}

// Fates is Batch.Fates: a new slice at each call.
func (t *FateTable) Fates(year int) []Fate {
	b := t.b
	fates := make([]Fate, len(t.fates))
	copy(fates, t.fates)
	if year == 0 {
		return fates
	}
	original, last := t.original, t.last
	for i := range b.Files {
		f := &b.Files[i]
		switch fates[i] {
		case FateRefused:
			fates[i] = FateNone
		case FateDuplicate:
			if original[i] < 0 || !b.Files[original[i]].declares(year) {
				fates[i] = FateNone
			}
		default:
			concerned, counts := false, false
			for _, s := range f.Submissions {
				if s.Year != year {
					continue
				}
				concerned = true
				if last[declaration{s.UAI, s.Year}] == i {
					counts = true
				}
			}
			switch {
			case counts:
				fates[i] = FateAccepted
			case concerned:
				fates[i] = FateReplaced
			default:
				fates[i] = FateNone
			}
		}
	}
	return fates
}

type declaration struct {
	uai  string
	year int
}

// resolveFates gives every file's fate over all years, the index of the
// file each duplicate copies (-1 if unknown), and for each declaration
// the index of the file that counts.
func (b *Batch) resolveFates() (fates []Fate, original []int, last map[declaration]int) {
	fates = make([]Fate, len(b.Files))
	original = make([]int, len(b.Files))
	last = map[declaration]int{}
	first := map[string]int{} // hash -> index of its first file
	byName := map[string]int{}
	dupOf := map[string][]string{} // Duplicate.File -> SameAs, for files without a hash
	for _, d := range b.Duplicates {
		dupOf[d.File] = append(dupOf[d.File], d.SameAs)
	}
	for i := range b.Files {
		f := &b.Files[i]
		original[i] = -1
		if f.Hash != "" {
			if j, ok := first[f.Hash]; ok {
				original[i], fates[i] = j, FateDuplicate
				continue
			}
			first[f.Hash] = i
		} else if same := dupOf[f.File]; len(same) > 0 {
			// A batch made by hand, without hashes: its Duplicates say.
			dupOf[f.File] = same[1:]
			if j, ok := byName[same[0]]; ok {
				original[i] = j
			}
			fates[i] = FateDuplicate
			continue
		}
		if _, ok := byName[f.File]; !ok {
			byName[f.File] = i
		}
		if f.Refused() {
			fates[i] = FateRefused
			continue
		}
		for _, s := range f.Submissions {
			last[declaration{s.UAI, s.Year}] = i
		}
	}
	for i := range b.Files {
		if fates[i] != FateNone {
			continue
		}
		fates[i] = FateAccepted
		if len(b.Files[i].Submissions) == 0 {
			// Valid but declaring nothing (no file is, today): accepted,
			// and nothing of it was replaced.
			continue
		}
		counts := false
		for _, s := range b.Files[i].Submissions {
			if last[declaration{s.UAI, s.Year}] == i {
				counts = true
				break
			}
		}
		if !counts {
			fates[i] = FateReplaced
		}
	}
	return fates, original, last
}

// declares reports whether the file declared anything for year.
func (r *FileResult) declares(year int) bool {
	for _, s := range r.Submissions {
		if s.Year == year {
			return true
		}
	}
	return false
}

// Counts counts the files of year (every file when year is 0) by fate,
// as Fates decides it.
func (b *Batch) Counts(year int) FileCounts { return b.FateTable().Counts(year, nil) }

// Counts is Batch.Counts; fates, when not nil, are those Fates(year)
// gave, not computed again.
func (t *FateTable) Counts(year int, fates []Fate) FileCounts {
	b := t.b
	if fates == nil {
		fates = t.Fates(year)
	}
	var c FileCounts
	for i, fate := range fates {
		switch fate {
		case FateNone:
			continue
		case FateAccepted:
			c.Accepted++
		case FateReplaced:
			c.Replaced++
		case FateRefused:
			c.Refused++
		case FateDuplicate:
			c.Duplicates++
		}
		c.Received++
		if (fate == FateAccepted || fate == FateReplaced) && len(b.Files[i].Warnings) > 0 {
			c.Warned++
		}
	}
	for _, r := range b.Replacements {
		if year == 0 || r.Year == year {
			c.Replacements++
		}
	}
	return c
}

// NoYear returns the indexes in b.Files of the files that concern no
// year: the refused files and the duplicates of a file that declared
// nothing (a refused one). Every year's Fates gives them FateNone; the
// quality report lists them apart.
func (b *Batch) NoYear() []int { return b.FateTable().NoYear() }

// NoYear is Batch.NoYear.
func (t *FateTable) NoYear() []int {
	b, fates, original := t.b, t.fates, t.original
	var out []int
	for i, fate := range fates {
		switch {
		case fate == FateRefused:
		case fate == FateDuplicate && (original[i] < 0 || len(b.Files[original[i]].Submissions) == 0):
		default:
			continue
		}
		out = append(out, i)
	}
	return out
}
