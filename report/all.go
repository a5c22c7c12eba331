package report

import (
	"fmt"
	"path/filepath"
)

// WorkbookName is the file name of the Excel workbook in an output folder.
const WorkbookName = "c2i2e.xlsx"

// WriteAll writes every output into dir (which must exist): the CSV tables,
// the workbook and one PDF per academic year. It returns the paths written,
// in a stable order.
func WriteAll(dir string, in Input) ([]string, error) {
	if err := WriteCSVs(dir, in); err != nil {
		return nil, fmt.Errorf("write tables: %w", err)
	}
	written := []string{
		filepath.Join(dir, "national.csv"),
		filepath.Join(dir, "tracks.csv"),
		filepath.Join(dir, "rejections.csv"),
	}
	wb := filepath.Join(dir, WorkbookName)
	if err := WriteWorkbookFile(wb, in); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	written = append(written, wb)
	pdfs, err := WritePDFs(dir, in)
	if err != nil {
		return nil, fmt.Errorf("write PDF reports: %w", err)
	}
	return append(written, pdfs...), nil
}
