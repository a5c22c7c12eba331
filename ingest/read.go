package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
)

// ReadFile reads one survey file: its size, modification time and SHA-256,
// then its grids (sheet.Read), then the survey in them (Interpret). It never
// panics and never fails: whatever is wrong with the file, down to a crash of
// a reader, comes back as a refusal in FileResult.Refusals, so that the rest
// of a batch goes on.
func ReadFile(path string, opts Options) FileResult {
	var r Reader
	return r.ReadFile(path, opts)
}

// CheckFile reads a file as ReadFile does, for its verdict only (validate,
// the portal's judgement of an upload): the facts of its submissions are
// counted, facts, and not kept. Nothing is published from a verdict, and a
// consolidated table of a million institutions would otherwise hold a
// million submissions' facts until the end of its reading, as much memory
// as all its checks (docs/performance.md, "A million rows"). The
// submissions come back without their facts.
func CheckFile(path string, opts Options) (res FileResult, facts int) {
	opts.dropFacts = true
	var r Reader
	res = r.ReadFile(path, opts)
	facts, res.dropped = res.dropped, 0
	for i := range res.Submissions {
		facts += len(res.Submissions[i].Facts)
		res.Submissions[i].Facts = nil
	}
	return res, facts
}

// Reader reads survey files one after the other, as ReadFile does, keeping
// what reading one costs to set up for the next (sheet.Reader: the zip
// inflaters, the buffers): each of ReadAll's workers has one. The zero
// Reader is ready to use; a Reader is not for several goroutines at once.
type Reader struct {
	sheets sheet.Reader
	// large, when not nil, is held while a file of LargeFile bytes or
	// more is read (ReadAll's workers share one).
	large *sync.Mutex
	// titles is the memo of titles matched in the files r read.
	titles titleMemo
}

// ReadFile is the package's ReadFile, reusing what r kept.
func (r *Reader) ReadFile(path string, opts Options) (res FileResult) {
	opts = opts.withDefaults()
	opts.titles = &r.titles
	res.File = path
	defer func() {
		if r := recover(); r != nil {
			res.Submissions, res.Warnings, res.Layout = nil, nil, 0
			res.Refusals = []Problem{{Location: Location{File: path}, Kind: KindUnreadable, Message: msgf(opts.Lang, KindUnreadable)}}
		}
	}()

	// A regular file is opened and its open file stated (sheet.OpenRegular:
	// one lookup of its path); anything else is looked at by its path
	// first, as it always was, and refused or followed from there.
	var info os.FileInfo
	opened, ok := sheet.OpenRegular(path)
	if ok {
		defer opened.Close()
		info = opened.Info()
	} else {
		var err error
		if info, err = os.Stat(path); err != nil {
			return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, err))
		}
		if info.IsDir() {
			return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, errIsDir))
		}
		if !info.Mode().IsRegular() {
			// A named pipe or a device: opening or reading it could block
			// forever, and no survey arrives that way.
			return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, errNotRegular))
		}
	}
	res.Size, res.ModTime = info.Size(), info.ModTime()
	if r.large != nil && info.Size() >= LargeFile {
		r.large.Lock()
		defer r.large.Unlock()
	}
	if info.Size() >= streamMinBytes {
		// A consolidated table in a large CSV or workbook is read row
		// by row into facts (stream.go), by its path; anything else goes
		// the ordinary way.
		if opened != nil {
			// The stream opens the file again; a file it does not take
			// is then read by its path, as any other.
			opened.Close()
			opened = nil
		}
		if r, ok := readStreamed(res, opts); ok {
			return r
		}
	}

	// The file is read once: its bytes are hashed and parsed, so that the
	// hash is that of the very content interpreted (into r's buffer, kept
	// for the next file: nothing read from it outlives this call). A file over the size
	// limit is not read into memory, only hashed as a stream: a copy of it
	// must still count once.
	var wb *sheet.Workbook
	var data []byte
	var err error
	if opened != nil {
		data, err = r.sheets.LoadOpened(opened, path, opts.Limits)
	} else {
		data, err = r.sheets.LoadStat(path, info, opts.Limits)
	}
	if err == nil {
		sum := sha256.Sum256(data)
		res.Hash, res.Size = hex.EncodeToString(sum[:]), int64(len(data))
		wb, err = r.sheets.ReadBytes(path, data, opts.Limits)
	} else {
		hash, herr := HashFile(path)
		if herr != nil {
			return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, herr))
		}
		res.Hash = hash
	}
	if err != nil {
		var se *sheet.Error
		if errors.As(err, &se) {
			res.Refusals = []Problem{sheetProblem(path, opts.Lang, se)}
			return res
		}
		// sheet.ReadBytes promises *sheet.Error; anything else is the file
		// not being readable.
		return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, err))
	}
	out := Interpret(wb, path, opts)
	out.Hash, out.Size, out.ModTime = res.Hash, res.Size, res.ModTime
	return out
}

// sheetProblem is the refusal of a file the reader could not read.
func sheetProblem(path, lang string, se *sheet.Error) Problem {
	p := Problem{Location: Location{File: path, Sheet: se.Sheet}, Kind: sheetKind(se.Kind)}
	if se.Row > 0 && se.Col > 0 {
		// Errors inside a worksheet name it; a CSV file has none.
		if se.Sheet != "" {
			p.Cell = sheet.CellRef(se.Row, se.Col)
		} else {
			p.Cell = csvCell(lang, se.Row, se.Col)
		}
	}
	p.Message = msgf(lang, p.Kind)
	return p
}

var (
	errIsDir      = errors.New("is a directory")
	errNotRegular = errors.New("not a regular file")
)

func refused(res FileResult, lang, kind string, args ...any) FileResult {
	res.Refusals = []Problem{{Location: Location{File: res.File}, Kind: kind, Message: msgf(lang, kind, args...)}}
	return res
}

// reason words why a path cannot be opened, for KindCannotOpen.
func reason(lang string, err error) string {
	key := "open.error"
	switch {
	case errors.Is(err, os.ErrNotExist):
		key = "open.not-found"
	case errors.Is(err, os.ErrPermission):
		key = "open.permission"
	case errors.Is(err, errIsDir):
		key = "open.folder"
	case errors.Is(err, errNotRegular):
		key = "open.not-regular"
	}
	return texts.Lang(lang).T(key)
}

// sheetKind maps a reader's error kind to the kind of refusal.
func sheetKind(k sheet.ErrorKind) string {
	switch k {
	case sheet.ErrEmpty:
		return KindEmptyFile
	case sheet.ErrDamaged:
		return KindDamaged
	case sheet.ErrNotSpreadsheet:
		return KindNotSpreadsheet
	case sheet.ErrLegacyXLS:
		return KindLegacyXLS
	case sheet.ErrODS:
		return KindODS
	case sheet.ErrEncrypted:
		return KindEncrypted
	case sheet.ErrTooLarge:
		return KindTooLarge
	case sheet.ErrCellTooLong:
		return KindCellTooLong
	}
	return KindUnreadable
}

// HashFile returns the SHA-256 of the file at path in hex: a file's
// identity wherever a run, the inbox or the portal compares files. The
// inbox and the portal call it, so that a file is the same file to all.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
