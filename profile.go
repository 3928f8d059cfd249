package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// profileEnv names a directory into which the plugin writes pprof profiles
// of its own run: a debugging aid for measuring the provider (cmd/exasol-bench
// -profile sets it), never needed in normal use. Unset, nothing of this runs.
//
//	cpu-<pid>.pprof        CPU, from start to the plugin's exit
//	heap-<pid>.pprof       allocations (alloc_space: every allocation of the run)
//	heap-peak-<pid>.pprof  the heap when the live heap was largest (inuse_space)
const profileEnv = "EXASOL_PROVIDER_PROFILE_DIR"

// startProfiling starts the profiles profileEnv asks for; the function it
// returns writes them, and is called when the plugin is told to stop.
func startProfiling() (stop func()) {
	dir := os.Getenv(profileEnv)
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, profileEnv+":", err)
		return func() {}
	}
	pid := os.Getpid()
	path := func(kind string) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, pid)) }
	cpu, err := os.Create(path("cpu"))
	if err == nil {
		err = pprof.StartCPUProfile(cpu)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, profileEnv+":", err)
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() { defer close(finished); watchPeak(path("heap-peak"), done) }()
	return func() {
		close(done)
		<-finished
		if cpu != nil {
			pprof.StopCPUProfile()
			_ = cpu.Close()
		}
		writeProfile("allocs", path("heap"))
	}
}

// watchPeak writes a heap profile each time the live heap grows by a tenth
// beyond the largest seen, so that the last one written is near the peak.
func watchPeak(path string, done <-chan struct{}) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak+peak/10 && v > 4<<20 {
			peak = v
			// The profile's inuse figures are those of the last GC: one
			// now makes them this moment's.
			runtime.GC()
			writeProfile("heap", path)
		}
	}
}

func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup(name).WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, profileEnv+":", err)
	}
}
