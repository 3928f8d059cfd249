package sim

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The expected key sets come from the seed examples
// (/work/shared/seeds/confd-xmlrpc-examples.txt).
var (
	seedEnvelopeKeys = []string{"result_code", "result_desc", "result_jobid", "result_name", "result_output"}
	seedDBInfoKeys   = []string{"connectible", "connection string", "info", "name", "nodes", "operation",
		"persistent volume", "quota", "state", "temporary volume", "usage persistent", "usage temporary"}
	seedVolumeKeys = []string{"app_io_enabled", "block_distribution", "block_size", "bytes_per_block", "group",
		"hdd_type", "hdds_per_node", "id", "int_io_enabled", "labels", "name", "nodes_list", "num_master_nodes",
		"owner", "permissions", "priority", "redundancy", "segments", "shared", "size", "snapshots", "state",
		"stripe_size", "type", "unlock_conditions", "use_crc", "users", "volume_nodes"}
	seedSegmentKeys = []string{"end_block", "index", "nid", "partitions", "phys_nid", "sid", "start_block",
		"state", "type", "vid"}
	seedNodeKeys = []string{"disks", "docker_volume", "exposed_ports", "id", "name", "private_ip",
		"private_net", "uuid"}
	seedBackupKeys = []string{"bid", "comment", "dependencies", "expire", "expire_alterable", "expired", "id",
		"last_item", "level", "path", "system", "timestamp", "ts", "usable", "usage", "volume"}
)

// TestSeedShapes replays the seed's one-node session and compares shapes.
func TestSeedShapes(t *testing.T) {
	s := start(t, Options{Nodes: 1})
	c := client(t, s)

	env := job(t, c, "db_list", nil)
	if got := keys(env); !reflect.DeepEqual(got, seedEnvelopeKeys) {
		t.Fatalf("envelope keys %v", got)
	}
	if env["result_name"] != "OK" || env["result_desc"] != "Success" || env["result_code"] != int64(0) {
		t.Fatalf("envelope %v", env)
	}
	if jid, _ := env["result_jobid"].(string); !strings.HasPrefix(jid, "11.") {
		t.Fatalf("job id %q, want master id '11.' prefix", jid)
	}
	if out := env["result_output"]; !reflect.DeepEqual(out, []any{}) {
		t.Fatalf("db_list on a fresh cluster: %#v", out)
	}

	createDB(t, c, "DB1", []int{11}, 8888)
	if got := ok(t, c, "db_list", nil); !reflect.DeepEqual(got, []any{"DB1"}) {
		t.Fatalf("db_list: %#v", got)
	}
	if got := ok(t, c, "db_state", map[string]any{"db_name": "DB1"}); got != "Running" {
		t.Fatalf("db_state %v", got)
	}

	info := ok(t, c, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)
	if got := keys(info); !reflect.DeepEqual(got, sortedWith(seedDBInfoKeys, "config")) {
		t.Fatalf("db_info keys %v", got)
	}
	want := map[string]any{
		"connectible": "Yes", "connection string": "10.10.10.11:8888", "name": "DB1",
		"nodes":     map[string]any{"active": []any{"n11"}, "failed": []any{}, "reserve": []any{}},
		"operation": "None", "persistent volume": "DataVolume1", "quota": int64(0), "state": "Running",
		"temporary volume": "v0001",
		"usage persistent": []any{map[string]any{"host": "n11", "size": "10 GiB", "used": "0 B", "volume id": "0"}},
		"usage temporary":  []any{map[string]any{"host": "n11", "size": "1 GiB", "used": "0 B", "volume id": "1"}},
	}
	for k, v := range want {
		if !reflect.DeepEqual(info[k], v) {
			t.Errorf("db_info[%q] = %#v, want %#v", k, info[k], v)
		}
	}
	// 'info' is '' on the wire; kolo decodes an empty string as nil
	if info["info"] != nil && info["info"] != "" {
		t.Errorf("db_info info %#v", info["info"])
	}
	cfg := info["config"].(map[string]any)
	for k, v := range map[string]any{
		"version": "8.29.0", "mem_size": "2 GiB", "port": int64(8888), "owner": []any{int64(500), int64(500)},
		"auto_start": true, "data_volume_name": "DataVolume1", "nodes": []any{int64(11)},
		"num_active_nodes": int64(1), "backups": []any{},
	} {
		if !reflect.DeepEqual(cfg[k], v) {
			t.Errorf("db_info config[%q] = %#v, want %#v", k, cfg[k], v)
		}
	}

	vols := ok(t, c, "st_volume_list", nil).([]any)
	if len(vols) != 2 {
		t.Fatalf("want DataVolume1 and the temporary volume, got %d volumes", len(vols))
	}
	data, temp := vols[0].(map[string]any), vols[1].(map[string]any)
	if got := keys(data); !reflect.DeepEqual(got, sortedWith(seedVolumeKeys, "volume_type")) {
		t.Fatalf("volume keys %v", got)
	}
	for k, v := range map[string]any{
		"id": "0", "name": "DataVolume1", "type": "MASTER", "state": "ONLINE", "size": "10 GiB",
		"hdd_type": "disk1", "redundancy": int64(1), "num_master_nodes": int64(1), "block_size": int64(4096),
		"stripe_size": int64(262144), "bytes_per_block": int64(4096), "owner": int64(500), "group": int64(500),
		"permissions": "rwx------", "priority": int64(10), "labels": []any{"#Name#DataVolume1", "pub:DB1_persistent"},
		"nodes_list":   []any{map[string]any{"id": int64(11), "unrecovered_segments": int64(0)}},
		"volume_nodes": []any{int64(11)}, "users": []any{[]any{int64(30), false}},
		"block_distribution": "vertical", "app_io_enabled": true, "shared": true, "use_crc": true,
	} {
		if !reflect.DeepEqual(data[k], v) {
			t.Errorf("st_volume_list[0][%q] = %#v, want %#v", k, data[k], v)
		}
	}
	seg := data["segments"].([]any)[0].(map[string]any)
	if got := keys(seg); !reflect.DeepEqual(got, seedSegmentKeys) {
		t.Fatalf("segment keys %v", got)
	}
	if seg["end_block"] != "2621439" || seg["phys_nid"] != int64(11) || seg["vid"] != "0" || seg["type"] != "MASTER" {
		t.Errorf("segment %v", seg)
	}
	if temp["name"] != "v0001" || !reflect.DeepEqual(temp["labels"], []any{"temporary", "pub:DB1_temporary"}) ||
		temp["size"] != "1 GiB" || temp["id"] != "1" {
		t.Errorf("temporary volume %v", temp)
	}

	vi := ok(t, c, "st_volume_info", map[string]any{"vid": 0}).(map[string]any)
	if vi["block_size"] != "4 KiB" || vi["stripe_size"] != "256 KiB" || vi["bytes_per_block"] != int64(4096) {
		t.Errorf("st_volume_info sizes %v %v %v", vi["block_size"], vi["stripe_size"], vi["bytes_per_block"])
	}

	nodes := ok(t, c, "node_list", nil).(map[string]any)
	n11 := nodes["11"].(map[string]any)
	if got := keys(n11); !reflect.DeepEqual(got, seedNodeKeys) {
		t.Fatalf("node keys %v", got)
	}
	wantDisk := map[string]any{"disk1": map[string]any{"component": "exastorage", "devices": []any{"dev.1"},
		"direct_io": true, "ephemeral": false, "name": "disk1"}}
	if n11["id"] != "11" || n11["name"] != "n11" || n11["private_ip"] != "10.10.10.11" ||
		n11["private_net"] != "10.10.10.11/24" || !reflect.DeepEqual(n11["disks"], wantDisk) {
		t.Errorf("node_list %v", n11)
	}

	ns := ok(t, c, "node_state", nil).(map[string]any)
	if ns["11"] != "online" || len(ns) != 2 {
		t.Errorf("node_state %v", ns)
	}
	booted := ns["booted"].(map[string]any)["11"].(string)
	if len(booted) != len("Tue Jul  7 14:14:07 2020") {
		t.Errorf("booted %q is not in ctime format", booted)
	}

	env = job(t, c, "remote_volume_add", map[string]any{
		"vol_type": "s3", "url": "http://bucketname.s3.amazonaws.com", "username": "ACCESS-KEY", "password": "SECRET",
	})
	if got := keys(env); !reflect.DeepEqual(got, sortedWith(seedEnvelopeKeys, "result_revision")) {
		t.Fatalf("remote_volume_add envelope keys %v", got)
	}
	if want := []any{[]any{"r0001", "admin", "/exa/etc/remote_volumes/admin.0.conf"}}; !reflect.DeepEqual(env["result_output"], want) {
		t.Errorf("remote_volume_add output %#v", env["result_output"])
	}
	if _, isInt := env["result_revision"].(int64); !isInt {
		t.Errorf("result_revision %#v", env["result_revision"])
	}
	if got := ok(t, c, "remote_volume_state", map[string]any{"remote_volume_name": "r0001"}); !reflect.DeepEqual(got, []any{"Online"}) {
		t.Errorf("remote_volume_state %#v", got)
	}
	ri := ok(t, c, "remote_volume_info", map[string]any{"remote_volume_name": "r0001"}).(map[string]any)
	if ri["vid"] != "10001" || ri["type"] != "s3" || ri["owner"] != "admin" {
		t.Errorf("remote_volume_info %v", ri)
	}

	// jobs without output have no result_output (fact: db_stop, db_start)
	env = job(t, c, "db_stop", map[string]any{"db_name": "DB1"})
	if _, has := env["result_output"]; has || env["result_code"] != int64(0) {
		t.Errorf("db_stop envelope %v", env)
	}
	if got := ok(t, c, "db_state", map[string]any{"db_name": "DB1"}); got != "Setup" {
		t.Errorf("after db_stop: %v", got)
	}
}

func sortedWith(base []string, extra ...string) []string {
	out := slices.Concat(base, extra)
	slices.Sort(out)
	return out
}
