package sheet

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// classifyOLE says what an OLE compound file (the container of Office
// 97-2003 documents, and of every password-protected Office document) is,
// always as a refusal: none of them can be read here.
//
// An encrypted .xlsx is an OLE file holding an EncryptionInfo stream and the
// encrypted zip in EncryptedPackage ([MS-OFFCRYPTO]); a legacy .xls holds a
// Workbook (BIFF8) or Book (BIFF5) stream. An encrypted legacy .xls is still
// a legacy .xls first: saving it as .xlsx is what the user must do anyway,
// and the password question comes after.
func classifyOLE(data []byte) error {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("an Office 97-2003 (OLE) container that cannot be read: %v", err)}
	}
	var encrypted, workbook, word, powerpoint bool
	var names []string
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("an Office 97-2003 (OLE) container that cannot be read: %v", err)}
		}
		// Only top-level streams count: an embedded object may carry
		// streams of the same names inside a storage.
		if len(f.Path) != 0 {
			continue
		}
		names = append(names, f.Name)
		switch f.Name {
		case "EncryptionInfo", "EncryptedPackage":
			encrypted = true
		case "Workbook", "Book":
			workbook = true
		case "WordDocument":
			word = true
		case "PowerPoint Document":
			powerpoint = true
		}
	}
	switch {
	case workbook:
		return &Error{Kind: ErrLegacyXLS, Detail: "an Excel 97-2003 workbook (.xls)"}
	case encrypted:
		return &Error{Kind: ErrEncrypted, Detail: "a password-protected (encrypted) Office document"}
	case word:
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a Word 97-2003 document (.doc)"}
	case powerpoint:
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a PowerPoint 97-2003 presentation (.ppt)"}
	default:
		return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("an Office 97-2003 (OLE) document that is not a workbook (streams: %s)", strings.Join(names, ", "))}
	}
}
