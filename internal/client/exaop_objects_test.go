package client_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func TestExaopStorageVolumes(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	spec := client.VolumeSpec{Name: "Archive1", Type: client.VolumeTypeArchive, Disk: "disk1", Size: "2 GiB",
		Nodes: []int64{11, 12}, Redundancy: 1, BlockSize: ptr("8 KiB"), Priority: ptr(int64(12))}
	created, err := x.CreateVolume(ctx(t), spec, client.VolumeChange{AddLabels: []string{"team:a"}, IO: &[2]bool{false, true}})
	if !created || err != nil {
		t.Fatal(created, err)
	}
	v, err := x.VolumeInfo(ctx(t), "Archive1")
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "Archive1" || v.ID != "1" || v.Type != client.VolumeTypeArchive || v.Size != "2 GiB" || v.SizeBytes != 2<<30 ||
		v.BlockSize != 8192 || v.Priority != 12 || !slices.Equal(v.Nodes, []int64{11, 12}) || v.NumMasterNodes != 2 ||
		v.AppIO || !v.IntIO || v.State != client.VolumeStateOnline || !slices.Contains(v.Labels, "team:a") {
		t.Fatalf("read back: %+v", v)
	}
	// the name label is internal: the provider never shows it
	if user := slices.DeleteFunc(slices.Clone(v.Labels), client.InternalVolumeLabel); !slices.Equal(user, []string{"team:a"}) {
		t.Errorf("user labels %v of %v", user, v.Labels)
	}
	// the data volume the simulator starts with is named by Exasol's label
	if dv, err := x.VolumeInfo(ctx(t), "DataVolume1"); err != nil || dv.ID != "0" {
		t.Fatal(dv, err)
	}
	// enlarge by 1 GiB (in blocks per node, as the provider computes it), relabel, I/O on
	ch := client.VolumeChange{BlocksPerNode: client.BlocksPerNode(2<<30, 3<<30, v.BlockSize, v.NumMasterNodes),
		RemoveLabels: []string{"team:a"}, AddLabels: []string{"team:b"}, IO: &[2]bool{true, true}}
	if err := x.ChangeVolume(ctx(t), "Archive1", ch); err != nil {
		t.Fatal(err)
	}
	v, err = x.VolumeInfo(ctx(t), "Archive1")
	if err != nil || v.Size != "3 GiB" || !slices.Contains(v.Labels, "team:b") || slices.Contains(v.Labels, "team:a") || !v.AppIO || v.Name != "Archive1" {
		t.Fatalf("after the change: %+v %v", v, err)
	}
	inOrder(t, acctest.Log(s).Calls(), "storage.addStorageVolume", "storage/v0001.setIoState",
		"storage/v0001.resizeVolume", "storage/v0001.editStorageVolume", "storage/v0001.setIoState")
	// EXAoperation cannot shrink
	var u *client.UnsupportedError
	if err := x.ChangeVolume(ctx(t), "Archive1", client.VolumeChange{BlocksPerNode: -1}); !errors.As(err, &u) {
		t.Errorf("shrink: %v", err)
	}
	// a name is unique, and the form of an id is not a name
	if _, err := x.CreateVolume(ctx(t), spec, client.VolumeChange{}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second Archive1: %v", err)
	}
	spec.Name = "v0007"
	if _, err := x.CreateVolume(ctx(t), spec, client.VolumeChange{}); !errors.As(err, &u) {
		t.Errorf("name v0007: %v", err)
	}
	// a volume made without the provider (no name label) is named by its id
	// (made out of band within the run: seen by a fresh read, the read
	// cache's rule for a change the client did not make)
	if _, err := s.Cluster().CreateVolume(cluster.VolumeSpec{AutoName: true, Type: cluster.VolumeArchive, Disk: "disk1",
		Size: 1 << 30, Nodes: []int{11}, Redundancy: 1}); err != nil {
		t.Fatal(err)
	}
	if v, err := x.VolumeInfo(client.Fresh(ctx(t)), "v0002"); err != nil || v.Name != "v0002" || v.ID != "2" {
		t.Fatalf("unnamed: %+v %v", v, err)
	}
	names := []string{}
	vols, err := x.VolumeList(ctx(t))
	for _, v := range vols {
		names = append(names, v.Name)
	}
	if err != nil || !slices.Equal(names, []string{"DataVolume1", "Archive1", "v0002"}) {
		t.Fatalf("list: %v %v", names, err)
	}
	if err := x.DeleteVolume(ctx(t), "Archive1"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.VolumeInfo(ctx(t), "Archive1"); !client.IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestExaopRemoteVolumes(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, sink := newExaop(t, s)
	spec := client.RemoteVolumeSpec{Type: "s3", URL: "https://bucket.s3.example.com/backups", Name: "offsite",
		Username: "key", Password: "s3cret-p4ss", Labels: []string{"prod"}, Options: []string{"nocompression"}}
	name, err := x.CreateRemoteVolume(ctx(t), spec)
	if err != nil || name != "offsite" {
		t.Fatal(name, err)
	}
	v, err := x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: "offsite"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "offsite" || v.ID != 10001 || v.Type != "s3" || v.URL != spec.URL || v.Username != "key" || v.Password != "s3cret-p4ss" ||
		!slices.Equal(v.Labels, []string{"prod"}) || !slices.Equal(v.Options, []string{"nocompression"}) {
		t.Fatalf("read back: %+v", v)
	}
	byID, err := x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{ID: 10001})
	if err != nil || byID.Name != "offsite" {
		t.Fatalf("by id: %+v %v", byID, err)
	}
	if st, err := x.RemoteVolumeState(ctx(t), client.RemoteVolumeRef{Name: "offsite"}); err != nil || len(st) != 1 || st[0] != client.RemoteStateOnline {
		t.Fatalf("state: %v %v", st, err)
	}
	// without a name, the object name is the name (ConfD's default names look alike)
	ftp, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://10.0.0.5/backup"})
	if err != nil || ftp != "r0002" {
		t.Fatalf("unnamed: %q %v", ftp, err)
	}
	if l, err := x.RemoteVolumeList(ctx(t)); err != nil || !slices.Equal(l, []string{"offsite", "r0002"}) {
		t.Fatalf("list: %v %v", l, err)
	}
	// EXAoperation derives the type from the URL
	var u *client.UnsupportedError
	if _, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "smb", URL: "ftp://10.0.0.6/"}); !errors.As(err, &u) {
		t.Errorf("a type the URL does not give: %v", err)
	}
	if strings.Contains(sink.all(), "s3cret-p4ss") {
		t.Error("the password is in the log")
	}
	for _, ref := range []client.RemoteVolumeRef{{Name: "offsite"}, {ID: 10002}} {
		if err := x.DeleteRemoteVolume(ctx(t), ref); err != nil {
			t.Fatal(err)
		}
	}
	if l, err := x.RemoteVolumeList(ctx(t)); err != nil || len(l) != 0 {
		t.Fatalf("after delete: %v %v", l, err)
	}
}

func TestExaopNodes(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	id, err := x.CreateNode(ctx(t), client.NodeSpec{PrivateNet: "10.10.10.13/24"})
	if err != nil || id != 13 {
		t.Fatal(id, err)
	}
	n, err := x.NodeGet(ctx(t), 13)
	if err != nil || n.Name != "n0013" || n.PrivateIP != "10.10.10.13" || n.State != client.NodeStateOnline {
		t.Fatalf("read back: %+v %v", n, err)
	}
	// addNode requires MAC addresses: without any, placeholders
	if n.MACEth0 == nil || *n.MACEth0 != client.PlaceholderMAC(13, 0) || n.MACEth1 == nil || *n.MACEth1 != client.PlaceholderMAC(13, 1) {
		t.Fatalf("MAC addresses of a node added without: %v %v", n.MACEth0, n.MACEth1)
	}
	if err := x.SetNodeSuspended(ctx(t), 13, true); err != nil {
		t.Fatal(err)
	}
	if n, err := x.NodeGet(ctx(t), 13); err != nil || !n.Suspended() {
		t.Fatalf("suspended: %+v %v", n, err)
	}
	if err := x.SetNodeSuspended(ctx(t), 13, false); err != nil {
		t.Fatal(err)
	}
	inOrder(t, acctest.Log(s).Calls(), "cluster1.addNode", "storage/n0013.suspendNode", "storage/n0013.resumeNode")
	nodes, err := x.NodeList(ctx(t))
	if err != nil || len(nodes) != 3 || nodes[2].ID != 13 {
		t.Fatalf("list: %+v %v", nodes, err)
	}
	// a node that holds a volume's segments is refused, naming why
	var re *client.NodeRemoveError
	if err := x.DeleteNode(ctx(t), 11); !errors.As(err, &re) {
		t.Errorf("removing n0011: %v", err)
	}
	if err := x.DeleteNode(ctx(t), 13); err != nil {
		t.Fatal(err)
	}
	if _, err := x.NodeGet(ctx(t), 13); !client.IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	// the number gives the private address: another one is reported
	_, err = x.CreateNode(ctx(t), client.NodeSpec{ID: ptr(int64(14)), PrivateNet: "10.10.10.99/24"})
	if err == nil || !strings.Contains(err.Error(), "10.10.10.14") {
		t.Errorf("a private address the number does not give: %v", err)
	}
	// the MAC addresses given are sent and read back
	if _, err := x.CreateNode(ctx(t), client.NodeSpec{ID: ptr(int64(15)), PrivateNet: "10.10.10.15/24",
		MACEth0: ptr("08:00:27:00:00:01"), MACEth1: ptr("08:00:27:00:00:02")}); err != nil {
		t.Fatal(err)
	}
	if n, err := x.NodeGet(ctx(t), 15); err != nil || n.MACEth0 == nil || *n.MACEth0 != "08:00:27:00:00:01" || n.MACEth1 == nil || *n.MACEth1 != "08:00:27:00:00:02" {
		t.Fatalf("MAC addresses read back: %+v %v", n, err)
	}
}

func TestExaopBackupsAndSchedules(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	if _, err := x.CreateVolume(ctx(t), client.VolumeSpec{Name: "Archive1", Type: client.VolumeTypeArchive, Disk: "disk1",
		Size: "4 GiB", Nodes: []int64{11, 12}, Redundancy: 1}, client.VolumeChange{}); err != nil {
		t.Fatal(err)
	}
	if err := x.CreateDatabase(ctx(t), client.DatabaseSpec{Name: "DB1", Version: "8.29.0", DataVolumeName: "DataVolume1",
		MemSize: "1 GiB", Nodes: []int64{11, 12}, NumActiveNodes: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := x.StartDatabase(ctx(t), "DB1"); err != nil {
		t.Fatal(err)
	}
	// schedules applied in parallel all end up in the one list
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = x.CreateBackupSchedule(ctx(t), client.ScheduleSpec{DBName: "DB1", BackupName: "s" + string(rune('a'+i)),
				BackupVolumeName: "Archive1", Level: 0, Minute: ptr("0"), Hour: ptr("2"), Expire: ptr("1w")})
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	sc, err := x.BackupSchedule(ctx(t), "DB1", "sc")
	if err != nil || sc.BackupVolumeName != "Archive1" || sc.BackupVolumeID == nil || *sc.BackupVolumeID != 1 ||
		sc.Hour != "2" || sc.Expire != "1w" || !sc.Enabled {
		t.Fatalf("read back: %+v %v", sc, err)
	}
	if err := x.DBBackupModifySchedule(ctx(t), "DB1", "sc", client.ScheduleChange{Enabled: ptr(false), Hour: ptr("3")}); err != nil {
		t.Fatal(err)
	}
	if sc, err := x.BackupSchedule(ctx(t), "DB1", "sc"); err != nil || sc.Enabled || sc.Hour != "3" {
		t.Fatalf("after the change: %+v %v", sc, err)
	}
	if err := x.DeleteBackupSchedule(ctx(t), "DB1", "sa"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"sa": false, "sb": true, "sc": true, "sd": true} {
		if _, err := x.BackupSchedule(ctx(t), "DB1", name); client.IsNotFound(err) == want {
			t.Errorf("schedule %s: %v", name, err)
		}
	}
	if err := x.DeleteBackupSchedule(ctx(t), "DB1", "sa"); err != nil {
		t.Errorf("a second delete: %v", err)
	}
	if err := x.CreateBackupSchedule(ctx(t), client.ScheduleSpec{DBName: "DB1", BackupName: "sb", BackupVolumeName: "Archive1"}); err == nil {
		t.Error("a duplicate schedule was accepted")
	}
	// a backup run, to the archive volume by its name
	b, err := x.RunBackup(ctx(t), client.BackupStart{Database: "DB1", VolumeName: "Archive1", Level: 0, Expire: "1w"}, nil)
	if err != nil || b.Volume != "Archive1" || b.Level != 0 || len(strings.Fields(b.ID)) != 3 {
		t.Fatalf("backup: %+v %v", b, err)
	}
	list, err := x.DBBackupList(ctx(t), "DB1", false)
	if err != nil || len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("backups: %+v %v", list, err)
	}
	inOrder(t, acctest.Log(s).Calls(), "db_DB1.backupDatabase", "db_DB1.getDatabaseOperation", "db_DB1.getBackups")
}
