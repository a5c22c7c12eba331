package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"
)

// The PDFs are drawn by fpdf without compression and deflated here, each
// stream fpdf would have deflated, at fpdf's level, into fpdf's layout: the
// document fpdf writes when it compresses, but for the deflated bytes
// (TestPackSameAsFpdf inflates both and compares). fpdf makes a new zlib
// writer for every page, about 1.2 MB to allocate and clear: some 530 of
// them, half the memory the outputs of 5,000 forms allocate and a tenth of
// their time. packPDF uses one writer for a whole document, and
// klauspost/compress's deflater, which takes some 28% less time than the
// standard library's at that level for streams 1-2% smaller (ingest
// inflates the forms with klauspost's inflater).
//
// It depends on how fpdf lays a document out, which its tests pin: objects
// written as "N 0 obj\n…endobj\n" at the offsets of a classic cross-reference
// table, a page object starting "<</Type /Page\n" and naming its content
// stream "/Contents N 0 R", an indexed image naming its palette in
// "/ColorSpace [/Indexed /DeviceRGB K N 0 R]", and those streams written
// uncompressed as "<</Length L>>\nstream\n…\nendstream\nendobj\n". Anything
// else is an error, never a document written half packed.

// errPack says the document is not laid out as packPDF expects.
var errPack = errors.New("PDF layout not recognised")

// packPDF writes doc, a document fpdf wrote with compression off, to w
// with its page contents and palettes deflated as fpdf would have.
func packPDF(w io.Writer, doc []byte) error {
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed) // fpdf's level
	if err != nil {
		return err
	}
	return rewriteStreams(w, doc, "<</Length ", func(out *bytes.Buffer, n int, data []byte) error {
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n, z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
		return nil
	})
}

// rewriteStreams writes doc to w with each stream fpdf compresses (see
// streamRefs) written by rewrite from its data, and the cross-reference
// table rewritten to the objects' new offsets. Each such stream must be
// written "N 0 obj\n" + dict + "L>>\nstream\n", L bytes of data, then
// "\nendstream\nendobj\n", where dict is "<</Length " in a document fpdf
// wrote uncompressed and "<</Filter /FlateDecode /Length " in one it
// compressed.
func rewriteStreams(w io.Writer, doc []byte, dict string, rewrite func(out *bytes.Buffer, n int, data []byte) error) error {
	offsets, xref, trailer, err := pdfXref(doc)
	if err != nil {
		return err
	}
	// The objects in the order of their bytes (fpdf writes the page tree,
	// object 1, after the pages), each to the next or to the table.
	order := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	span := func(i int) []byte {
		end := xref
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		return doc[offsets[order[i]]:end]
	}
	streams := map[int]bool{}
	for i, n := range order {
		for _, m := range streamRefs(span(i)) {
			if m <= 0 || m >= len(offsets) {
				return fmt.Errorf("%w: object %d names object %d", errPack, n, m)
			}
			streams[m] = true
		}
	}

	var out bytes.Buffer
	out.Grow(len(doc) / 2)
	// The header before the first object.
	if len(order) > 0 {
		out.Write(doc[:offsets[order[0]]])
	}
	newOffsets := make([]int, len(offsets))
	for i, n := range order {
		obj := span(i)
		newOffsets[n] = out.Len()
		if !streams[n] {
			out.Write(obj)
			continue
		}
		head := []byte(strconv.Itoa(n) + " 0 obj\n" + dict)
		rest, ok := bytes.CutPrefix(obj, head)
		if !ok {
			return fmt.Errorf("%w: object %d is not a plain stream", errPack, n)
		}
		lenText, rest, ok := bytes.Cut(rest, []byte(">>\nstream\n"))
		length, err := strconv.Atoi(string(lenText))
		if !ok || err != nil || length < 0 || length > len(rest) {
			return fmt.Errorf("%w: object %d has no length", errPack, n)
		}
		data, tail := rest[:length], rest[length:]
		if string(tail) != "\nendstream\nendobj\n" {
			return fmt.Errorf("%w: object %d does not end its stream", errPack, n)
		}
		if err := rewrite(&out, n, data); err != nil {
			return fmt.Errorf("object %d: %w", n, err)
		}
	}

	// The cross-reference table with the new offsets, then the trailer as
	// it was, then where the table now starts.
	newXref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for n := 1; n < len(offsets); n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOffsets[n])
	}
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXref)
	_, err = out.WriteTo(w)
	return err
}

// pdfXref reads fpdf's cross-reference table: the offset of each object
// by its number (offsets[0] unused), the table's own offset and the
// trailer that follows it, up to startxref.
func pdfXref(doc []byte) (offsets []int, xref int, trailer []byte, err error) {
	i := bytes.LastIndex(doc, []byte("startxref\n"))
	if i < 0 {
		return nil, 0, nil, fmt.Errorf("%w: no startxref", errPack)
	}
	num, _, _ := bytes.Cut(doc[i+len("startxref\n"):], []byte("\n"))
	xref, err = strconv.Atoi(string(num))
	if err != nil || xref < 0 || xref >= i {
		return nil, 0, nil, fmt.Errorf("%w: startxref %q", errPack, num)
	}
	table := doc[xref:i]
	rest, ok := bytes.CutPrefix(table, []byte("xref\n0 "))
	if !ok {
		return nil, 0, nil, fmt.Errorf("%w: no xref at %d", errPack, xref)
	}
	num, rest, _ = bytes.Cut(rest, []byte("\n"))
	size, err := strconv.Atoi(string(num))
	if err != nil || size < 1 || len(rest) < 20*size {
		return nil, 0, nil, fmt.Errorf("%w: xref size %q", errPack, num)
	}
	offsets = make([]int, size)
	for n := 1; n < size; n++ {
		e := rest[20*n : 20*n+20]
		if string(e[10:]) != " 00000 n \n" {
			return nil, 0, nil, fmt.Errorf("%w: xref entry %d", errPack, n)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= xref || !bytes.HasPrefix(doc[off:], []byte(strconv.Itoa(n)+" 0 obj\n")) {
			return nil, 0, nil, fmt.Errorf("%w: object %d not at %d", errPack, n, off)
		}
		offsets[n] = off
	}
	return offsets, xref, rest[20*size:], nil
}

// streamRefs returns the objects an object names as streams fpdf
// compresses: a page's content, an indexed image's palette.
func streamRefs(obj []byte) []int {
	_, body, _ := bytes.Cut(obj, []byte(" 0 obj\n"))
	// Only the dictionary: a stream's data may hold anything.
	body, _, _ = bytes.Cut(body, []byte("\nstream\n"))
	var refs []int
	ref := func(after []byte, words int) {
		// after is followed by words-1 numbers, then "N 0 R".
		i := bytes.Index(body, after)
		if i < 0 {
			return
		}
		f := bytes.Fields(body[i+len(after):])
		if len(f) < words+2 || string(f[words]) != "0" || !bytes.HasPrefix(f[words+1], []byte("R")) {
			refs = append(refs, -1)
			return
		}
		n, err := strconv.Atoi(string(f[words-1]))
		if err != nil {
			n = -1
		}
		refs = append(refs, n)
	}
	if bytes.HasPrefix(body, []byte("<</Type /Page\n")) {
		ref([]byte("\n/Contents "), 1)
	}
	if bytes.Contains(body, []byte("\n/Subtype /Image\n")) {
		ref([]byte("/ColorSpace [/Indexed /DeviceRGB "), 2)
	}
	return refs
}
