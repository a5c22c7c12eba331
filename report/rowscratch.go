package report

import (
	"fmt"
	"io"
	"os"
)

// rowsScratch holds the rows of a streamed table (tableRows) from the
// moment they are written to the moment they are spliced into their sheet.
// A table expected to be small (rowsInMemoryBytes) is held in memory the
// platform maps outside the Go heap (scratchMemory; on unix): its rows
// cost no system call, where a scratch file took one write a 64 KB buffer
// and the kernel's copies both ways (for 5,000 forms, 27 MB of rows: 2 to
// 3 % of the publication's CPU, measured); and, outside the heap, they do not raise the
// collector's goal (a heap may grow to five times what is live,
// memlimit.go), which rows held in the heap did (docs/performance.md, "The
// data sheet's rows"). A larger table, a table that outgrows its memory,
// and every table where no such memory is to be had go to a scratch file
// as before.
type rowsScratch struct {
	mem  []byte // the memory mapped for the rows, nil once on file
	n    int    // bytes of mem written
	file *os.File
	size int64 // bytes written to file
}

// rowsInMemoryBytes bounds the rows a table may hold in memory: the
// public workbook's data sheet of 5,000 forms is about 27 MB; at 15,000
// forms and more the outputs are drawn one at a time and the rows go to a
// file, as they do for 60,000 forms, whose peak must stay under 300 MiB.
const rowsInMemoryBytes = 48 << 20

// rowBytesEstimate is what a row of cols cells is taken to weigh when
// choosing between memory and file: 64 bytes a cell, about what the data
// sheet's cells take (a reference, a style, an inline string).
func rowBytesEstimate(cols int) int64 { return 64 * int64(cols) }

// newRowsScratch returns a scratch for rows expected to weigh about
// expect bytes.
func newRowsScratch(expect int64) (*rowsScratch, error) {
	s := &rowsScratch{}
	if expect > 0 && expect <= rowsInMemoryBytes {
		// Room for twice the estimate, within the bound: the pages not
		// written are never touched.
		s.mem = scratchMemory(int(min(2*expect, rowsInMemoryBytes)))
	}
	if s.mem == nil {
		if err := s.toFile(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// toFile moves the rows written so far to a scratch file, which takes the
// rest.
func (s *rowsScratch) toFile() error {
	f, err := os.CreateTemp("", "c2isurvey-rows-*.xml")
	if err != nil {
		return err
	}
	s.file = f
	if s.mem != nil {
		n, err := f.Write(s.mem[:s.n])
		s.size += int64(n)
		freeScratchMemory(s.mem)
		s.mem, s.n = nil, 0
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *rowsScratch) Write(p []byte) (int, error) {
	if s.file == nil {
		if s.n+len(p) <= len(s.mem) {
			s.n += copy(s.mem[s.n:], p)
			return len(p), nil
		}
		if err := s.toFile(); err != nil {
			return 0, err
		}
	}
	n, err := s.file.Write(p)
	s.size += int64(n)
	return n, err
}

// len is the number of bytes written.
func (s *rowsScratch) len() int64 {
	if s.file == nil {
		return int64(s.n)
	}
	return s.size
}

// writeTo writes the rows written to w.
func (s *rowsScratch) writeTo(w io.Writer) error {
	if s.file == nil {
		_, err := w.Write(s.mem[:s.n])
		return err
	}
	n, err := io.CopyBuffer(w, io.NewSectionReader(s.file, 0, s.size), make([]byte, 256<<10))
	if err != nil {
		return err
	}
	if n != s.size {
		return fmt.Errorf("%d bytes read of %d", n, s.size)
	}
	return nil
}

// release gives the memory back, or closes and removes the file.
func (s *rowsScratch) release() {
	if s.mem != nil {
		freeScratchMemory(s.mem)
		s.mem, s.n = nil, 0
	}
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
}
