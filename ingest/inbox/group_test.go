package inbox

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// TestGroupCrashConverges stops a pass after each step of a group of
// files taken together (one manifest write, one transaction), as a killed
// process would: the next pass, and a rebuild from the manifest with the
// store lost, must give what a pass never interrupted gives.
func TestGroupCrashConverges(t *testing.T) {
	drops := []drop{
		{"a-bordeaux.csv", bordeaux, 3 * time.Hour},
		{"b-lyon-faux.csv", tooManyCerts, 2 * time.Hour},
		{"c-bordeaux-corrige.csv", bordeauxFix, time.Hour},
		{"d-copie.csv", bordeaux, time.Hour},
	}
	ctx := context.Background()
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
	if len(want.Files) != len(drops) || len(want.Replacements) != 1 || len(want.Duplicates) != 1 {
		t.Fatalf("uninterrupted pass: %+v", want)
	}
	st.Close()
	for stop := 1; stop < allSteps; stop++ {
		t.Run([]string{"", "read", "copy", "log", "record", "remove"}[stop], func(t *testing.T) {
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
			if g := nextGroup(ready); len(g) != len(drops) {
				t.Fatalf("a group of %d files, want %d", len(g), len(drops))
			}
			if _, _, err := takeGroup(ctx, st, d, 0, ingest.Options{}, ready, now, stop); err != nil {
				t.Fatal(err)
			}
			// Stopped between the lines and the records, the manifest has a
			// line for every file of the group and the store none: the
			// check allows for them while the originals wait in the inbox.
			if err := CheckStore(ctx, d); err != nil {
				t.Errorf("check after the stop: %v", err)
			}
			sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
			if err != nil {
				t.Fatal(err)
			}
			if wantRecovered := map[bool]int{true: len(drops)}[stop >= 4]; sum.Recovered != wantRecovered {
				t.Errorf("recovered %d, want %d", sum.Recovered, wantRecovered)
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
			st.Close()
			if _, err := Rebuild(ctx, d, ingest.Options{}, true, clock); err != nil {
				t.Fatal(err)
			}
			if b := batchOf(t, d); !reflect.DeepEqual(b, want) {
				t.Errorf("rebuilt batch differs:\n got %+v\nwant %+v", b, want)
			}
		})
	}
	// Stopped after the lines, the store then lost: the rebuild records
	// the whole group unplaced, and the next pass places it without taking
	// any file twice.
	t.Run("log, store lost", func(t *testing.T) {
		d, st := setup(t)
		for _, f := range drops {
			put(t, d, f)
		}
		if err := SyncManifest(ctx, st, d); err != nil {
			t.Fatal(err)
		}
		ready, _, _, _ := scan(d.Inbox, clock, settle)
		if _, _, err := takeGroup(ctx, st, d, 0, ingest.Options{}, ready, now, 3); err != nil {
			t.Fatal(err)
		}
		st.Close()
		loseStore(t, d)
		if _, err := Rebuild(ctx, d, ingest.Options{}, false, clock); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(d.Store)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Recovered != len(drops) || len(sum.Files) != 0 {
			t.Errorf("recovered %d, took %d; want %d and none", sum.Recovered, len(sum.Files), len(drops))
		}
		got, err := record(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("batch differs:\n got %+v\nwant %+v", got, want)
		}
	})
	// A withdrawn original makes the unrecorded lines a store behind.
	t.Run("log, an original withdrawn", func(t *testing.T) {
		d, st := setup(t)
		for _, f := range drops {
			put(t, d, f)
		}
		if err := SyncManifest(ctx, st, d); err != nil {
			t.Fatal(err)
		}
		ready, _, _, _ := scan(d.Inbox, clock, settle)
		if _, _, err := takeGroup(ctx, st, d, 0, ingest.Options{}, ready, now, 3); err != nil {
			t.Fatal(err)
		}
		st.Close()
		if err := removeOriginal(d.Inbox, ready[2].path); err != nil {
			t.Fatal(err)
		}
		var se *StoreError
		if err := CheckStore(ctx, d); !errors.As(err, &se) || se.Kind != StoreEmpty {
			t.Errorf("check: %v, want the store behind the manifest (%s)", err, StoreEmpty)
		}
	})
}
