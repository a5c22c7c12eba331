package sheet

import (
	"math"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCellRef(t *testing.T) {
	for _, tc := range []struct {
		row, col int
		want     string
	}{
		{1, 1, "A1"}, {12, 26, "Z12"}, {3, 27, "AA3"}, {9, 52, "AZ9"}, {1, 53, "BA1"},
		{1_048_576, 16_384, "XFD1048576"}, {7, 0, "7"}, {7, -3, "7"}, {-2, 1, "A-2"}, {0, 702, "ZZ0"}, {1, 703, "AAA1"},
		{math.MaxInt, math.MaxInt, "CRPXNLSKVLJFHG9223372036854775807"},
	} {
		if got := CellRef(tc.row, tc.col); got != tc.want {
			t.Errorf("CellRef(%d, %d) = %q, want %q", tc.row, tc.col, got, tc.want)
		}
	}
	// Every column Excel has, as excelize names it.
	for col := 1; col <= 16_384; col++ {
		want, err := excelize.CoordinatesToCellName(col, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := CellRef(5, col); got != want {
			t.Fatalf("CellRef(5, %d) = %q, excelize says %q", col, got, want)
		}
		if got := ColName(col); got+"5" != want {
			t.Fatalf("ColName(%d) = %q, excelize says %q", col, got, want)
		}
	}
}
