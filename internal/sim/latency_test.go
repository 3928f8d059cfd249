package sim

import (
	"testing"
	"time"
)

// Every call is held for the latency; a job with its own latency for that one.
func TestLatencyHoldsCalls(t *testing.T) {
	s := start(t, Options{Latency: 30 * time.Millisecond, JobLatency: map[string]time.Duration{"db_list": 120 * time.Millisecond}})
	c := client(t, s)
	took := func(name string) time.Duration {
		t0 := time.Now()
		job(t, c, name, nil)
		return time.Since(t0)
	}
	took("node_list") // connection set up
	if d := took("node_list"); d < 30*time.Millisecond || d > 110*time.Millisecond {
		t.Errorf("node_list took %s with 30 ms per call", d)
	}
	if d := took("db_list"); d < 120*time.Millisecond {
		t.Errorf("db_list took %s with 120 ms for db_list", d)
	}
	s.SetLatency(0, nil)
	if d := took("db_list"); d > 25*time.Millisecond {
		t.Errorf("db_list took %s after the latency was taken away", d)
	}
}
