package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/maphash"
	"io"
	"slices"

	"github.com/klauspost/compress/flate"
)

// The entries of a workbook are inflated with klauspost/compress's flate
// rather than compress/flate: it inflates the same streams to the same
// bytes, with the same errors (its CorruptInputError is compress/flate's),
// in less time, and inflating is the largest part of reading a form
// (docs/performance.md). It is registered on each zip.Reader
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
//
// Most entries of a batch of forms are the same bytes from file to file:
// the theme, the styles, the relationships, the document properties of a
// template filled in by each institution (four fifths of the bytes the sample
// forms inflate, six sevenths of a generated form's). Inflating is a
// function of the compressed bytes alone, so the Reader remembers what a
// few compressed streams seen more than once inflated to (the memo), and
// gives those bytes again when exactly the same compressed bytes come back,
// instead of inflating them again. archive/zip's checksumReader reads
// them as it reads any inflater's output: every entry's CRC-32 and length
// are still computed over its bytes and checked against its headers, a
// damaged entry is refused as before, and one whose compressed bytes differ
// by a bit is inflated.

// inflaters hands out the inflaters of the archive being read.
type inflaters struct {
	// archive is the ReaderAt the zip.Reader reads, over data: an
	// entry's section of it is read from data directly.
	archive *bytes.Reader
	data    []byte
	free    []*inflater
	// dcomp is the method value given to RegisterDecompressor, made once.
	dcomp zip.Decompressor

	// The memo: what some compressed streams inflate to, and the
	// fingerprints of the streams seen lately, by which a stream is kept
	// the second time it is seen (a sheet's cells, different in each
	// file, are inflated without a copy being kept).
	seed  maphash.Seed
	memo  []memoEntry
	seen  [memoSeen]uint64
	nseen int
	bytes int // held by memo
	tick  uint64
	// size is the declared size of the entry being opened (open), -1
	// when not known: only an entry declared small enough for the memo
	// has its output kept.
	size int64
}

// Bounds of the memo: streams of up to memoMaxOut bytes inflated (a
// theme, the styles of a workbook), memoMaxBytes in all with their
// compressed bytes, memoEntries of them.
const (
	memoEntries  = 16
	memoMaxOut   = 256 << 10
	memoMaxBytes = 1 << 20
	memoSeen     = 32
)

// memoEntry is one compressed stream and what it inflates to. Its slices
// are never written once made: an inflater may still be giving them when
// the entry is replaced.
type memoEntry struct {
	sum  uint64
	comp []byte
	out  []byte
	crc  uint32 // out's CRC-32 (IEEE), for known
	hits uint64
	used uint64 // tick of the last hit or of its making
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

	// replay, when not nil, is the output of the memo given instead of
	// inflating (from rpos on).
	replay []byte
	rpos   int
	// comp and sum are the entry's compressed bytes and fingerprint when
	// its output is being kept (capture) for the memo.
	comp    []byte
	sum     uint64
	capture bool
	out     []byte
}

var errInflaterClosed = errors.New("read of a closed zip entry")

// reset sets the archive whose entries are inflated next.
func (x *inflaters) reset(archive *bytes.Reader, data []byte) {
	x.archive, x.data, x.size = archive, data, -1
	if x.dcomp == nil {
		x.dcomp = x.decompressor
		x.seed = maphash.MakeSeed()
	}
}

// open opens entry f of the archive, through archive/zip's File.Open
// (that alone for a nil x).
func (x *inflaters) open(f *zip.File) (io.ReadCloser, error) {
	if x == nil {
		return f.Open()
	}
	x.size = -1
	if f.UncompressedSize64 <= memoMaxOut {
		x.size = int64(f.UncompressedSize64)
	}
	rc, err := f.Open()
	x.size = -1
	return rc, err
}

// decompressor is the zip.Decompressor of an archive's deflated entries.
func (x *inflaters) decompressor(r io.Reader) io.ReadCloser {
	var inf *inflater
	if n := len(x.free); n > 0 {
		inf, x.free = x.free[n-1], x.free[:n-1]
	} else {
		inf = &inflater{owner: x}
	}
	inf.open = true
	src, comp := inf.source(r)
	if comp != nil && len(comp) <= memoMaxOut {
		sum := maphash.Bytes(x.seed, comp)
		if out, ok := x.recall(sum, comp); ok {
			inf.replay, inf.rpos = out, 0
			return inf
		}
		if x.size >= 0 && x.seenBefore(sum) {
			inf.capture, inf.comp, inf.sum = true, comp, sum
			inf.out = slices.Grow(inf.out[:0], int(x.size))
		}
	}
	if inf.fr == nil {
		inf.fr = flate.NewReader(src)
	} else if err := inf.fr.(flate.Resetter).Reset(src, nil); err != nil {
		// Reset returns no error for a reader without a dictionary;
		// should it one day, a new reader.
		inf.fr = flate.NewReader(src)
	}
	return inf
}

// source returns what the entry's compressed bytes are read from: the
// bytes themselves when r is a section of the archive (what archive/zip
// passes), read from its start, and comp those bytes; else r behind a
// buffer, and comp nil.
func (inf *inflater) source(r io.Reader) (src flate.Reader, comp []byte) {
	x := inf.owner
	if sr, ok := r.(*io.SectionReader); ok && x.archive != nil {
		outer, off, n := sr.Outer()
		if ra, ok := outer.(*bytes.Reader); ok && ra == x.archive && off >= 0 && n >= 0 {
			if pos, err := sr.Seek(0, io.SeekCurrent); err == nil && pos == 0 {
				// As the section reads: up to n bytes from off, fewer
				// where the archive ends.
				start := min(off, int64(len(x.data)))
				end := start + min(n, int64(len(x.data))-start)
				comp = x.data[start:end:end]
				inf.in.Reset(comp)
				return &inf.in, comp
			}
		}
	}
	if inf.br == nil {
		inf.br = bufio.NewReader(r)
	} else {
		inf.br.Reset(r)
	}
	return inf.br, nil
}

// recall returns what comp inflates to if the memo has it.
func (x *inflaters) recall(sum uint64, comp []byte) ([]byte, bool) {
	if e := x.find(sum, comp); e != nil {
		x.hit(e)
		return e.out, true
	}
	return nil, false
}

// hit notes a use of memo entry e, by which the memo keeps it.
func (x *inflaters) hit(e *memoEntry) {
	x.tick++
	e.hits++
	e.used = x.tick
}

// descriptorHolds says whether d starts with a data descriptor giving
// crc, read as archive/zip's readDataDescriptor reads one: its signature
// optional, then the CRC-32 (the sizes after it are not read).
func descriptorHolds(d []byte, crc uint32) bool {
	const signature = 0x08074b50
	if len(d) >= 4 && binary.LittleEndian.Uint32(d) == signature {
		d = d[4:]
		return len(d) >= 12 && binary.LittleEndian.Uint32(d) == crc
	}
	return len(d) >= 12 && binary.LittleEndian.Uint32(d) == crc
}

// find returns the memo entry of comp, nil when there is none.
func (x *inflaters) find(sum uint64, comp []byte) *memoEntry {
	for i := range x.memo {
		if e := &x.memo[i]; e.sum == sum && bytes.Equal(e.comp, comp) {
			return e
		}
	}
	return nil
}

// known returns what entry f of the archive inflates to, when the memo
// holds its compressed bytes and its headers declare the size and the
// CRC-32 of that output: the entry is then exactly an entry inflated and
// checked before (the same compressed bytes inflate to the same bytes),
// and its checksum and length hold as archive/zip would find them, without
// opening it (a local header read, some objects and a CRC pass over the
// memo's copy: 46 of the 208 allocations of a generated form, whose
// template's parts repeat from file to file). A data descriptor after the entry (Go's zip writer, excelize's,
// writes one for every entry) is checked as archive/zip checks it: its
// CRC-32 must be the central directory's. Any other entry, and any doubt
// (an encrypted entry, a CRC of 0 that archive/zip would not check, a
// local header archive/zip would refuse, bytes outside the archive), goes
// the ordinary way.
func (x *inflaters) known(f *zip.File) ([]byte, bool) {
	const descriptor = 0x8
	if x == nil || len(x.memo) == 0 || x.archive == nil || f.Method != zip.Deflate || f.Flags&0x1 != 0 ||
		f.CRC32 == 0 && f.Flags&descriptor == 0 || f.CompressedSize64 > memoMaxOut || f.UncompressedSize64 > memoMaxOut {
		return nil, false
	}
	off, err := f.DataOffset() // the local header, checked as Open checks it
	if err != nil || off < 0 || off > int64(len(x.data)) || f.CompressedSize64 > uint64(int64(len(x.data))-off) {
		return nil, false
	}
	end := off + int64(f.CompressedSize64)
	comp := x.data[off:end]
	if f.Flags&descriptor != 0 && !descriptorHolds(x.data[end:], f.CRC32) {
		return nil, false
	}
	e := x.find(maphash.Bytes(x.seed, comp), comp)
	if e == nil || uint64(len(e.out)) != f.UncompressedSize64 || e.crc != f.CRC32 {
		return nil, false
	}
	x.hit(e)
	return e.out, true
}

// seenBefore says whether a stream of fingerprint sum was among the last
// memoSeen streams not in the memo, and notes it. Two streams of one
// fingerprint cost a copy kept for nothing, never a wrong output: the
// memo compares the bytes.
func (x *inflaters) seenBefore(sum uint64) bool {
	for _, s := range x.seen[:min(x.nseen, memoSeen)] {
		if s == sum {
			return true
		}
	}
	x.seen[x.nseen%memoSeen] = sum
	x.nseen++
	return false
}

// remember keeps what comp inflated to, out (the inflater's buffer,
// copied), in place of the entry hit least and longest ago when the memo
// is full.
func (x *inflaters) remember(sum uint64, comp, out []byte) {
	size := len(comp) + len(out)
	if size > memoMaxBytes {
		return
	}
	if _, ok := x.recall(sum, comp); ok {
		return
	}
	for len(x.memo) > 0 && (len(x.memo) >= memoEntries || x.bytes+size > memoMaxBytes) {
		worst := 0
		for i, e := range x.memo {
			if w := x.memo[worst]; e.hits < w.hits || e.hits == w.hits && e.used < w.used {
				worst = i
			}
		}
		x.bytes -= len(x.memo[worst].comp) + len(x.memo[worst].out)
		x.memo[worst] = x.memo[len(x.memo)-1]
		x.memo = x.memo[:len(x.memo)-1]
	}
	// One allocation for both: the entry's slices are never written
	// after this.
	buf := make([]byte, size)
	copy(buf, comp)
	copy(buf[len(comp):], out)
	x.tick++
	out = buf[len(comp):]
	x.memo = append(x.memo, memoEntry{sum: sum, comp: buf[:len(comp):len(comp)], out: out, crc: crc32.ChecksumIEEE(out), used: x.tick})
	x.bytes += size
}

func (inf *inflater) Read(p []byte) (int, error) {
	if !inf.open {
		return 0, errInflaterClosed
	}
	if inf.replay != nil {
		if inf.rpos >= len(inf.replay) {
			return 0, io.EOF
		}
		n := copy(p, inf.replay[inf.rpos:])
		inf.rpos += n
		return n, nil
	}
	n, err := inf.fr.Read(p)
	if inf.capture {
		if len(inf.out)+n > memoMaxOut {
			inf.capture = false
		} else {
			inf.out = append(inf.out, p[:n]...)
		}
		// Kept only when the stream ended as a stream should: an error,
		// or a reader that stops before the end, leaves nothing.
		if err == io.EOF && inf.capture {
			inf.capture = false
			inf.owner.remember(inf.sum, inf.comp, inf.out)
		} else if err != nil {
			inf.capture = false
		}
	}
	return n, err
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
	var err error
	if inf.replay == nil {
		err = inf.fr.Close()
	}
	inf.replay, inf.rpos = nil, 0
	inf.capture, inf.comp = false, nil
	if cap(inf.out) > memoMaxOut {
		inf.out = nil
	}
	inf.in.Reset(nil)
	if inf.br != nil {
		inf.br.Reset(nil)
	}
	if x := inf.owner; len(x.free) < maxFreeInflaters {
		x.free = append(x.free, inf)
	}
	return err
}
