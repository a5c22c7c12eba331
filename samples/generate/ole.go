package main

import (
	"encoding/binary"
	"unicode/utf16"
)

// legacyXLS returns an Excel 97-2003 file as such files are built: an OLE
// compound document (version 3, 512-byte sectors) holding one "Workbook"
// stream that starts with a BIFF8 beginning-of-file record. It carries no
// cell: it only has to be recognised as a legacy .xls, and refused with
// the advice to save it as .xlsx.
func legacyXLS() []byte {
	const (
		sector     = 512
		freeSect   = 0xFFFFFFFF
		endOfChain = 0xFFFFFFFE
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
		streamSize = 4096 // at the mini-stream cutoff: stored in regular sectors
		first      = 2    // sector 0 is the FAT, sector 1 the directory
	)
	nStream := streamSize / sector
	out := make([]byte, sector*(1+first+nStream))
	le := binary.LittleEndian
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x003E) // minor version
	le.PutUint16(h[26:], 0x0003) // major version 3
	le.PutUint16(h[28:], 0xFFFE) // little-endian
	le.PutUint16(h[30:], 9)      // 2^9-byte sectors
	le.PutUint16(h[32:], 6)      // 2^6-byte mini sectors
	le.PutUint32(h[44:], 1)      // one FAT sector
	le.PutUint32(h[48:], 1)      // directory at sector 1
	le.PutUint32(h[56:], streamSize)
	le.PutUint32(h[60:], endOfChain) // no mini FAT
	le.PutUint32(h[68:], endOfChain) // no DIFAT sector
	le.PutUint32(h[76:], 0)          // the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(h[76+4*i:], freeSect)
	}
	sec := func(n int) []byte { return out[sector*(n+1) : sector*(n+2)] }

	fat := sec(0)
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], freeSect)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	for i := 0; i < nStream; i++ {
		next := uint32(first + i + 1)
		if i == nStream-1 {
			next = endOfChain
		}
		le.PutUint32(fat[4*(first+i):], next)
	}

	dir := sec(1)
	entry := func(i int, name string, typ byte, child, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		}
		e[66], e[67] = typ, 1 // type, black
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	entry(0, "Root Entry", 5, 1, endOfChain, 0)
	entry(1, "Workbook", 2, noStream, first, streamSize)
	entry(2, "", 0, noStream, 0, 0)
	entry(3, "", 0, noStream, 0, 0)

	// BIFF8 BOF: record 0x0809, 16 bytes: BIFF8, workbook globals, build 2012.
	wb := sec(first)
	le.PutUint16(wb[0:], 0x0809)
	le.PutUint16(wb[2:], 16)
	le.PutUint16(wb[4:], 0x0600)
	le.PutUint16(wb[6:], 0x0005)
	le.PutUint16(wb[8:], 0x2012)
	le.PutUint16(wb[10:], 0x07CC)
	return out
}
