package client_test

import (
	"slices"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A database's configured nodes come from getProperties (nodes_list,
// nodes_number), not from getDatabaseInfo's nodes, which move to 'failed'
// when a node goes down.
func TestExaopConfiguredNodesSurviveAFailedNode(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	if err := x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.Cluster().StopStorage(); err != nil {
		t.Fatal(err)
	}
	if err := s.Cluster().ShutdownNode(12); err != nil {
		t.Fatal(err)
	}
	d, err := x.DBInfo(ctx(t), "DB1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.FailedNodes, []string{"n0012"}) {
		t.Fatalf("getDatabaseInfo should show n0012 failed: %+v", d)
	}
	if !slices.Equal(d.Config.Nodes, []int64{11, 12}) || d.Config.NumActiveNodes != 2 {
		t.Fatalf("configured nodes %v (%d active), want [11 12] (2)", d.Config.Nodes, d.Config.NumActiveNodes)
	}
}

// The log service is the one getAllLogServices names, not a hard-coded one.
func TestExaopLogServiceFound(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	if _, err := x.LogEntries(ctx(t)); err != nil {
		t.Fatal(err)
	}
	calls := acctest.Log(s).Calls()
	i := slices.Index(calls, "cluster1.getAllLogServices")
	if i < 0 || i+1 >= len(calls) || calls[i+1] != "logservice1.logEntries" {
		t.Fatalf("calls %v: want getAllLogServices, then logEntries on the service it names", calls)
	}
}

// addNode requires spool_disk: the client sends the cluster's only data
// disk when none is given, and the given one otherwise.
func TestExaopAddNodeSendsSpoolDisk(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	choices, err := x.SpoolDiskChoices(ctx(t))
	if err != nil || !slices.Equal(choices, []string{"d02_data"}) {
		t.Fatalf("choices %v %v", choices, err)
	}
	id := int64(13)
	if _, err := x.CreateNode(ctx(t), client.NodeSpec{ID: &id, PrivateNet: "10.10.10.13/24"}); err != nil {
		t.Fatal(err)
	}
	n, err := x.NodeGet(ctx(t), 13)
	if err != nil || n.SpoolDisk == nil || *n.SpoolDisk != "d02_data" {
		t.Fatalf("node %+v %v", n, err)
	}
	bad, id2 := "d09_none", int64(14)
	if _, err := x.CreateNode(ctx(t), client.NodeSpec{ID: &id2, PrivateNet: "10.10.10.14/24", SpoolDisk: &bad}); err == nil {
		t.Fatal("a spool disk that is no choice was taken")
	}
}
