package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft limit on the Go heap the program sets
// unless GOMEMLIMIT says otherwise. With the garbage collector's default
// (GOGC=100) the heap may grow to twice what is live before a collection:
// a large table, whose live data peaks at 250–350 MB while it is
// interpreted or published, would then take 700 MB to 1 GB of memory. Under
// this limit the collector runs more often as the heap nears it, and the
// process stays under the 512 MiB that any file within sheet.DefaultLimits
// may cost (docs/performance.md, "Memory"). It is a soft limit: a process
// whose live data exceeds it goes on, with the collector taking at most
// about half of the CPU, rather than failing. Why not lower (a limit under
// what is live for a moment saves little and doubles the CPU of a
// million-row table): docs/performance.md, "The fact table, compact".
const defaultMemoryLimit = 400 << 20

// setMemoryLimit applies defaultMemoryLimit unless the GOMEMLIMIT
// environment variable is set (GOMEMLIMIT=off removes any limit; a larger
// one trades memory for speed on a machine that has it).
func setMemoryLimit() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); ok {
		return // the runtime has read it already
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
}
