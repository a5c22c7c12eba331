package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestSetMemoryLimit checks which of the limit and GOGC the program sets
// for each environment. The runtime reads GOMEMLIMIT and GOGC once, at
// start: each case stands for what it would have read by setting the
// limit and percent itself before calling setMemoryLimit, then restores
// the test process's own.
func TestSetMemoryLimit(t *testing.T) {
	const gib = 1 << 30
	cases := []struct {
		name        string
		env         map[string]string // unset when absent
		startLimit  int64             // what the runtime read from GOMEMLIMIT
		startGC     int               // and from GOGC
		wantLimit   int64
		wantPercent int
	}{
		{"nothing set", nil, math.MaxInt64, 100, defaultMemoryLimit, gcPercentUnderLimit},
		{"GOGC set", map[string]string{"GOGC": "50"}, math.MaxInt64, 50, defaultMemoryLimit, 50},
		{"a larger limit", map[string]string{"GOMEMLIMIT": "1GiB"}, gib, 100, gib, gcPercentUnderLimit},
		{"no limit", map[string]string{"GOMEMLIMIT": "off"}, math.MaxInt64, 100, math.MaxInt64, 100},
		{"both set", map[string]string{"GOMEMLIMIT": "1GiB", "GOGC": "off"}, gib, -1, gib, -1},
	}
	oldLimit := debug.SetMemoryLimit(-1)
	oldGC := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldGC)
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"GOMEMLIMIT", "GOGC"} {
				t.Setenv(k, "") // restored after the case
				if v, ok := c.env[k]; ok {
					t.Setenv(k, v)
				} else {
					os.Unsetenv(k)
				}
			}
			debug.SetMemoryLimit(c.startLimit)
			debug.SetGCPercent(c.startGC)
			setMemoryLimit()
			if got := debug.SetMemoryLimit(-1); got != c.wantLimit {
				t.Errorf("memory limit %d, want %d", got, c.wantLimit)
			}
			if got := debug.SetGCPercent(100); got != c.wantPercent {
				t.Errorf("GOGC %d, want %d", got, c.wantPercent)
			}
		})
	}
}
