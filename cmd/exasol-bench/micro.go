package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// microCommand runs the Go micro-benchmarks of the codec, the job runner
// (internal/client/codec_bench_test.go) and the waiter (internal/wait).
const microCommand = "go test -run '^$' -bench . -benchmem ./internal/client ./internal/wait"

// microBenchmarks runs microCommand in the current directory (the module
// root, as make runs it) and returns its result lines. A failure is
// reported in the lines rather than ending the harness: the measurements
// above stand on their own.
func microBenchmarks(ctx context.Context, b *bench) ([]string, error) {
	b.logf("micro-benchmarks: %s", microCommand)
	goBin := os.Getenv("GO")
	if goBin == "" {
		goBin = "go"
	}
	cmd := exec.CommandContext(ctx, goBin, "test", "-run", "^$", "-bench", ".", "-benchmem", "./internal/client", "./internal/wait")
	out, err := cmd.CombinedOutput()
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "cpu:") || strings.HasPrefix(l, "pkg:") {
			lines = append(lines, strings.TrimRight(l, " \t"))
		}
	}
	if err != nil {
		b.logf("micro-benchmarks failed: %v\n%s", err, tail(string(out), 20))
		lines = append(lines, "FAILED: "+err.Error()+": "+strings.Join(strings.Fields(tail(string(out), 5)), " "))
	}
	return lines, nil
}
