package client_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Failover tests run a 3-node simulator where every node has its own
// address (127.0.0.1, .2, .3), and make its master fail: the client must
// find the new master, repeat reads, and apply every change exactly once.

const testFailoverDelay = 150 * time.Millisecond

// failoverClient notices a hanging master after half a second.
func failoverClient(t *testing.T, s *sim.Server, mod ...func(*client.Config)) (*client.Cluster, *logSink) {
	t.Helper()
	if len(s.Endpoints()) != 3 {
		t.Fatalf("endpoints %v, want one per node", s.Endpoints())
	}
	return newClient(t, s, append([]func(*client.Config){func(c *client.Config) {
		c.RequestTimeout = 500 * time.Millisecond
		c.FailoverTimeout = 10 * time.Second
	}}, mod...)...)
}

func failMaster(t *testing.T, s *sim.Server, o sim.FailoverOptions) {
	t.Helper()
	if o.Delay == 0 {
		o.Delay = testFailoverDelay
	}
	if err := s.FailMaster(o); err != nil {
		t.Fatal(err)
	}
}

func checkFailovers(t *testing.T, s *sim.Server, want int) {
	t.Helper()
	n, err := s.Failovers()
	if err != nil || n != want {
		t.Fatalf("failovers: %d (%v), want %d", n, err, want)
	}
}

func dbSpec(name string) client.DatabaseSpec {
	return client.DatabaseSpec{Name: name, Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "1 GiB",
		Nodes: []int64{11, 12, 13}, NumActiveNodes: 3}
}

func TestFailoverBetweenCalls(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, sink := failoverClient(t, s)
	if name, err := c.MasterName(ctx(t)); err != nil || name != "n11" {
		t.Fatalf("master %q, %v", name, err)
	}
	failMaster(t, s, sim.FailoverOptions{})
	if err := c.CreateDatabase(ctx(t), dbSpec("DB1")); err != nil {
		t.Fatalf("create during the failover: %v", err)
	}
	checkFailovers(t, s, 1)
	if name, err := c.MasterName(ctx(t)); err != nil || name != "n12" {
		t.Fatalf("master after the failover %q, %v", name, err)
	}
	// The job_start never reached a master: nothing to read back, sent once.
	if n := acctest.Log(s).Ran("db_create"); n != 1 || len(acctest.Log(s).Lost()) != 0 {
		t.Fatalf("db_create ran %d times, lost %v", n, acctest.Log(s).Lost())
	}
	if !strings.Contains(sink.all(), "looking for it") {
		t.Errorf("the failover is not logged:\n%s", sink.all())
	}
}

// A master that hangs in the middle of a read: the read times out, is
// repeated at the new master, and returns the right answer.
func TestFailoverHangDuringRead(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s)
	if err := c.CreateDatabase(ctx(t), dbSpec("DB1")); err != nil {
		t.Fatal(err)
	}
	// The election comes after the client's request timeout (500 ms).
	failMaster(t, s, sim.FailoverOptions{Mode: sim.FailHang, Delay: time.Second})
	start := time.Now()
	names, err := c.DBList(ctx(t))
	if err != nil || len(names) != 1 || names[0] != "DB1" {
		t.Fatalf("DBList across a hanging master: %v, %v", names, err)
	}
	if time.Since(start) < 500*time.Millisecond {
		t.Fatalf("answered in %s: the hanging master was not hit", time.Since(start))
	}
	checkFailovers(t, s, 1)
}

// The master commits a db_create and fails before answering: the client
// reads back and does not create the database again.
func TestFailoverLostAnswerAfterCommit(t *testing.T) {
	for _, mode := range []sim.FailMode{sim.FailRefuse, sim.FailHang} {
		t.Run(string(mode), func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
			c, sink := failoverClient(t, s)
			// A hanging master is noticed by the request timeout (500 ms),
			// before the new master is elected.
			failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: "db_create", LoseResponse: true, Mode: mode, Delay: 700 * time.Millisecond})
			start := time.Now()
			if err := c.CreateDatabase(ctx(t), dbSpec("DB1")); err != nil {
				t.Fatalf("create: %v", err)
			}
			if time.Since(start) < 700*time.Millisecond {
				t.Fatalf("done in %s, before the new master was elected", time.Since(start))
			}
			if n := acctest.Log(s).Ran("db_create"); n != 1 {
				t.Fatalf("db_create ran %d times, want once", n)
			}
			if lost := acctest.Log(s).Lost(); len(lost) != 1 || lost[0] != "db_create" {
				t.Fatalf("lost jobs %v, want the committed db_create", lost)
			}
			if names, _ := c.DBList(ctx(t)); len(names) != 1 {
				t.Fatalf("databases %v", names)
			}
			if !strings.Contains(sink.all(), "took effect before its answer was lost") {
				t.Errorf("the read-back is not logged:\n%s", sink.all())
			}
		})
	}
}

// The master fails as db_create arrives, before running it: the read-back
// finds no database, and the job is sent once more.
func TestFailoverChangeNotCommitted(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s)
	failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: "db_create"})
	if err := c.CreateDatabase(ctx(t), dbSpec("DB1")); err != nil {
		t.Fatalf("create: %v", err)
	}
	if n := acctest.Log(s).Ran("db_create"); n != 1 {
		t.Fatalf("db_create ran %d times, want once", n)
	}
	if lost := acctest.Log(s).Lost(); len(lost) != 1 || lost[0] != "db_create dropped" {
		t.Fatalf("lost jobs %v, want the dropped db_create", lost)
	}
	if _, err := c.DBInfo(ctx(t), "DB1"); err != nil {
		t.Fatal(err)
	}
}

// A node that is not the master answers with 302: after a master_change
// behind the client's back, the cached master redirects to the new one.
func TestRedirectFromNonMaster(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s, func(c *client.Config) { c.Endpoints = s.Endpoints()[1:] }) // not the master
	if _, err := c.DBList(ctx(t)); err != nil {
		t.Fatalf("through non-master endpoints: %v", err)
	}
	if _, err := s.Exec("master_change", map[string]any{"nids": []int{13}}); err != nil {
		t.Fatal(err)
	}
	before := s.Calls()
	if err := c.CreateDatabase(ctx(t), dbSpec("DB1")); err != nil {
		t.Fatalf("after the master moved: %v", err)
	}
	if s.Calls() == before || acctest.Log(s).Ran("db_create") != 1 {
		t.Fatal("db_create did not reach the new master exactly once")
	}
	st, err := c.ClusterState(ctx(t))
	if err != nil || st.MasterName != "n13" || st.MasterAddress != "127.0.0.3" {
		t.Fatalf("cluster state after the redirect: %+v, %v", st, err)
	}
}

// Every node down: an error that names every endpoint, at once for a
// cluster never reached, after failover_timeout for one that was.
func TestAllNodesDown(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	eps := s.Endpoints()
	fresh, _ := failoverClient(t, s)
	used, _ := failoverClient(t, s, func(c *client.Config) { c.FailoverTimeout = time.Second })
	if _, err := used.DBList(ctx(t)); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	start := time.Now()
	_, err := fresh.DBList(ctx(t))
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("a cluster never reached: %v after %s", err, time.Since(start))
	}
	_, err2 := used.DBList(ctx(t))
	// The setting's name is the provider's wording of the hint:
	// internal/provider TestClientErrorDetail.
	var e2 *client.Error
	if err2 == nil || !strings.Contains(err2.Error(), "failover timeout") || !errors.As(err2, &e2) || e2.Hint != client.HintFailoverTimeout {
		t.Fatalf("a cluster that went away: %v", err2)
	}
	for _, e := range []error{err, err2} {
		for _, ep := range eps {
			u, _ := url.Parse(ep)
			if !strings.Contains(e.Error(), u.Host) {
				t.Errorf("error does not name %s: %v", u.Host, e)
			}
		}
		if !client.IsTransport(e) {
			t.Errorf("not a transport error: %v", e)
		}
	}
}

func TestMasterChange(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
	c, _ := failoverClient(t, s)
	if err := c.MasterChange(ctx(t), 12); err != nil {
		t.Fatal(err)
	}
	if name, err := c.MasterName(ctx(t)); err != nil || name != "n12" || s.Cluster().Master() != 12 {
		t.Fatalf("master %q (%v), cluster says %d", name, err, s.Cluster().Master())
	}
	// Asking for the master it already is sends no job.
	acctest.Log(s).Reset()
	if err := c.MasterChange(ctx(t), 12); err != nil || acctest.Log(s).Ran("master_change") != 0 {
		t.Fatalf("second move: %v, %d jobs", err, acctest.Log(s).Ran("master_change"))
	}
	// A planned move whose answer is lost is read back, not repeated.
	failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: "master_change", LoseResponse: true})
	if err := c.MasterChange(ctx(t), 13); err != nil {
		t.Fatal(err)
	}
	if s.Cluster().Master() != 13 || acctest.Log(s).Ran("master_change") != 1 {
		t.Fatalf("master %d after %d master_change jobs", s.Cluster().Master(), acctest.Log(s).Ran("master_change"))
	}
}

// Every change job the client sends, with the master failing while it is
// in flight: once after the job committed (the answer is lost), once before
// it ran. Each job takes effect exactly once, and the typed method returns
// what the job would have.
func TestEveryChangeSurvivesFailover(t *testing.T) {
	for _, lose := range []bool{true, false} {
		name := "not committed"
		if lose {
			name = "committed, answer lost"
		}
		t.Run(name, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.NodeAddresses())
			c, _ := failoverClient(t, s)
			var remote string
			var node int64
			no := false
			for _, step := range []struct {
				job string
				run func(context.Context) error
			}{
				{"st_volume_create", func(ctx context.Context) error {
					id, err := c.VolumeCreate(ctx, client.VolumeSpec{Name: "V1", Type: "data", Disk: "disk1", Size: "1 GiB", Nodes: []int64{11}, Redundancy: 1})
					if err == nil && id == "" {
						err = errors.New("no volume id")
					}
					return err
				}},
				{"st_volume_add_label", func(ctx context.Context) error { return c.VolumeAddLabel(ctx, "V1", "l1") }},
				{"st_volume_set_io_status", func(ctx context.Context) error { return c.VolumeSetIOStatus(ctx, "V1", true, false) }},
				{"st_volume_enlarge", func(ctx context.Context) error { return c.VolumeResize(ctx, "V1", 1024) }},
				{"st_volume_shrink", func(ctx context.Context) error { return c.VolumeResize(ctx, "V1", -512) }},
				{"st_volume_remove_label", func(ctx context.Context) error { return c.VolumeRemoveLabel(ctx, "V1", "l1") }},
				{"db_create", func(ctx context.Context) error {
					spec := dbSpec("DB1")
					spec.DataVolumeName, spec.Nodes, spec.NumActiveNodes, spec.AutoStart = "V1", []int64{11}, 1, &no
					return c.DBCreate(ctx, spec)
				}},
				{"db_configure", func(ctx context.Context) error {
					mem := "2 GiB"
					return c.DBConfigure(ctx, "DB1", client.DatabaseChange{MemSize: &mem})
				}},
				{"db_start", func(ctx context.Context) error { return c.DBStart(ctx, "DB1") }},
				{"remote_volume_add", func(ctx context.Context) error {
					var err error
					remote, err = c.RemoteVolumeAdd(ctx, client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://backup.example.com/x"})
					return err
				}},
				{"db_backup_add_schedule", func(ctx context.Context) error {
					return c.DBBackupAddSchedule(ctx, client.ScheduleSpec{DBName: "DB1", BackupName: "S1", BackupVolumeName: remote, Level: 0})
				}},
				{"db_backup_modify_schedule", func(ctx context.Context) error {
					h := "3"
					return c.DBBackupModifySchedule(ctx, "DB1", "S1", client.ScheduleChange{Hour: &h})
				}},
				{"db_backup_remove_schedule", func(ctx context.Context) error { return c.DBBackupRemoveSchedule(ctx, "DB1", "S1") }},
				{"db_stop", func(ctx context.Context) error { return c.DBStop(ctx, "DB1", false) }},
				{"remote_volume_remove", func(ctx context.Context) error {
					return c.RemoteVolumeRemove(ctx, client.RemoteVolumeRef{Name: remote})
				}},
				{"node_add", func(ctx context.Context) error {
					var err error
					if node, err = c.NodeAdd(ctx, client.NodeSpec{PrivateNet: "10.10.10.14/24"}); err == nil && node != 14 {
						err = errors.New("node_add returned the wrong id")
					}
					return err
				}},
				// node_add adds it suspended (node_add's page): resume it, then suspend and resume it.
				{"node_resume", func(ctx context.Context) error { return c.NodeResume(ctx, node) }},
				{"node_suspend", func(ctx context.Context) error { return c.NodeSuspend(ctx, node) }},
				{"node_resume", func(ctx context.Context) error { return c.NodeResume(ctx, node) }},
				{"node_remove", func(ctx context.Context) error {
					if _, err := c.WaitNode(ctx, node, "come online", func(n *client.Node) bool { return n.State == client.NodeStateOnline }); err != nil {
						return err
					}
					return c.NodeRemove(ctx, node)
				}},
				{"db_delete", func(ctx context.Context) error { return c.DBDelete(ctx, "DB1") }},
				{"st_volume_delete", func(ctx context.Context) error { return c.VolumeDelete(ctx, "V1") }},
			} {
				acctest.Log(s).Reset()
				failMaster(t, s, sim.FailoverOptions{AtJob: 1, Job: step.job, LoseResponse: lose, Delay: 50 * time.Millisecond})
				if err := step.run(ctx(t)); err != nil {
					t.Fatalf("%s: %v", step.job, err)
				}
				if n := acctest.Log(s).Ran(step.job); n != 1 {
					t.Fatalf("%s ran %d times, want once; log %+v", step.job, n, acctest.Log(s).Records())
				}
				want := step.job
				if !lose {
					want += " dropped"
				}
				if lost := acctest.Log(s).Lost(); len(lost) != 1 || lost[0] != want {
					t.Fatalf("%s: lost jobs %v, want [%s]", step.job, lost, want)
				}
			}
			// The end state: what the steps left, each once.
			if dbs, _ := c.DBList(ctx(t)); len(dbs) != 0 {
				t.Errorf("databases left: %v", dbs)
			}
			if vols, _ := c.VolumeList(ctx(t)); len(vols) != 1 || vols[0].Name != "DataVolume1" {
				t.Errorf("volumes left: %v", vols)
			}
			if rvs, _ := c.RemoteVolumeList(ctx(t)); len(rvs) != 0 {
				t.Errorf("remote volumes left: %v", rvs)
			}
			checkFailovers(t, s, 22) // one per step
		})
	}
}
