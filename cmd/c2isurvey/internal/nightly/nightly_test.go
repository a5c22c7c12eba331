package nightly

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
)

const samplesDir = "../../../../samples"

// dropSamples copies the first n sample forms of year into the inbox of
// data, settled (modified an hour ago).
func dropSamples(t *testing.T, data, year string, from, n int) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(samplesDir, year, "*.xlsx"))
	if err != nil || len(files) < from+n {
		t.Fatalf("samples of %s: %d, %v", year, len(files), err)
	}
	in := filepath.Join(data, "inbox")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range files[from : from+n] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(in, year+"_"+filepath.Base(f))
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dst, old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// testConfig is the configuration of a run on data, as the run command
// builds it.
func testConfig(data string) Config {
	return Config{
		Dir: data,
		Options: ingest.Options{Lang: "fr", Tracks: tracks.Default(), Limits: sheet.DefaultLimits(),
			MaxYear: time.Now().Year() + 1},
		Registry: filepath.Join(data, "registry.csv"),
		Settle:   time.Minute,
		Version:  "test-1",
		Grace:    5 * time.Second,
	}
}

// runOnce opens a service on cfg, runs it once and closes it, as the run
// command does.
func runOnce(t *testing.T, cfg Config) (Result, error) {
	t.Helper()
	s := New(cfg)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	return s.RunOnce(context.Background())
}

// latest is the folder reports/latest points at.
func latest(t *testing.T, data string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(data, "reports", report.LatestName))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Base(target)
}

// TestNothingNewKeepsReports: a run that finds nothing new, on a record,
// registry, settings and program unchanged since the last good run, keeps
// the reports latest points at and says so; every change of what the
// reports are drawn from, a failed run before, or a kept folder no longer
// whole, redraws.
func TestNothingNewKeepsReports(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, data string, cfg *Config) // between the two runs
		redraw bool
	}{
		{name: "nothing changed", change: func(*testing.T, string, *Config) {}},
		{name: "a file still being written", change: func(t *testing.T, data string, _ *Config) {
			// Left for a later run: nothing new is taken.
			if err := os.WriteFile(filepath.Join(data, "inbox", "en-cours.xlsx"), []byte("PK"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a new file", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			dropSamples(t, data, "2010-2011", 5, 1)
		}},
		{name: "a duplicate", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			// Taken (and counted once): the record changed, rejections.csv too.
			dropSamples(t, data, "2010-2011", 2, 1)
		}},
		{name: "another program", redraw: true, change: func(_ *testing.T, _ string, cfg *Config) { cfg.Version = "test-2" }},
		{name: "other settings", redraw: true, change: func(_ *testing.T, _ string, cfg *Config) { cfg.Settings = []string{"x"} }},
		{name: "another language", redraw: true, change: func(_ *testing.T, _ string, cfg *Config) { cfg.Options.Lang = "en" }},
		{name: "a registry", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			b, err := os.ReadFile(filepath.Join(samplesDir, "registry.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(data, "registry.csv"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a report deleted from latest", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			if err := os.Remove(filepath.Join(data, "reports", latest(t, data), "national.csv")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "latest marked incomplete", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			if err := os.WriteFile(filepath.Join(data, "reports", latest(t, data), report.IncompleteName), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the key lost", redraw: true, change: func(t *testing.T, data string, _ *Config) {
			if err := os.Remove(filepath.Join(data, "reports", stateName)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a failed run between", redraw: true, change: func(t *testing.T, data string, cfg *Config) {
			// A run that publishes, then fails (a panic once the reports
			// are out): the run after it redraws, though the key matches.
			dropSamples(t, data, "2010-2011", 5, 1)
			c := *cfg
			c.Published = func(arrow.RecordBatch, *registry.Registry) { panic("after publishing") }
			res, err := runOnce(t, c)
			if err == nil || !strings.Contains(err.Error(), "panic") || res.Outcome != store.OutcomeFailed {
				t.Fatalf("the panicking run: %+v, %v", res, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			dropSamples(t, data, "2010-2011", 2, 3)
			cfg := testConfig(data)
			first, err := runOnce(t, cfg)
			if err != nil || first.Accepted != 3 || first.Unchanged {
				t.Fatalf("first run: %+v, %v", first.Counts, err)
			}
			tt.change(t, data, &cfg)
			before := latest(t, data)
			res, err := runOnce(t, cfg)
			if err != nil {
				t.Fatalf("second run: %v", err)
			}
			after := latest(t, data)
			if tt.redraw {
				if res.Unchanged || after == before || after != runFolder(res.RunID) {
					t.Errorf("not redrawn: unchanged %v, latest %s then %s, run %d", res.Unchanged, before, after, res.RunID)
				}
				return
			}
			if !res.Unchanged || res.Kept != first.RunID || after != before || res.Reports != first.Reports {
				t.Errorf("redrawn: %+v; latest %s then %s", res, before, after)
			}
			if _, err := os.Stat(filepath.Join(data, "reports", runFolder(res.RunID))); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a folder for run %d: %v", res.RunID, err)
			}
			want := "Rien de nouveau depuis le passage 1\u00a0: rapports conservés."
			if res.Message != want {
				t.Errorf("message %q, want %q", res.Message, want)
			}
			// Recorded as a good run that took nothing, saying so.
			st, err := store.Open(filepath.Join(data, "c2isurvey.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			runs, err := st.Runs(context.Background(), 1)
			if err != nil || len(runs) != 1 {
				t.Fatalf("runs: %v, %v", runs, err)
			}
			if r := runs[0]; r.ID != res.RunID || r.Outcome != store.OutcomeOK || r.Accepted != 0 || r.Message != want || r.Seen != res.Seen {
				t.Errorf("run on record: %+v", r)
			}
			// And a third run still keeps them: the kept run stays run 1.
			third, err := runOnce(t, cfg)
			if err != nil || !third.Unchanged || third.Kept != first.RunID {
				t.Errorf("third run: %+v, %v", third, err)
			}
		})
	}
}

// TestBusyAndStatus holds a run in the middle of its take: meanwhile the
// status says what it does, and any other run asked for, from the portal
// (RunNow) or not (RunOnce), is refused with ErrBusy; once it ends, the
// status gives its result. Status is read all along from another
// goroutine (the race detector watches).
func TestBusyAndStatus(t *testing.T) {
	data := t.TempDir()
	dropSamples(t, data, "2010-2011", 2, 3)
	cfg := testConfig(data)
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	cfg.Progress = func(done, total int) {
		once.Do(func() {
			close(reached)
			<-release
		})
	}
	sched, err := ParseSchedule("30 3 * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Schedule = sched
	s := New(cfg)
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := s.Status(); st.Running || st.Last != nil {
		t.Errorf("status before any run: %+v", st)
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
				s.Status()
			}
		}
	}()

	if err := s.RunNow(); err != nil {
		t.Fatalf("run now: %v", err)
	}
	<-reached
	st := s.Status()
	if !st.Running || st.Phase != PhaseTaking || st.RunID != 1 || st.Done != 1 || st.Total != 3 || st.Started.IsZero() {
		t.Errorf("status during the take: %+v", st)
	}
	if err := s.RunNow(); !errors.Is(err, ErrBusy) {
		t.Errorf("run now during a run: %v, want ErrBusy", err)
	}
	if _, err := s.RunOnce(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("run once during a run: %v, want ErrBusy", err)
	}
	close(release)
	deadline := time.Now().Add(30 * time.Second)
	for s.Status().Running && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	readers.Wait()
	st = s.Status()
	if st.Running || st.Phase != PhaseIdle || st.Last == nil {
		t.Fatalf("status after the run: %+v", st)
	}
	if l := st.Last; l.RunID != 1 || l.Outcome != store.OutcomeOK || l.Accepted != 3 || l.Reports == "" {
		t.Errorf("last run: %+v", l)
	}
	// Without Serve, no time is scheduled.
	if !st.Next.IsZero() {
		t.Errorf("next run %v without Serve", st.Next)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunOnce(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("run once after close: %v, want ErrClosed", err)
	}
	// A service opened on the folder later knows the last run from the store.
	s2 := New(testConfig(data))
	if err := s2.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if l := s2.Status().Last; l == nil || l.RunID != 1 || l.Outcome != store.OutcomeOK || l.Accepted != 3 {
		t.Errorf("last run on record: %+v", l)
	}
}

// TestAnotherProcessBusy: a run while another process holds the data
// folder's lock is refused with an error that is both ErrLocked (the run
// command exits 3) and ErrBusy (the portal says a run is in progress).
func TestAnotherProcessBusy(t *testing.T) {
	data := t.TempDir()
	cfg := testConfig(data)
	s := New(cfg)
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The lock is per open file description: taken here, it holds
	// against the service's own attempt as another process's would.
	lock, err := AcquireLock(context.Background(), s.Dirs(), false, "fr")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	_, err = s.RunOnce(context.Background())
	if !errors.Is(err, ErrLocked) || !errors.Is(err, ErrBusy) {
		t.Errorf("run under another's lock: %v", err)
	}
	if l := s.Status().Last; l == nil || l.Outcome != store.OutcomeFailed || !strings.Contains(l.Message, "un autre passage est en cours") {
		t.Errorf("last run: %+v", l)
	}
}

// TestReportHook: Config.Report completes the reports' input (here, no
// Parquet files), and its error fails the run, recorded so, with latest
// left where it was.
func TestReportHook(t *testing.T) {
	data := t.TempDir()
	dropSamples(t, data, "2010-2011", 2, 2)
	cfg := testConfig(data)
	cfg.Report = func(in *report.Input) error {
		in.Parquet = false
		return nil
	}
	res, err := runOnce(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(res.Reports, "parquet")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("parquet written though the hook turned it off: %v", err)
	}
	if _, err := os.Stat(filepath.Join(res.Reports, "national.csv")); err != nil {
		t.Error(err)
	}
	dropSamples(t, data, "2010-2011", 4, 1)
	boom := errors.New("settings unreadable")
	cfg.Report = func(*report.Input) error { return boom }
	res, err = runOnce(t, cfg)
	if !errors.Is(err, boom) || res.Outcome != store.OutcomeFailed || res.Accepted != 1 {
		t.Errorf("run with a failing hook: %+v, %v", res.Counts, err)
	}
	if got := latest(t, data); got != runFolder(1) {
		t.Errorf("latest points at %s after a failed run", got)
	}
}

// TestRunTakesUnchangedYears: a run with new files for one year draws
// that year's reports again (and the later years', whose series show it)
// and takes the others from the last run, as drawn whole they would be;
// another build takes nothing.
func TestRunTakesUnchangedYears(t *testing.T) {
	data := t.TempDir()
	dropSamples(t, data, "2009-2010", 0, 3)
	dropSamples(t, data, "2010-2011", 0, 3)
	cfg := testConfig(data)
	first, err := runOnce(t, cfg)
	if err != nil || len(first.Reused) != 0 {
		t.Fatalf("first run: reused %v, %v", first.Reused, err)
	}

	dropSamples(t, data, "2010-2011", 3, 1)
	second, err := runOnce(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"c2i2e-2009-2010.pdf", "qualite-2009-2010.pdf"}
	if strings.Join(second.Reused, " ") != strings.Join(want, " ") || second.ReusedFrom != first.RunID {
		t.Errorf("second run took %v from run %d, want %v from run %d", second.Reused, second.ReusedFrom, want, first.RunID)
	}
	said := "2 rapport(s) annuel(s) sur 4 repris tels quels du passage 1, leurs données n'ayant pas changé\u202f; les autres ont été refaits."
	if second.Message != said {
		t.Errorf("second run says %q, want %q", second.Message, said)
	}
	// The reports taken are those a whole drawing gives.
	st, err := store.Open(filepath.Join(data, "c2isurvey.db"))
	if err != nil {
		t.Fatal(err)
	}
	if runs, err := st.Runs(context.Background(), 1); err != nil || len(runs) != 1 || runs[0].Message != said {
		t.Errorf("the run on record: %+v, %v; want its message %q", runs, err, said)
	}
	in, release, err := ReportInput(context.Background(), cfg, st)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	whole := t.TempDir()
	_, err = report.WriteAll(context.Background(), whole, in)
	release()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"c2i2e-2009-2010.pdf", "qualite-2009-2010.pdf", "c2i2e-2010-2011.pdf", "qualite-2010-2011.pdf"} {
		a, err := os.ReadFile(filepath.Join(whole, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(second.Reports, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s of run %d differs from a whole drawing", name, second.RunID)
		}
	}

	// A file of the earlier year: both years drawn again.
	dropSamples(t, data, "2009-2010", 3, 1)
	third, err := runOnce(t, cfg)
	if err != nil || len(third.Reused) != 0 {
		t.Errorf("third run took %v, %v; want nothing", third.Reused, err)
	}
	// Another build: nothing taken.
	dropSamples(t, data, "2010-2011", 4, 1)
	cfg.Version = "test-2"
	fourth, err := runOnce(t, cfg)
	if err != nil || len(fourth.Reused) != 0 {
		t.Errorf("a run of another build took %v, %v; want nothing", fourth.Reused, err)
	}
}
