package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bar is drawn on a terminal only: not into a file, nor into /dev/null,
// which is a character device but no terminal (the benchmark's runs sent
// their errors there and paid a write for each file read).
func TestProgressOnlyOnTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "err.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(f, 100, "fichiers"); p != nil {
		t.Error("a bar drawn into a regular file")
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s here: %v", os.DevNull, err)
	}
	defer null.Close()
	if p := newProgress(null, 100, "fichiers"); p != nil {
		t.Errorf("a bar drawn into %s", os.DevNull)
	}
	var b bytes.Buffer
	if p := newProgress(&b, 100, "fichiers"); p != nil {
		t.Error("a bar drawn into a buffer")
	}
}

// The bar is drawn again when it grows and at the end, not for every file;
// a count reported late by a slower reader never takes it back.
func TestProgressDrawsWhenItChanges(t *testing.T) {
	var b bytes.Buffer
	p := &progressBar{w: &b, total: 3000, label: "fichiers", last: -1}
	for i := 1; i <= 3000; i++ {
		p.Set(i)
		if i%7 == 0 {
			p.Set(i - 3) // late, from another reader
		}
	}
	draws := strings.Split(b.String(), "\r")[1:]
	// 31 states of the bar, and perhaps a redraw every 100 ms.
	if len(draws) < 31 || len(draws) > 200 {
		t.Errorf("%d draws for 3,000 files, want about 31", len(draws))
	}
	if last := draws[len(draws)-1]; last != "[##############################] 3000/3000 fichiers" {
		t.Errorf("last draw %q", last)
	}
	prev := -1
	for _, d := range draws {
		var n, total int
		var bar, label string
		if _, err := fmt.Sscanf(d, "%s %d/%d %s", &bar, &n, &total, &label); err != nil {
			t.Fatalf("draw %q: %v", d, err)
		}
		if n <= prev {
			t.Errorf("count went from %d to %d", prev, n)
		}
		prev = n
	}
}
