package cluster

import (
	"strings"
	"testing"
	"time"
)

// EXAoperation's cold boot: nothing starts by itself; nodes, storage and
// databases come up in the runbook's order, and the event log tells it.
func TestManualStart(t *testing.T) {
	clk := newClock()
	c, err := New(Config{Nodes: 2, Versions: []string{"8.29.0"}, Now: clk.now, Cold: true, ManualStart: true,
		NodeNameFormat: "n%04d", DataVolumeName: "v0000", Plugins: []string{"Administration.vmware-tools"},
		Timing: Timing{Overrides: map[string]time.Duration{TransNodeBoot: 10 * time.Second, TransStorageStart: 5 * time.Second, TransDBStart: 3 * time.Second}}})
	must(t, err)
	st := c.Snapshot()
	if st.Nodes[0].Name != "n0011" || st.Volumes[0].Name != "v0000" {
		t.Fatalf("names %s %s", st.Nodes[0].Name, st.Volumes[0].Name)
	}
	if st.Nodes[0].State != NodeOffline || st.Nodes[0].Pending != nil || !st.StorageStopped {
		t.Fatalf("after a manual cold boot: node %s (pending %v), storage stopped %v", st.Nodes[0].State, st.Nodes[0].Pending, st.StorageStopped)
	}
	clk.add(time.Hour) // nothing boots by itself
	if c.Snapshot().Nodes[1].State != NodeOffline {
		t.Fatal("a node booted without StartupNode")
	}
	mustFail(t, c.StartStorage(nil), "'n0011' is offline")
	must(t, c.StartupNode(11))
	must(t, c.StartupNode(11)) // booting: nothing to do
	clk.add(10 * time.Second)
	mustFail(t, c.StartStorage(nil), "'n0012' is offline")
	must(t, c.StartStorage([]int{12})) // ignored
	_, err = c.CreateVolume(VolumeSpec{AutoName: true, Type: VolumeData, Disk: DefaultDiskName, Size: 1 << 30, Nodes: []int{11}, Redundancy: 1})
	mustFail(t, err, "not running")
	must(t, c.StartupNode(12))
	clk.add(15 * time.Second) // the volume follows its last node by storage_start
	st = c.Snapshot()
	if st.StorageStopped || st.Volumes[0].State != VolumeOnline {
		t.Fatalf("storage stopped %v, volume %s; want running, ONLINE", st.StorageStopped, st.Volumes[0].State)
	}

	// a defined database is 'none' until created, and does not start by itself
	sp := spec("db1", 11, 12)
	sp.DataVolume, sp.DefineOnly = ByName("v0000"), true
	must(t, c.CreateDatabase(sp))
	if d := c.Snapshot().Database("db1"); d.State != DBNone {
		t.Fatalf("defined database is %s", d.State)
	}
	mustFail(t, c.StartDatabase("db1", false), "none")
	must(t, c.InitDatabase("db1"))
	mustFail(t, c.InitDatabase("db1"), "exists already")
	must(t, c.StartDatabase("db1", false))
	mustFail(t, c.StopStorage(), "database 'db1' is Startup")
	mustFail(t, c.ShutdownNode(12), "serves database 'db1'")
	clk.add(3 * time.Second)
	must(t, c.StopDatabase("db1", false))
	clk.add(time.Minute)
	mustFail(t, c.ShutdownNode(12), "while EXAStorage runs")
	must(t, c.StopStorage())
	if v := c.Snapshot().Volumes[0]; v.State != VolumeOffline {
		t.Fatalf("volume %s after the storage stopped", v.State)
	}
	was, err := c.SetPluginService("Administration.vmware-tools", 12, true)
	must(t, err)
	if was || !c.Snapshot().PluginRunning("Administration.vmware-tools", 12) {
		t.Fatal("plugin service did not start")
	}
	_, err = c.SetPluginService("nope", 12, true)
	mustFail(t, err, "does not exist")
	must(t, c.ShutdownNode(12))
	must(t, c.ShutdownNode(12)) // off already
	st = c.Snapshot()
	if n := st.Node(12); n.State != NodeOffline || n.Pending != nil || st.PluginRunning("Administration.vmware-tools", 12) {
		t.Fatalf("after shutdown: %s, pending %v, plugin running %v", n.State, n.Pending, st.PluginRunning("Administration.vmware-tools", 12))
	}

	var msgs []string
	for _, e := range st.Events {
		msgs = append(msgs, e.Message)
	}
	log := strings.Join(msgs, "|")
	for _, want := range []string{"Boot process finished after 10 seconds.", "EXAStorage started.", "Database db1 is accepting connections.",
		"Database db1 was shut down.", "EXAStorage stopped.", "Node was shut down."} {
		if !strings.Contains(log, want) {
			t.Errorf("event log lacks %q: %s", want, log)
		}
	}
	for i := 1; i < len(st.Events); i++ {
		if st.Events[i].At.Before(st.Events[i-1].At) {
			t.Fatalf("events out of order: %v", st.Events)
		}
	}
}

// ConfD's cold boot is unchanged: storage needs no start.
func TestColdBootWithoutManualStart(t *testing.T) {
	clk := newClock()
	c, err := New(Config{Nodes: 2, Versions: []string{"8.29.0"}, Now: clk.now, Cold: true})
	must(t, err)
	if c.Snapshot().StorageStopped {
		t.Fatal("ConfD's storage service stopped")
	}
	clk.add(time.Hour)
	if v := c.Snapshot().Volumes[0]; v.State != VolumeOnline {
		t.Fatalf("volume %s", v.State)
	}
}

func TestEditDatabaseAllOrNothing(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 0, clk)
	s := spec("DB1", 11)
	s.Config.AutoStart = false
	v, err := c.CreateVolume(VolumeSpec{Name: "V1", Type: VolumeData, Disk: DefaultDiskName, Size: 1 << 30, Nodes: []int{11}, Redundancy: 1})
	must(t, err)
	s.DataVolume = ByID(v)
	must(t, c.CreateDatabase(s))
	bad := 70000
	mustFail(t, c.EditDatabase("DB1", &DatabaseEdit{Port: &bad}, DatabaseNodesEdit{AddReserve: []int{12}}), "port")
	if d := c.Snapshot().Database("DB1"); len(d.Config.Nodes) != 1 {
		t.Fatalf("a refused edit changed the nodes: %v", d.Config.Nodes)
	}
	comment := "hello"
	must(t, c.EditDatabase("DB1", &DatabaseEdit{Comment: &comment}, DatabaseNodesEdit{AddReserve: []int{12}}))
	if d := c.Snapshot().Database("DB1"); len(d.Config.Nodes) != 2 || d.Config.Comment != "hello" {
		t.Fatalf("edit not applied: %v %q", d.Config.Nodes, d.Config.Comment)
	}
	must(t, c.StartDatabase("DB1", false))
	mustFail(t, c.EditDatabase("DB1", &DatabaseEdit{Comment: &comment}, DatabaseNodesEdit{}), "must be stopped")
	must(t, c.EditDatabase("DB1", nil, DatabaseNodesEdit{RemoveReserve: []int{12}}))
}

func TestReplaceSchedules(t *testing.T) {
	clk := newClock()
	c := newCluster(t, 0, clk)
	must(t, c.CreateDatabase(spec("DB1", 11, 12, 13)))
	r, err := c.AddRemoteVolume(RemoteVolume{Type: "s3", URL: "https://bucket"})
	must(t, err)
	a := ScheduleSpec{Schedule: Schedule{Name: "a", Level: 0, Hour: "3"}, Target: ByID(r.ID)}
	must(t, c.ReplaceSchedules("DB1", []ScheduleSpec{a}))
	b := ScheduleSpec{Schedule: Schedule{Name: "b", Level: 0, Minute: "99"}, Target: ByID(r.ID)}
	mustFail(t, c.ReplaceSchedules("DB1", []ScheduleSpec{a, b}), "minute")
	mustFail(t, c.ReplaceSchedules("DB1", []ScheduleSpec{a, a}), "twice")
	if got := c.Snapshot().Database("DB1").Schedules; len(got) != 1 || got[0].Minute != "0" {
		t.Fatalf("schedules %v", got)
	}
	must(t, c.ReplaceSchedules("DB1", nil))
	if got := c.Snapshot().Database("DB1").Schedules; len(got) != 0 {
		t.Fatalf("schedules %v", got)
	}
}
