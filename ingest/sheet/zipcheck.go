package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// checkEntryNames refuses a zip whose entries different programs would read
// differently. archive/zip, like this reader, reads the names of the
// central directory at the end of the file; Python's zipfile (openpyxl,
// pandas) and others look at the local header before each entry's data as
// well, and keep the last of two entries of one name where this reader
// would keep the first. A file that reads one way here and another way
// elsewhere cannot be trusted either way: two entries whose names are the
// same once normalised as parts are looked up (partKey), or a local header
// naming its entry differently from the central directory, make the file
// damaged.
//
// keys, when not nil, are the entries' keys, in order.
func checkEntryNames(v zipView, zr *zip.Reader, keys []string) error {
	seen := make(map[string]string, len(zr.File))
	for i, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder entry holds nothing to read
		}
		var k string
		if i < len(keys) {
			k = keys[i]
		} else {
			k = partKey(f.Name)
		}
		if prev, dup := seen[k]; dup {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("two zip entries have the name %q (%q and %q): programs disagree on which one holds the data", k, prev, f.Name)}
		}
		seen[k] = f.Name
	}
	return checkLocalNames(v)
}

const (
	sigEOCD      = 0x06054b50
	sigEOCD64    = 0x06064b50
	sigLocator64 = 0x07064b50
	sigCentral   = 0x02014b50
	sigLocal     = 0x04034b50
	eocdLen      = 22
	// maxZipEntries: a workbook has tens of parts (a few per sheet, up to
	// maxSheets sheets); archive/zip builds a record for every entry before
	// anything can be checked, 550,000 empty entries in 58 MB costing
	// 430 MB.
	maxZipEntries = 10_000
)

// zipView is the bytes of an archive as these checks read them: in memory
// (data), or in a file read where needed (ra), so that a workbook streamed
// row by row (StreamXLSX) is checked without being loaded. The file's last
// bytes, where the end records and the central directory of any workbook
// are, are read once.
type zipView struct {
	data    []byte // the archive, when in memory
	ra      io.ReaderAt
	size    int64
	tail    []byte // the file's bytes from tailOff to its end
	tailOff int64
}

// tailBytes is how much of a file's end fileView reads at once: the end
// record with its longest comment, and the central directory of a
// workbook of hundreds of parts.
const tailBytes = 256 << 10

func memView(data []byte) zipView { return zipView{data: data, size: int64(len(data))} }

// fileView is the view of an archive of size bytes read through ra.
func fileView(ra io.ReaderAt, size int64) (zipView, error) {
	v := zipView{ra: ra, size: size, tailOff: max(0, size-tailBytes)}
	v.tail = make([]byte, size-v.tailOff)
	if _, err := ra.ReadAt(v.tail, v.tailOff); err != nil && err != io.EOF {
		return zipView{}, err
	}
	return v, nil
}

// at returns the n bytes at off, or nil when they are not all in the
// archive (or cannot be read).
func (v zipView) at(off, n int64) []byte {
	if off < 0 || n < 0 || off > v.size || n > v.size-off {
		return nil
	}
	if v.ra == nil {
		return v.data[off : off+n : off+n]
	}
	if off >= v.tailOff {
		return v.tail[off-v.tailOff : off-v.tailOff+n]
	}
	b := make([]byte, n)
	if _, err := v.ra.ReadAt(b, off); err != nil {
		return nil
	}
	return b
}

// centralDirectory finds the first central directory header as
// archive/zip does (zip64 included, and the offset of data prepended to the
// archive), or returns ok false when there is none to find.
func centralDirectory(v zipView) (start, base int64, ok bool) {
	le := binary.LittleEndian
	end := findEOCD(v)
	if end < 0 {
		return 0, 0, false
	}
	eocd := v.at(end, eocdLen)
	dirEnd := end
	cdSize := int64(le.Uint32(eocd[12:]))
	cdOff := int64(le.Uint32(eocd[16:]))
	if le.Uint16(eocd[10:]) == 0xFFFF || cdSize == 0xFFFFFFFF || cdOff == 0xFFFFFFFF {
		// zip64: the locator just before the record points to the zip64
		// end of central directory, which holds the real figures.
		if loc := v.at(end-20, 20); loc != nil && le.Uint32(loc) == sigLocator64 {
			off := le.Uint64(loc[8:])
			if off <= uint64(v.size) {
				if rec := v.at(int64(off), 56); rec != nil && le.Uint32(rec) == sigEOCD64 {
					dirEnd = int64(off)
					cdSize, cdOff = int64(le.Uint64(rec[40:])), int64(le.Uint64(rec[48:]))
				}
			}
		}
	}
	if cdSize < 0 || cdOff < 0 {
		return 0, 0, false
	}
	base = dirEnd - cdSize - cdOff
	if base < 0 {
		base = 0
	}
	// As archive/zip: an end record that gives a wrong base is ignored
	// when a directory header is found without it.
	if base > 0 && isCentral(v, cdOff) {
		base = 0
	}
	if !isCentral(v, base+cdOff) {
		return 0, 0, false
	}
	return base + cdOff, base, true
}

func isCentral(v zipView, p int64) bool {
	h := v.at(p, 4)
	return h != nil && v.at(p, 46) != nil && binary.LittleEndian.Uint32(h) == sigCentral
}

// walkCentral calls f for each central directory header, in order, as
// archive/zip reads them: from the first one to the first thing that is not
// one (whatever count the end record claims: archive/zip only compares its
// low 16 bits). local is the offset of the entry's local header, or -1 when
// it is in a zip64 extra field. It allocates nothing for an archive in
// memory.
func walkCentral(v zipView, f func(name []byte, local int64) error) error {
	le := binary.LittleEndian
	p, base, ok := centralDirectory(v)
	if !ok {
		return nil // archive/zip will say what is wrong
	}
	for {
		h := v.at(p, 46)
		if h == nil || le.Uint32(h) != sigCentral {
			return nil
		}
		n, x, c := int64(le.Uint16(h[28:])), int64(le.Uint16(h[30:])), int64(le.Uint16(h[32:]))
		name := v.at(p+46, n)
		if name == nil {
			return &Error{Kind: ErrDamaged, Detail: "the zip central directory is truncated"}
		}
		local := int64(-1) // in a zip64 extra field
		if off := le.Uint32(h[42:]); off != 0xFFFFFFFF {
			local = base + int64(off)
		}
		if err := f(name, local); err != nil {
			return err
		}
		p += 46 + n + x + c
	}
}

// checkEntryCount refuses an archive of more than maxZipEntries entries
// before archive/zip builds a record for each.
func checkEntryCount(v zipView) error {
	n := 0
	return walkCentral(v, func([]byte, int64) error {
		if n++; n > maxZipEntries {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the zip archive holds more than %d entries; a workbook has tens", maxZipEntries)}
		}
		return nil
	})
}

// checkLocalNames compares each entry's name in the central directory with
// that of its local header. (A zip64 local header, whose offset is in an
// extra field, is left to archive/zip: the walk stops being checkable
// there, and archive/zip checks the header's signature itself.)
func checkLocalNames(v zipView) error {
	le := binary.LittleEndian
	return walkCentral(v, func(name []byte, local int64) error {
		if local < 0 {
			return nil
		}
		h := v.at(local, 30)
		if h == nil || le.Uint32(h) != sigLocal {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q: its local header is missing or damaged", name)}
		}
		ln := int64(le.Uint16(h[26:]))
		lname := v.at(local+30, ln)
		if lname == nil {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q: its local header is truncated", name)}
		}
		if !bytes.Equal(lname, name) {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q is named %q in its local header: programs disagree on its name", name, lname)}
		}
		return nil
	})
}

// findEOCD returns the offset of the end-of-central-directory record, the
// last signature whose comment length fits the file, or -1.
func findEOCD(v zipView) int64 {
	lo := max(0, v.size-eocdLen-0xFFFF)
	data := v.at(lo, v.size-lo)
	for i := len(data) - eocdLen; i >= 0; i-- {
		if binary.LittleEndian.Uint32(data[i:]) == sigEOCD && i+eocdLen+int(binary.LittleEndian.Uint16(data[i+20:])) <= len(data) {
			return lo + int64(i)
		}
	}
	return -1
}
