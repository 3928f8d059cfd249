package exaop_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

func TestClusterMethods(t *testing.T) {
	f := start(t, sim.Options{Plugins: []string{"Administration.vmware-tools"}})
	same(t, "nodes", strsOf(f.call("", "getNodeList")), []string{"n0011", "n0012", "n0013"})
	same(t, "services", f.call("", "getServiceState"), []any{
		[]any{"Loggingd", "OK"}, []any{"Lockd", "OK"}, []any{"Storaged", "OK"}, []any{"DWAd", "OK"},
	})
	same(t, "services alias", f.call("", "getServiceStates"), f.call("", "getServiceState"))
	for _, n := range []string{"n0010", "n0011"} {
		if hw := f.call("", "getHardwareInformation", n).(string); !strings.Contains(hw, "dmidecode") {
			t.Errorf("%s hardware %q", n, hw)
		}
	}
	same(t, "plugins", strsOf(f.call("", "showPluginList")), []string{"Administration.vmware-tools"})
	p := "Administration.vmware-tools"
	same(t, "status", f.call("", "callPlugin", p, "n0011", "STATUS"), []any{int64(0), "vmtoolsd is not running"})
	same(t, "start", f.call("", "callPlugin", p, "n0011", "START"), []any{int64(0), "vmtoolsd started"})
	same(t, "status", f.call("", "callPlugin", p, "n0011", "STATUS"), []any{int64(0), "vmtoolsd is running"})
	same(t, "license server", f.call("", "callPlugin", p, "n0010", "RESTART", "extra"), []any{int64(0), "vmtoolsd restarted"})
	same(t, "stop", f.call("", "callPlugin", p, "n0011", "STOP"), []any{int64(0), "vmtoolsd stopped"})
	f.fault("NotFound", "", "callPlugin", "Nope.plugin", "n0011", "STATUS")
	f.fault("NotFound", "", "callPlugin", p, "n0099", "STATUS")
	f.fault("UsageError", "", "callPlugin", p, "n0011", "DANCE")

	same(t, "logins", strsOf(f.call("", "getAllUserLogins")), []string{"admin"})
	same(t, "user id", f.call("", "getUserByName", "admin").(map[string]any)["id"], int64(1000))
	f.fault("NotFound", "", "getUserByName", "mallory")

	same(t, "addRemoteVolume", f.call("", "addRemoteVolume", map[string]any{
		"url": "ftp://10.0.0.1/backups", "allowed_users": []string{"admin"}, "readonly_users": []string{},
		"user": "u", "password": "secret", "labels": []string{"nightly"}, "options": "cleanvolume, nocompression",
	}), "r0001")
	same(t, "archives", strsOf(f.call("", "getAllArchiveVolumes")), []string{"r0001"})

	same(t, "addNode", f.call("", "addNode", map[string]any{
		"number": 14, "mac_addr_eth0": "08:00:27:00:00:14", "mac_addr_eth1": "08:00:27:01:00:14", "spool_disk": "d02_data",
	}), "n0014")
	f.fault("UsageError", "", "addNode", map[string]any{"number": 9, "mac_addr_eth0": "a", "mac_addr_eth1": "b", "spool_disk": "d02_data"})
	// spool_disk is required, and a choice of getListValues('DataDisks')
	f.fault("UsageError", "", "addNode", map[string]any{"number": 15, "mac_addr_eth0": "a", "mac_addr_eth1": "b"})
	f.fault("UsageError", "", "addNode", map[string]any{"number": 15, "mac_addr_eth0": "a", "mac_addr_eth1": "b", "spool_disk": "d09_nope"})
	eventually(t, "n0014 running", func() bool {
		return f.call("n0014", "getNodeState").(map[string]any)["status"] == "Running"
	})
	same(t, "nodes", strsOf(f.call("", "getNodeList")), []string{"n0011", "n0012", "n0013", "n0014"})

	f.addDB("db1", 8563)
	same(t, "databases", strsOf(f.call("", "getDatabaseList")), []string{"db1"})
	same(t, "database ids", strsOf(f.call("", "getAllDatabases")), []string{"db_db1"})
	for _, obj := range []string{"db_db1", "r0001", "n0014"} {
		if v := f.call("", "deleteSubObject", obj); v != nil {
			t.Fatalf("deleteSubObject(%s) = %#v", obj, v)
		}
		f.fault("NotFound", obj, "getPath")
	}
	f.fault("NotFound", "", "deleteSubObject", "db_db1")
	f.fault("UsageError", "", "deleteSubObject", "storage")
	f.fault("UsageError", "", "deleteSubObject", "n0010")
}

func TestStorageMethods(t *testing.T) {
	f := start(t, sim.Options{Durations: map[string]time.Duration{"volume_create": 100 * time.Millisecond}})
	same(t, "online", f.call("storage", "serviceIsOnline"), true)
	same(t, "quorum", f.call("storage", "storageHasQuorum"), true)
	same(t, "start running", f.call("storage", "startEXAStorage"), "OK")
	vid := f.call("storage", "addStorageVolume", map[string]any{
		"allowed_users": []string{"admin"}, "hdd_type": "disk1", "masternodes": 2, "nodes_list": []string{"n0011", "n0012"},
		"redundancy": 1, "size": 2, "volume_type": "Archive", "labels": []string{"#Name#Arch", "weekly"}, "block_size": 8,
	})
	same(t, "addStorageVolume", vid, "v0001")
	info := f.call("storage", "getVolumeInfo", "v0001").(map[string]any)
	same(t, "info keys", keys(info), []string{"allowed_users", "app_io", "block_size", "database", "hdd_type", "int_io",
		"labels", "masternodes", "name", "nodes_list", "priority", "readonly_users", "redundancy", "size", "state", "vid",
		"volume_type"})
	if info["state"] != "INITIALIZING" || info["size"] != int64(2) || info["volume_type"] != "Archive" ||
		info["block_size"] != int64(8) || info["vid"] != int64(1) || !same2(info["labels"], []string{"#Name#Arch", "weekly"}) ||
		!same2(info["nodes_list"], []string{"n0011", "n0012"}) || !same2(info["allowed_users"], []string{"1000"}) {
		t.Fatalf("getVolumeInfo %v", info)
	}
	eventually(t, "v0001 online", func() bool {
		return f.call("storage", "getVolumeInfo", int64(1)).(map[string]any)["state"] == "ONLINE"
	})
	same(t, "by id text", f.call("storage", "getVolumeInfo", "1").(map[string]any)["name"], "v0001")
	list := f.call("storage", "getVolumeList").(map[string]any)
	same(t, "volume list", keys(list), []string{"v0000", "v0001"})

	// the volume object
	changed := f.call("storage/v0001", "editStorageVolume", map[string]any{
		"labels": []string{"#Name#Arch", "monthly"}, "priority": 12, "redundancy": 1, "allowed_users": []any{int64(1000)},
		"add_nodes_list": []string{"n0013"}, "add_master_nodes": 0,
	})
	same(t, "changed fields", strsOf(changed), []string{"add_nodes_list", "labels", "priority"})
	if p, _ := f.call("storage/v0001", "getProperties").(map[string]any); len(p) != 0 {
		t.Fatalf("a storage volume has no properties: %v", p)
	}
	info = f.call("storage", "getVolumeInfo", "v0001").(map[string]any)
	if !same2(info["labels"], []string{"#Name#Arch", "monthly"}) || info["priority"] != int64(12) ||
		!same2(info["nodes_list"], []string{"n0011", "n0012", "n0013"}) {
		t.Fatalf("after edit %v", info)
	}
	f.fault("UsageError", "storage/v0001", "editStorageVolume", map[string]any{"redundancy": 9, "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	if v := f.call("storage/v0001", "resizeVolume", 3); v != nil {
		t.Fatalf("resizeVolume = %#v", v)
	}
	same(t, "size", f.call("storage", "getVolumeInfo", "v0001").(map[string]any)["size"], int64(5))
	f.call("storage/v0001", "setIoState", false, true)
	info = f.call("storage", "getVolumeInfo", "v0001").(map[string]any)
	if info["app_io"] != false || info["int_io"] != true {
		t.Fatalf("io state %v", info)
	}
	f.fault("UsageError", "storage/v0001", "moveNodes", map[string]any{"n0013": "n0011"}) // n0011 is in it already
	same(t, "nodes unchanged", f.call("storage", "getVolumeInfo", "v0001").(map[string]any)["nodes_list"], []any{"n0011", "n0012", "n0013"})

	// storage nodes
	same(t, "suspended", f.call("storage/n0013", "nodeIsSuspended"), false)

	// the service: volumes are OFFLINE while it is stopped, changes refused
	f.call("storage", "stopEXAStorage")
	same(t, "Storaged", list2(f.call("", "getServiceState"))[2], []any{"Storaged", "not running"})
	same(t, "online", f.call("storage", "serviceIsOnline"), false)
	same(t, "offline", f.call("storage", "getVolumeInfo", "v0001").(map[string]any)["state"], "OFFLINE")
	if msg := f.fault("UsageError", "storage", "volumeRemove", "v0001"); !strings.Contains(msg, "EXAStorage is not running") {
		t.Fatalf("volumeRemove while stopped: %q", msg)
	}
	same(t, "start", f.call("storage", "startEXAStorage", []string{}), "OK")
	eventually(t, "storage back", func() bool {
		return f.call("storage", "getVolumeInfo", "v0001").(map[string]any)["state"] == "ONLINE"
	})
	f.call("storage", "volumeRemove", "v0001")
	f.fault("NotFound", "storage", "getVolumeInfo", "v0001")
	f.fault("NotFound", "storage/v0001", "getProperties")
}

func same2(got any, want []string) bool {
	return strings.Join(strsOf(got), "|") == strings.Join(want, "|")
}

func list2(v any) []any { return v.([]any) }

func TestNodeMethods(t *testing.T) {
	f := start(t, sim.Options{Plugins: []string{"Administration.vmware-tools"}, Durations: map[string]time.Duration{"node_boot": 200 * time.Millisecond}})
	same(t, "state", f.call("n0012", "getNodeState"), map[string]any{"status": "Running"})
	same(t, "running", f.call("n0012", "nodeRunning"), true)
	info := f.call("n0012", "getNodeInfo").(map[string]any)
	if info["name"] != "n0012" || info["number"] != int64(12) || info["private_ip"] != "10.10.10.12" || info["status"] != "Running" {
		t.Fatalf("getNodeInfo %v", info)
	}
	if msg := f.fault("UsageError", "n0012", "shutdownNode"); !strings.Contains(msg, "while EXAStorage runs") {
		t.Fatalf("shutdown with storage running: %q", msg)
	}
	f.call("storage", "stopEXAStorage")
	if v := f.call("n0012", "shutdownNode"); v != nil {
		t.Fatalf("shutdownNode = %#v", v)
	}
	same(t, "state", f.call("n0012", "getNodeState"), map[string]any{"status": "Shutdown"})
	if hw := f.call("", "getHardwareInformation", "n0012").(string); strings.Contains(hw, "dmidecode") {
		t.Fatalf("hardware of a node that is off: %q", hw)
	}
	if msg := f.fault("UsageError", "", "callPlugin", "Administration.vmware-tools", "n0012", "STATUS"); !strings.Contains(msg, "not running") {
		t.Fatalf("plugin on a node that is off: %q", msg)
	}
	f.call("", "startupNode", "n0012")
	same(t, "booting", f.call("n0012", "getNodeState"), map[string]any{"status": "Booting"})
	eventually(t, "n0012 running", func() bool {
		return f.call("n0012", "getNodeState").(map[string]any)["status"] == "Running"
	})
	req := map[string]any{"mac_addr_eth0": "08:00:27:00:00:12", "mac_addr_eth1": "08:00:27:01:00:12", "spool_disk": "d02_data"}
	with := func(m map[string]any) map[string]any { maps.Copy(m, req); return m }
	changed := f.call("n0012", "editNode", with(map[string]any{"idstring": "rack 4", "hugepages": 2, "to_install": true}))
	same(t, "changed", strsOf(changed), []string{"hugepages", "idstring", "mac_addr_eth0", "mac_addr_eth1", "spool_disk", "to_install"})
	same(t, "unchanged", strsOf(f.call("n0012", "editNode", with(map[string]any{"idstring": "rack 4"}))), []string{})
	f.fault("UsageError", "n0012", "editNode", with(map[string]any{"color": "red"}))
	f.fault("UsageError", "n0012", "editNode", map[string]any{"idstring": "rack 5"}) // required keys missing
	f.call("n0012", "setActiveMode")
	props := f.call("n0012", "getProperties").(map[string]any)
	if props["idstring"] != "rack 4" || props["hugepages"] != int64(2) || props["to_install"] != false {
		t.Fatalf("properties %v", props)
	}
	same(t, "mode", f.call("n0012", "getNodeInfo").(map[string]any)["mode"], "Active")
	f.call("n0012", "rebootNode")
	same(t, "rebooting", f.call("n0012", "getNodeState"), map[string]any{"status": "Booting"})
	f.call("storage/n0013", "suspendNode")
	same(t, "suspended", f.call("n0013", "getNodeState"), map[string]any{"status": "Suspended"})
	same(t, "storage node", f.call("storage/n0013", "nodeIsSuspended"), true)
	f.call("storage/n0013", "resumeNode")
}

func TestRemoteVolumeMethods(t *testing.T) {
	f := start(t, sim.Options{})
	f.call("", "addRemoteVolume", map[string]any{"url": "https://bucket.s3", "options": "s3", "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	same(t, "vid", f.call("r0001", "getVolumeId"), int64(10001))
	if info := f.call("storage", "getVolumeInfo", "r0001").(map[string]any); info["vid"] != int64(10001) || info["password"] != nil {
		t.Fatalf("getVolumeInfo of a remote volume object: %v", info)
	}
	same(t, "state", f.call("r0001", "state"), "Online")
	props := f.call("r0001", "getProperties").(map[string]any)
	same(t, "keys", keys(props), []string{"allowed_users", "labels", "options", "password", "readonly_users", "url", "user", "vid"})
	changed := f.call("r0001", "editRemoteVolume", map[string]any{"url": "https://other.s3", "labels": []string{"a"}, "options": "s3",
		"allowed_users": []any{int64(1000)}, "readonly_users": []any{}})
	same(t, "changed", strsOf(changed), []string{"labels", "url"})
	props = f.call("", "r0001.getProperties").(map[string]any)
	if props["url"] != "https://other.s3" || props["vid"] != int64(10001) || props["options"] != "s3" {
		t.Fatalf("properties %v", props)
	}
	f.fault("UsageError", "r0001", "editRemoteVolume", map[string]any{"vid": 10005})
	f.fault("UsageError", "r0001", "editRemoteVolume", map[string]any{"allowed_users": []string{"mallory"}})
}

func TestLogService(t *testing.T) {
	f := start(t, sim.Options{Cold: true, Durations: map[string]time.Duration{"node_boot": 50 * time.Millisecond}})
	same(t, "cold: nodes off", f.call("n0011", "getNodeState"), map[string]any{"status": "Shutdown"})
	same(t, "cold: storage", list2(f.call("", "getServiceState"))[2], []any{"Storaged", "not running"})
	for _, n := range []string{"n0011", "n0012", "n0013"} {
		f.call("", "startupNode", n)
	}
	eventually(t, "boot messages", func() bool {
		return strings.Count(logText(f.call("logservice1", "logEntries")), "Boot process finished after") == 3
	})
	entries := list2(f.call("logservice1", "logEntries"))
	same(t, "count", entries[1], int64(len(list2(entries[2]))))
	first := list2(entries[2])[0].(map[string]any)
	same(t, "entry keys", keys(first), []string{"message", "node", "strtime", "system"})
	if !strings.HasPrefix(first["node"].(string), "n00") || first["system"] != "EXAoperation" {
		t.Fatalf("entry %v", first)
	}
	now := time.Now().UTC()
	from := []any{now.Year() - 1, 1, 1, 0, 0, 0, 0}
	to := []any{now.Year() + 1, 1, 1, 0, 0, 0, 0}
	same(t, "fetch", len(list2(list2(f.call("logservice1", "logFetchEntries", from, to, "Information", ""))[2])), len(list2(entries[2])))
	same(t, "fetch none", len(list2(list2(f.call("logservice1", "logFetchEntries", from, from))[2])), 0)
}

func logText(v any) string {
	var b strings.Builder
	for _, e := range list2(list2(v)[2]) {
		b.WriteString(e.(map[string]any)["message"].(string) + "\n")
	}
	return b.String()
}
