package exaop_test

import (
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func TestDatabaseLifecycle(t *testing.T) {
	f := start(t, sim.Options{Durations: map[string]time.Duration{"db_start": 200 * time.Millisecond, "db_stop": 100 * time.Millisecond}})
	same(t, "addDatabase", f.call("", "addDatabase", map[string]any{
		"clients_port_number": 8563, "data_disk": "d02_data", "data_volume": "v0000", "database_name": "db1",
		"database_version": "8.29.0", "memory_usage": 4, "nodes_list": []string{"n0011", "n0012", "n0013"},
		"nodes_number": 3, "volume_restore_delay": "10m", "vlan_list": []string{"vlan1"},
	}), "db_db1")
	db := "db_db1"
	same(t, "state before create", f.call(db, "getDatabaseState"), "none")
	same(t, "exists", f.call(db, "existDatabase"), false)
	f.fault("UsageError", db, "startDatabase")
	if v := f.call(db, "createDatabase"); v != nil {
		t.Fatalf("createDatabase = %#v", v)
	}
	same(t, "state after create", f.call(db, "getDatabaseState"), "setup")
	f.fault("UsageError", db, "createDatabase")
	info := f.call(db, "getDatabaseInfo").(map[string]any)
	same(t, "info keys", keys(info), []string{"connectible", "connection string", "info", "name", "nodes", "operation",
		"persistent volume", "quota", "state", "temporary volume", "usage persistent", "usage temporary"})
	if info["persistent volume"] != "v0000" || info["temporary volume"] != "None" || info["usage persistent"] != int64(0) ||
		info["connectible"] != "No" || info["connection string"] != "10.10.10.11..13:8563" {
		t.Fatalf("getDatabaseInfo %v", info)
	}
	same(t, "nodes", info["nodes"], map[string]any{"active": []any{"n0011", "n0012", "n0013"}, "failed": []any{}, "reserve": []any{}})

	props := f.call(db, "getProperties").(map[string]any)
	if props["memory_usage"] != int64(4) || props["data_volume"] != "v0000" || props["volume_restore_delay"] != "10m" ||
		props["clients_port_number"] != int64(8563) || !same2(props["vlan_list"], []string{"vlan1"}) ||
		props["nodes_number"] != int64(3) || props["database_version"] != "8.29.0" {
		t.Fatalf("getProperties %v", props)
	}
	changed := f.call(db, "editDatabase", map[string]any{"memory_usage": 6, "database_comment": "hi", "clients_port_number": 8563,
		"data_volume": "v0000", "database_version": "8.29.0"})
	same(t, "changed", strsOf(changed), []string{"database_comment", "memory_usage"})
	f.fault("UsageError", db, "editDatabase", map[string]any{"clients_port_number": 8563, "data_volume": "v0000", "database_version": "8.29.0", "memory_usage": 0})
	f.fault("UsageError", db, "editDatabase", map[string]any{"clients_port_number": 8563, "data_volume": "v0000", "database_version": "8.29.0", "memory_usage": 4, "nodes_number": 2})

	// start: Startup, then running and connectible; the answer comes at once
	f.call(db, "startDatabase")
	same(t, "starting", f.call(db, "getDatabaseState"), "Startup")
	same(t, "not yet", f.call(db, "getDatabaseConnectionState"), "No")
	eventually(t, "connectible", func() bool { return f.call(db, "getDatabaseConnectionState") == "Yes" })
	same(t, "running", f.call(db, "getDatabaseState"), "running")
	same(t, "runningDatabase", f.call(db, "runningDatabase"), true)
	same(t, "operation", f.call(db, "getDatabaseOperation"), "None")
	same(t, "connection string", f.call(db, "getDatabaseConnectionString"), "10.10.10.11..13:8563")
	same(t, "temporary volume", f.call(db, "getDatabaseInfo").(map[string]any)["temporary volume"], "v0001")
	if msg := f.fault("UsageError", db, "editDatabase", map[string]any{"clients_port_number": 8563, "data_volume": "v0000", "database_version": "8.29.0", "memory_usage": 8}); !strings.Contains(msg, "must be stopped") {
		t.Fatalf("edit of a running database: %q", msg)
	}
	// what the client read back is no change, so it needs no stop
	same(t, "no change", strsOf(f.call(db, "editDatabase", map[string]any{"memory_usage": 6, "database_comment": "hi",
		"clients_port_number": 8563, "database_version": "8.29.0", "data_volume": "v0000", "vlan_list": []string{"vlan1"}, "volume_restore_delay": "600"})), []string{})
	// node lists change in any state
	same(t, "reserve", strsOf(f.call(db, "editDatabase", map[string]any{"nodes_list_add_reserve": []string{}, "clients_port_number": 8563, "data_volume": "v0000", "database_version": "8.29.0", "memory_usage": 6})), []string{})

	f.call(db, "restartDatabase")
	same(t, "restarting", f.call(db, "getDatabaseConnectionState"), "No")
	eventually(t, "back after restart", func() bool { return f.call(db, "getDatabaseState") == "running" })

	f.call(db, "stopDatabase")
	same(t, "stopping", f.call(db, "getDatabaseState"), "Shutdown")
	eventually(t, "setup", func() bool { return f.call(db, "getDatabaseState") == "setup" })
	f.call(db, "startDatabaseMaintenance")
	eventually(t, "maintenance", func() bool { return f.call(db, "getDatabaseState") == "running" })
	same(t, "maintenance", f.call(db, "maintenanceDatabase"), true)
	same(t, "not connectible", f.call(db, "getDatabaseConnectionState"), "No")
	f.call(db, "shutdownDatabase")
	eventually(t, "setup", func() bool { return f.call(db, "getDatabaseState") == "setup" })
	f.call("", "deleteSubObject", db)
	same(t, "gone", strsOf(f.call("", "getDatabaseList")), []string{})
}

func TestBackupsAndSchedules(t *testing.T) {
	f := start(t, sim.Options{Durations: map[string]time.Duration{"backup": 300 * time.Millisecond, "restore": time.Minute}})
	f.addDB("db1", 8563)
	db := "db_db1"
	f.call(db, "startDatabase")
	f.call("", "addRemoteVolume", map[string]any{"url": "ftp://10.0.0.1/b", "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	f.fault("UsageError", db, "backupDatabase", "r0001", 1, "") // no level 0 to build on

	f.call(db, "backupDatabase", "r0001", 0, "1w")
	same(t, "operation", f.call(db, "getDatabaseOperation"), "Backup")
	if msg := f.fault("UsageError", db, "stopDatabase"); !strings.Contains(msg, "Backup") {
		t.Fatalf("stop during a backup: %q", msg)
	}
	f.call(db, "abortBackup")
	same(t, "aborted", f.call(db, "getDatabaseOperation"), "None")
	f.call(db, "backupDatabase", "r0001", 0, "")
	eventually(t, "backup listed", func() bool { return len(list(f.call(db, "getBackups"))) == 1 })
	b := list(f.call(db, "getBackups"))[0].(map[string]any)
	id := b["id"].(string)
	if b["volume"] != "r0001" || b["level"] != int64(0) || b["system"] != "db1" || len(strings.Fields(id)) != 3 {
		t.Fatalf("backup %v", b)
	}
	same(t, "backup info", f.call(db, "getBackupInfo", id).(map[string]any)["id"], id)
	same(t, "all databases", len(list(f.call(db, "getBackups", true, false))), 1)
	f.fault("NotFound", db, "getBackupInfo", "10001 nope db1")

	// restore needs a stopped database and a three-part id
	f.fault("UsageError", db, "restoreDatabase", id, "blocking")
	f.call(db, "forceShutdownDatabase")
	eventually(t, "setup", func() bool { return f.call(db, "getDatabaseState") == "setup" })
	f.fault("UsageError", db, "restoreDatabase", "1", "blocking")
	f.call(db, "restoreDatabase", id, "nonblocking")
	same(t, "restoring", f.call(db, "getDatabaseOperation"), "Restore")
	f.call(db, "deleteBackups", []string{id})
	same(t, "deleted", len(list(f.call(db, "getBackups"))), 0)

	// schedules: the whole list at once
	same(t, "none", f.call(db, "getBackupSchedule"), []any{})
	f.call(db, "setBackupSchedule", []any{
		map[string]any{"backup_name": "nightly", "volume": "r0001", "level": 0, "expire": "1w", "hour": "2"},
		map[string]any{"volume": "r0001", "level": 1, "weekday": "mon", "enabled": false},
	})
	got := list(f.call(db, "getBackupSchedule"))
	same(t, "first", got[0], map[string]any{"backup_name": "nightly", "volume": "r0001", "level": int64(0), "expire": "1w",
		"minute": "0", "hour": "2", "day": "*", "month": "*", "weekday": "*", "enabled": true})
	same(t, "second name", got[1].(map[string]any)["backup_name"], "schedule2")
	// on a stopped database the list sent back unchanged is taken, a changed schedule is not
	f.call(db, "forceShutdownDatabase")
	eventually(t, "stopped", func() bool { return f.call(db, "getDatabaseState") == "setup" })
	f.call(db, "setBackupSchedule", got)
	changed := map[string]any{"backup_name": "nightly", "volume": "r0001", "level": 0, "expire": "1w", "hour": "3"}
	if msg := f.fault("UsageError", db, "setBackupSchedule", []any{changed, got[1]}); !strings.Contains(msg, "needs a running database") {
		t.Fatalf("a schedule changed on a stopped database: %q", msg)
	}
	same(t, "unchanged", list(f.call(db, "getBackupSchedule"))[0].(map[string]any)["hour"], "2")
	f.fault("UsageError", db, "setBackupSchedule", []any{map[string]any{"volume": "r0001", "level": 0, "minute": "99"}})
	same(t, "kept", len(list(f.call(db, "getBackupSchedule"))), 2)
	f.fault("NotFound", db, "setBackupSchedule", []any{map[string]any{"volume": "r0099", "level": 0}})
	f.call(db, "setBackupSchedule", []any{})
	same(t, "cleared", f.call(db, "getBackupSchedule"), []any{})
}

func TestEnlargeDatabase(t *testing.T) {
	f := start(t, sim.Options{Nodes: 4})
	f.call("storage", "addStorageVolume", map[string]any{"allowed_users": []string{"admin"}, "hdd_type": "disk1", "masternodes": 1, "nodes_list": []string{"n0011", "n0012"},
		"redundancy": 1, "size": 1, "volume_type": "Data"})
	f.call("", "addDatabase", map[string]any{"clients_port_number": 9000, "data_disk": "d02_data", "data_volume": "v0001", "database_name": "small",
		"database_version": "7.1.30", "memory_usage": 1, "nodes_list": []string{"n0011", "n0012"}, "nodes_number": 1})
	db := "db_small"
	f.call(db, "createDatabase")
	same(t, "reserve", f.call(db, "getDatabaseInfo").(map[string]any)["nodes"].(map[string]any)["reserve"], []any{"n0012"})
	f.fault("UsageError", db, "enlargeDatabase", 1) // the volume has one master node
	f.call("storage/v0001", "editStorageVolume", map[string]any{"add_nodes_list": []string{"n0013"}, "add_master_nodes": 1,
		"allowed_users": []string{"admin"}, "redundancy": 1})
	f.call(db, "enlargeDatabase", 1)
	same(t, "active", f.call(db, "getProperties").(map[string]any)["nodes_number"], int64(2))
	f.fault("UsageError", db, "editDatabase", map[string]any{"nodes_list_add_reserve": []string{"n0014"}}) // required keys missing
	changed := f.call(db, "editDatabase", map[string]any{"nodes_list_add_reserve": []string{"n0014"}, "nodes_list_deactivate": []string{"n0011"},
		"clients_port_number": 9000, "data_volume": "v0001", "database_version": "7.1.30", "memory_usage": 1})
	same(t, "changed", strsOf(changed), []string{"nodes_list_add_reserve", "nodes_list_deactivate"})
	props := f.call(db, "getProperties").(map[string]any)
	same(t, "nodes", props["nodes_list"], []any{"n0011", "n0012", "n0014"})
	same(t, "deactivated", props["nodes_list_deactivate"], []any{"n0011"})
	f.call(db, "editDatabase", map[string]any{"nodes_list_reactivate": []string{"n0011"}, "nodes_list_remove_reserve": []string{"n0014"},
		"clients_port_number": 9000, "data_volume": "v0001", "database_version": "7.1.30", "memory_usage": 1})
	same(t, "nodes", f.call(db, "getProperties").(map[string]any)["nodes_list"], []any{"n0011", "n0012"})
}
