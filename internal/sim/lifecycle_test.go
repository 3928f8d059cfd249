package sim

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestTransitions uses short overrides with everything else instant.
func TestTransitions(t *testing.T) {
	s := start(t, Options{Durations: map[string]time.Duration{
		"db_start": 400 * time.Millisecond, "backup": 500 * time.Millisecond, "volume_create": 400 * time.Millisecond,
	}})
	c := client(t, s)
	p := map[string]any{"db_name": "DB1"}
	info := func() map[string]any { return ok(t, c, "db_info", p).(map[string]any) }

	// db_create starts the database (auto_start) without waiting for it
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)
	if i := info(); i["state"] != "Startup" || i["connectible"] != "No" {
		t.Fatalf("right after db_create: %v %v", i["state"], i["connectible"])
	}
	eventually(t, "DB1 running", func() bool { return info()["connectible"] == "Yes" })
	if info()["state"] != "Running" {
		t.Fatal("connectible but not running")
	}

	// a new volume is INITIALIZING, then ONLINE
	ok(t, c, "st_volume_create", map[string]any{"name": "Arch", "type": "archive", "disk": "disk1",
		"size": "4 GiB", "nodes": []int{11}, "redundancy": 1})
	vinfo := func() any {
		return ok(t, c, "st_volume_info", map[string]any{"vname": "Arch"}).(map[string]any)["state"]
	}
	if got := vinfo(); got != "INITIALIZING" {
		t.Fatalf("new volume state %v", got)
	}
	eventually(t, "volume online", func() bool { return vinfo() == "ONLINE" })

	// backup: operation Backup, then listed; stop refuses meanwhile
	backup := map[string]any{"db_name": "DB1", "backup_volume_name": "Arch", "level": 0, "expire": "1w 3d"}
	ok(t, c, "db_backup_start", backup)
	if got := info()["operation"]; got != "Backup" {
		t.Fatalf("operation during backup: %v", got)
	}
	prog := ok(t, c, "db_backup_progress", p).(map[string]any)
	if prog["running"] != true || prog["operation"] != "Backup" {
		t.Errorf("db_backup_progress %v", prog)
	}
	if msg := fails(t, c, "db_stop", p); !contains(msg, "Backup") {
		t.Errorf("db_stop during backup: %q", msg)
	}
	fails(t, c, "db_backup_start", backup)
	eventually(t, "backup done", func() bool { return info()["operation"] == "None" })
	list := ok(t, c, "db_backup_list", p).([]any)
	if len(list) != 1 {
		t.Fatalf("db_backup_list %v", list)
	}
	b := list[0].(map[string]any)
	if got := keys(b); !reflect.DeepEqual(got, seedBackupKeys) {
		t.Fatalf("backup keys %v", got)
	}
	if b["bid"] != int64(1) || b["level"] != int64(0) || b["system"] != "DB1" || b["volume"] != "Arch" ||
		b["usable"] != true || b["expired"] != false || b["dependencies"] != "-" || b["expire"] == "" ||
		b["usage"] != "0.001 GiB" || !contains(b["id"].(string), "DB1/id_1/level_0/node_0/backup_") {
		t.Errorf("backup item %v", b)
	}

	// an aborted backup is not listed; an incremental one depends on the full one
	ok(t, c, "db_backup_start", backup)
	ok(t, c, "db_backup_abort", p)
	if got := info()["operation"]; got != "None" {
		t.Fatalf("operation after abort: %v", got)
	}
	backup["level"] = 1
	ok(t, c, "db_backup_start", backup)
	eventually(t, "level 1 backup", func() bool { return len(ok(t, c, "db_backup_list", p).([]any)) == 2 })
	l1 := ok(t, c, "db_backup_list", p).([]any)[1].(map[string]any)
	if l1["level"] != int64(1) || !contains(l1["dependencies"].(string), "DB1/id_1/level_0") {
		t.Errorf("level 1 backup %v", l1)
	}

	// force stop aborts a running backup
	backup["level"] = 0
	ok(t, c, "db_backup_start", backup)
	ok(t, c, "db_stop", map[string]any{"db_name": "DB1", "force": true})
	if i := info(); i["state"] != "Setup" || i["operation"] != "None" {
		t.Fatalf("after force stop: %v %v", i["state"], i["operation"])
	}

	// deleting the full backup leaves the incremental one unusable
	full := ok(t, c, "db_backup_list", p).([]any)[0].(map[string]any)["id"]
	ok(t, c, "db_backups_delete", map[string]any{"db_name": "DB1", "backup_list": []any{full}})
	if got := ok(t, c, "db_backup_list", p).([]any)[0].(map[string]any)["usable"]; got != false {
		t.Errorf("orphaned incremental backup usable=%v", got)
	}
	ok(t, c, "db_backup_delete_unusable", p)
	if got := ok(t, c, "db_backup_list", p).([]any); len(got) != 0 {
		t.Errorf("after delete_unusable: %v", got)
	}
}

func TestRestore(t *testing.T) {
	s := start(t, Options{Durations: map[string]time.Duration{"restore": 400 * time.Millisecond}})
	c := client(t, s)
	p := map[string]any{"db_name": "DB1"}
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)
	ok(t, c, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example", "remote_volume_name": "RemoteVolume1"})
	ok(t, c, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_id": 10001, "level": 0})
	id := ok(t, c, "db_backup_list", p).([]any)[0].(map[string]any)["id"]
	ok(t, c, "db_stop", p)
	ok(t, c, "db_restore", map[string]any{"db_name": "DB1", "backup_id": id, "restore_type": "blocking"})
	i := ok(t, c, "db_info", p).(map[string]any)
	if i["operation"] != "Restore" || i["connectible"] != "No" {
		t.Fatalf("during restore: %v %v", i["operation"], i["connectible"])
	}
	fails(t, c, "db_stop", p)
	eventually(t, "restore done", func() bool {
		i := ok(t, c, "db_info", p).(map[string]any)
		return i["operation"] == "None" && i["connectible"] == "Yes"
	})
}

func TestSchedulesInConfig(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)
	ok(t, c, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example"})
	ok(t, c, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly",
		"backup_volume_name": "r0001", "level": 0, "expire": "1w", "hour": 2, "enabled": true})
	ok(t, c, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly", "minute": "30"})
	cfg := ok(t, c, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)["config"].(map[string]any)
	want := []any{map[string]any{
		"backup_name": "nightly", "backup_volume_name": "r0001", "backup_volume_id": "10001", "level": int64(0),
		"expire": "1w", "minute": "30", "hour": "2", "day": "*", "month": "*", "weekday": "*", "enabled": true,
	}}
	if !reflect.DeepEqual(cfg["backups"], want) {
		t.Fatalf("config.backups %#v", cfg["backups"])
	}
	if msg := fails(t, c, "db_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly",
		"hour": "25"}); !contains(msg, "hour") {
		t.Errorf("bad hour: %q", msg)
	}
	ok(t, c, "db_backup_remove_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly"})
	if msg := fails(t, c, "db_backup_remove_schedule", map[string]any{"db_name": "DB1", "backup_name": "nightly"}); !contains(msg, "does not exist") {
		t.Errorf("removing twice: %q", msg)
	}
}

func TestReconfigureStoppedDatabase(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	ok(t, c, "db_create", map[string]any{"db_name": "DB1", "version": "7.1.30", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "auto_start": false,
		"params": "-a=1 -b=2"})
	ok(t, c, "db_configure", map[string]any{"db_name": "DB1", "mem_size": "1536 MiB", "version": "8.29.0",
		"port": 8899, "params_add": "-b=3 -c=4", "params_delete": "-a"})
	cfg := ok(t, c, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)["config"].(map[string]any)
	if cfg["mem_size"] != "1536 MiB" || cfg["version"] != "8.29.0" || cfg["port"] != int64(8899) ||
		cfg["params"] != "-b=3 -c=4" || cfg["auto_start"] != false {
		t.Fatalf("config %v", cfg)
	}
	// enlarge: a reserve node becomes active once the volume has 4 masters
	ok(t, c, "node_add", map[string]any{"priv_net": "10.10.10.14/24", "offline": true})
	ok(t, c, "db_add_reserve_nodes", map[string]any{"db_name": "DB1", "node_list": []int{14}})
	if msg := fails(t, c, "db_enlarge", map[string]any{"db_name": "DB1", "num_new_nodes": 1}); !contains(msg, "master nodes") {
		t.Fatalf("enlarge before the volume: %q", msg)
	}
	ok(t, c, "st_volume_append_node", map[string]any{"vname": "DataVolume1", "node_num": 1, "node_ids": []int{14}})
	ok(t, c, "db_enlarge", map[string]any{"db_name": "DB1", "num_new_nodes": 1})
	i := ok(t, c, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)
	if !reflect.DeepEqual(i["nodes"].(map[string]any)["active"], []any{"n11", "n12", "n13", "n14"}) {
		t.Fatalf("nodes after enlarge %v", i["nodes"])
	}
	// the page: "Afterwards, the database is started with the new nodes automatically"
	if st := i["state"]; st != "Startup" && st != "Running" {
		t.Fatalf("state after enlarge %v, want it starting", st)
	}
	ok(t, c, "db_suspend_nodes", map[string]any{"db_name": "DB1", "node_list": []string{"n12"}})
	i = ok(t, c, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)
	if !reflect.DeepEqual(i["nodes"].(map[string]any)["failed"], []any{"n12"}) {
		t.Fatalf("failed nodes %v", i["nodes"])
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
