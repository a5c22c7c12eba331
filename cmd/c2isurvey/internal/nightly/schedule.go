package nightly

import (
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a cron schedule read on the wall clock of a time zone, so
// that a nightly run happens once on the nights clocks change. robfig/cron
// evaluates its fields on real instants: a job at 02:30 Europe/Paris is
// skipped the night clocks go forward (02:30 does not exist) and one at 02:30
// runs twice the night they go back (02:30 happens twice). Here the spec is
// evaluated on wall-clock fields, then placed in the zone: a time in the
// spring gap runs at the same distance after the gap (02:30 → 03:30), a time
// in the autumn overlap runs at its first occurrence only.
type Schedule struct {
	spec cron.Schedule // evaluated in UTC, where no clock ever changes
	loc  *time.Location
	text string // the spec as given, for the journal
}

var _ cron.Schedule = Schedule{}

// ScheduleError says why a schedule is refused; the command line words it
// in the user's language (the catalogue, ingest/texts).
type ScheduleError struct {
	Spec string
	// Zone says the schedule names its own time zone (CRON_TZ=, TZ=): the
	// zone is given apart, explicitly.
	Zone bool
	Err  error // the parser's, when not Zone
}

func (e *ScheduleError) Error() string {
	if e.Zone {
		return "schedule " + strconv.Quote(e.Spec) + ": give the time zone apart, not in the schedule"
	}
	return "schedule " + strconv.Quote(e.Spec) + ": " + e.Err.Error()
}

func (e *ScheduleError) Unwrap() error { return e.Err }

// ParseSchedule reads a cron spec of 5 fields (minute hour day month
// weekday) or 6 (seconds first), or a descriptor such as @daily, to run on
// the wall clock of loc. A CRON_TZ= or TZ= prefix is refused: the zone is
// given by --tz, explicitly.
func ParseSchedule(spec string, loc *time.Location) (Schedule, error) {
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return Schedule{}, &ScheduleError{Spec: spec, Zone: true}
	}
	p := cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	s, err := p.Parse("CRON_TZ=UTC " + spec)
	if err != nil {
		return Schedule{}, &ScheduleError{Spec: spec, Err: err}
	}
	if _, every := s.(cron.ConstantDelaySchedule); every {
		// @every is a period, not a time of day: no wall clock involved.
		return Schedule{spec: s, loc: time.UTC, text: spec}, nil
	}
	return Schedule{spec: s, loc: loc, text: spec}, nil
}

// Next returns the first activation after t.
func (w Schedule) Next(t time.Time) time.Time {
	if d, every := w.spec.(cron.ConstantDelaySchedule); every {
		return d.Next(t)
	}
	lt := t.In(w.loc)
	wall := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), time.UTC)
	// A few iterations at most: only a wall time in the repeated hour of an
	// autumn night can map to an instant already past.
	for range 1000 {
		nw := w.spec.Next(wall)
		if nw.IsZero() {
			return nw
		}
		real := time.Date(nw.Year(), nw.Month(), nw.Day(), nw.Hour(), nw.Minute(), nw.Second(), 0, w.loc)
		if real.After(t) {
			return real
		}
		wall = nw
	}
	return time.Time{}
}

// String is the spec as given.
func (w Schedule) String() string { return w.text }

// Location is the time zone the schedule is read in.
func (w Schedule) Location() *time.Location { return w.loc }
