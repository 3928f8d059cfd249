package client_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The documented forms of the jobs whose forms were wrong (issue 15) and
// the lookups and read-backs of issue 20, against the simulator.

// sentParams returns the parameters of every job of a name sent.
func sentParams(s *sim.Server, name string) []map[string]any {
	var out []map[string]any
	for _, r := range acctest.Log(s).Named(name) {
		out = append(out, r.Params)
	}
	return out
}

// master_change takes the mandatory list nids.
func TestMasterChangeSendsNids(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s)
	if err := c.MasterChange(ctx(t), 12); err != nil {
		t.Fatal(err)
	}
	if err := c.MasterChange(ctx(t), 0); err != nil {
		t.Fatal(err)
	}
	sent := sentParams(s, "master_change")
	if len(sent) != 2 {
		t.Fatalf("master_change sent %d times: %v", len(sent), sent)
	}
	if fmt.Sprint(sent[0]) != "map[nids:[12]]" {
		t.Errorf("master_change to n12 sent %v, want nids [12]", sent[0])
	}
	// Left to the cluster: every online node but the master (n12).
	if fmt.Sprint(sent[1]) != "map[nids:[11 13]]" {
		t.Errorf("master_change without a node sent %v, want nids [11 13]", sent[1])
	}
	if m := s.Cluster().Master(); m == 12 {
		t.Errorf("the master is still n12")
	}
}

// node_add takes the node id as nid; a new node is suspended unless
// offline is sent, so a node to be online is resumed, and a node to stay
// suspended is not waited for to come online.
func TestNodeAddSendsNidAndReachesTheState(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	for _, tc := range []struct {
		id        int64
		suspended bool
		want      string
	}{{12, false, client.NodeStateOnline}, {13, true, client.NodeStateSuspended}} {
		id := tc.id
		got, err := c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: fmt.Sprintf("10.0.0.%d/24", id), ID: &id, Suspended: tc.suspended})
		if err != nil || got != id {
			t.Fatalf("node %d: %d, %v", id, got, err)
		}
		n, err := c.NodeGet(client.Fresh(ctx(t)), id)
		if err != nil || n.State != tc.want {
			t.Fatalf("node %d: %+v, %v; want state %s", id, n, err, tc.want)
		}
	}
	for _, p := range sentParams(s, "node_add") {
		if _, ok := p["id"]; ok || p["nid"] == nil {
			t.Errorf("node_add sent %v, want nid and no id", p)
		}
	}
	// Only the node to be online was resumed.
	resumed := sentParams(s, "node_resume")
	if len(resumed) != 1 || fmt.Sprint(resumed[0]["nid"]) != "12" {
		t.Errorf("node_resume sent %v, want once for node 12", resumed)
	}
}

// remote_volume_add takes owner as a list, and no allowed_users (the
// current page's table has none): it is refused before anything is sent.
func TestRemoteVolumeAddOwnerIsAList(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	if _, err := c.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://h/a", Name: "R1", Owner: "exadefusr:exausers"}); err != nil {
		t.Fatal(err)
	}
	sent := sentParams(s, "remote_volume_add")
	if len(sent) != 1 || fmt.Sprint(sent[0]["owner"]) != "[exadefusr exausers]" {
		t.Fatalf("remote_volume_add sent %v, want owner [exadefusr exausers]", sent)
	}
	// A user alone is not the documented pair: refused before sending.
	acctest.Log(s).Reset()
	if _, err := c.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://h/c", Name: "R3", Owner: "exadefusr"}); err == nil ||
		len(sentParams(s, "remote_volume_add")) != 0 {
		t.Fatalf("owner without group: %v, sent %v; want a refusal before sending", err, sentParams(s, "remote_volume_add"))
	}
	takes, err := c.Takes(ctx(t), "remote_volume_add", "allowed_users")
	if err != nil || takes {
		t.Fatalf("Takes(allowed_users) = %v, %v; want false on Exasol 8", takes, err)
	}
	acctest.Log(s).Reset()
	_, err = c.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://h/b", Name: "R2", AllowedUsers: []string{"exadbadm"}})
	if err == nil || len(sentParams(s, "remote_volume_add")) != 0 {
		t.Fatalf("allowed_users: %v, sent %v; want a refusal before sending", err, sentParams(s, "remote_volume_add"))
	}
}

// The release is found once per client.
func TestReleaseIsFoundOnce(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	for range 2 {
		r, err := c.Release(ctx(t))
		if err != nil || r != client.Release8 {
			t.Fatalf("release %q, %v; want %q", r, err, client.Release8)
		}
	}
	if n := len(sentParams(s, "node_info")); n != 1 {
		t.Fatalf("node_info sent %d times, want once", n)
	}
}

// A failed db_info whose text says "not found" does not make the database
// missing: only db_list decides. A delete it fails is not reported done.
func TestErrorTextIsNotNotFound(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	spec := client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "1 GiB", Nodes: []int64{11}, NumActiveNodes: 1}
	if err := c.CreateDatabase(ctx(t), spec); err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{"[Errno 2] No such file or directory: '/exa/etc/ldap.conf'", "LDAP server not found", "node n12 not found"} {
		armFaults(t, s, "error,job=db_info|db_delete,times=all,message="+msg)
		_, err := c.DBInfo(client.Fresh(ctx(t)), "DB1")
		if err == nil || client.IsNotFound(err) {
			t.Errorf("%s: DBInfo %v; want an error that is not not-found", msg, err)
		}
		if err := c.DeleteDatabase(ctx(t), "DB1", false); err == nil || client.IsNotFound(err) {
			t.Errorf("%s: DeleteDatabase %v; want an error", msg, err)
		}
		s.ClearFaults()
		if _, err := c.DBInfo(client.Fresh(ctx(t)), "DB1"); err != nil {
			t.Fatalf("%s: the database is gone: %v", msg, err)
		}
	}
	// A database db_list does not list is missing, whatever the text.
	if _, err := c.DBInfo(client.Fresh(ctx(t)), "DB2"); !client.IsNotFound(err) {
		t.Fatalf("DBInfo of a missing database: %v; want not found", err)
	}
}

// A create whose answer is lost (dropped, 503) while an object of the same
// name, created by someone else before, exists does not take that object.
func TestLostCreateDoesNotAdoptForeignObjects(t *testing.T) {
	for _, fault := range []string{"drop", "5xx"} {
		t.Run(fault, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
			c, _ := faultClient(t, s)
			acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
				"mem_size": "2 GiB", "nodes": []int{11}, "num_active_nodes": 1, "port": 8563})
			armFaults(t, s, fault+",job=db_create")
			err := c.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
				MemSize: "2 GiB", Nodes: []int64{11}, NumActiveNodes: 1})
			var foreign *client.ForeignObjectError
			if !errors.As(err, &foreign) {
				t.Fatalf("db_create over a foreign DB1: %v; want a ForeignObjectError", err)
			}
			armFaults(t, s, fault+",job=st_volume_create")
			_, err = c.CreateVolume(ctx(t), client.VolumeSpec{Name: "DataVolume1", Type: "data", Disk: "disk1", Size: "1 GiB",
				Nodes: []int64{11}, Redundancy: 1}, client.VolumeChange{})
			if !errors.As(err, &foreign) {
				t.Fatalf("st_volume_create over a foreign DataVolume1: %v; want a ForeignObjectError", err)
			}
			acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "ftp", "url": "ftp://them/", "remote_volume_name": "R1"})
			armFaults(t, s, fault+",job=remote_volume_add")
			_, err = c.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://us/", Name: "R1"})
			if !errors.As(err, &foreign) {
				t.Fatalf("remote_volume_add over a foreign R1: %v; want a ForeignObjectError", err)
			}
			id := int64(11)
			armFaults(t, s, fault+",job=node_add")
			_, err = c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.11/24", ID: &id})
			if !errors.As(err, &foreign) {
				t.Fatalf("node_add over the existing node 11: %v; want a ForeignObjectError", err)
			}
			if v, err := c.RemoteVolumeInfo(client.Fresh(ctx(t)), client.RemoteVolumeRef{Name: "R1"}); err != nil || v.URL != "ftp://them/" {
				t.Fatalf("the foreign R1 changed: %+v, %v", v, err)
			}
		})
	}
}

// The client's job table sends each job only parameters it lists, and
// reports per job what it may send.
func TestJobTableListsWhatIsSent(t *testing.T) {
	params := client.JobParams()
	for _, job := range []string{"master_change", "node_add", "remote_volume_add", "db_create"} {
		if _, ok := params[job]; !ok {
			t.Errorf("%s is not in the job table", job)
		}
	}
	if !slices.Contains(params["master_change"], "nids") || slices.Contains(params["node_add"], "id") {
		t.Errorf("table: master_change %v, node_add %v", params["master_change"], params["node_add"])
	}
}

// Against Exasol 7.1 the client finds the release once and sends 7.1's
// names: node_add's id, node_id for the other node jobs, db_create's port.
func TestRelease71Names(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.AsRelease("7.1"))
	c, _ := newClient(t, s)
	if r, err := c.Release(ctx(t)); err != nil || r != client.Release71 {
		t.Fatalf("release %q, %v; want 7.1", r, err)
	}
	id := int64(12)
	if got, err := c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.0.0.12/24", ID: &id}); err != nil || got != 12 {
		t.Fatalf("CreateNode: %d, %v", got, err)
	}
	if err := c.SetNodeSuspended(ctx(t), 12, true); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteNode(ctx(t), 12); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11}, NumActiveNodes: 1}); err != nil {
		t.Fatal(err)
	}
	if p := sentParams(s, "node_add"); len(p) != 1 || p[0]["id"] == nil || p[0]["nid"] != nil {
		t.Errorf("node_add sent %v, want id", p)
	}
	for _, job := range []string{"node_resume", "node_suspend", "node_remove"} {
		for _, p := range sentParams(s, job) {
			if p["node_id"] == nil || p["nid"] != nil {
				t.Errorf("%s sent %v, want node_id", job, p)
			}
		}
	}
	if p := sentParams(s, "db_create"); len(p) != 1 || fmt.Sprint(p[0]["port"]) != "8563" {
		t.Errorf("db_create sent %v, want port 8563", p)
	}
	if n := len(sentParams(s, "node_info")); n != 1 {
		t.Errorf("node_info sent %d times, want once (the trial)", n)
	}
}
