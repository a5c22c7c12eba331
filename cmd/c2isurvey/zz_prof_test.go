package main

import (
	"context"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"testing"
)

func TestZZProf(t *testing.T) {
	in := os.Getenv("PROF_IN")
	if in == "" {
		t.Skip()
	}
	setMemoryLimit()
	n, _ := strconv.Atoi(os.Getenv("PROF_N"))
	if n == 0 {
		n = 5
	}
	f, _ := os.Create(os.Getenv("PROF_OUT"))
	pprof.StartCPUProfile(f)
	for i := 0; i < n; i++ {
		out := t.TempDir()
		if rc := run(context.Background(), []string{"report", "--in", in, "--out", out}, io.Discard, io.Discard); rc != 0 {
			t.Fatal(rc)
		}
	}
	pprof.StopCPUProfile()
}
