package client_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// readCacheSim is a 3-node cluster with a stopped database DB1 on
// DataVolume1, a remote volume, the database's backup schedules S0…S2 and
// archive volumes A0…A9; the job log is empty.
func readCacheSim(t *testing.T) *sim.Server {
	t.Helper()
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "4 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "auto_start": false})
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example.com", "remote_volume_name": "Backups"})
	for i := range 3 {
		acctest.Exec(t, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": fmt.Sprintf("S%d", i),
			"backup_volume_name": "Backups", "level": 0})
	}
	for i := range 10 {
		acctest.Exec(t, s, "st_volume_create", map[string]any{"name": fmt.Sprintf("A%d", i), "type": "archive", "disk": "disk1",
			"size": "16 MiB", "nodes": []int{11}, "redundancy": 1})
	}
	acctest.Log(s).Reset()
	return s
}

// clientJobs counts the jobs the client sent, by name.
func clientJobs(s *sim.Server) map[string]int {
	out := map[string]int{}
	for _, j := range acctest.Log(s).All() {
		out[j]++
	}
	return out
}

// refreshReads are the reads of a refresh of the readCacheSim objects: what
// the resources' Read call, one each.
func refreshReads(c *client.Cluster) []func(context.Context) error {
	var reads []func(context.Context) error
	for _, id := range []int64{11, 12, 13} {
		reads = append(reads, func(ctx context.Context) error { _, err := c.NodeGet(ctx, id); return err })
	}
	reads = append(reads, func(ctx context.Context) error { _, err := c.DBInfo(ctx, "DB1"); return err })
	for i := range 3 {
		reads = append(reads, func(ctx context.Context) error {
			_, err := c.BackupSchedule(ctx, "DB1", fmt.Sprintf("S%d", i))
			return err
		})
	}
	for _, v := range []string{"DataVolume1", "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"} {
		reads = append(reads, func(ctx context.Context) error { _, err := c.VolumeInfo(ctx, v); return err })
	}
	return reads
}

// One answer serves many Reads: the nodes share node_list and node_state,
// a database and its schedules db_info, the storage volumes st_volume_list
// (after one st_volume_info, which is all a run with one volume needs).
func TestReadCacheOneAnswerServesManyReads(t *testing.T) {
	s := readCacheSim(t)
	for _, parallel := range []bool{false, true} {
		t.Run(fmt.Sprintf("parallel=%v", parallel), func(t *testing.T) {
			acctest.Log(s).Reset()
			c, _ := newClient(t, s)
			reads := refreshReads(c)
			errs := make([]error, len(reads))
			var wg sync.WaitGroup
			for i, r := range reads {
				if !parallel {
					errs[i] = r(ctx(t))
					continue
				}
				wg.Add(1)
				go func() { defer wg.Done(); errs[i] = r(ctx(t)) }()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			got := clientJobs(s)
			want := map[string]int{"node_list": 1, "node_state": 1, "db_info": 1, "st_volume_list": 1, "st_volume_info": 1}
			if parallel && got["st_volume_info"] == 0 {
				want["st_volume_info"] = 0 // the list came first
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%d reads sent %v, want %v", len(reads), got, want)
			}
		})
	}
}

// Within a run, the client sees its own changes at once: a change job
// forgets every cached answer, so a create followed by a read finds the new
// object, and a change is read back as made.
func TestReadCacheSeesTheClientsChanges(t *testing.T) {
	s := readCacheSim(t)
	c, _ := newClient(t, s)
	if _, err := c.BackupSchedule(ctx(t), "DB1", "New"); !client.IsNotFound(err) {
		t.Fatalf("schedule New before it was added: %v", err)
	}
	if _, err := c.VolumeInfo(ctx(t), "A0"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.VolumeInfo(ctx(t), "A1"); err != nil { // now the list is cached
		t.Fatal(err)
	}
	if err := c.CreateBackupSchedule(ctx(t), client.ScheduleSpec{DBName: "DB1", BackupName: "New", BackupVolumeName: "Backups", Level: 1}); err != nil {
		t.Fatal(err)
	}
	if sc, err := c.BackupSchedule(ctx(t), "DB1", "New"); err != nil || sc.Level != 1 {
		t.Errorf("schedule New after it was added: %+v, %v", sc, err)
	}
	if err := c.ChangeVolume(ctx(t), "A1", client.VolumeChange{AddLabels: []string{"blue"}}); err != nil {
		t.Fatal(err)
	}
	if v, err := c.VolumeInfo(ctx(t), "A1"); err != nil || !slices.Contains(v.Labels, "blue") {
		t.Errorf("A1 after st_volume_add_label: %+v, %v", v, err)
	}
	if _, err := c.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.14/24"}); err != nil {
		t.Fatal(err)
	}
	if nodes, err := c.NodeList(ctx(t)); err != nil || len(nodes) != 4 {
		t.Errorf("nodes after node_add: %d, %v", len(nodes), err)
	}
}

// Within a run, a change made outside the client is seen by every wait at
// once (not after the TTL): waits read fresh. Before the wait a plain read
// still gets the cached answer; after it, the wait's view.
func TestReadCacheWaitsReadFresh(t *testing.T) {
	s := readCacheSim(t)
	for _, w := range []struct {
		name    string
		read    func(*client.Cluster) (string, error) // a plain read: what it sees
		change  func()                                // outside the client
		wait    func(context.Context, *client.Cluster) error
		changed string // what read sees after the change
	}{{
		name:    "WaitDatabase",
		read:    func(c *client.Cluster) (string, error) { d, err := c.DBInfo(ctx(t), "DB1"); return stateOf(d, err) },
		change:  func() { acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"}) },
		changed: client.DBStateRunning,
		wait: func(ctx context.Context, c *client.Cluster) error {
			_, err := c.WaitDatabase(ctx, "DB1", "run", func(d *client.Database) bool { return d.State == client.DBStateRunning })
			return err
		},
	}, {
		name: "WaitVolume",
		read: func(c *client.Cluster) (string, error) {
			v, err := c.VolumeInfo(ctx(t), "A0")
			if err != nil {
				return "", err
			}
			return fmt.Sprint(v.Labels), nil
		},
		change:  func() { acctest.Exec(t, s, "st_volume_add_label", map[string]any{"vname": "A0", "label": "red"}) },
		changed: "[#Name#A0 red]",
		wait: func(ctx context.Context, c *client.Cluster) error {
			_, err := c.WaitVolume(ctx, "A0", "be labeled", func(v *client.Volume) bool { return slices.Contains(v.Labels, "red") })
			return err
		},
	}, {
		name: "WaitNode",
		read: func(c *client.Cluster) (string, error) {
			n, err := c.NodeGet(ctx(t), 12)
			if err != nil {
				return "", err
			}
			return n.State, nil
		},
		change:  func() { acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 12}) },
		changed: client.NodeStateSuspended,
		wait: func(ctx context.Context, c *client.Cluster) error {
			_, err := c.WaitNode(ctx, 12, "be suspended", (*client.Node).Suspended)
			return err
		},
	}} {
		t.Run(w.name, func(t *testing.T) {
			c, _ := newClient(t, s)
			before, err := w.read(c)
			if err != nil {
				t.Fatal(err)
			}
			w.change()
			if got, _ := w.read(c); got != before {
				t.Fatalf("a plain read within the TTL asked the cluster again (%s, was %s): the cache is not used", got, before)
			}
			short, cancel := context.WithTimeout(context.Background(), client.ReadCacheTTL/2)
			defer cancel()
			if err := w.wait(short, c); err != nil {
				t.Errorf("the wait did not see the change made outside the client: %v", err)
			}
			if got, _ := w.read(c); got != w.changed {
				t.Errorf("a plain read after the wait saw %s, want %s", got, w.changed)
			}
		})
	}
}

func stateOf(d *client.Database, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return d.State, nil
}

// A run never outlives its provider process: a new client (the next
// terraform plan) sees what changed outside since the last one read.
func TestReadCacheIsPerClient(t *testing.T) {
	s := readCacheSim(t)
	first, _ := newClient(t, s)
	if _, err := first.BackupSchedule(ctx(t), "DB1", "S0"); err != nil {
		t.Fatal(err)
	}
	acctest.Exec(t, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "Later", "backup_volume_name": "Backups", "level": 1})
	second, _ := newClient(t, s)
	if sc, err := second.BackupSchedule(ctx(t), "DB1", "Later"); err != nil || sc.Level != 1 {
		t.Errorf("the next run read %+v, %v; want the schedule added outside", sc, err)
	}
}

// Callers get copies: changing an answer changes nobody else's.
func TestReadCacheAnswersAreCopies(t *testing.T) {
	s := readCacheSim(t)
	c, _ := newClient(t, s)
	d, err := c.DBInfo(ctx(t), "DB1")
	if err != nil {
		t.Fatal(err)
	}
	d.Config.Backups[0].BackupName = "changed"
	d.State = "changed"
	again, _ := c.DBInfo(ctx(t), "DB1")
	if again.State == "changed" || again.Config.Backups[0].BackupName == "changed" {
		t.Errorf("a caller's change reached the cache: %+v", again)
	}
	if n := clientJobs(s)["db_info"]; n != 1 {
		t.Errorf("db_info sent %d times, want 1", n)
	}
}
