package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// normalizeZip rewrites a workbook's zip container so that its bytes depend
// on its content only: entries in name order ("[Content_Types].xml" sorts
// first, where readers expect it), each stamped with the given time.
// excelize leaves the zip time fields at zero, which tools show as a
// nonsense date, writes its streamed sheets in map order, which is not
// stable when a workbook has more than one, and lists the image content
// types of [Content_Types].xml in map order (see sortContentTypes).
func normalizeZip(data []byte, stamp time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("normalise zip: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		if err := copyZipEntry(zw, f, stamp); err != nil {
			return nil, fmt.Errorf("normalise zip: %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("normalise zip: %w", err)
	}
	return out.Bytes(), nil
}

func copyZipEntry(zw *zip.Writer, f *zip.File, stamp time.Time) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	// Reading to the end checks the entry's checksum.
	content, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	if f.Name == contentTypesPart {
		if content, err = sortContentTypes(content); err != nil {
			return err
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: stamp})
	if err != nil {
		return err
	}
	_, err = w.Write(content)
	return err
}

const contentTypesPart = "[Content_Types].xml"

// contentTypes is the package's [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name              `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []contentTypeDefault  `xml:"Default"`
	Overrides []contentTypeOverride `xml:"Override"`
}

type contentTypeDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type contentTypeOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

// sortContentTypes puts the Default entries of [Content_Types].xml (one per
// file extension) in extension order. The order carries no meaning, and
// excelize fills them from a map when a drawing is added, so that it changes
// from one run to the next. Overrides are kept in the order written, which
// is the order parts were created.
func sortContentTypes(data []byte) ([]byte, error) {
	var ct contentTypes
	if err := xml.Unmarshal(data, &ct); err != nil {
		return nil, fmt.Errorf("read content types: %w", err)
	}
	slices.SortStableFunc(ct.Defaults, func(a, b contentTypeDefault) int {
		return strings.Compare(a.Extension, b.Extension)
	})
	out, err := xml.Marshal(&ct)
	if err != nil {
		return nil, fmt.Errorf("write content types: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}
