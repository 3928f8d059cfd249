package client_test

import (
	"errors"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Snapshot schedules against the simulator: created with the page's
// defaults, modified in place (only what changed is sent), read back from
// db_info, removed; a snapshot is taken; a removed schedule counts as
// removed again. Exasol 7.1 refuses before anything is sent.
func TestSnapshotSchedules(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	for _, db := range []map[string]any{
		{"db_name": "DB1", "snapshot_sync_volume": "DataVolume1"},
	} {
		db["version"], db["data_volume_name"], db["mem_size"] = "8.29.0", "DataVolume1", "2 GiB"
		db["nodes"], db["num_active_nodes"] = []any{int64(11)}, int64(1)
		if env, err := s.Exec("db_create", db); err != nil || env["result_code"] != int64(0) {
			t.Fatalf("db_create: %v %v", env, err)
		}
	}
	hour, on := "3", true
	if err := c.CreateSnapshotSchedule(ctx(t), client.SnapshotScheduleSpec{DBName: "DB1", BackupName: "daily", Hour: &hour, Enabled: &on}); err != nil {
		t.Fatal(err)
	}
	got, err := c.SnapshotSchedule(ctx(t), "DB1", "daily")
	if err != nil || *got != (client.SnapshotSchedule{BackupName: "daily", Minute: "0", Hour: "3", Day: "*", Month: "*", Weekday: "*", Enabled: true}) {
		t.Fatalf("read back %+v %v", got, err)
	}
	if _, err := c.SnapshotSchedule(ctx(t), "DB1", "nightly"); !client.IsNotFound(err) {
		t.Errorf("a schedule db_info does not list: %v, want not found", err)
	}
	if _, err := c.StartDatabase(ctx(t), "DB1"); err != nil {
		t.Fatal(err)
	}
	off, wd := false, "mon"
	if err := c.ModifySnapshotSchedule(ctx(t), "DB1", "daily", client.SnapshotScheduleChange{Weekday: &wd, Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	log := acctest.Log(s).Records()
	if last := log[len(log)-1]; last.Name != "db_snapshot_backup_modify_schedule" || len(last.Params) != 4 {
		t.Errorf("modify sent %v, want db_name, backup_name, weekday and enabled", last.Params)
	}
	if l, err := c.SnapshotSchedules(client.Fresh(ctx(t)), "DB1"); err != nil || len(l) != 1 || l[0].Weekday != "mon" || l[0].Enabled {
		t.Errorf("after modify: %+v %v", l, err)
	}
	if err := c.StartSnapshot(ctx(t), "DB1", "1w"); err != nil {
		t.Fatal(err)
	}
	if env, _ := s.Exec("db_snapshot_backup_list", map[string]any{"db_name": "DB1"}); len(env["result_output"].([]any)) != 1 {
		t.Errorf("snapshots after start: %v", env)
	}
	for range 2 {
		if err := c.DeleteSnapshotSchedule(ctx(t), "DB1", "daily"); err != nil {
			t.Fatal(err)
		}
	}

	old := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.AsRelease("7.1"))
	oc, _ := newClient(t, old)
	var u *client.UnsupportedError
	if err := oc.Supports(ctx(t), client.ObjectSnapshotSchedule); !errors.As(err, &u) {
		t.Errorf("7.1: %v, want an UnsupportedError", err)
	}
	before := len(acctest.Log(old).Records())
	if err := oc.StartSnapshot(ctx(t), "DB1", ""); !errors.As(err, &u) {
		t.Errorf("7.1 start: %v", err)
	}
	for _, r := range acctest.Log(old).Records()[before:] {
		if r.Name == "db_snapshot_backup_start" {
			t.Error("7.1: the job was sent")
		}
	}
}
