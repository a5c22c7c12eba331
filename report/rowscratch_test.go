package report

import (
	"bytes"
	"os"
	"testing"
)

// TestRowsScratch writes rows in pieces to a scratch held in memory, one
// that outgrows its memory (moved to a file halfway, nothing lost), and
// one expected too large for memory, and wants each to give back exactly
// what was written, and to leave no file behind once released.
func TestRowsScratch(t *testing.T) {
	piece := []byte(`<row r="7"><c r="A7" t="inlineStr"><is><t>Établissement</t></is></c></row>`)
	// Where the platform maps no memory (not unix), every scratch is a file.
	mapped := scratchMemory(4096)
	if mapped != nil {
		freeScratchMemory(mapped)
	}
	for _, tc := range []struct {
		name   string
		expect int64
		pieces int
		file   bool // whether the rows end on file
	}{
		{"in memory", 1 << 20, 1000, false},
		{"outgrowing its memory", 1 << 10, 1000, true},
		{"too large for memory", rowsInMemoryBytes + 1, 10, true},
		{"nothing expected", 0, 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := newRowsScratch(tc.expect)
			if err != nil {
				t.Fatal(err)
			}
			defer s.release()
			var want bytes.Buffer
			for i := range tc.pieces {
				p := piece[:len(piece)-i%7] // pieces of several sizes
				want.Write(p)
				if n, err := s.Write(p); n != len(p) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if s.len() != int64(want.Len()) {
				t.Errorf("len = %d, want %d", s.len(), want.Len())
			}
			if onFile, want := s.file != nil, tc.file || mapped == nil; onFile != want {
				t.Errorf("on file: %v, want %v", onFile, want)
			}
			var got bytes.Buffer
			if err := s.writeTo(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("writeTo gave %d bytes, want the %d written", got.Len(), want.Len())
			}
			var name string
			if s.file != nil {
				name = s.file.Name()
			}
			s.release()
			if name != "" {
				if _, err := os.Stat(name); !os.IsNotExist(err) {
					t.Errorf("scratch file %s left after release: %v", name, err)
				}
			}
			if s.mem != nil || s.file != nil {
				t.Error("release kept the memory or the file")
			}
		})
	}
}
