// Package acctest holds what the project's tests share to drive a simulator:
// one way to start one (Start), one provider block (Provider), one HCL
// builder per object (Database, StorageVolume, RemoteVolume, Node,
// BackupSchedule, ClusterState), out-of-band jobs (Exec) and one view of the
// simulator's job log (Log). It imports the simulator, never the provider or
// the client, so that provider, client and simulator tests can all use it
// (the simulator's own in-package tests cannot: see internal/sim).
package acctest

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// SimOption changes the simulator's options before it starts. A function
// literal of this type works as well as the named options below.
type SimOption = func(*sim.Options)

// Start starts a simulator for one test and closes it when the test ends.
// Its defaults are those of the acceptance suite: one node (like Exasol's
// docker default), instant transitions, and the interface and release under
// test (API, Release).
func Start(t testing.TB, opts ...SimOption) *sim.Server {
	t.Helper()
	o := sim.Options{Nodes: 1, API: API(), Release: Release()}
	for _, f := range opts {
		f(&o)
	}
	s, err := sim.Start(o)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	releases.Store(s, o.Release)
	t.Cleanup(func() { _ = s.Close(); releases.Delete(s) })
	return s
}

// releases is the release each simulator Start started answers as, so that
// Exec writes a job's parameters for it rather than for the suite's.
var releases sync.Map // *sim.Server → string

// releaseOf is the release s answers as ("" the simulator's default).
func releaseOf(s *sim.Server) string {
	if r, ok := releases.Load(s); ok {
		return r.(string)
	}
	return Release()
}

// API is the management interface the acceptance suite runs against:
// EXASOL_TEST_API, "confd" by default (scripts/gotest.sh runs the suite once
// per interface).
func API() string {
	if api := os.Getenv("EXASOL_TEST_API"); api != "" {
		return api
	}
	return sim.APIConfD
}

// EXAoperation tells whether the suite runs against the EXAoperation face.
func EXAoperation() bool { return API() == sim.APIEXAoperation }

// Release is the Exasol release the simulator answers as:
// EXASOL_TEST_RELEASE, "" for the simulator's default (8).
func Release() string { return os.Getenv("EXASOL_TEST_RELEASE") }

// OnlyOnRelease8 skips a test on the simulated Exasol 7.1, naming what that
// release lacks.
func OnlyOnRelease8(t testing.TB, why string) {
	t.Helper()
	if r := Release(); r != "" && r != "8" {
		t.Skipf("not on Exasol %s: %s", r, why)
	}
}

// Options replaces all options, defaults included, by o: for tests of the
// simulator itself, which state every option they rely on.
func Options(o sim.Options) SimOption { return func(p *sim.Options) { *p = o } }

// Pinned makes the simulator serve api as the simulator's default release
// (Exasol 8), whatever EXASOL_TEST_API and EXASOL_TEST_RELEASE say: for
// tests written for one interface, such as the client's.
func Pinned(api string) SimOption {
	return func(o *sim.Options) { o.API, o.Release = api, "" }
}

// Nodes sets the number of nodes (ids 11, 12, …).
func Nodes(n int) SimOption { return func(o *sim.Options) { o.Nodes = n } }

// Face makes the simulator serve api (sim.APIConfD, sim.APIEXAoperation).
func Face(api string) SimOption { return func(o *sim.Options) { o.API = api } }

// AsRelease makes the simulator answer as Exasol release r ("7.1", "8").
func AsRelease(r string) SimOption { return func(o *sim.Options) { o.Release = r } }

// Durations sets how long the named transitions take (instant otherwise).
func Durations(d map[string]time.Duration) SimOption {
	return func(o *sim.Options) { o.Durations = d }
}

// Duration sets how long one transition takes, keeping the others.
func Duration(name string, d time.Duration) SimOption {
	return func(o *sim.Options) {
		if o.Durations == nil {
			o.Durations = map[string]time.Duration{}
		}
		o.Durations[name] = d
	}
}

// Latency delays every answer by all, and the named jobs' by perJob.
func Latency(all time.Duration, perJob map[string]time.Duration) SimOption {
	return func(o *sim.Options) { o.Latency, o.JobLatency = all, perJob }
}

// Faults arms faults from the start.
func Faults(f ...sim.Fault) SimOption { return func(o *sim.Options) { o.Faults = f } }

// Plugins installs the named plugins.
func Plugins(p ...string) SimOption { return func(o *sim.Options) { o.Plugins = p } }

// Password sets the administrator's password.
func Password(p string) SimOption { return func(o *sim.Options) { o.Password = p } }

// AuthToken makes the simulator accept a bearer token too.
func AuthToken(tok string) SimOption { return func(o *sim.Options) { o.AuthToken = tok } }

// NodeAddresses gives every node its own address (a door per node), as
// failover needs.
func NodeAddresses() SimOption { return func(o *sim.Options) { o.NodeAddresses = true } }

// StateFile persists the cluster's state in path (loaded if it exists).
func StateFile(path string) SimOption { return func(o *sim.Options) { o.StateFile = path } }

// Cold starts the cluster powered off.
func Cold() SimOption { return func(o *sim.Options) { o.Cold = true } }

// OnJob calls f with every job the simulator records.
func OnJob(f func(sim.JobRecord)) SimOption { return func(o *sim.Options) { o.OnJob = f } }
