package client_test

import (
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Settings go out as general_settings' page shows them (by section), come
// back through settings_list, and a nested secret is not logged.
func TestClusterSettingsRoundTrip(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, sink := newClient(t, s)
	const secret = "Settings-Secret-71c3"
	err := c.ChangeClusterSettings(ctx(t), map[string]any{
		"Global.NameServers": "4.4.4.4, 8.8.8.8", "Global.XMLRPCPort": int64(20003),
		"Global.EnableLoadBalancer": true, "Global.ExaMonitorUserPassword": secret,
		"Logging.RemoteLogRotationPrefix": "logs/",
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ClusterSettings(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"Global.NameServers": "4.4.4.4, 8.8.8.8", "Global.XMLRPCPort": "20003",
		"Global.EnableLoadBalancer": "True", "Logging.RemoteLogRotationPrefix": "logs/", "Global.SSHPort": "22"} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	if _, ok := got["Global.ClusterName"]; ok {
		t.Error("an entry general_settings cannot change was read")
	}
	if log := sink.all(); strings.Contains(log, secret) || !strings.Contains(log, "general_settings") {
		t.Errorf("the log holds the secret or lacks the job:\n%s", log)
	}
}

// An entry general_settings does not take is refused before it is sent;
// no change sends nothing.
func TestClusterSettingsRefusesUnknownEntries(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	err := c.ChangeClusterSettings(ctx(t), map[string]any{"Global.ClusterName": "x"})
	if err == nil || !strings.Contains(err.Error(), "Global.ClusterName") {
		t.Fatalf("err = %v", err)
	}
	if err := c.ChangeClusterSettings(ctx(t), nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range s.JobLog() {
		if r.Name == "general_settings" {
			t.Fatalf("general_settings was sent: %v", r.Params)
		}
	}
}
