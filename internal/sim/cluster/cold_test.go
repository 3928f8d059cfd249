package cluster

import (
	"testing"
	"time"
)

// A cold cluster: the master answers at once, the other nodes boot,
// storage follows the last node of each volume, databases wait for db_start.
func TestColdStart(t *testing.T) {
	clk := newClock()
	c, err := New(Config{Nodes: 3, Versions: []string{"8.29.0"}, Now: clk.now, Cold: true,
		Timing: Timing{Overrides: map[string]time.Duration{TransNodeBoot: 10 * time.Second, TransStorageStart: 5 * time.Second}}})
	must(t, err)
	st := c.Snapshot()
	if st.Nodes[0].State != NodeOnline || st.Nodes[1].State != NodeOffline || st.Nodes[2].State != NodeOffline {
		t.Fatalf("node states %s %s %s, want the master online and the others offline",
			st.Nodes[0].State, st.Nodes[1].State, st.Nodes[2].State)
	}
	if v := st.Volumes[0]; v.State != VolumeOffline || v.Segments()[0].State != VolumeOffline {
		t.Fatalf("volume %s, segment %s; want OFFLINE", v.State, v.Segments()[0].State)
	}
	mustFail(t, c.CreateDatabase(spec("DB1", 11, 12, 13)), "OFFLINE")
	at, err := c.NodesOnlineAt([]int{12, 13})
	must(t, err)
	if want := clk.t.Add(10 * time.Second); !at.Equal(want) {
		t.Fatalf("nodes online at %v, want %v", at, want)
	}

	clk.add(10 * time.Second) // nodes up, storage not yet
	st = c.Snapshot()
	if st.Nodes[2].State != NodeOnline || st.Volumes[0].State != VolumeOffline {
		t.Fatalf("after boot: node %s, volume %s; want online, OFFLINE", st.Nodes[2].State, st.Volumes[0].State)
	}
	clk.add(5 * time.Second)
	if v := c.Snapshot().Volumes[0]; v.State != VolumeOnline {
		t.Fatalf("volume %s after storage_start, want ONLINE", v.State)
	}
}

// ColdBoot stops databases (cutting off their operations) and brings back
// the boot sequence; a database cannot start before its nodes and volume.
func TestColdBootStopsDatabases(t *testing.T) {
	clk := newClock()
	c, err := New(Config{Nodes: 3, Versions: []string{"8.29.0"}, Now: clk.now,
		Timing: Timing{Overrides: map[string]time.Duration{TransNodeBoot: 10 * time.Second}}})
	must(t, err)
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	if d := c.Snapshot().Databases[0]; d.State != DBRunning {
		t.Fatalf("DB1 %s before the cold boot, want running", d.State)
	}
	must(t, c.SuspendNode(13))
	c.ColdBoot()
	st := c.Snapshot()
	if d := st.Databases[0]; d.State != DBSetup || d.Operation != OpNone {
		t.Fatalf("DB1 %s/%s after the cold boot, want setup/None", d.State, d.Operation)
	}
	if st.Nodes[2].State != NodeSuspended {
		t.Fatalf("a suspended node is %s after the cold boot, want it to stay suspended", st.Nodes[2].State)
	}
	mustFail(t, c.StartDatabase("DB1", false), "not ONLINE")
	clk.add(10 * time.Second)
	// storage_start is instant here; the suspended node does not hold the volume back
	if v := c.Snapshot().Volumes[0]; v.State != VolumeOnline {
		t.Fatalf("volume %s, want ONLINE once the nodes that are not suspended booted", v.State)
	}
	// now only the suspended node stands in the way
	mustFail(t, c.StartDatabase("DB1", false), "'n13' of database 'DB1' is suspended")
}

// A locked volume stays locked through a cold boot.
func TestColdBootKeepsLocks(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 0, clk)
	must(t, c.LockVolume(ByName(DefaultDataVolumeName), true))
	c.ColdBoot()
	if v := c.Snapshot().Volumes[0]; v.State != VolumeLocked {
		t.Fatalf("volume %s after the cold boot, want LOCKED", v.State)
	}
}
