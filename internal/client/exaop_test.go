package client_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The EXAoperation client against the simulator's EXAoperation face, over
// HTTPS with the simulator's CA pinned.

func newExaop(t *testing.T, s *sim.Server, mod ...func(*client.Config)) (*client.Cluster, *logSink) {
	t.Helper()
	sink := &logSink{}
	cfg := client.Config{Endpoints: s.Endpoints(), Username: s.Username(), Password: s.Password(), CACertPEM: s.CACertPEM(), Log: sink.log}
	for _, m := range mod {
		m(&cfg)
	}
	x, err := client.NewEXAoperation(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return x, sink
}

// callAfter is the position of the first call that ends in suffix after
// position from, -1 if none.
func callAfter(calls []string, from int, suffix string) int {
	for i := max(from, 0); i < len(calls); i++ {
		if strings.HasSuffix(calls[i], suffix) {
			return i
		}
	}
	return -1
}

// inOrder fails unless the calls contain each suffix, in this order.
func inOrder(t *testing.T, calls []string, suffixes ...string) {
	t.Helper()
	at := 0
	for _, s := range suffixes {
		i := callAfter(calls, at, s)
		if i < 0 {
			t.Fatalf("no call %s after position %d in %v", s, at, calls)
		}
		at = i + 1
	}
}

func count(calls []string, suffix string) int {
	n := 0
	for _, c := range calls {
		if strings.HasSuffix(c, suffix) {
			n++
		}
	}
	return n
}

func ptr[T any](v T) *T { return &v }

func TestExaopDatabaseLifecycle(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	spec := client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1", MemSize: "2 GiB",
		Nodes: []int64{11, 12}, NumActiveNodes: 2, Port: ptr(int64(8899)), VolumeMoveDelay: ptr(int64(600))}
	if err := x.CreateDatabase(ctx(t), spec); err != nil {
		t.Fatal(err)
	}
	d, err := x.DBInfo(ctx(t), "DB1")
	if err != nil {
		t.Fatal(err)
	}
	if d.State != client.DBStateSetup || d.Config.MemSize != "2 GiB" || d.Config.Port != 8899 || d.Config.Version != "8.29.0" ||
		d.Config.DataVolumeName != "DataVolume1" || d.Config.VolumeMoveDelay != 600 || len(d.ActiveNodes) != 2 ||
		d.ActiveNodes[0] != "n0011" || len(d.Config.Nodes) != 2 || d.Config.Nodes[1] != 12 {
		t.Fatalf("read back: %+v", d)
	}
	if err := x.SetDatabaseRunning(ctx(t), "DB1", true, false); err != nil {
		t.Fatal(err)
	}
	d, err = x.DBInfo(ctx(t), "DB1")
	if err != nil || d.State != client.DBStateRunning || !d.Connectible || !strings.HasSuffix(d.ConnectionString, ":8899") {
		t.Fatalf("after start: %+v %v", d, err)
	}
	// a change that needs a stopped database: stop, edit, start again
	mem, ifs := "3 GiB", "eth0 eth1"
	if err := x.ReconfigureDatabase(ctx(t), "DB1", client.DatabaseChange{MemSize: &mem, Interfaces: &ifs}, false, true); err != nil {
		t.Fatal(err)
	}
	d, err = x.DBInfo(ctx(t), "DB1")
	if err != nil || d.Config.MemSize != "3 GiB" || d.Config.Interfaces != "eth0 eth1" || d.Config.Port != 8899 || d.State != client.DBStateRunning {
		t.Fatalf("after reconfigure: %+v %v", d, err)
	}
	calls := acctest.Log(s).Calls()
	inOrder(t, calls, "cluster1.addDatabase", "db_DB1.createDatabase", "db_DB1.startDatabase", "db_DB1.getDatabaseConnectionState",
		"db_DB1.stopDatabase", "db_DB1.editDatabase", "db_DB1.startDatabase")
	if err := x.DeleteDatabase(ctx(t), "DB1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := x.DBInfo(ctx(t), "DB1"); !client.IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if err := x.DeleteDatabase(ctx(t), "DB1", false); err != nil {
		t.Fatalf("a second delete: %v", err)
	}
	inOrder(t, acctest.Log(s).Calls(), "db_DB1.stopDatabase", "cluster1.deleteSubObject")
}

func TestExaopNotFound(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	for name, err := range map[string]error{
		"database":        second(x.DBInfo(ctx(t), "NOPE")),
		"database status": second(x.DBStatus(ctx(t), "NOPE")),
		"volume":          second(x.VolumeInfo(ctx(t), "nope")),
		"node":            second(x.NodeGet(ctx(t), 99)),
		"remote by name":  second(x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: "nope"})),
		"remote by id":    second(x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{ID: 10042})),
		"schedule":        second(x.BackupSchedule(ctx(t), "NOPE", "nightly")),
	} {
		if !client.IsNotFound(err) {
			t.Errorf("%s: want not found, got %v", name, err)
		}
	}
	// a Zope NotFound fault names the call and EXAoperation
	_, err := x.DBInfo(ctx(t), "NOPE")
	if !strings.Contains(err.Error(), "EXAoperation db_NOPE.getDatabaseInfo") || !strings.Contains(err.Error(), "NotFound") {
		t.Errorf("message: %v", err)
	}
	// deleting what is gone is done
	if err := x.DeleteVolume(ctx(t), "nope"); err != nil {
		t.Error(err)
	}
	if err := x.DeleteNode(ctx(t), 99); err != nil {
		t.Error(err)
	}
	if err := x.DeleteRemoteVolume(ctx(t), client.RemoteVolumeRef{Name: "nope"}); err != nil {
		t.Error(err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestExaopAuthFailure(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s, func(c *client.Config) { c.Password = "wrong" })
	_, err := x.DBList(ctx(t))
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindAuth || !strings.Contains(err.Error(), "rejected the credentials") {
		t.Fatalf("want an auth error, got %v", err)
	}
	if client.IsNotFound(err) || !client.Unreachable(err) {
		t.Fatalf("classification of %v", err)
	}
}

// Settings EXAoperation has no parameter for are refused before any call,
// and Limits names them for the plan check.
func TestExaopUnsupported(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	var u *client.UnsupportedError
	refusals := map[string]error{
		"database owner":     x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Owner: []int64{500, 500}}),
		"volume permissions": second(x.CreateVolume(ctx(t), client.VolumeSpec{Name: "V1", Permissions: ptr("rwx------")}, client.VolumeChange{})),
		"node pub_net":       second(x.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.13/24", PublicNet: ptr("10.0.0.13/24")})),
		"node name":          second(x.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.13/24", Name: ptr("n13")})),
		"master change":      x.MasterChange(ctx(t), 11),
		"remote owner":       second(x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://h/", Owner: "root"})),
		"odd memory":         x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", MemSize: "1536 MiB", DataVolumeName: "DataVolume1"}),
		"auto_start change":  x.ReconfigureDatabase(ctx(t), "DB1", client.DatabaseChange{AutoStart: ptr(true)}, false, true),
		"snapshot schedule":  x.CreateSnapshotSchedule(ctx(t), client.SnapshotScheduleSpec{DBName: "DB1", BackupName: "s"}),
		"snapshot":           x.StartSnapshot(ctx(t), "DB1", ""),
		"snapshot support":   x.Supports(ctx(t), client.ObjectSnapshotSchedule),
		"snapshot volume":    x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", SnapshotSyncVolume: ptr("DataVolume1")}),
	}
	for name, err := range refusals {
		if !errors.As(err, &u) || !strings.HasPrefix(err.Error(), "EXAoperation cannot ") {
			t.Errorf("%s: want an UnsupportedError, got %v", name, err)
		}
	}
	for _, c := range acctest.Log(s).Calls() {
		if !strings.Contains(c, ".get") {
			t.Errorf("a refused setting sent a change: %s", c)
		}
	}
	// The provider's names of these settings are checked where they live
	// (internal/provider, TestLimitAttributes).
	limited := map[string]bool{}
	for _, l := range x.Limits() {
		limited[l.Object+"."+l.Field] = true
	}
	for _, want := range []string{"database.Owner", "storage volume.Permissions", "node.PublicNet",
		"node.Name", "cluster.Master", "remote volume.Owner"} {
		if !limited[want] {
			t.Errorf("Limits does not name %s", want)
		}
	}
	// Every refusal above is the capability table's, naming its setting.
	for name, err := range refusals {
		if errors.As(err, &u) && u.Object != "" && u.Field != "" && !limited[u.Object+"."+u.Field] &&
			u.Field != "ID" && u.Field != "SpoolDisk" {
			t.Errorf("%s: refused %s.%s, which Limits does not list", name, u.Object, u.Field)
		}
	}
	if x.API() != client.APIEXAoperation || x.Interface() != "EXAoperation" {
		t.Errorf("names: %s %s", x.API(), x.Interface())
	}
}
