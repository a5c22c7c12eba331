package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/klauspost/compress/flate"
)

// The entries of a workbook are inflated with klauspost/compress's flate
// rather than compress/flate: it inflates the same streams to the same
// bytes, with the same errors (its CorruptInputError is compress/flate's),
// in about half the time, and inflating is the largest part of reading a
// form (docs/performance.md). It is registered on each zip.Reader
// (RegisterDecompressor), never package-wide, so archive/zip still wraps
// every entry in its checksumReader: the CRC-32 and the length of each entry
// are checked as before, whichever inflater produced the bytes.
//
// The inflaters are kept by the Reader that reads the files, one after the
// other: an inflater holds a 32 KiB window and its Huffman tables, which
// making for every entry of every file would cost more than a form's
// parsing. The input of an entry is read straight from the archive's bytes
// (a bytes.Reader over the entry's compressed bytes, which the inflater
// reads a byte at a time without a bufio.Reader in front of it).

// inflaters hands out the inflaters of the archive being read.
type inflaters struct {
	// archive is the ReaderAt the zip.Reader reads, over data: an
	// entry's section of it is read from data directly.
	archive *bytes.Reader
	data    []byte
	free    []*inflater
	// dcomp is the method value given to RegisterDecompressor, made once.
	dcomp zip.Decompressor
}

// maxFreeInflaters bounds the inflaters kept: parts are read one at a
// time (verify closes each entry before opening the next), so one is in
// use at once, two when a large part is streamed while another is open.
const maxFreeInflaters = 4

// inflater is one entry's deflate reader; Close gives it back.
type inflater struct {
	owner *inflaters
	in    bytes.Reader  // the entry's compressed bytes
	br    *bufio.Reader // for an input that is not a section of the archive
	fr    io.ReadCloser // a klauspost flate reader, a flate.Resetter
	open  bool
}

var errInflaterClosed = errors.New("read of a closed zip entry")

// reset sets the archive whose entries are inflated next.
func (x *inflaters) reset(archive *bytes.Reader, data []byte) {
	x.archive, x.data = archive, data
	if x.dcomp == nil {
		x.dcomp = x.decompressor
	}
}

// decompressor is the zip.Decompressor of an archive's deflated entries.
func (x *inflaters) decompressor(r io.Reader) io.ReadCloser {
	var inf *inflater
	if n := len(x.free); n > 0 {
		inf, x.free = x.free[n-1], x.free[:n-1]
	} else {
		inf = &inflater{owner: x}
	}
	src := inf.source(r)
	if inf.fr == nil {
		inf.fr = flate.NewReader(src)
	} else if err := inf.fr.(flate.Resetter).Reset(src, nil); err != nil {
		// Reset returns no error for a reader without a dictionary;
		// should it one day, a new reader.
		inf.fr = flate.NewReader(src)
	}
	inf.open = true
	return inf
}

// source returns what the entry's compressed bytes are read from: the
// bytes themselves when r is a section of the archive (what archive/zip
// passes), read from its start; else r behind a buffer.
func (inf *inflater) source(r io.Reader) flate.Reader {
	x := inf.owner
	if sr, ok := r.(*io.SectionReader); ok && x.archive != nil {
		outer, off, n := sr.Outer()
		if ra, ok := outer.(*bytes.Reader); ok && ra == x.archive && off >= 0 && n >= 0 {
			if pos, err := sr.Seek(0, io.SeekCurrent); err == nil && pos == 0 {
				// As the section reads: up to n bytes from off, fewer
				// where the archive ends.
				start := min(off, int64(len(x.data)))
				end := start + min(n, int64(len(x.data))-start)
				inf.in.Reset(x.data[start:end])
				return &inf.in
			}
		}
	}
	if inf.br == nil {
		inf.br = bufio.NewReader(r)
	} else {
		inf.br.Reset(r)
	}
	return inf.br
}

func (inf *inflater) Read(p []byte) (int, error) {
	if !inf.open {
		return 0, errInflaterClosed
	}
	return inf.fr.Read(p)
}

// Close gives the inflater back for the next entry. Each entry is closed
// once (archive/zip's checksumReader forwards its Close, and the reader
// closes every entry it opens once): a second Close of an entry would be
// that of whichever entry has the inflater by then.
func (inf *inflater) Close() error {
	if !inf.open {
		return nil
	}
	inf.open = false
	err := inf.fr.Close()
	inf.in.Reset(nil)
	if inf.br != nil {
		inf.br.Reset(nil)
	}
	if x := inf.owner; len(x.free) < maxFreeInflaters {
		x.free = append(x.free, inf)
	}
	return err
}
