package sim

import (
	"strings"
	"testing"
)

// TestRefusals checks that the cluster's relationships are enforced with
// messages that name the objects involved.
func TestRefusals(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)

	expect := func(job string, params map[string]any, want ...string) {
		t.Helper()
		msg := fails(t, c, job, params)
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s %v: %q, want it to contain %q", job, params, msg, w)
			}
		}
	}
	db := func(extra map[string]any) map[string]any {
		p := map[string]any{"db_name": "DB2", "version": "8.29.0", "data_volume_name": "DataVolume1",
			"mem_size": "1 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 9000}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}

	expect("db_delete", map[string]any{"db_name": "DB1"}, "DB1", "running", "stop")
	expect("st_volume_delete", map[string]any{"vname": "DataVolume1"}, "storage volume 'DataVolume1'", "in use by database 'DB1'")
	expect("st_volume_delete", map[string]any{"vid": 1}, "temporary volume of database 'DB1'")
	expect("st_volume_delete", map[string]any{"vname": "Nope"}, "storage volume 'Nope' does not exist")
	expect("db_create", db(map[string]any{"data_volume_name": "Nope"}), "storage volume 'Nope' does not exist")
	expect("db_create", db(map[string]any{"version": "9.9.9"}), "'9.9.9' does not exist", "7.1.30, 8.29.0")
	expect("db_create", db(map[string]any{"port": 8563}), "port 8563", "DB1")
	expect("db_create", db(nil), "storage volume 'DataVolume1' is in use by database 'DB1'")
	expect("db_create", db(map[string]any{"db_name": "DB1"}), "already exists")
	expect("db_create", db(map[string]any{"nodes": []int{11, 99}, "num_active_nodes": 2}), "node 99 does not exist")
	expect("db_configure", map[string]any{"db_name": "DB1", "mem_size": "8 GiB"}, "DB1", "must be stopped")
	expect("db_enlarge", map[string]any{"db_name": "DB1", "num_new_nodes": 1}, "must be stopped")
	expect("db_restore", map[string]any{"db_name": "DB1", "backup_id": "x", "restore_type": "blocking"}, "must be stopped")
	expect("db_start", map[string]any{"db_name": "DB1"}, "DB1", "running")
	expect("node_remove", map[string]any{"nid": 12}, "n12", "DataVolume1", "v0001", "DB1")
	expect("node_remove", map[string]any{"nid": 11}, "master")
	expect("node_remove", map[string]any{"nid": 42}, "node 42 does not exist")
	expect("db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "r0009", "level": 0}, "'r0009' does not exist")
	expect("db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "daily",
		"backup_volume_name": "r0009", "level": 0}, "'r0009' does not exist")
	expect("db_backup_add_schedule", map[string]any{"db_name": "DB9", "backup_name": "daily",
		"backup_volume_id": 10001, "level": 0}, "database 'DB9' does not exist")

	// a data volume's master nodes must match the database's active nodes
	ok(t, c, "st_volume_create", map[string]any{"name": "Small", "type": "data", "disk": "disk1",
		"size": "1 GiB", "nodes": []int{11, 12}, "redundancy": 1})
	expect("db_create", db(map[string]any{"data_volume_name": "Small", "port": 9001}), "2 master nodes", "3 active nodes")
	expect("st_volume_create", map[string]any{"name": "Huge", "type": "data", "disk": "disk1",
		"size": "1 TiB", "nodes": []int{11}, "redundancy": 1}, "not enough space", "n11")

	// suspended nodes cannot be removed
	ok(t, c, "node_add", map[string]any{"priv_net": "10.10.10.14/24"}) // added suspended
	expect("node_remove", map[string]any{"nid": 14}, "n14", "suspended")
	ok(t, c, "node_resume", map[string]any{"nid": 14})
	ok(t, c, "node_remove", map[string]any{"nid": 14})

	// backups need a running database; a stopped one can be deleted
	ok(t, c, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example"})
	ok(t, c, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "daily",
		"backup_volume_name": "r0001", "level": 0})
	expect("db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "daily",
		"backup_volume_name": "r0001", "level": 1}, "'daily' already exists", "DB1")
	expect("remote_volume_remove", map[string]any{"remote_volume_name": "r0001"}, "schedule 'daily'", "DB1")
	ok(t, c, "db_stop", map[string]any{"db_name": "DB1"})
	expect("db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "r0001", "level": 0}, "running database")
	ok(t, c, "db_delete", map[string]any{"db_name": "DB1"})
	ok(t, c, "remote_volume_remove", map[string]any{"remote_volume_name": "r0001"})
	ok(t, c, "st_volume_delete", map[string]any{"vname": "DataVolume1"})
	if got := ok(t, c, "st_volume_list", nil).([]any); len(got) != 1 {
		t.Errorf("after deleting the database and DataVolume1, %d volumes remain (want Small)", len(got))
	}
}
