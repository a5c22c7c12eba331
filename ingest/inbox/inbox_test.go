package inbox

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// clock is the time of the passes in the tests.
var clock = time.Date(2026, 11, 29, 3, 30, 0, 0, time.UTC)

func now() time.Time { return clock }

const settle = 30 * time.Second

const header = "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n"

// survey is a consolidated CSV table (layout 2) of rows "year;uai;name;track;students;certs".
func survey(rows ...string) string { return header + strings.Join(rows, "\n") + "\n" }

var (
	bordeaux     = survey("2011-2012;0331764N;Université de Bordeaux;Masters enseignement;120;80")
	bordeauxFix  = survey("2011-2012;0331764N;Université de Bordeaux;Masters enseignement;130;80")
	lyon         = survey("2011-2012;0691774D;Université Lyon 1;Masters enseignement;200;150")
	tooManyCerts = survey("2011-2012;0691774D;Université Lyon 1;Masters enseignement;20;150")
)

// drop is a file put in the inbox, modified age before the pass.
type drop struct {
	name, content string
	age           time.Duration
}

// pass is one run: the files dropped before it, and what it must do.
type pass struct {
	drops                                    []drop
	accepted, rejected, duplicates, replaced int
	pending, ignored                         []string
	inboxAfter                               []string // what stays in the inbox
}

func setup(t *testing.T) (Dirs, *store.Store) {
	t.Helper()
	d := Layout(filepath.Join(t.TempDir(), "data"))
	if err := d.EnsureDirs(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(d.Store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return d, st
}

func put(t *testing.T, d Dirs, f drop) {
	t.Helper()
	p := filepath.Join(d.Inbox, filepath.FromSlash(f.name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f.content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, clock.Add(-f.age), clock.Add(-f.age)); err != nil {
		t.Fatal(err)
	}
}

// list returns the files under dir, relative, sorted.
func list(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestTake(t *testing.T) {
	old := time.Hour
	cases := map[string][]pass{
		"accepted, refused and ignored": {{
			drops: []drop{
				{"bordeaux.csv", bordeaux, old}, {"lyon-faux.csv", tooManyCerts, old},
				{"notes.md", "# à lire", old}, {"~$bordeaux.xlsx", "lock", old},
				{"envoi.csv.part", "partiel", old}, {".DS_Store", "x", old},
				{"lyon/lyon.csv", lyon, old},
			},
			accepted: 2, rejected: 2,
			ignored:    []string{".DS_Store", "envoi.csv.part", "~$bordeaux.xlsx"},
			inboxAfter: []string{".DS_Store", "envoi.csv.part", "~$bordeaux.xlsx"},
		}},
		"a file still being written waits": {
			{drops: []drop{{"bordeaux.csv", bordeaux, 10 * time.Second}, {"lyon.csv", lyon, old}},
				accepted: 1, pending: []string{"bordeaux.csv"}, inboxAfter: []string{"bordeaux.csv"}},
			{drops: []drop{{"bordeaux.csv", bordeaux, settle}}, accepted: 1},
		},
		"the same file on two nights counts once": {
			{drops: []drop{{"bordeaux.csv", bordeaux, old}}, accepted: 1},
			{drops: []drop{{"bordeaux-copie.csv", bordeaux, old}}, duplicates: 1},
			{drops: []drop{{"bordeaux.csv", bordeaux, old}}, duplicates: 1},
		},
		"a reused name with new content is a new file": {
			{drops: []drop{{"bordeaux.csv", bordeaux, old}}, accepted: 1},
			{drops: []drop{{"bordeaux.csv", bordeauxFix, old}}, accepted: 1, replaced: 1},
		},
	}
	for name, passes := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			d, st := setup(t)
			var all []store.FileRecord
			for i, p := range passes {
				for _, f := range p.drops {
					put(t, d, f)
				}
				l, err := List(d, settle, clock)
				if err != nil {
					t.Fatal(err)
				}
				var calls int
				sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, func(done, total int) { calls++ })
				if err != nil {
					t.Fatalf("pass %d: %v", i+1, err)
				}
				got := [4]int{sum.Accepted, sum.Rejected, sum.Duplicates, sum.Replaced}
				want := [4]int{p.accepted, p.rejected, p.duplicates, p.replaced}
				if got != want {
					t.Errorf("pass %d: accepted, rejected, duplicates, replaced = %v, want %v\n%+v", i+1, got, want, sum.Files)
				}
				if !slices.Equal(sum.Pending, p.pending) || !slices.Equal(sum.Ignored, p.ignored) {
					t.Errorf("pass %d: pending %q ignored %q, want %q %q", i+1, sum.Pending, sum.Ignored, p.pending, p.ignored)
				}
				if len(l.Ready) != len(sum.Files) || !slices.Equal(l.Pending, p.pending) {
					t.Errorf("pass %d: listed %+v before a pass that took %d files", i+1, l, len(sum.Files))
				}
				if calls != len(sum.Files) {
					t.Errorf("pass %d: progress called %d times for %d files", i+1, calls, len(sum.Files))
				}
				if in := list(t, d.Inbox); !slices.Equal(in, p.inboxAfter) {
					t.Errorf("pass %d: inbox holds %q, want %q", i+1, in, p.inboxAfter)
				}
				all = append(all, sum.Files...)
			}
			// Every file taken is kept where its record says, refused ones
			// with their reasons, and nothing else is there.
			var kept []string
			for _, r := range all {
				kept = append(kept, r.StoredAs)
				if r.Status == store.StatusRejected {
					kept = append(kept, r.StoredAs+".txt")
				}
				if !strings.HasPrefix(filepath.Base(r.StoredAs), r.SHA256+"-") {
					t.Errorf("%s kept as %s: not traceable to its hash", r.Name, r.StoredAs)
				}
			}
			slices.Sort(kept)
			kept = slices.Compact(kept)
			var there []string
			for _, f := range list(t, d.Root) {
				if strings.HasPrefix(f, "archive/") || strings.HasPrefix(f, "rejected/") {
					there = append(there, f)
				}
			}
			if !slices.Equal(there, kept) {
				t.Errorf("kept files %q, want %q", there, kept)
			}
			if un, err := st.Unplaced(ctx); err != nil || len(un) != 0 {
				t.Errorf("unplaced after the passes: %+v (%v)", un, err)
			}
		})
	}
}

func TestRejectedReasons(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			d, st := setup(t)
			put(t, d, drop{"lyon.csv", tooManyCerts, time.Hour})
			sum, err := Take(context.Background(), st, d, 0, ingest.Options{Lang: lang}, settle, now, nil)
			if err != nil || len(sum.Files) != 1 {
				t.Fatalf("take: %+v, %v", sum, err)
			}
			r := sum.Files[0]
			if r.Status != store.StatusRejected || !strings.HasPrefix(r.StoredAs, "rejected/") {
				t.Fatalf("record %+v", r)
			}
			txt, err := os.ReadFile(filepath.Join(d.Root, r.StoredAs+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{
				"fr": {"Fichier\u00a0: lyon.csv", "refusé", "Que faire\u00a0:", r.Refusals[0].Message},
				"en": {"File: lyon.csv", "refused", "What to do:", r.Refusals[0].Message},
			}[lang]
			for _, w := range want {
				if !strings.Contains(string(txt), w) {
					t.Errorf("reasons lack %q:\n%s", w, txt)
				}
			}
			if r.Refusals[0].File != "lyon.csv" {
				t.Errorf("refusal names %q, want the name dropped", r.Refusals[0].File)
			}
		})
	}
}

// TestCrashConverges stops a pass after each step of each file, as a
// killed process would, then runs a whole pass: the store, the kept
// copies and the inbox must be those of a pass never interrupted.
func TestCrashConverges(t *testing.T) {
	drops := []drop{
		{"a-bordeaux.csv", bordeaux, 3 * time.Hour},
		{"b-lyon-faux.csv", tooManyCerts, 2 * time.Hour},
		{"c-bordeaux-corrige.csv", bordeauxFix, time.Hour},
		{"d-copie.csv", bordeaux, time.Hour},
	}
	ctx := context.Background()
	type outcome struct {
		batch       *ingest.Batch
		kept, inbox []string
	}
	result := func(t *testing.T, d Dirs, st *store.Store) outcome {
		t.Helper()
		if un, err := st.Unplaced(ctx); err != nil || len(un) != 0 {
			t.Errorf("unplaced: %+v (%v)", un, err)
		}
		b, err := record(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, f := range list(t, d.Root) {
			if !strings.HasPrefix(f, "inbox/") && !strings.HasPrefix(f, "c2isurvey.db") {
				kept = append(kept, f)
			}
		}
		return outcome{b, kept, list(t, d.Inbox)}
	}

	d, st := setup(t)
	for _, f := range drops {
		put(t, d, f)
	}
	if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
		t.Fatal(err)
	}
	want := result(t, d, st)
	if len(want.batch.Files) != len(drops) || len(want.batch.Replacements) != 1 || len(want.batch.Duplicates) != 1 {
		t.Fatalf("uninterrupted pass: %+v", want.batch)
	}

	for killed := range drops {
		for stop := 1; stop < allSteps; stop++ {
			t.Run(drops[killed].name+"/"+[]string{"", "read", "copy", "log", "record", "remove"}[stop], func(t *testing.T) {
				d, st := setup(t)
				for _, f := range drops {
					put(t, d, f)
				}
				ready, _, _, err := scan(d.Inbox, clock, settle)
				if err != nil {
					t.Fatal(err)
				}
				for i, e := range ready[:killed+1] {
					steps := allSteps
					if i == killed {
						steps = stop
					}
					if _, _, err := take(ctx, st, d, 0, ingest.Options{}, e, now, steps); err != nil {
						t.Fatal(err)
					}
				}
				sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
				if err != nil {
					t.Fatal(err)
				}
				if wantRecovered := map[bool]int{true: 1}[stop >= 4]; sum.Recovered != wantRecovered {
					t.Errorf("recovered %d, want %d", sum.Recovered, wantRecovered)
				}
				got := result(t, d, st)
				if !reflect.DeepEqual(got.batch, want.batch) {
					t.Errorf("batch differs from an uninterrupted pass:\n got %+v\nwant %+v", got.batch, want.batch)
				}
				if !slices.Equal(got.kept, want.kept) || !slices.Equal(got.inbox, want.inbox) {
					t.Errorf("kept %q inbox %q, want %q %q", got.kept, got.inbox, want.kept, want.inbox)
				}
				// The manifest, with the line the killed pass may have left
				// unrecorded, rebuilds the same record.
				st.Close()
				if _, err := Rebuild(ctx, d, ingest.Options{}, true, clock); err != nil {
					t.Fatal(err)
				}
				if b := batchOf(t, d); !reflect.DeepEqual(b, want.batch) {
					t.Errorf("rebuilt batch differs:\n got %+v\nwant %+v", b, want.batch)
				}
			})
		}
	}
}

// TestCopyFails makes archive/ a file: the copy of an accepted file cannot
// be made, the pass fails, and the file stays in the inbox, not on record.
func TestCopyFails(t *testing.T) {
	ctx := context.Background()
	d, st := setup(t)
	put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
	if err := os.Remove(d.Archive); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d.Archive, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The whole pass fails...
	if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err == nil {
		t.Fatal("the pass succeeded without a place to keep the file")
	}
	// ...and so does the copy step itself, before anything is recorded.
	ready, _, _, err := scan(d.Inbox, clock, settle)
	if err != nil || len(ready) != 1 {
		t.Fatalf("scan: %v %v", ready, err)
	}
	if _, _, err := take(ctx, st, d, 0, ingest.Options{}, ready[0], now, allSteps); err == nil || !strings.Contains(err.Error(), "keep a copy") {
		t.Fatalf("take: %v, want a copy error", err)
	}
	if in := list(t, d.Inbox); !slices.Equal(in, []string{"bordeaux.csv"}) {
		t.Errorf("inbox holds %q", in)
	}
	if recs, err := st.Files(ctx, ""); err != nil || len(recs) != 0 {
		t.Errorf("store holds %+v (%v)", recs, err)
	}
}

// TestRecoverKeepsNewContent: a pass killed after recording bordeaux.csv,
// then a corrected bordeaux.csv dropped under the same name: the new file
// is not removed as if it were the recorded one; it is taken as new.
func TestRecoverKeepsNewContent(t *testing.T) {
	ctx := context.Background()
	d, st := setup(t)
	put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
	ready, _, _, err := scan(d.Inbox, clock, settle)
	if err != nil || len(ready) != 1 {
		t.Fatalf("scan: %v %v", ready, err)
	}
	if _, _, err := take(ctx, st, d, 0, ingest.Options{}, ready[0], now, 4); err != nil {
		t.Fatal(err)
	}
	put(t, d, drop{"bordeaux.csv", bordeauxFix, time.Hour})
	sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Recovered != 1 || sum.Accepted != 1 || sum.Replaced != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// TestScanPassesOverUnlistable: a subfolder that cannot be listed (here a
// path past the system's length limit; in real life also a folder made
// unreadable) is left for a later run, named, and the rest of the inbox is
// taken: one folder must not stop every night's publication.
func TestScanPassesOverUnlistable(t *testing.T) {
	inbox := t.TempDir()
	if err := os.WriteFile(filepath.Join(inbox, "form.csv"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Built one level at a time relative to its parent, since the whole
	// path is too long for the system to take at once.
	r, err := os.OpenRoot(inbox)
	if err != nil {
		t.Fatal(err)
	}
	part := strings.Repeat("d", 200)
	for i := 0; i < 25; i++ { // 25 × 201 bytes: past Linux's 4,096 and Windows' limits
		if err := r.Mkdir(part, 0o755); err != nil {
			t.Skipf("cannot build a deep folder here: %v", err)
		}
		next, err := r.OpenRoot(part)
		r.Close()
		if err != nil {
			t.Skipf("cannot build a deep folder here: %v", err)
		}
		r = next
	}
	if f, err := r.Create("deep.csv"); err == nil {
		f.Close()
	}
	r.Close()

	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(inbox, "form.csv"), old, old)
	ready, pending, _, err := scan(inbox, time.Now(), time.Second)
	if err != nil {
		t.Fatalf("the listing failed: %v", err)
	}
	if len(ready) != 1 || ready[0].name != "form.csv" {
		t.Errorf("ready = %v, want form.csv", ready)
	}
	if len(pending) != 1 || !strings.HasPrefix(pending[0], part+"/") {
		t.Errorf("pending = %v, want the folder that cannot be listed", pending)
	}
}
