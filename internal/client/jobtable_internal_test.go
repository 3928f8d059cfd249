package client

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Every parameter the client's job table names is one the simulator's
// declaration of that job has, as the simulator's job_help (an XML-RPC
// method of ConfD) tells it: the table cannot drift from the declared
// forms.
func TestJobTableParamsAreDeclared(t *testing.T) {
	s, err := sim.Start(sim.Options{Nodes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := New(Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for job, spec := range jobTable {
		v, err := c.call(asRead(ctx), "job_help", job)
		if err != nil {
			t.Errorf("%s: the simulator does not declare it: %v", job, err)
			continue
		}
		declared := helpParams(asString(v))
		for _, p := range spec.params {
			if rels, limited := releaseOnly[job][p]; limited && !containsRelease(rels, Release8) {
				continue // not sent to Exasol 8 (release.go)
			}
			if !slices.Contains(declared, p) {
				t.Errorf("%s: the client may send %s, which the simulator's declaration (%v) lacks", job, p, declared)
			}
		}
	}
}

// helpParams reads the parameter names of job_help's text ("mandatory: a,
// b", "optional: …", "substitutes: …").
func helpParams(help string) []string {
	var out []string
	for _, line := range strings.Split(help, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "mandatory" && k != "optional" && k != "substitutes") {
			continue
		}
		for _, n := range strings.Split(v, ",") {
			n, _, _ = strings.Cut(strings.TrimSpace(n), ":") // "name:type" in some renderings
			if n != "" && n != "None" {
				out = append(out, n)
			}
		}
	}
	return out
}

// Older releases are sent their own names; the table stays in the current ones.
func TestForRelease(t *testing.T) {
	p, err := forRelease(Release71, "node_remove", Params{"nid": int64(12)})
	if err != nil || fmt.Sprint(p) != "map[node_id:12]" {
		t.Errorf("node_remove for 7.1: %v %v", p, err)
	}
	p, err = forRelease(Release71, "node_add", Params{"priv_net": "10.0.0.1/24", "nid": int64(12)})
	if err != nil || p["id"] != int64(12) || p["nid"] != nil {
		t.Errorf("node_add for 7.1: %v %v", p, err)
	}
	p, err = forRelease(Release71, "db_create", Params{"db_name": "DB1"})
	if err != nil || p["port"] != int64(DefaultDBPort) {
		t.Errorf("db_create for 7.1: %v %v", p, err)
	}
	p, err = forRelease(Release8, "db_create", Params{"db_name": "DB1"})
	if err != nil || p["port"] != nil {
		t.Errorf("db_create for 8: %v %v", p, err)
	}
	if _, err := forRelease(Release8, "remote_volume_add", Params{"allowed_users": []string{"u"}}); err == nil {
		t.Errorf("allowed_users for 8 accepted")
	}
	if _, err := forRelease(Release71, "remote_volume_add", Params{"allowed_users": []string{"u"}}); err != nil {
		t.Errorf("allowed_users for 7.1: %v", err)
	}
}

// A call with a parameter the table does not list never leaves the client.
func TestUnlistedParameterIsRefused(t *testing.T) {
	if _, err := specOf("node_add", Params{"priv_net": "x", "id": 12}); err == nil || !strings.Contains(err.Error(), "id") {
		t.Fatalf("node_add with id: %v", err)
	}
	if _, err := specOf("no_such_job", nil); err == nil {
		t.Fatal("an unknown job was accepted")
	}
}

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
