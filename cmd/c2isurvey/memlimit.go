package main

import (
	"math"
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
// failing. Why 200 MiB (docs/performance.md, "The soft memory limit" and
// "A margin under 300 MiB"): 60,000 forms stay under 300 MiB, 240–266 MiB
// in eight runs, where 224 MiB gave 253–290 MiB (ten runs), 256 MiB
// 279–304 and 400 MiB 370–425, at no cost in time; a million-row table,
// whose live data is above any such limit, takes as long under 200 as
// under 224 MiB (report 70 and 73 s, validate 13.0 and 13.2 s) and stays
// within its bounds (512 MiB for validate, 1 GiB for report). A machine
// with memory to spare can trade it for speed: GOMEMLIMIT=1GiB.
const defaultMemoryLimit = 200 << 20

// gcPercentUnderLimit is the collector's GOGC while a memory limit holds
// and GOGC is not set: the heap may grow to five times what is live
// before a collection, the limit still capping it. Below the limit
// memory is there to be used: a publication of 5,000 forms (about 40 MB
// live) spends a sixth of its CPU collecting under GOGC=100 and takes
// 110 MiB; under 400 it takes about 210 MiB and is 15 % faster
// (docs/performance.md, "The soft memory limit"). Above, the limit
// decides, as before. Without a limit (GOMEMLIMIT=off) the default stays:
// five times a live heap of 500 MB is not a price to pay unasked.
const gcPercentUnderLimit = 400

// setMemoryLimit applies defaultMemoryLimit unless the GOMEMLIMIT
// environment variable is set (GOMEMLIMIT=off removes any limit; a larger
// one trades memory for speed on a machine that has it), then raises GOGC
// to gcPercentUnderLimit when a limit holds and GOGC is not set.
func setMemoryLimit() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(defaultMemoryLimit)
	} // else the runtime has read it already
	if _, ok := os.LookupEnv("GOGC"); ok {
		return
	}
	if debug.SetMemoryLimit(-1) < math.MaxInt64 {
		debug.SetGCPercent(gcPercentUnderLimit)
	}
}
