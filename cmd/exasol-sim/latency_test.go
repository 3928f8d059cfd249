package main

import (
	"testing"
	"time"
)

// --latency sets the latency of every call and, as JOB=DURATION, of one job.
func TestLatencyFlag(t *testing.T) {
	o, _, err := parseFlags([]string{"--latency", "20ms", "--latency", "db_info=50ms", "--latency", "getVolumeList=1s"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Latency != 20*time.Millisecond || o.JobLatency["db_info"] != 50*time.Millisecond || o.JobLatency["getVolumeList"] != time.Second {
		t.Errorf("latency %v, per job %v", o.Latency, o.JobLatency)
	}
	for _, bad := range []string{"fast", "=20ms", "db_info=", "-5ms"} {
		if _, _, err := parseFlags([]string{"--latency", bad}); err == nil {
			t.Errorf("--latency %q accepted", bad)
		}
	}
}
