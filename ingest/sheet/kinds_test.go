package sheet

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileKinds checks that each kind of file that is not a readable
// workbook gets the kind of refusal that tells the user what to do, and a
// detail saying what the file is. ErrEmpty is only for a workbook or a text
// that truly holds nothing.
func TestFileKinds(t *testing.T) {
	tests := []struct {
		dir    string
		want   ErrorKind
		detail string
	}{
		{"docx", ErrNotSpreadsheet, "a Word document (.docx)"},
		{"docx-with-relationships", ErrNotSpreadsheet, "a Word document (.docx)"},
		{"pptx", ErrNotSpreadsheet, "a PowerPoint presentation (.pptx)"},
		{"ole-not-workbook", ErrNotSpreadsheet, "a Word 97-2003 document (.doc)"},
		{"ppt", ErrNotSpreadsheet, "a PowerPoint 97-2003 presentation (.ppt)"},
		{"odt", ErrNotSpreadsheet, "an OpenDocument text document (.odt)"},
		{"odp", ErrNotSpreadsheet, "an OpenDocument presentation (.odp)"},
		{"ods", ErrODS, "an OpenDocument spreadsheet (.ods)"},
		{"legacy-xls", ErrLegacyXLS, "an Excel 97-2003 workbook (.xls)"},
		{"encrypted", ErrEncrypted, "password-protected"},
		{"xlsb", ErrUnreadable, "an Excel binary workbook (.xlsb)"},
		{"excel-2003-xml", ErrUnreadable, "an Excel 2003 XML spreadsheet"},
		{"jar", ErrNotSpreadsheet, "a Java archive (.jar)"},
		{"epub", ErrNotSpreadsheet, "an EPUB e-book"},
		{"zip-other-files", ErrNotSpreadsheet, "a zip archive of other files, not an Excel workbook (enquete/lisez-moi.txt, enquete/photo.jpg)"},
		{"zip-empty", ErrNotSpreadsheet, "an empty zip archive"},
		{"zip-only-folders", ErrNotSpreadsheet, "a zip archive holding only folders"},
		{"zip-encrypted-other", ErrNotSpreadsheet, "a password-protected zip archive, not a workbook"},
		{"pdf", ErrNotSpreadsheet, "a PDF document"},
		{"png", ErrNotSpreadsheet, "a PNG image"},
		{"html", ErrNotSpreadsheet, "an HTML page"},
		{"xml-other", ErrNotSpreadsheet, "an XML document"},
		{"random", ErrNotSpreadsheet, "binary data"},
		{"empty", ErrEmpty, "zero bytes"},
		{"csv-blank", ErrEmpty, "holds no value"},
		{"xlsx-no-cell", ErrEmpty, "no cell with a value"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			inputs, _ := filepath.Glob(filepath.Join("testdata", tt.dir, "input.*"))
			if len(inputs) != 1 {
				t.Fatalf("no single input in testdata/%s: %v", tt.dir, inputs)
			}
			_, err := Read(inputs[0], DefaultLimits())
			var se *Error
			if !errors.As(err, &se) || se.Kind != tt.want || !strings.Contains(se.Detail, tt.detail) {
				t.Errorf("error %v; want kind %s with %q", err, tt.want, tt.detail)
			}
		})
	}
}
