package client_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func TestNodeRoundTrip(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.Durations(map[string]time.Duration{"node_add": 200 * time.Millisecond, "node_resume": 300 * time.Millisecond}))
	c, _ := newClient(t, s)

	nodes, err := c.NodeList(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 3 || nodes[0].ID != 11 || nodes[2].ID != 13 || nodes[0].State != client.NodeStateOnline ||
		nodes[0].PrivateIP != "10.10.10.11" || len(nodes[0].Disks) != 1 || nodes[0].Disks[0].Devices[0] != "dev.1" {
		t.Fatalf("node_list: %+v", nodes)
	}

	// node_add takes no MAC addresses: refused before anything is sent
	var u *client.UnsupportedError
	if _, err := c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.14/24", MACEth0: ptr("08:00:27:00:00:01")}); !errors.As(err, &u) || u.API != "ConfD" {
		t.Fatalf("MAC address on ConfD: %v", err)
	}
	if r := lastJob(s, "node_add"); r != nil {
		t.Fatalf("a refused node was sent: %+v", r)
	}

	// Create waits through the boot.
	id, err := c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.14/24"})
	if err != nil || id != 14 {
		t.Fatalf("CreateNode = %d, %v", id, err)
	}
	n, err := c.NodeGet(ctx(t), 14)
	if err != nil || n.State != client.NodeStateOnline || n.Name != "n14" {
		t.Fatalf("node 14 after create: %+v, %v", n, err)
	}

	// Suspend and resume address the node as nid.
	if err := c.SetNodeSuspended(ctx(t), 14, true); err != nil {
		t.Fatal(err)
	}
	if r := lastJob(s, "node_suspend"); r == nil || r.Params["nid"] == nil {
		t.Fatalf("node_suspend sent %+v, want the id as nid", r)
	}
	if err := c.SetNodeSuspended(ctx(t), 14, false); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.NodeGet(ctx(t), 14); n.State != client.NodeStateOnline {
		t.Fatalf("resume returned before the node was online: %s", n.State)
	}

	// A suspended node is resumed and removed.
	if err := c.SetNodeSuspended(ctx(t), 14, true); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteNode(ctx(t), 14); err != nil {
		t.Fatal(err)
	}
	if _, err := c.NodeGet(ctx(t), 14); !client.IsNotFound(err) {
		t.Fatalf("node 14 after delete: %v", err)
	}
	if err := c.DeleteNode(ctx(t), 14); err != nil {
		t.Fatalf("deleting a removed node: %v", err)
	}

	// A refused removal is typed, names the reasons and leaves a suspended node suspended.
	if err := c.SetNodeSuspended(ctx(t), 12, true); err != nil {
		t.Fatal(err)
	}
	err = c.DeleteNode(ctx(t), 12)
	var refused *client.NodeRemoveError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "DataVolume1") || !strings.Contains(err.Error(), "node_remove") {
		t.Fatalf("removing n12 = %v, want a NodeRemoveError naming DataVolume1", err)
	}
	if n, _ := c.NodeGet(ctx(t), 12); n.State != client.NodeStateSuspended {
		t.Fatalf("n12 after the refused removal is %s, want suspended again", n.State)
	}
}

func lastJob(s *sim.Server, name string) *sim.JobRecord {
	log := acctest.Log(s).Records()
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Name == name {
			return &log[i]
		}
	}
	return nil
}
