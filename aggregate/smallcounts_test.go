package aggregate

import "testing"

func TestSmallCountsStatus(t *testing.T) {
	def := DefaultSmallCounts()
	cases := []struct {
		sc         SmallCounts
		students   int64
		want       RateStatus
		fragile    bool
		suppressed bool
	}{
		{def, 0, RateNone, true, false},
		{def, 1, RateSuppressed, true, true},
		{def, 9, RateSuppressed, true, true},
		{def, 10, RateFragile, true, false},
		{def, 29, RateFragile, true, false},
		{def, 30, RateShown, false, false},
		{def, 26338, RateShown, false, false},
		{SmallCounts{}, 1, RateShown, false, false},
		{SmallCounts{Fragile: 50, Suppress: 5}, 5, RateFragile, true, false},
		{SmallCounts{Fragile: 50, Suppress: 5}, 4, RateSuppressed, true, true},
	}
	for _, c := range cases {
		if got := c.sc.Status(c.students); got != c.want {
			t.Errorf("%+v.Status(%d) = %d, want %d", c.sc, c.students, got, c.want)
		}
		if got := c.sc.IsFragile(c.students); got != c.fragile {
			t.Errorf("%+v.IsFragile(%d) = %v, want %v", c.sc, c.students, got, c.fragile)
		}
		if got := c.sc.IsSuppressed(c.students); got != c.suppressed {
			t.Errorf("%+v.IsSuppressed(%d) = %v, want %v", c.sc, c.students, got, c.suppressed)
		}
	}
}

func TestSmallCountsValidate(t *testing.T) {
	cases := []struct {
		sc SmallCounts
		ok bool
	}{
		{DefaultSmallCounts(), true},
		{SmallCounts{}, true},
		{SmallCounts{Fragile: 10, Suppress: 10}, true},
		{SmallCounts{Fragile: 10, Suppress: 11}, false},
		{SmallCounts{Fragile: -1, Suppress: 0}, false},
		{SmallCounts{Fragile: 5, Suppress: -1}, false},
	}
	for _, c := range cases {
		if err := c.sc.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v.Validate() = %v, want ok %v", c.sc, err, c.ok)
		}
	}
	if d := DefaultSmallCounts(); d.Fragile != 30 || d.Suppress != 10 {
		t.Errorf("defaults %+v, want fragile 30, suppress 10 (issue 7)", d)
	}
}
