package sim

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// TestEXAoperationRunbookFidelity runs Exasol's cold start and shutdown
// runbook (tests/fidelity/exaoperation_runbook.py: Python's standard
// library only, as an operator's script would) against the EXAoperation
// face of a cluster that has just been powered on, and checks the script's
// verdict, the order of its calls in the job log and where the cluster
// ends up.
func TestEXAoperationRunbookFidelity(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; tests/fidelity/exaoperation_runbook.py needs it")
	}
	const plugin = "Administration.vmware-tools"
	s := start(t, Options{API: APIEXAoperation, Plugins: []string{plugin}, Durations: map[string]time.Duration{
		cluster.TransNodeBoot: 300 * time.Millisecond, cluster.TransStorageStart: 200 * time.Millisecond,
		cluster.TransDBStart: 300 * time.Millisecond, cluster.TransDBStop: 200 * time.Millisecond,
		cluster.TransVolumeCreate: 50 * time.Millisecond,
	}})
	// Two databases, then a power failure: the runbook begins with every
	// node off, EXAStorage stopped and the databases stopped.
	c := &rpc.Client{URL: s.Ready().URL, HTTP: httpClient(t, s), User: s.Username(), Password: s.Password()}
	call := func(obj, method string, args ...any) any {
		t.Helper()
		u := *c
		if obj != "" {
			u.URL += "/" + obj
		}
		v, err := u.Call(context.Background(), method, args...)
		if err != nil {
			t.Fatalf("%s.%s: %v", obj, method, err)
		}
		return v
	}
	nodes := []string{"n0011", "n0012", "n0013"}
	call("storage", "addStorageVolume", map[string]any{"hdd_type": "disk1", "masternodes": 3, "nodes_list": nodes,
		"redundancy": 1, "size": 2, "volume_type": "Data", "allowed_users": []string{s.Username()}})
	eventually(t, "v0001 online", func() bool {
		return call("storage", "getVolumeInfo", "v0001").(map[string]any)["state"] == "ONLINE"
	})
	for i, db := range []string{"db1", "db2"} {
		call("", "addDatabase", map[string]any{"clients_port_number": 8563 + i, "data_disk": "d02_data",
			"data_volume": fmt.Sprintf("v%04d", i), "database_name": db, "database_version": "8.29.0",
			"memory_usage": 2, "nodes_list": nodes, "nodes_number": 3})
		call("db_"+db, "createDatabase")
	}
	s.Cluster().ColdBoot()
	s.ResetJobLog()

	u, err := url.Parse(s.Ready().URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(s.Username(), s.Password())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	script := filepath.Join("..", "..", "tests", "fidelity", "exaoperation_runbook.py")
	out, err := exec.CommandContext(ctx, python, script, "--url", u.String(), "--cafile", s.CACertFile(),
		"--plugin", plugin, "--timeout", "30").CombinedOutput()
	if err != nil {
		t.Fatalf("the runbook deviated (%v):\n%s", err, out)
	}
	if !strings.Contains(string(out), "runbook completed") {
		t.Fatalf("runbook output:\n%s", out)
	}

	// The calls in the runbook's order; polls of one call are one entry.
	var got []string
	for _, r := range s.JobLog() {
		e := r.Object + "." + r.Name
		for _, a := range r.Params["args"].([]any) {
			e += fmt.Sprintf(" %v", a)
		}
		if r.Code != 0 {
			t.Errorf("call %s failed", e)
		}
		if len(got) == 0 || got[len(got)-1] != e {
			got = append(got, e)
		}
	}
	want := []string{"cluster1.getNodeList"}
	for _, n := range nodes {
		want = append(want, "cluster1.startupNode "+n)
	}
	want = append(want, "cluster1.getNodeList")
	for _, n := range nodes {
		want = append(want, "cluster1.getHardwareInformation "+n)
	}
	want = append(want, "logservice1.logEntries", "cluster1.getNodeList", "storage.startEXAStorage",
		"cluster1.getServiceState", "cluster1.getDatabaseList")
	for _, db := range []string{"db_db1", "db_db2"} {
		want = append(want, db+".startDatabase", db+".getDatabaseConnectionState", db+".getDatabaseConnectionString")
	}
	want = append(want, "cluster1.callPlugin "+plugin+" n0010 STOP", "cluster1.callPlugin "+plugin+" n0010 START",
		"cluster1.getNodeList")
	for _, n := range nodes {
		want = append(want, "cluster1.callPlugin "+plugin+" "+n+" STATUS", "cluster1.callPlugin "+plugin+" "+n+" START")
	}
	want = append(want, "cluster1.getEXAoperationMaster", "cluster1.getDatabaseList")
	for _, db := range []string{"db_db1", "db_db2"} {
		want = append(want, db+".getDatabaseState", db+".getDatabaseOperation", db+".stopDatabase", db+".getDatabaseState")
	}
	want = append(want, "storage.stopEXAStorage", "cluster1.getServiceState", "cluster1.getNodeList")
	for _, n := range append(nodes, "n0010") {
		want = append(want, "cluster1.shutdownNode "+n)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("job log in the runbook's order:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// Where the cluster ends: everything off, the license server's plugin
	// service started (its node never went down in the model).
	st := s.Cluster().Snapshot()
	for _, n := range st.Nodes {
		if n.State != cluster.NodeOffline || n.Pending != nil {
			t.Errorf("node %s is %s (pending %v), want powered off", n.Name, n.State, n.Pending)
		}
	}
	for _, d := range st.Databases {
		if d.State != cluster.DBSetup {
			t.Errorf("database %s is %s", d.Name, d.State)
		}
	}
	if !st.StorageStopped || !st.PluginRunning(plugin, 10) || st.PluginRunning(plugin, 11) {
		t.Errorf("storage stopped %v, plugin services %v", st.StorageStopped, st.PluginServices)
	}
}
