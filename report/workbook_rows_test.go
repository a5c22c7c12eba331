package report

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteWorkbook writes the public workbook of the forms in the
// folder named by C2I_BENCH_FORMS (the 5,000 generated forms of
// docs/bench.sh), or of the samples when it is not set.
func BenchmarkWriteWorkbook(b *testing.B) {
	dir := os.Getenv("C2I_BENCH_FORMS")
	if dir == "" {
		dir = filepath.Join("..", "samples")
	}
	in := folderInput(b, dir, "fr")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteWorkbook(b.Context(), io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
