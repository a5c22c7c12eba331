package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
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
func checkEntryNames(data []byte, zr *zip.Reader, keys []string) error {
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
	return checkLocalNames(data)
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

// centralDirectory finds the first central directory header as
// archive/zip does (zip64 included, and the offset of data prepended to the
// archive), or returns ok false when there is none to find.
func centralDirectory(data []byte) (start, base int64, ok bool) {
	le := binary.LittleEndian
	end := findEOCD(data)
	if end < 0 {
		return 0, 0, false
	}
	dirEnd := int64(end)
	cdSize := int64(le.Uint32(data[end+12:]))
	cdOff := int64(le.Uint32(data[end+16:]))
	if le.Uint16(data[end+10:]) == 0xFFFF || cdSize == 0xFFFFFFFF || cdOff == 0xFFFFFFFF {
		// zip64: the locator just before the record points to the zip64
		// end of central directory, which holds the real figures.
		loc := end - 20
		if loc >= 0 && le.Uint32(data[loc:]) == sigLocator64 {
			off := le.Uint64(data[loc+8:])
			if off <= uint64(len(data)) && uint64(len(data))-off >= 56 && le.Uint32(data[off:]) == sigEOCD64 {
				dirEnd = int64(off)
				cdSize, cdOff = int64(le.Uint64(data[off+40:])), int64(le.Uint64(data[off+48:]))
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
	if base > 0 && isCentral(data, cdOff) {
		base = 0
	}
	if !isCentral(data, base+cdOff) {
		return 0, 0, false
	}
	return base + cdOff, base, true
}

func isCentral(data []byte, p int64) bool {
	return p >= 0 && p+46 <= int64(len(data)) && binary.LittleEndian.Uint32(data[p:]) == sigCentral
}

// walkCentral calls f for each central directory header, in order, as
// archive/zip reads them: from the first one to the first thing that is not
// one (whatever count the end record claims: archive/zip only compares its
// low 16 bits). local is the offset of the entry's local header, or -1 when
// it is in a zip64 extra field. It allocates nothing.
func walkCentral(data []byte, f func(name []byte, local int64) error) error {
	le := binary.LittleEndian
	p, base, ok := centralDirectory(data)
	if !ok {
		return nil // archive/zip will say what is wrong
	}
	for isCentral(data, p) {
		n, x, c := int64(le.Uint16(data[p+28:])), int64(le.Uint16(data[p+30:])), int64(le.Uint16(data[p+32:]))
		if p+46+n > int64(len(data)) {
			return &Error{Kind: ErrDamaged, Detail: "the zip central directory is truncated"}
		}
		local := int64(-1) // in a zip64 extra field
		if off := le.Uint32(data[p+42:]); off != 0xFFFFFFFF {
			local = base + int64(off)
		}
		if err := f(data[p+46:p+46+n], local); err != nil {
			return err
		}
		p += 46 + n + x + c
	}
	return nil
}

// checkEntryCount refuses an archive of more than maxZipEntries entries
// before archive/zip builds a record for each.
func checkEntryCount(data []byte) error {
	n := 0
	return walkCentral(data, func([]byte, int64) error {
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
func checkLocalNames(data []byte) error {
	le := binary.LittleEndian
	return walkCentral(data, func(name []byte, local int64) error {
		if local < 0 {
			return nil
		}
		if local+30 > int64(len(data)) || le.Uint32(data[local:]) != sigLocal {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q: its local header is missing or damaged", name)}
		}
		ln := int64(le.Uint16(data[local+26:]))
		if local+30+ln > int64(len(data)) {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q: its local header is truncated", name)}
		}
		if lname := data[local+30 : local+30+ln]; !bytes.Equal(lname, name) {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q is named %q in its local header: programs disagree on its name", name, lname)}
		}
		return nil
	})
}

// findEOCD returns the offset of the end-of-central-directory record, the
// last signature whose comment length fits the file, or -1.
func findEOCD(data []byte) int {
	lo := max(0, len(data)-eocdLen-0xFFFF)
	for i := len(data) - eocdLen; i >= lo; i-- {
		if binary.LittleEndian.Uint32(data[i:]) == sigEOCD && i+eocdLen+int(binary.LittleEndian.Uint16(data[i+20:])) <= len(data) {
			return i
		}
	}
	return -1
}
