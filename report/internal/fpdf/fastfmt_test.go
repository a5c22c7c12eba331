// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md). It
// runs in c2isurvey's CI (.ci/run), from this folder.

package fpdf

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAppendFormat compares appendFormat with fmt.Sprintf: the same bytes
// whenever it formats, and a refusal for what it does not format.
func TestAppendFormat(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.005, 0.015, 0.025, 1.005, 2.675, -2.675, 0.125, 0.375,
		1e-9, -1e-9, 123456.789, 1e21, 1e300, -1e300, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), 841.89, 595.28, 28.35 * 7.5}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		floats = append(floats, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(12)-4)))
	}
	for _, v := range floats {
		for _, f := range []string{"%.2f", "%.3f", "%.0f", "%.5f", "%.9f"} {
			check(t, f, v)
		}
	}
	check(t, "%.2f %.2f %.2f %.2f re %s ", 1.0, 2.5, -3.25, 4.125, "f")
	check(t, "BT %.2f %.2f Td (%s)Tj ET", 12.3456, 700.004, `a\(b\)`)
	check(t, "%s %d 0 R 100%% %.3f", "x", 42, 1.0/3)
	check(t, "%d", -7)
	check(t, "")
	check(t, "no verbs")
	// What appendFormat leaves to fmt, and gives back dst untouched.
	for _, tc := range []struct {
		format string
		args   []any
	}{
		{"%.2f", []any{1}},          // an int for %f
		{"%.2f", []any{float32(1)}}, // a float32
		{"%5.2f", []any{1.0}},       // a width
		{"%.12f", []any{1.0}},       // two digits of precision
		{"%f", []any{1.0}},          // no precision
		{"%s", []any{[]byte("x")}},  // bytes for %s
		{"%d", []any{int64(1)}},     // an int64
		{"%v", []any{1}},            // another verb
		{"%s %s", []any{"a"}},       // too few arguments
		{"%s", []any{"a", "b"}},     // too many
		{"trailing %", nil},         // a lone %
		{"%.", []any{1.0}},          // cut short
		{"%.2", []any{1.0}},
	} {
		got, ok := appendFormat([]byte("keep"), tc.format, tc.args)
		if ok || string(got) != "keep" {
			t.Errorf("appendFormat(%q, %v) = %q, %v; want it left to fmt", tc.format, tc.args, got, ok)
		}
	}
}

func check(t *testing.T, format string, args ...any) {
	t.Helper()
	want := fmt.Sprintf(format, args...)
	got, ok := appendFormat([]byte("pre "), format, args)
	if !ok || string(got) != "pre "+want {
		t.Errorf("appendFormat(%q, %v) = %q, %v; fmt.Sprintf gives %q", format, args, got, ok, want)
	}
}
