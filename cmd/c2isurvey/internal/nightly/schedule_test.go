package nightly

import (
	"testing"
	"time"
)

// TestScheduleOnceOnClockChanges walks the schedule across the nights
// Europe/Paris changes clocks (29 March and 25 October 2026, between 02:00
// and 03:00) and wants exactly one run per night, for times inside and
// around the changing hour.
func TestScheduleOnceOnClockChanges(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	for _, spec := range []string{"30 3 * * *", "30 2 * * *", "0 2 * * *", "59 2 * * *", "0 3 * * *", "30 1 * * *", "0 30 2 * * *"} {
		for _, night := range []time.Time{
			time.Date(2026, 3, 27, 12, 0, 0, 0, paris),
			time.Date(2026, 10, 23, 12, 0, 0, 0, paris),
		} {
			s, err := ParseSchedule(spec, paris)
			if err != nil {
				t.Fatal(err)
			}
			perDay := map[string]int{}
			var runs []time.Time
			for cur := night; ; {
				next := s.Next(cur)
				if !next.After(cur) {
					t.Fatalf("%s: Next(%v) = %v, not after", spec, cur, next)
				}
				if next.After(night.Add(4 * 24 * time.Hour)) {
					break
				}
				perDay[next.In(paris).Format("2006-01-02")]++
				runs = append(runs, next)
				cur = next
			}
			if len(perDay) != 4 {
				t.Errorf("%s from %s: runs on %d days, want 4: %v", spec, night.Format("2006-01-02"), len(perDay), runs)
			}
			for day, n := range perDay {
				if n != 1 {
					t.Errorf("%s: %d runs on %s, want 1: %v", spec, n, day, runs)
				}
			}
		}
	}
}

func TestScheduleParse(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	from := time.Date(2026, 11, 29, 10, 0, 0, 0, paris)
	cases := []struct {
		spec string
		want time.Time // zero: the spec is refused
	}{
		{"30 3 * * *", time.Date(2026, 11, 30, 3, 30, 0, 0, paris)},
		{"15 30 3 * * *", time.Date(2026, 11, 30, 3, 30, 15, 0, paris)},
		{"* * * * *", time.Date(2026, 11, 29, 10, 1, 0, 0, paris)},
		{"@daily", time.Date(2026, 11, 30, 0, 0, 0, 0, paris)},
		{"@every 90s", from.Add(90 * time.Second)},
		{"CRON_TZ=UTC 30 3 * * *", time.Time{}},
		{"61 3 * * *", time.Time{}},
		{"nonsense", time.Time{}},
	}
	for _, c := range cases {
		s, err := ParseSchedule(c.spec, paris)
		if c.want.IsZero() {
			if err == nil {
				t.Errorf("ParseSchedule(%q) accepted", c.spec)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", c.spec, err)
			continue
		}
		if got := s.Next(from); !got.Equal(c.want) {
			t.Errorf("%q: Next = %v, want %v", c.spec, got, c.want)
		}
	}
}
