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
	"unicode/utf8"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// record reads st's whole record as a stateless run's batch: Batch, and
// the facts that count, which Batch does not hold (store.Facts reads them
// for the fact table).
func record(ctx context.Context, st *store.Store) (*ingest.Batch, error) {
	b, err := st.Batch(ctx)
	if err != nil {
		return nil, err
	}
	err = st.Facts(ctx, nil, func(f ingest.Fact) error {
		b.Facts = append(b.Facts, f)
		return nil
	})
	return b, err
}

// batchOf opens the store of d and returns its batch.
func batchOf(t *testing.T, d Dirs) *ingest.Batch {
	t.Helper()
	st, err := store.Open(d.Store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := record(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loseStore(t *testing.T, d Dirs) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(d.Store + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

func TestCutName(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"short", "enquete.xlsx", "enquete.xlsx"},
		{"exactly the limit", strings.Repeat("a", 15) + ".xlsx", strings.Repeat("a", 15) + ".xlsx"},
		{"ascii", strings.Repeat("a", 30) + ".xlsx", strings.Repeat("a", 12) + "….xlsx"},
		// 'é' is two bytes: the cut never splits it.
		{"accents", strings.Repeat("é", 20) + ".csv", strings.Repeat("é", 6) + "….csv"},
		{"long extension is name", "a." + strings.Repeat("x", 30), "a." + strings.Repeat("x", 15) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cutName(tc.in, 20)
			if got != tc.want || len(got) > 20 || !utf8.ValidString(got) {
				t.Errorf("cutName(%q, 20) = %q (%d bytes), want %q", tc.in, got, len(got), tc.want)
			}
		})
	}
	// Two files whose hashes share their first 12 hex digits (found in
	// seconds) keep two copies, even under a name cut to the limit.
	h1 := "0123456789ab" + strings.Repeat("0", 52)
	h2 := "0123456789ab" + strings.Repeat("1", 52)
	for _, name := range []string{"enquete.xlsx", strings.Repeat("é", 200) + ".xlsx"} {
		a, b := keptName(h1, name), keptName(h2, name)
		if a == b || len(a) > maxKeptName || !strings.HasPrefix(a, h1+"-") || !strings.HasSuffix(a, ".xlsx") {
			t.Errorf("kept names %q and %q", a, b)
		}
	}
}

// TestLongNames: a 250-byte name and a deep folder whose path flattens past
// 255 bytes are taken (their temporary and kept names fit), a refused one
// with its .txt; the name as dropped is kept whole in the store and the
// manifest.
func TestLongNames(t *testing.T) {
	ctx := context.Background()
	d, st := setup(t)
	long := strings.Repeat("é", 123) + ".csv" // 250 bytes
	deep := "Académie de Créteil, Seine-Saint-Denis, Seine-et-Marne et Val-de-Marne/" +
		"Université Paris-Est Créteil Val-de-Marne, direction des études et de la vie étudiante, service statistique/" +
		"2011-2012/enquête C2i2e, version définitive après relecture par le service.csv"
	refusedName := strings.Repeat("è", 121) + "-refusé.csv"
	if len(long) != 250 || len(strings.ReplaceAll(deep, "/", "_")) <= 255 || len(refusedName) < 250 {
		t.Fatalf("names of %d, %d, %d bytes", len(long), len(deep), len(refusedName))
	}
	put(t, d, drop{long, bordeaux, time.Hour})
	put(t, d, drop{deep, lyon, time.Hour})
	put(t, d, drop{refusedName, tooManyCerts, time.Hour})
	sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accepted != 2 || sum.Rejected != 1 || len(sum.Pending) != 0 {
		t.Fatalf("summary %+v", sum)
	}
	m, _, err := ReadManifest(d.Manifest)
	if err != nil || len(m.Entries) != 3 {
		t.Fatalf("manifest %+v (%v)", m, err)
	}
	names := map[string]bool{}
	for i, r := range sum.Files {
		names[r.Name] = true
		base := filepath.Base(r.StoredAs)
		if len(base) > maxKeptName || !utf8.ValidString(base) || !strings.HasSuffix(base, ".csv") || !strings.HasPrefix(base, r.SHA256+"-") {
			t.Errorf("%s kept as %s (%d bytes)", r.Name, base, len(base))
		}
		if _, err := os.Stat(filepath.Join(d.Root, r.StoredAs)); err != nil {
			t.Error(err)
		}
		if r.Status == store.StatusRejected {
			if _, err := os.Stat(filepath.Join(d.Root, r.StoredAs+".txt")); err != nil {
				t.Error(err)
			}
		}
		if e := m.Entries[i]; e.Name != r.Name || e.StoredAs != r.StoredAs || e.ID != r.ID || e.SHA256 != r.SHA256 || e.Fate != r.Status {
			t.Errorf("manifest line %+v for record %+v", e, r)
		}
	}
	if !names[long] || !names[deep] || !names[refusedName] {
		t.Errorf("names on record %v", names)
	}
	for _, f := range list(t, d.Inbox) {
		t.Errorf("%s left in the inbox", f)
	}
}

// TestFileTimes: a file dated 2099 is taken at once, recorded as received
// now; a correction taken a pass after its original replaces it, even
// dated 1970, in the store and in a rebuild; within one pass a correction
// dated in the future comes after its original.
func TestFileTimes(t *testing.T) {
	ctx := context.Background()
	future := clock.Sub(time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))
	epoch := clock.Sub(time.Unix(0, 0))
	students := func(b *ingest.Batch) []int64 {
		var out []int64
		for _, f := range b.Facts {
			out = append(out, f.Students)
		}
		return out
	}

	t.Run("across passes", func(t *testing.T) {
		d, st := setup(t)
		run1, _ := st.BeginRun(ctx, clock)
		run2, _ := st.BeginRun(ctx, clock.Add(24*time.Hour))
		put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
		put(t, d, drop{"lyon.csv", lyon, future})
		sum, err := Take(ctx, st, d, run1, ingest.Options{}, settle, now, nil)
		if err != nil || sum.Accepted != 2 || len(sum.Pending) != 0 {
			t.Fatalf("first pass %+v (%v)", sum, err)
		}
		if r := sum.Files[1]; r.Name != "lyon.csv" || !r.ModTime.Equal(clock) {
			t.Errorf("file dated 2099 recorded as %+v, want taken last, dated %v", r, clock)
		}
		put(t, d, drop{"bordeaux-corrige.csv", bordeauxFix, epoch})
		sum, err = Take(ctx, st, d, run2, ingest.Options{}, settle, func() time.Time { return clock.Add(24 * time.Hour) }, nil)
		if err != nil || sum.Accepted != 1 || sum.Replaced != 1 {
			t.Fatalf("second pass %+v (%v)", sum, err)
		}
		b, err := record(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if got := students(b); !slices.Equal(got, []int64{130, 200}) {
			t.Errorf("students %v, want the correction's 130 and Lyon's 200", got)
		}
		st.Close()
		loseStore(t, d)
		if _, err := Rebuild(ctx, d, ingest.Options{}, false, clock); err != nil {
			t.Fatal(err)
		}
		if rb := batchOf(t, d); !reflect.DeepEqual(rb, b) {
			t.Errorf("rebuilt batch differs:\n got %+v\nwant %+v", rb, b)
		}
	})
	t.Run("within a pass", func(t *testing.T) {
		d, st := setup(t)
		put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
		put(t, d, drop{"bordeaux-corrige.csv", bordeauxFix, future})
		sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
		if err != nil || sum.Accepted != 2 || sum.Replaced != 1 {
			t.Fatalf("pass %+v (%v)", sum, err)
		}
		b, _ := record(ctx, st)
		if got := students(b); !slices.Equal(got, []int64{130}) {
			t.Errorf("students %v, want the correction's 130", got)
		}
	})
	t.Run("a time within the settle period ahead is still a write", func(t *testing.T) {
		d, st := setup(t)
		put(t, d, drop{"bordeaux.csv", bordeaux, -settle / 2})
		sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
		if err != nil || len(sum.Files) != 0 || !slices.Equal(sum.Pending, []string{"bordeaux.csv"}) {
			t.Errorf("pass %+v (%v)", sum, err)
		}
	})
}

// TestRebuildAfterKill: a pass killed after each step of a file, then the
// store lost before any other pass: the rebuilt store and the next pass
// give what an uninterrupted pass gives, the file counted once.
func TestRebuildAfterKill(t *testing.T) {
	ctx := context.Background()
	drops := []drop{
		{"a-bordeaux.csv", bordeaux, 3 * time.Hour},
		{"b-lyon-faux.csv", tooManyCerts, 2 * time.Hour},
		{"c-bordeaux-corrige.csv", bordeauxFix, time.Hour},
	}
	d, st := setup(t)
	for _, f := range drops {
		put(t, d, f)
	}
	if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
		t.Fatal(err)
	}
	want, err := record(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	for killed := range drops {
		for stop := 1; stop < allSteps; stop++ {
			t.Run(drops[killed].name+"/"+[]string{"", "read", "copy", "log", "record", "remove"}[stop], func(t *testing.T) {
				d, st := setup(t)
				for _, f := range drops {
					put(t, d, f)
				}
				if err := SyncManifest(ctx, st, d); err != nil {
					t.Fatal(err)
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
				st.Close()
				loseStore(t, d)
				// Refused once a file is on record and gone from the inbox; the
				// first file, killed before it left the inbox, may be in flight.
				if err := CheckStore(ctx, d); (err != nil) != (killed > 0 || stop > 4) {
					t.Errorf("check of the lost store: %v", err)
				}
				if _, err := Rebuild(ctx, d, ingest.Options{}, false, clock); err != nil {
					t.Fatal(err)
				}
				if err := CheckStore(ctx, d); err != nil {
					t.Errorf("check of the rebuilt store: %v", err)
				}
				st, err = store.Open(d.Store)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
					t.Fatal(err)
				}
				got, err := record(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("batch differs from an uninterrupted pass:\n got %+v\nwant %+v", got, want)
				}
				if in := list(t, d.Inbox); len(in) != 0 {
					t.Errorf("inbox holds %q", in)
				}
			})
		}
	}
}

// TestCheckStore: what a run may use, and what it must refuse.
func TestCheckStore(t *testing.T) {
	ctx := context.Background()
	// taken sets up a data folder that took two files and lost nothing.
	taken := func(t *testing.T) Dirs {
		d, st := setup(t)
		put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
		put(t, d, drop{"lyon-faux.csv", tooManyCerts, time.Hour})
		if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
			t.Fatal(err)
		}
		st.Close()
		return d
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) Dirs
		want  string // StoreError kind, "" for a store to use
	}{
		{"new data folder", func(t *testing.T) Dirs {
			d := Layout(t.TempDir())
			if err := d.EnsureDirs(); err != nil {
				t.Fatal(err)
			}
			return d
		}, ""},
		{"sound", taken, ""},
		{"deleted", func(t *testing.T) Dirs { d := taken(t); loseStore(t, d); return d }, StoreMissing},
		{"zero length", func(t *testing.T) Dirs {
			d := taken(t)
			if err := os.Truncate(d.Store, 0); err != nil {
				t.Fatal(err)
			}
			return d
		}, StoreEmpty},
		{"zeroed", func(t *testing.T) Dirs {
			d := taken(t)
			info, _ := os.Stat(d.Store)
			if err := os.WriteFile(d.Store, make([]byte, info.Size()), 0o644); err != nil {
				t.Fatal(err)
			}
			return d
		}, StoreDamaged},
		{"a new empty store", func(t *testing.T) Dirs {
			d := taken(t)
			loseStore(t, d)
			st, err := store.Open(d.Store) // as files or runs would create it
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			return d
		}, StoreEmpty},
		{"an older copy", func(t *testing.T) Dirs {
			d := taken(t)
			old, err := os.ReadFile(d.Store)
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(d.Store)
			if err != nil {
				t.Fatal(err)
			}
			put(t, d, drop{"lyon.csv", lyon, time.Hour})
			put(t, d, drop{"autre.csv", bordeauxFix, time.Hour})
			if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
				t.Fatal(err)
			}
			st.Close()
			loseStore(t, d)
			if err := os.WriteFile(d.Store, old, 0o644); err != nil {
				t.Fatal(err)
			}
			return d
		}, StoreBehind},
		{"another folder's store", func(t *testing.T) Dirs {
			d := taken(t)
			other := taken(t)
			put(t, other, drop{"x.csv", lyon, time.Hour}) // makes record 1 another file
			loseStore(t, d)
			st, err := store.Open(d.Store)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.RecordFile(ctx, 0, ingest.FileResult{File: "x.csv", Hash: "beef"}, "archive/x", clock); err != nil {
				t.Fatal(err)
			}
			if _, err := st.RecordFile(ctx, 0, ingest.FileResult{File: "y.csv", Hash: "cafe"}, "archive/y", clock); err != nil {
				t.Fatal(err)
			}
			return d
		}, StoreMismatch},
		{"killed between the line and the record", func(t *testing.T) Dirs {
			d, st := setup(t)
			put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
			if err := SyncManifest(ctx, st, d); err != nil {
				t.Fatal(err)
			}
			ready, _, _, _ := scan(d.Inbox, clock, settle)
			if _, _, err := take(ctx, st, d, 0, ingest.Options{}, ready[0], now, 4-1); err != nil {
				t.Fatal(err)
			}
			st.Close()
			return d
		}, ""},
		{"the same, its original since withdrawn", func(t *testing.T) Dirs {
			d, st := setup(t)
			put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
			if err := SyncManifest(ctx, st, d); err != nil {
				t.Fatal(err)
			}
			ready, _, _, _ := scan(d.Inbox, clock, settle)
			if _, _, err := take(ctx, st, d, 0, ingest.Options{}, ready[0], now, 4-1); err != nil {
				t.Fatal(err)
			}
			st.Close()
			os.Remove(ready[0].path)
			return d
		}, StoreEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.setup(t)
			err := CheckStore(ctx, d)
			var kind string
			if se, ok := err.(*StoreError); ok {
				kind = se.Kind
			} else if err != nil {
				t.Fatalf("check: %v", err)
			}
			if kind != tc.want {
				t.Errorf("check: %v, want kind %q", err, tc.want)
			}
		})
	}
}

// TestOlderDataFolder: a data folder whose store was filled before
// manifests existed (12-digit kept names) gets its manifest at the next
// pass, and can then be rebuilt.
func TestOlderDataFolder(t *testing.T) {
	ctx := context.Background()
	d, st := setup(t)
	for i, f := range []drop{{"bordeaux.csv", bordeaux, 2 * time.Hour}, {"lyon-faux.csv", tooManyCerts, time.Hour}, {"corrige.csv", bordeauxFix, 0}} {
		put(t, d, f)
		p := filepath.Join(d.Inbox, f.name)
		res := ingest.ReadFile(p, ingest.Options{})
		relabel(&res, p, f.name)
		sub := map[bool]string{false: "archive", true: "rejected"}[res.Refused()]
		kept := sub + "/" + res.Hash[:12] + "-" + f.name
		if err := os.Rename(p, filepath.Join(d.Root, kept)); err != nil {
			t.Fatal(err)
		}
		rec, err := st.RecordFile(ctx, 0, res, kept, clock.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.MarkPlaced(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
	}
	want, err := record(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckStore(ctx, d); err != nil {
		t.Fatalf("older folder refused: %v", err)
	}
	if _, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	loseStore(t, d)
	if _, err := Rebuild(ctx, d, ingest.Options{}, false, clock); err != nil {
		t.Fatal(err)
	}
	if got := batchOf(t, d); !reflect.DeepEqual(got, want) {
		t.Errorf("rebuilt batch differs:\n got %+v\nwant %+v", got, want)
	}
}

// TestRebuildRefuses: a sound store without force, a missing manifest, a
// kept original altered.
func TestRebuildRefuses(t *testing.T) {
	ctx := context.Background()
	d, st := setup(t)
	put(t, d, drop{"bordeaux.csv", bordeaux, time.Hour})
	sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Rebuild(ctx, d, ingest.Options{}, false, clock); err != ErrStoreSound {
		t.Errorf("sound store: %v, want ErrStoreSound", err)
	}
	kept := filepath.Join(d.Root, sum.Files[0].StoredAs)
	if err := os.WriteFile(kept, []byte(lyon), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Rebuild(ctx, d, ingest.Options{}, true, clock)
	if ce, ok := err.(*CopiesError); !ok || !slices.Equal(ce.Altered, []string{sum.Files[0].StoredAs}) {
		t.Errorf("altered copy: %v", err)
	}
	if err := CheckStore(ctx, d); err != nil {
		t.Errorf("a refused rebuild changed the store: %v", err)
	}
	if err := os.Remove(d.Manifest); err != nil {
		t.Fatal(err)
	}
	if _, err := Rebuild(ctx, d, ingest.Options{}, true, clock); err != ErrNoManifest {
		t.Errorf("no manifest: %v", err)
	}
}
