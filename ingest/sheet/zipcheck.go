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
func checkEntryNames(data []byte, zr *zip.Reader) error {
	seen := make(map[string]string, len(zr.File))
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder entry holds nothing to read
		}
		k := partKey(f.Name)
		if prev, dup := seen[k]; dup {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("two zip entries have the name %q (%q and %q): programs disagree on which one holds the data", k, prev, f.Name)}
		}
		seen[k] = f.Name
	}
	return checkLocalNames(data)
}

const (
	sigEOCD    = 0x06054b50
	sigCentral = 0x02014b50
	sigLocal   = 0x04034b50
	eocdLen    = 22
)

// checkLocalNames walks the central directory from the end-of-central-
// directory record and compares each entry's name with that of its local
// header. A zip64 archive (the fields of the record at their maximum) is
// left to archive/zip: a survey never needs one.
func checkLocalNames(data []byte) error {
	le := binary.LittleEndian
	end := findEOCD(data)
	if end < 0 {
		return nil // archive/zip found one; an archive it accepts is not second-guessed here
	}
	total := int(le.Uint16(data[end+10:]))
	cdSize := int64(le.Uint32(data[end+12:]))
	cdOff := int64(le.Uint32(data[end+16:]))
	if total == 0xFFFF || cdSize == 0xFFFFFFFF || cdOff == 0xFFFFFFFF {
		return nil
	}
	// Data before the archive (a self-extracting stub) shifts every
	// offset, as archive/zip allows.
	base := int64(end) - cdSize - cdOff
	if base < 0 {
		return &Error{Kind: ErrDamaged, Detail: "the zip central directory lies outside the file"}
	}
	p := base + cdOff
	for i := range total {
		if p+46 > int64(len(data)) || le.Uint32(data[p:]) != sigCentral {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip central directory entry %d is missing or damaged", i+1)}
		}
		n, x, c := int64(le.Uint16(data[p+28:])), int64(le.Uint16(data[p+30:])), int64(le.Uint16(data[p+32:]))
		local := base + int64(le.Uint32(data[p+42:]))
		if p+46+n > int64(len(data)) {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip central directory entry %d is truncated", i+1)}
		}
		name := data[p+46 : p+46+n]
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
		p += 46 + n + x + c
	}
	return nil
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
