package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"

	"c2isurvey/ingest/settings"
)

// TestPackSameAsFpdf: a document written by output (drawn uncompressed,
// deflated by packPDF) is the document fpdf writes when it compresses
// itself but for the deflated bytes: inflated, both are the document fpdf
// writes uncompressed, byte for byte. The public and quality reports in
// both languages, one with a paletted logo (its palette is a stream fpdf
// compresses) and one with a true-colour logo (its soft mask is not one).
// Should fpdf change how it lays a document out, this test says so before
// a report does.
func TestPackSameAsFpdf(t *testing.T) {
	paletted := image.NewPaletted(image.Rect(0, 0, 40, 20), color.Palette{color.White, color.RGBA{0, 0, 145, 255}, color.RGBA{225, 0, 15, 255}})
	rgba := image.NewNRGBA(image.Rect(0, 0, 30, 30))
	for x := range 40 {
		for y := range 30 {
			paletted.SetColorIndex(x, y, uint8((x/13+y)%3))
			rgba.Set(x, y, color.NRGBA{uint8(x * 8), uint8(y * 8), 90, uint8(100 + x*3)})
		}
	}
	logos := map[string][]byte{"none": nil, "paletted": encodePNG(t, paletted), "rgba": encodePNG(t, rgba)}
	draws := map[string]func(in Input, year int) (*pdfDoc, error){
		"public":  func(in Input, year int) (*pdfDoc, error) { return drawPDF(t.Context(), in, year, nil) },
		"quality": func(in Input, year int) (*pdfDoc, error) { return drawQualityPDF(t.Context(), in, year) },
	}
	for _, lang := range []string{"fr", "en"} {
		for logoName, logo := range logos {
			in := testInput(t, lang)
			set := settings.Default()
			set.Logo = logo
			in.Settings = set
			for kind, draw := range draws {
				for _, year := range []int{2006, 2012} {
					name := strings.Join([]string{lang, logoName, kind, YearLabel(year)}, "/")
					// fpdf's document uncompressed, compressed, and
					// packed by output.
					var docs [3]bytes.Buffer
					for i := range docs {
						d, err := draw(in, year)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if i == 1 {
							d.f.SetCompression(true)
						}
						if i == 2 {
							err = d.output(&docs[i])
						} else {
							err = d.f.Output(&docs[i])
						}
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
					}
					plain := docs[0].Bytes()
					for i, what := range []string{"", "fpdf's compressed", "packed"} {
						if i == 0 {
							continue
						}
						got := inflatePDF(t, docs[i].Bytes())
						if !bytes.Equal(got, plain) {
							t.Errorf("%s: %s inflated %d bytes, uncompressed %d, first difference at %d", name, what, len(got), len(plain), firstDiff(got, plain))
						}
					}
					if docs[2].Len() >= len(plain) {
						t.Errorf("%s: packed %d bytes, no less than uncompressed %d", name, docs[2].Len(), len(plain))
					}
					if logoName == "paletted" && kind == "public" && !bytes.Contains(plain, []byte("/Indexed /DeviceRGB")) {
						t.Errorf("%s: no paletted image in the document: the test does not test its palette", name)
					}
				}
			}
		}
	}
}

// inflatePDF is packPDF undone by the standard library's inflater: doc,
// a document fpdf compressed or packPDF packed, with each stream packPDF
// deflates written back as fpdf writes it uncompressed.
func inflatePDF(t *testing.T, doc []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	err := rewriteStreams(&out, doc, "<</Filter /FlateDecode /Length ", func(out *bytes.Buffer, n int, data []byte) error {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Length %d>>\nstream\n", n, len(plain))
		out.Write(plain)
		out.WriteString("\nendstream\nendobj\n")
		return nil
	})
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out.Bytes()
}

// TestPackRefusesOtherLayouts: a document packPDF does not recognise is an
// error, never written half packed.
func TestPackRefusesOtherLayouts(t *testing.T) {
	d := newPDFDoc(t.Context(), "fr", 2012, nil)
	d.f.AddPage()
	d.font("", 10)
	d.f.CellFormat(40, 5, "Bonjour", "", 1, "L", false, 0, "")
	var doc bytes.Buffer
	if err := d.f.Output(&doc); err != nil {
		t.Fatal(err)
	}
	good := doc.Bytes()
	if err := packPDF(&bytes.Buffer{}, good); err != nil {
		t.Fatalf("the document itself: %v", err)
	}
	for name, damage := range map[string]func([]byte) []byte{
		"no startxref": func(b []byte) []byte { return bytes.Replace(b, []byte("startxref"), []byte("startXref"), 1) },
		"moved table": func(b []byte) []byte {
			return bytes.Replace(b, []byte("\nxref\n"), []byte("\n xref\n"), 1)
		},
		"stream length": func(b []byte) []byte {
			i := bytes.Index(b, []byte("<</Length "))
			return append(append(b[:i:i], "<</Length 9"...), b[i+len("<</Length "):]...)
		},
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
	} {
		bad := damage(bytes.Clone(good))
		var out bytes.Buffer
		if err := packPDF(&out, bad); !errors.Is(err, errPack) {
			t.Errorf("%s: %v, want errPack", name, err)
		}
		if out.Len() != 0 {
			t.Errorf("%s: %d bytes written", name, out.Len())
		}
	}
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// BenchmarkPackPDF packs the 2011-2012 quality report of benchInput, drawn
// once: 86 pages of tables for the 5,000 generated forms.
func BenchmarkPackPDF(b *testing.B) {
	in := benchInput(b, "fr")
	d, err := drawQualityPDF(b.Context(), in, 2012)
	if err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	if err := d.f.Output(&doc); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(doc.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := packPDF(io.Discard, doc.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
