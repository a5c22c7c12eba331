// Package ingest reads institutions' survey files (.xlsx and .csv), normalises
// labels and numbers, validates them against the survey contract and returns
// plain typed submissions, or refusals that name the file, sheet and cell.
//
// A bad file is data, not an error: Read never fails the batch because of what
// is inside one file; it returns a refusal for that file and goes on.
package ingest

import "time"

// Location says where a value came from, precisely enough for a person to open
// the file and put a finger on it.
type Location struct {
	// File is the path as the user gave it (on the command line, or the folder
	// given joined with the path found inside it).
	File string
	// Sheet is the worksheet name for .xlsx; empty for .csv.
	Sheet string
	// Cell is the A1 reference for .xlsx ("C7"); for .csv it is the line and
	// column in words ("ligne 3, colonne 2" / "line 3, column 2"). Empty when
	// the problem concerns the whole file or sheet.
	Cell string
}

// Problem is one refusal reason or one warning, already worded for the user
// in the language asked for.
type Problem struct {
	Location
	// Kind is a stable identifier of the kind of problem (see the Kind*
	// constants); tests and the data-quality outputs use it, users read Message.
	Kind string
	// Message says in plain words what is wrong and what to do.
	Message string
}

// Fact is one line of the survey: one institution, one year, one track.
type Fact struct {
	Year        int // academic year named by its ending year: 2011-2012 is 2012
	UAI         string
	Institution string
	Academie    string
	Track       string // code from the track dictionary, e.g. "masters-enseignement"
	TrackGroup  string // group code from the dictionary, e.g. "masters"
	Students    int64
	Certs       int64
	// SubmittedRate is the success rate as the institution wrote it, as a
	// fraction (0.646); HasRate is false when the file gave none.
	SubmittedRate float64
	HasRate       bool
	// Source is the file, sheet and row the fact was read from; Cell names
	// the students cell of that row.
	Source Location
}

// Submission is what one institution declared for one year in one file.
type Submission struct {
	UAI         string
	Year        int
	Institution string
	Academie    string
	Facts       []Fact
}

// FileResult is the outcome of reading one file: either accepted with its
// submissions (and perhaps warnings), or refused with every problem found.
type FileResult struct {
	File    string    // path as given
	Hash    string    // hex SHA-256 of the bytes
	Size    int64     // bytes
	ModTime time.Time // modification time, to order corrections
	Layout  int       // 1 (one institution's form) or 2 (consolidated table); 0 if unknown
	// Submissions is empty when the file is refused.
	Submissions []Submission
	Refusals    []Problem
	Warnings    []Problem
	// dropped counts the facts of Submissions let go as they were built
	// (CheckFile).
	dropped int
}

// Refused reports whether the file was refused.
func (r *FileResult) Refused() bool { return len(r.Refusals) > 0 }

// Replacement records that a later file's submission replaced an earlier one
// for the same institution and year.
type Replacement struct {
	UAI      string
	Year     int
	Old, New string // files, as given
}

// Duplicate records a file whose bytes were already read under another name:
// it is counted once.
type Duplicate struct {
	File, SameAs string
}

// Batch is the outcome of reading many files: the facts that count (after
// duplicates and replacements were resolved) and the record of every file.
type Batch struct {
	// Files is every file, in the order they were resolved. Their
	// Submissions say which institution (UAI) and year each file gave,
	// nothing more: the facts that count, with their names and académies,
	// are in Facts, once.
	Files []FileResult
	// Facts are the facts that count, by year and UAI (each submission's
	// in its own order). Nil in a batch the store reads back: its Facts
	// reads them one at a time, into the fact table.
	Facts        []Fact
	Replacements []Replacement
	Duplicates   []Duplicate
}
