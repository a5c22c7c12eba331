package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft limit on the Go heap the program sets
// unless GOMEMLIMIT says otherwise. With the garbage collector's default
// (GOGC=100) the heap may grow to twice what is live before a collection:
// a publication of 60,000 forms, whose live data peaks near 230 MB for a
// moment, would take 400 MB and more, and a large table, whose live data
// peaks at 300–550 MB while it is interpreted or published, 700 MB to
// 1 GB. Under this limit the collector runs more often as the heap nears
// it. It is a soft limit: a process whose live data exceeds it goes on,
// with the collector taking at most about half of the CPU, rather than
// failing. Why 224 MiB (docs/performance.md, "The soft memory limit"):
// 60,000 forms stay well under 300 MiB (250–252 MiB) at no cost in time;
// under 256 MiB they peaked at 279–304 MiB, and under 400 MiB at 370–425.
// A million-row table, whose live data is above any such limit, pays for
// it in CPU (validate of a million one-row submissions 6.6 s under 400 MiB,
// 11.9 s under 256) and stays within its bounds (512 MiB for validate,
// 1 GiB for report). A machine with memory to spare can trade it for
// speed: GOMEMLIMIT=1GiB.
const defaultMemoryLimit = 224 << 20

// setMemoryLimit applies defaultMemoryLimit unless the GOMEMLIMIT
// environment variable is set (GOMEMLIMIT=off removes any limit; a larger
// one trades memory for speed on a machine that has it).
func setMemoryLimit() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); ok {
		return // the runtime has read it already
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
}
