package cluster

import (
	"strings"
	"testing"
	"time"
)

// fakeClock is advanced by hand, so that transitions are tested without
// waiting.
type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time      { return f.t }
func (f *fakeClock) add(d time.Duration) { f.t = f.t.Add(d) }
func newClock() *fakeClock               { return &fakeClock{t: time.Date(2020, 7, 7, 14, 5, 0, 0, time.UTC)} }
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
func mustFail(t *testing.T, err error, w string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), w) {
		t.Fatalf("got %v, want an error containing %q", err, w)
	}
}

func newCluster(t *testing.T, scale float64, clk *fakeClock) *Cluster {
	t.Helper()
	c, err := New(Config{Nodes: 3, Versions: []string{"8.29.0"}, Timing: Timing{Scale: scale}, Now: clk.now})
	must(t, err)
	return c
}

func spec(name string, nodes ...int) DatabaseSpec {
	cfg := DefaultDatabaseConfig()
	cfg.Version, cfg.MemSize, cfg.Nodes, cfg.NumActiveNodes = "8.29.0", 2<<30, nodes, len(nodes)
	return DatabaseSpec{Name: name, DataVolume: ByName(DefaultDataVolumeName), Config: cfg}
}

func TestSizes(t *testing.T) {
	for in, want := range map[string]int64{
		"2048 MiB": 2 << 30, "2 GiB": 2 << 30, "1 TiB": 1 << 40, "4KiB": 4096, "1.5 GiB": 3 << 29, "0 B": 0, " 7 B ": 7,
	} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"512 MB", "2", "GiB", "1.3 B", "-1 GiB", "1 gib", ""} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	for n, want := range map[int64]string{4 << 30: "4 GiB", 1536 << 20: "1536 MiB", 4096: "4 KiB", 0: "0 B", 1000: "1000 B", 1 << 40: "1 TiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLazyTransitions(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 1, clk)
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	db := func() *Database { return c.Snapshot().Database("DB1") }
	if d := db(); d.State != DBStartup || d.Connectible() {
		t.Fatalf("after create: %s", d.State)
	}
	clk.add(DefaultDurations[TransDBStart] - time.Millisecond)
	if db().State != DBStartup {
		t.Fatal("started too early")
	}
	clk.add(time.Millisecond)
	if d := db(); d.State != DBRunning || !d.Connectible() {
		t.Fatalf("after the start duration: %s", d.State)
	}

	_, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "https://x"})
	must(t, err)
	must(t, c.StartBackup("DB1", ByName("r0001"), 0, "1w 3d"))
	if d := db(); d.Operation != OpBackup || d.OpChange.Progress(clk.t) != 0 {
		t.Fatalf("backup: %s", d.Operation)
	}
	clk.add(DefaultDurations[TransBackup] / 2)
	if p := db().OpChange.Progress(clk.t); p < 0.49 || p > 0.51 {
		t.Fatalf("progress %v", p)
	}
	clk.add(DefaultDurations[TransBackup])
	st := c.Snapshot()
	if d := st.Database("DB1"); d.Operation != OpNone || len(st.Backups) != 1 {
		t.Fatalf("after the backup: %s, %d backups", d.Operation, len(st.Backups))
	}
	b := st.Backups[0]
	if b.Path() != "DB1/id_1/level_0/node_0/backup_202007071405" || b.Key() != "10001 "+b.Path()+" DB1" {
		t.Fatalf("backup naming %q %q", b.Path(), b.Key())
	}
	if want := b.Started.Add(10 * 24 * time.Hour); !b.Expires.Equal(want) {
		t.Fatalf("expires %v, want %v", b.Expires, want)
	}
}

func TestTimingOverridesAreNotScaled(t *testing.T) {
	tm := Timing{Scale: 0, Overrides: map[string]time.Duration{TransBackup: 2 * time.Second}}
	if tm.Duration(TransBackup) != 2*time.Second || tm.Duration(TransDBStart) != 0 {
		t.Fatal("overrides must be absolute and the rest scaled")
	}
	if (Timing{Scale: 0.5}).Duration(TransDBStop) != DefaultDurations[TransDBStop]/2 {
		t.Fatal("scale")
	}
	if err := (Timing{Overrides: map[string]time.Duration{"bakup": 1}}).Validate(); err == nil {
		t.Fatal("unknown transition accepted")
	}
}

func TestSnapshotsAreCopies(t *testing.T) {
	c := newCluster(t, 0, newClock())
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	st := c.Snapshot()
	st.Databases[0].Config.Nodes[0] = 99
	st.Volumes[0].Labels[0] = "x"
	st.Nodes[0].Disks[0].Devices[0] = "y"
	st2 := c.Snapshot()
	if st2.Databases[0].Config.Nodes[0] != 11 || st2.Volumes[0].Labels[0] != "#Name#DataVolume1" || st2.Nodes[0].Disks[0].Devices[0] != "dev.1" {
		t.Fatal("a snapshot shares memory with the cluster")
	}
}

func TestRelationships(t *testing.T) {
	c := newCluster(t, 0, newClock())
	rev := c.Revision()
	mustFail(t, c.CreateDatabase(spec("DB1", 11)), "3 master nodes")
	if c.Revision() != rev {
		t.Fatal("a refused change advanced the revision")
	}
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	if c.Revision() != rev+1 {
		t.Fatal("a change did not advance the revision")
	}
	mustFail(t, c.DeleteDatabase("DB1"), "stop it")
	mustFail(t, c.DeleteVolume(ByName(DefaultDataVolumeName)), "in use by database 'DB1'")
	mustFail(t, c.RemoveNode(13, false), "serves database 'DB1'")
	mustFail(t, c.StartBackup("DB1", ByID(10001), 0, ""), "does not exist")
	mustFail(t, c.StartBackup("DB1", ByName("r0001"), 1, ""), "does not exist")
	_, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "https://x"})
	must(t, err)
	mustFail(t, c.StartBackup("DB1", ByName("r0001"), 1, ""), "no usable backup of a level below 1")
	mustFail(t, c.StartBackup("DB1", ByName("r0001"), 0, "3 fortnights"), "expire")
	mustFail(t, c.AddSchedule("DB1", Schedule{Name: "s", Minute: "61"}, ByName("r0001")), "minute")
	must(t, c.AddSchedule("DB1", Schedule{Name: "s", Hour: "*/6", Weekday: "1-5"}, ByName("r0001")))
	mustFail(t, c.RemoveRemoteVolume(ByName("r0001")), "schedule 's' of database 'DB1'")
	mustFail(t, c.ConfigureDatabase("DB1", DatabaseEdit{}), "must be stopped")
	must(t, c.StopDatabase("DB1", false))
	mustFail(t, c.StopDatabase("DB1", false), "not running")
	mustFail(t, c.Restore("DB1", "nope", "blocking"), "backup 'nope' does not exist")
	port := 8563
	must(t, c.ConfigureDatabase("DB1", DatabaseEdit{Port: &port}))
	must(t, c.DeleteDatabase("DB1"))
	if st := c.Snapshot(); len(st.Volumes) != 1 || len(st.Volumes[0].Labels) != 1 {
		t.Fatalf("the temporary volume or the persistent label survived: %+v", st.Volumes)
	}
	must(t, c.DeleteVolume(ByName(DefaultDataVolumeName)))
	must(t, c.RemoveNode(13, false))
}

func TestRemoteVolumeIDs(t *testing.T) {
	c := newCluster(t, 0, newClock())
	a, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "u"})
	must(t, err)
	b, err := c.AddRemoteVolume(RemoteVolume{Type: "ftp", URL: "u", ID: 10005})
	must(t, err)
	d, err := c.AddRemoteVolume(RemoteVolume{Type: "smb", URL: "u"})
	must(t, err)
	if a.ID != 10001 || a.Name != "r0001" || b.Name != "r0005" || d.ID != 10002 {
		t.Fatalf("ids %d %s %s %d", a.ID, a.Name, b.Name, d.ID)
	}
	_, err = c.AddRemoteVolume(RemoteVolume{Type: "nfs", URL: "u"})
	mustFail(t, err, "vol_type")
	_, err = c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "u", ID: 42})
	mustFail(t, err, "at least 10000")
}

func TestNodes(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 1, clk)
	id, err := c.AddNode(NodeSpec{PrivateNet: "10.10.10.20/24"})
	must(t, err)
	if id != 14 {
		t.Fatalf("new node id %d", id)
	}
	at, err := c.NodesOnlineAt([]int{11, 14})
	must(t, err)
	if want := clk.t.Add(DefaultDurations[TransNodeAdd]); !at.Equal(want) {
		t.Fatalf("online at %v, want %v", at, want)
	}
	_, err = c.AddNode(NodeSpec{PrivateNet: "10.10.10.20/24"})
	mustFail(t, err, "already used by node 'n14'")
	mustFail(t, c.SuspendNode(11), "master")
	must(t, c.SuspendNode(14))
	mustFail(t, c.RemoveNode(14, true), "suspended")
	_, err = c.NodesOnlineAt([]int{14})
	mustFail(t, err, "suspended")
	must(t, c.ResumeNode(14))
	clk.add(DefaultDurations[TransNodeResume])
	if n := c.Snapshot().Node(14); n.State != NodeOnline || n.Booted.IsZero() {
		t.Fatalf("resumed node %s", n.State)
	}
	m, err := c.ChangeMaster(0)
	must(t, err)
	if m != 12 || c.Master() != 12 {
		t.Fatalf("master %d", m)
	}
}
