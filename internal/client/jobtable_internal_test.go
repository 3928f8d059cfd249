package client

import (
	"testing"
)

// Database states are compared without regard to case, in one place.
func TestDatabaseStatesAnyCase(t *testing.T) {
	for in, want := range map[string]string{"Running": DBStateRunning, "running": DBStateRunning, "Setup": DBStateSetup,
		"SETUP": DBStateSetup, "startup": DBStateStartup, "Shutdown": DBStateShutdown, "shutdown": DBStateShutdown} {
		if got := CanonicalDBState(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
		d := parseDatabase("DB1", fields{"state": in})
		if d.State != want {
			t.Errorf("db_info state %q read as %q", in, d.State)
		}
	}
	if !parseDatabase("DB1", fields{"state": "Running"}).Running() {
		t.Error("'Running' is not running")
	}
}
