package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// allOutputs are the files WriteAll writes for testInput.
var allOutputs = []string{
	NationalCSV, TracksCSV, RejectionsCSV, CompletenessCSV, MissingCSV, PanelCSV, CompareCSV, OutliersCSV, WorkbookName, StaffWorkbookName,
	"c2i2e-2005-2006.pdf", "c2i2e-2006-2007.pdf", "c2i2e-2007-2008.pdf", "c2i2e-2008-2009.pdf",
	"c2i2e-2009-2010.pdf", "c2i2e-2010-2011.pdf", "c2i2e-2011-2012.pdf",
	"qualite-2005-2006.pdf", "qualite-2006-2007.pdf", "qualite-2007-2008.pdf", "qualite-2008-2009.pdf",
	"qualite-2009-2010.pdf", "qualite-2010-2011.pdf", "qualite-2011-2012.pdf",
}

// folderNames lists a folder's entries.
func folderNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// checkStopped checks what WriteAll wrote when stopped while drawing the
// output named at. Two outputs are drawn at once, started heaviest first;
// the other one may lag behind at by several outputs, or run ahead of it
// by several, as the machine is busy: what holds is that nothing starts
// once stopped (the outputs named as not written are the last ones in
// the start order, at not among them, and at least one), and that every
// output is either written or named in the error, never both. written are
// the names found in the folder.
func checkStopped(t *testing.T, in Input, err error, at string, written []string) {
	t.Helper()
	var outs []output
	for _, l := range outputLists(in) {
		o, lerr := l(in)
		if lerr != nil {
			t.Fatal(lerr)
		}
		outs = append(outs, o...)
	}
	var order []string
	for _, i := range startOrder(outs) {
		order = append(order, outs[i].name)
	}
	_, left, ok := strings.Cut(err.Error(), "not written: ")
	if !ok {
		t.Fatalf("err = %v: nothing named as not written", err)
	}
	left, _, _ = strings.Cut(left, ": ")
	notStarted := strings.Split(left, ", ")
	// (named in the outputs' declared order)
	k := len(order) - len(notStarted)
	if k <= 0 || !slices.Equal(slices.Sorted(slices.Values(order[k:])), slices.Sorted(slices.Values(notStarted))) || slices.Contains(notStarted, at) {
		t.Errorf("not written: %v; want the last outputs of the start order %v, after %s", notStarted, order, at)
	}
	for _, name := range order {
		w, named := slices.Contains(written, name), strings.Contains(err.Error(), name)
		if w == named {
			t.Errorf("%s: written %v, named in the error %v; want one or the other", name, w, named)
		}
	}
}

func TestWriteAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := WriteAll(t.Context(), dir, testInput(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		// missing.csv is its header alone without a registry (44 bytes).
		if fi.Size() < 44 || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: %d bytes, mode %v", p, fi.Size(), fi.Mode().Perm())
		}
		names = append(names, filepath.Base(p))
	}
	if !slices.Equal(names, allOutputs) {
		t.Errorf("written %v, want %v", names, allOutputs)
	}
	got := folderNames(t, dir)
	want := slices.Sorted(slices.Values(allOutputs))
	if !slices.Equal(got, want) {
		t.Errorf("folder holds %v, want %v (no temporary file)", got, want)
	}
}

// TestWriteAllOutputFails makes each kind of output panic in turn: the
// error names it, it is not written (nor any temporary file), and every
// other output is.
func TestWriteAllOutputFails(t *testing.T) {
	for _, failing := range []string{NationalCSV, RejectionsCSV, WorkbookName, "c2i2e-2005-2006.pdf", "c2i2e-2011-2012.pdf", "qualite-2011-2012.pdf"} {
		t.Run(failing, func(t *testing.T) {
			in := testInput(t, "fr")
			in.failOutput = func(name string) {
				if name == failing {
					panic("index out of range [128512] with length 65536")
				}
			}
			dir := t.TempDir()
			paths, err := WriteAll(t.Context(), dir, in)
			if err == nil {
				t.Fatal("no error from a panicking output")
			}
			if msg := err.Error(); !strings.Contains(msg, failing+": panic: index out of range") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming %s and the panic", msg, failing)
			}
			want := slices.DeleteFunc(slices.Clone(allOutputs), func(n string) bool { return n == failing })
			var names []string
			for _, p := range paths {
				names = append(names, filepath.Base(p))
			}
			if !slices.Equal(names, want) {
				t.Errorf("written %v, want %v", names, want)
			}
			if got := folderNames(t, dir); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("folder holds %v, want %v", got, want)
			}
		})
	}
}

// TestWriteAllCancelled stops WriteAll before it starts, and in the middle
// of the workbook: nothing more is written, and the error says why.
func TestWriteAllCancelled(t *testing.T) {
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		dir := t.TempDir()
		paths, err := WriteAll(ctx, dir, testInput(t, "fr"))
		if !errors.Is(err, context.Canceled) || len(paths) != 0 {
			t.Fatalf("WriteAll = %v, %v: want nothing written and context.Canceled", paths, err)
		}
		if got := folderNames(t, dir); len(got) != 0 {
			t.Errorf("folder holds %v", got)
		}
	})
	t.Run("during the workbook", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		in := testInput(t, "fr")
		in.failOutput = func(name string) {
			if name == WorkbookName {
				cancel() // as a stop signal arriving while the workbook is drawn
			}
		}
		dir := t.TempDir()
		_, err := WriteAll(ctx, dir, in)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if !strings.Contains(err.Error(), WorkbookName) {
			t.Errorf("err = %v: want the workbook named", err)
		}
		checkStopped(t, in, err, WorkbookName, folderNames(t, dir))
	})
	t.Run("during a PDF", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		in := testInput(t, "fr")
		in.failOutput = func(name string) {
			if name == "c2i2e-2011-2012.pdf" {
				cancel()
			}
		}
		_, err := WriteAll(ctx, t.TempDir(), in)
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "c2i2e-2011-2012.pdf") {
			t.Fatalf("err = %v, want the 2011-2012 report interrupted", err)
		}
	})
}

// TestPublishIncomplete publishes a complete set, then a set with a failing
// output, then an interrupted one: each incomplete folder is kept with a
// note, and latest still points at the complete set.
func TestPublishIncomplete(t *testing.T) {
	dir := t.TempDir()
	if _, err := Publish(t.Context(), dir, "run-000001", testInput(t, "fr")); err != nil {
		t.Fatal(err)
	}
	in := testInput(t, "fr")
	in.failOutput = func(name string) {
		if name == "c2i2e-2011-2012.pdf" {
			panic("boom")
		}
	}
	folder, err := Publish(t.Context(), dir, "run-000002", in)
	if err == nil || !strings.Contains(err.Error(), "c2i2e-2011-2012.pdf: panic: boom") {
		t.Fatalf("err = %v, want the failing PDF named", err)
	}
	if target, _ := os.Readlink(filepath.Join(dir, LatestName)); target != "run-000001" {
		t.Errorf("latest → %q after a failed output, want run-000001", target)
	}
	got := folderNames(t, folder)
	if !slices.Contains(got, IncompleteName) || slices.Contains(got, "c2i2e-2011-2012.pdf") || !slices.Contains(got, WorkbookName) {
		t.Errorf("incomplete folder holds %v: want the other outputs and %s", got, IncompleteName)
	}
	note, _ := os.ReadFile(filepath.Join(folder, IncompleteName))
	if !strings.Contains(string(note), "c2i2e-2011-2012.pdf: panic: boom") {
		t.Errorf("%s says %q", IncompleteName, note)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Publish(ctx, dir, "run-000003", testInput(t, "fr")); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if target, _ := os.Readlink(filepath.Join(dir, LatestName)); target != "run-000001" {
		t.Errorf("latest → %q after an interruption, want run-000001", target)
	}
	if got, want := folderNames(t, dir), []string{LatestName, "run-000001", "run-000002", "run-000003"}; !slices.Equal(got, want) {
		t.Errorf("reports folder holds %v, want %v", got, want)
	}
}

// TestWriteOutputsDrawing writes many outputs, each drawing for a moment:
// no more than outputWorkers draw at once (an output's sync and rename wait
// beside the others' drawing, not in their place), and every output is
// written, the paths in the outputs' order.
func TestWriteOutputsDrawing(t *testing.T) {
	var drawing, most atomic.Int32
	var outs []output
	var want []string
	var mu sync.Mutex
	var began []int
	for i := range 3 * outputsInFlight {
		name := fmt.Sprintf("out-%02d.csv", i)
		want = append(want, name)
		// The later outputs are the heavier: they are started first,
		// and still returned in their order.
		outs = append(outs, output{name: name, weight: int64(i), write: func(ctx context.Context, w io.Writer) error {
			mu.Lock()
			began = append(began, i)
			mu.Unlock()
			n := drawing.Add(1)
			defer drawing.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			_, err := io.WriteString(w, name)
			return err
		}})
	}
	dir := t.TempDir()
	paths, err := writeOutputs(t.Context(), dir, Input{}, func(Input) ([]output, error) { return outs, nil })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
		if b, err := os.ReadFile(p); err != nil || string(b) != filepath.Base(p) {
			t.Errorf("%s holds %q (%v)", p, b, err)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("written %v, want %v", got, want)
	}
	w := outputWorkers(Input{}, len(outs))
	if most.Load() > int32(w) {
		t.Errorf("%d outputs drawn at once, want at most %d", most.Load(), w)
	}
	// Started heaviest first: each output began before every output
	// lighter by w or more (w workers may take theirs in either order).
	for k, i := range began {
		for _, j := range began[k+1:] {
			if j >= i+w {
				t.Errorf("out-%02d began before out-%02d, which is heavier", i, j)
			}
		}
	}
	if names := folderNames(t, dir); !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v (no temporary file)", names, want)
	}
}

func TestStartOrder(t *testing.T) {
	for _, tt := range []struct {
		weights []int64
		want    []int
	}{
		{nil, []int{}},
		{[]int64{0, 0, 0}, []int{0, 1, 2}},
		{[]int64{0, 5, 0, 7, 5}, []int{3, 1, 4, 0, 2}},
		{[]int64{1, 2, 3}, []int{2, 1, 0}},
	} {
		outs := make([]output, len(tt.weights))
		for i, w := range tt.weights {
			outs[i].weight = w
		}
		if got := startOrder(outs); !slices.Equal(got, tt.want) {
			t.Errorf("weights %v: order %v, want %v", tt.weights, got, tt.want)
		}
	}
}
