package main

import (
	"os"
	"runtime/debug"
)

// The plugin's live heap stays small (a few MiB at N=1000: what the requests
// under way hold, and the read cache), but a plan allocates over a GiB in the
// framework's per-request conversions; with Go's default (GOGC=100) the
// collector ran every few MiB, about a quarter of the plugin's CPU in a large
// plan (pprof: cmd/exasol-bench -profile). Here the heap may grow to three
// times the live heap between collections, but not beyond gcHeapLimit, which
// also keeps the process small (provider peak RSS, BENCHMARKS.md). Measured
// at N=1000 on a loaded machine (one run each; plugin CPU of a plan, peak
// RSS of apply and plan): default 4.6 s, 44-49 MiB; 200 and 26 MiB 4.3 s,
// 44-48 MiB; 400 and 32 MiB 4.0 s, 51 MiB; 400 and 20 MiB 6.1 s (the
// collector runs near the limit all the time), 39 MiB. The limit is soft: a
// run whose live heap outgrows it collects more often, with the runtime's
// cap on the collector's CPU, and takes the memory it needs. GOGC or
// GOMEMLIMIT in the environment win over both.
const (
	gcPercent   = 200      // the heap grows to 3× the live heap between collections...
	gcHeapLimit = 26 << 20 // ...or to this, whichever is less (memory the Go runtime holds)
)

func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(gcHeapLimit)
}
