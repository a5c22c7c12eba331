package main

import (
	"context"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestZZMem(t *testing.T) {
	in := os.Getenv("PROF_IN")
	if in == "" {
		t.Skip()
	}
	setMemoryLimit()
	runtime.MemProfileRate = 64 << 10
	for i := 0; i < 3; i++ {
		if rc := run(context.Background(), []string{"report", "--in", in, "--out", t.TempDir()}, io.Discard, io.Discard); rc != 0 {
			t.Fatal(rc)
		}
	}
	f, _ := os.Create(os.Getenv("PROF_OUT"))
	pprof.Lookup("allocs").WriteTo(f, 0)
	f.Close()
}
