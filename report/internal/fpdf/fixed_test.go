// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md).

package fpdf

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixed compares appendFixed with strconv's 'f' format at every
// precision fpdf uses and beyond, on numbers of every kind: halves at each
// precision (where rounding goes to even), decimals that binary cannot
// hold (1.005), page coordinates, integers, tiny and huge numbers, signed
// zeros, NaN and infinities, and 300,000 random ones.
func TestAppendFixed(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 1.115,
		0.045, 0.0005, 0.00049999, 841.89, 595.28, 28.35, 1e-7, -1e-7, 5e-324, math.SmallestNonzeroFloat64,
		1 << 39, 1<<40 - 1, 1 << 40, 1e12, 1e300, -1e300, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1),
		0.49999999999999994, 999999.9995, 123456.1234565, 0.0049999999999999999, 0.015, 0.025, 0.035}
	for p := 0; p <= 6; p++ {
		scale := math.Pow(10, float64(p))
		for k := -2000; k <= 2000; k++ {
			values = append(values, (float64(k)+0.5)/scale, float64(k)/scale, float64(k)/(8*scale))
		}
	}
	rnd := rand.New(rand.NewPCG(7, 11))
	for range 300_000 {
		switch rnd.IntN(4) {
		case 0:
			values = append(values, (rnd.Float64()-0.5)*2000)
		case 1:
			values = append(values, math.Float64frombits(rnd.Uint64()))
		case 2:
			values = append(values, float64(rnd.IntN(1_000_000))/1000+float64(rnd.IntN(3))*0.0005)
		default:
			values = append(values, (rnd.Float64()-0.5)*math.Pow(2, float64(rnd.IntN(90)-45)))
		}
	}
	for _, v := range values {
		for _, p := range []int{-1, 0, 1, 2, 3, 4, 5, 6, 7, 12} {
			got := string(appendFixed([]byte("x"), v, p))
			want := "x" + strconv.FormatFloat(v, 'f', p, 64)
			if got != want {
				t.Fatalf("appendFixed(%v (%#x), %d) = %q, strconv gives %q", v, math.Float64bits(v), p, got, want)
			}
		}
	}
}

func BenchmarkAppendFixed(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = appendFixed(buf[:0], float64(i%60000)*0.0137+12.5, 2)
	}
}

func BenchmarkAppendFloat(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = strconv.AppendFloat(buf[:0], float64(i%60000)*0.0137+12.5, 'f', 2, 64)
	}
}

// TestReplaceShorter compares replaceShorter with bytes.ReplaceAll.
func TestReplaceShorter(t *testing.T) {
	for _, c := range []struct{ s, old, repl string }{
		{"", "{nb}", "12"}, {"{nb}", "{nb}", "12"}, {"page 1 / {nb}", "{nb}", "86"}, {"{nb}{nb}x{nb}", "{nb}", ""},
		{"a{nb", "{nb}", "1"}, {"{n{nb}b}", "{nb}", "7"}, {"no alias here", "{nb}", "3"}, {"aaaa", "aa", "b"},
		{"\x00{\x00n\x00b\x00}", "\x00{\x00n\x00b\x00}", "\x001\x002"}, {"xyz", "xyz", "xyz"},
	} {
		want := string(bytes.ReplaceAll([]byte(c.s), []byte(c.old), []byte(c.repl)))
		if got := string(replaceShorter([]byte(c.s), c.old, c.repl)); got != want {
			t.Errorf("replaceShorter(%q, %q, %q) = %q, want %q", c.s, c.old, c.repl, got, want)
		}
	}
}
