package main

import "testing"

// --cold starts the simulator as if just powered on (sim.Options.Cold), with
// the boot durations set like any other transition.
func TestColdFlag(t *testing.T) {
	o, _, err := parseFlags([]string{"--cold", "--duration", "node_boot=2s", "--duration", "storage_start=1s"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.Cold || o.Durations["node_boot"].String() != "2s" || o.Durations["storage_start"].String() != "1s" {
		t.Fatalf("options %+v", o)
	}
	if o, _, _ := parseFlags(nil); o.Cold {
		t.Fatal("cold by default")
	}
}
