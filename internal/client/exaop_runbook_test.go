package client_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The seed's runbook on EXAoperation, from a cold cluster (every node
// powered off, EXAStorage stopped, the database down) up and down again.
func TestExaopRunbookColdStartAndStop(t *testing.T) {
	const plugin = "Administration.vmware-tools"
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2), func(o *sim.Options) {
		o.Plugins = []string{plugin}
		// transitions that take a while, so that every wait waits
		o.Durations = map[string]time.Duration{"node_boot": 300 * time.Millisecond, "storage_start": 200 * time.Millisecond,
			"db_start": 200 * time.Millisecond, "db_stop": 100 * time.Millisecond}
	})
	x, _ := newExaop(t, s)
	if err := x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}); err != nil {
		t.Fatal(err)
	}
	s.Cluster().ColdBoot()
	cold, err := client.Observe(ctx(t), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cold.Running() || cold.Master != "n0010" {
		t.Fatalf("not cold: %+v", cold)
	}
	before := len(acctest.Log(s).Calls())
	rep := &reports{}
	rb := &client.Runbook{Backend: x, Report: rep.add}
	if err := rb.Start(ctx(t), client.Selection{}); err != nil {
		t.Fatalf("start: %v\n%s", err, strings.Join(stepStrings(rb.Steps()), "\n"))
	}
	steps := strings.Join(stepStrings(rb.Steps()), "\n")
	for _, want := range []string{"nodes: powered on n0011, n0012", "nodes: 3/3 online", "started the storage service",
		"database DB1: started", "plugins: " + plugin + " installed and started"} {
		if !strings.Contains(steps, want) {
			t.Errorf("no step %q in\n%s", want, steps)
		}
	}
	calls := acctest.Log(s).Calls()[before:]
	// call for call as the seed: nodes, hardware check, storage, services, database, connection, plugins
	inOrder(t, calls, "cluster1.startupNode", "cluster1.getHardwareInformation", "storage.startEXAStorage",
		"cluster1.getServiceState", "db_DB1.startDatabase", "db_DB1.getDatabaseConnectionState", "cluster1.callPlugin", "cluster1.callPlugin")
	if n := count(calls, ".startupNode"); n != 2 {
		t.Errorf("%d startupNode calls, want one per node", n)
	}
	// the seed's plugin step: restarted on the license server, then STATUS / START on every node
	var pluginCalls []string
	for _, r := range acctest.Log(s).Records()[before:] {
		if r.Name == "callPlugin" {
			args := r.Params["args"].([]any)
			pluginCalls = append(pluginCalls, args[1].(string)+" "+args[2].(string))
		}
	}
	if want := []string{"n0010 STOP", "n0010 START", "n0011 STATUS", "n0011 START", "n0012 STATUS", "n0012 START"}; !slices.Equal(pluginCalls, want) {
		t.Errorf("callPlugin %v, want %v", pluginCalls, want)
	}
	up, err := client.Observe(ctx(t), x, nil)
	if err != nil || !up.Running() {
		t.Fatalf("after start: %+v %v", up, err)
	}
	st := s.Cluster().Snapshot()
	for _, id := range []int{11, 12} {
		if !st.PluginRunning(plugin, id) {
			t.Errorf("the plugin's service does not run on node %d", id)
		}
	}

	// and down again: master check, database, storage, nodes; never the license server
	before = len(acctest.Log(s).Calls())
	rb = &client.Runbook{Backend: x}
	if err := rb.Stop(ctx(t), client.Selection{}); err != nil {
		t.Fatalf("stop: %v\n%s", err, strings.Join(stepStrings(rb.Steps()), "\n"))
	}
	calls = acctest.Log(s).Calls()[before:]
	inOrder(t, calls, "cluster1.getEXAoperationMaster", "db_DB1.getDatabaseInfo", "db_DB1.stopDatabase",
		"db_DB1.getDatabaseState", "storage.stopEXAStorage", "cluster1.getServiceState", "cluster1.shutdownNode")
	var down []string
	for _, r := range acctest.Log(s).Records()[before:] {
		if r.Name == "shutdownNode" {
			down = append(down, r.Params["args"].([]any)[0].(string))
		}
	}
	if !slices.Equal(down, []string{"n0011", "n0012"}) {
		t.Errorf("shut down %v, want the database nodes only", down)
	}
	var warned bool
	for _, st := range rb.Steps() {
		warned = warned || (st.Warning && strings.Contains(st.Detail, "n0010 runs EXAoperation"))
	}
	if !warned {
		t.Errorf("no warning that the license server was left up:\n%s", strings.Join(stepStrings(rb.Steps()), "\n"))
	}
	// EXAoperation still answers, and sees the cluster down
	down2, err := client.Observe(ctx(t), x, nil)
	if err != nil || !down2.Stopped() {
		t.Fatalf("after stop: %+v %v", down2, err)
	}
	for _, n := range down2.Nodes {
		if want := map[bool]string{true: client.NodeStateOnline, false: client.NodeStateOffline}[n.LicenseServer]; n.State != want {
			t.Errorf("node %s is %s after the stop", n.Name, n.State)
		}
	}
}
