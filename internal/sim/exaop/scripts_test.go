package exaop_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/exaop"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Exasol's example scripts (github.com/exasol/exaoperation-xmlrpc,
// tools-and-examples/), call for call and in their order, with the answers
// the scripts rely on checked. The scripts themselves are not part of the
// project; these tests are our own words for what they do.

// xmlrpc-template.py: getNodeList, then the database's getDatabaseInfo; a
// wrong password is "unauthorized", a missing database "Unexpected Zope
// exception: NotFound: Object".
func TestScriptTemplate(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("exa_db1", 8563)
	same(t, "nodes", strsOf(f.call("/", "getNodeList")), []string{"n0011", "n0012", "n0013"})
	if info := f.call("db_exa_db1", "getDatabaseInfo").(map[string]any); info["name"] != "exa_db1" {
		t.Fatalf("getDatabaseInfo %v", info)
	}
	if msg := f.fault("NotFound", "db_nope", "getDatabaseInfo"); !strings.Contains(msg, "Unexpected Zope exception: NotFound: Object") {
		t.Fatalf("missing database: %q", msg)
	}
	c := acctest.RPC(f.s, "/")
	c.Password = "wrong"
	if _, err := c.Call(context.Background(), "getNodeList"); err == nil || !strings.Contains(strings.ToLower(err.Error()), "unauthorized") {
		t.Fatalf("wrong password: %v", err)
	}
}

// startdatabase.py on a cluster without volumes: the lists it reads, two
// volumes, a database, create and start, the database info.
func TestScriptStartDatabase(t *testing.T) {
	f := start(t, sim.Options{Bare: true})
	versions := strsOf(f.call("", "getListValues", "EXASolutionVersions"))
	dbver := versions[len(versions)-1]
	same(t, "data disks", strsOf(f.call("", "storage.getListValues", "DataDisks"))[0], "d02_data")
	sdisk := strsOf(f.call("", "storage.getListValues", "StorageDisks"))[0]
	nodes := strsOf(f.call("", "storage.getListValues", "Nodes"))
	users := f.call("", "getAllUserLogins")
	same(t, "online", f.call("", "storage.serviceIsOnline"), true)
	same(t, "no volumes", strsOf(f.call("", "getListValues", "Volumes")), []string{})
	for i, typ := range []string{"Data", "Archive"} {
		same(t, typ, f.call("", "storage.addStorageVolume", map[string]any{"allowed_users": users, "hdd_type": sdisk,
			"masternodes": len(nodes), "nodes_list": nodes, "redundancy": 1, "size": 8, "volume_type": typ}), fmt.Sprintf("v%04d", i))
	}
	volumes := strsOf(f.call("", "getListValues", "Volumes"))
	same(t, "volumes", volumes, []string{"v0000", "v0001"})
	if slices.Contains(strsOf(f.call("", "getListValues", "Databases")), "db1") {
		t.Fatal("db1 listed before it was added")
	}
	same(t, "addDatabase", f.call("", "addDatabase", map[string]any{"clients_port_number": 8563, "data_disk": "d02_data",
		"data_volume": volumes[0], "database_name": "db1", "database_version": dbver, "memory_usage": 4,
		"nodes_list": nodes, "nodes_number": len(nodes)}), "db_db1")
	same(t, "before create", f.call("", "db_db1.getDatabaseState"), "none")
	f.call("", "db_db1.createDatabase")
	same(t, "created", f.call("", "db_db1.getDatabaseState"), "setup")
	f.call("", "db_db1.startDatabase")
	info := f.call("", "db_db1.getDatabaseInfo").(map[string]any)
	same(t, "info keys", keys(info), []string{"connectible", "connection string", "info", "name", "nodes", "operation",
		"persistent volume", "quota", "state", "temporary volume", "usage persistent", "usage temporary"})
}

// logentries.py: logservice1.logEntries()[2], entries with strtime,
// system, node and message.
func TestScriptLogEntries(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	entries := list(list(f.call("", "logservice1.logEntries"))[2])
	if len(entries) == 0 {
		t.Fatal("no log entries")
	}
	for _, e := range entries {
		same(t, "entry keys", keys(e), []string{"message", "node", "strtime", "system"})
	}
}

// startstop/start.py and stop.py.
func TestScriptStartStop(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	// start.py
	for _, n := range strsOf(f.call("/", "getNodeList")) {
		same(t, n, f.call("/"+n, "getNodeState").(map[string]any)["status"], "Running")
	}
	same(t, "storage", f.call("/storage", "serviceIsOnline"), true)
	for _, db := range strsOf(f.call("/", "getDatabaseList")) {
		if f.call("/db_"+db, "runningDatabase") == false {
			f.call("/db_"+db, "startDatabase")
		}
	}
	eventually(t, "db1 running", func() bool { return f.call("/db_db1", "runningDatabase") == true })
	// stop.py: the license server's number formats as n%04d
	ls := f.call("/", "getCurrentLicenseServer")
	same(t, "license server", fmt.Sprintf("n%04d", ls), "n0010")
	for _, db := range strsOf(f.call("/", "getDatabaseList")) {
		if f.call("/db_"+db, "runningDatabase") == true {
			f.call("/db_"+db, "shutdownDatabase")
			eventually(t, db+" stopped", func() bool { return f.call("/db_"+db, "runningDatabase") == false })
		}
	}
	if f.call("/storage", "serviceIsOnline") == true {
		f.call("/storage", "stopEXAStorage")
		eventually(t, "storage stopped", func() bool { return f.call("/storage", "serviceIsOnline") == false })
	}
	nodes := strsOf(f.call("/", "getNodeList"))
	for _, n := range nodes {
		f.call("/"+n, "shutdownNode")
	}
	eventually(t, "nodes down", func() bool {
		for _, n := range nodes {
			if f.call("/"+n, "getNodeState").(map[string]any)["status"] == "Running" {
				return false
			}
		}
		return true
	})
	f.fault("UsageError", "/", "haltLicenseServer", "n0011") // not the license server
	f.call("/", "haltLicenseServer", "n0010")
	if _, err := f.try("/", "getNodeList"); err == nil {
		t.Fatal("EXAoperation answers after haltLicenseServer")
	}
}

// backupSim: db1 running, with a level 0 backup on an archive volume,
// whose name it returns.
func backupSim(t *testing.T) (*face, string) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	f.call("db_db1", "startDatabase")
	eventually(t, "db1 running", func() bool { return f.call("db_db1", "runningDatabase") == true })
	arch := f.call("storage", "addStorageVolume", map[string]any{"allowed_users": []string{"admin"}, "hdd_type": "disk1",
		"masternodes": 1, "nodes_list": []string{"n0011"}, "redundancy": 1, "size": 4, "volume_type": "Archive"}).(string)
	eventually(t, "archive online", func() bool {
		return f.call("storage", "getVolumeInfo", arch).(map[string]any)["state"] == "ONLINE"
	})
	f.call("db_db1", "backupDatabase", arch, 0, "1w")
	eventually(t, "backup done", func() bool { return f.call("db_db1", "getDatabaseOperation") == "None" })
	return f, arch
}

// volumeNumber is autorestore.py's convertVolumeId: v0002 → 2, r0001 → 10001.
func volumeNumber(v string) int64 {
	var n int64
	switch {
	case strings.HasPrefix(v, "v"):
		_, _ = fmt.Sscanf(v[1:], "%d", &n)
	case strings.HasPrefix(v, "r"):
		_, _ = fmt.Sscanf(v[1:], "%d", &n)
		n += 10000
	}
	return n
}

// latestBackup picks the last usable backup of system on archive, as
// autorestore.py and virtual-backup-db.py do.
func latestBackup(t *testing.T, f *face, db, system, archive string) map[string]any {
	var latest map[string]any
	for _, it := range list(f.call("/db_"+db, "getBackups", true, true)) {
		b := it.(map[string]any)
		if b["system"] == system && b["usable"] == true && volumeNumber(b["volume"].(string)) == volumeNumber(archive) &&
			(latest == nil || b["bid"].(int64) >= latest["bid"].(int64)) {
			latest = b
		}
	}
	if latest == nil {
		t.Fatal("no backup found")
	}
	return latest
}

// autorestore/autorestore.py: the latest usable backup, stop the
// database, restore blocking.
func TestScriptAutorestore(t *testing.T) {
	f, arch := backupSim(t)
	b := latestBackup(t, f, "db1", "db1", arch)
	if len(strings.Fields(b["id"].(string))) != 3 {
		t.Fatalf("backup id %q has not three fields", b["id"])
	}
	if f.call("/db_db1", "runningDatabase") == true {
		f.call("/db_db1", "shutdownDatabase")
		eventually(t, "stopped", func() bool { return f.call("/db_db1", "runningDatabase") == false })
	}
	f.call("/db_db1", "restoreDatabase", b["id"], "blocking")
	f.fault("UsageError", "/db_db1", "restoreDatabase", "1 2", "blocking") // not three fields
}

// virtual-backup-db/virtual-backup-db.py: the expiry parsed as
// '%Y-%m-%d %H:%M', changeBackupExpiration by volume number and the
// prefix from expire_alterable, a 'virtual access' restore, the expiry back.
func TestScriptVirtualBackup(t *testing.T) {
	f, arch := backupSim(t)
	b := latestBackup(t, f, "db1", "db1", arch)
	expire, err := time.Parse("2006-01-02 15:04", b["expire"].(string))
	if err != nil {
		t.Fatalf("expire %q: %v", b["expire"], err)
	}
	prefix := strings.Split(b["expire_alterable"].(string), " ")[1]
	if !regexp.MustCompile(`^db1/id_\d+/level_0$`).MatchString(prefix) {
		t.Fatalf("expire_alterable %q", b["expire_alterable"])
	}
	vol := volumeNumber(b["volume"].(string))
	f.call("/db_db1", "shutdownDatabase")
	eventually(t, "stopped", func() bool { return f.call("/db_db1", "runningDatabase") == false })
	f.call("/db_db1", "changeBackupExpiration", vol, prefix, 0)
	f.call("/db_db1", "restoreDatabase", b["id"], "virtual access")
	f.call("/db_db1", "changeBackupExpiration", vol, prefix, expire.Unix())
	f.fault("NotFound", "/db_db1", "changeBackupExpiration", int64(99), prefix, 0)
	f.fault("UsageError", "/db_db1", "changeBackupExpiration", []any{}, prefix, 0)
}

// manageexaop/manageexaop.py -s, then -o.
func TestScriptManageexaop(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	// startup
	if len(strsOf(f.call("", "getNodeList"))) == 0 {
		t.Fatal("no nodes")
	}
	for _, n := range strsOf(f.call("", "getNodeList")) {
		same(t, n, f.call("/"+n, "getNodeState").(map[string]any)["status"], "Running")
	}
	for _, row := range list(f.call("", "getServiceState")) {
		if r := list(row); r[0] == "Storaged" && r[1] != "OK" {
			f.call("/storage", "startEXAStorage")
		}
	}
	for _, db := range strsOf(f.call("", "getDatabaseList")) {
		if f.call("/db_"+db, "getDatabaseConnectionState") == "No" {
			f.call("/db_"+db, "startDatabase")
			eventually(t, "connectible", func() bool { return f.call("/db_"+db, "getDatabaseConnectionState") == "Yes" })
			same(t, "connection string", f.call("/db_"+db, "getDatabaseConnectionString"), "10.10.10.11..13:8563")
		}
	}
	// shutdown: EXAoperation's master must be the license server, 10
	same(t, "master", f.call("", "getCurrentLicenseServer"), int64(10))
	for _, db := range strsOf(f.call("", "getDatabaseList")) {
		same(t, "state", f.call("/db_"+db, "getDatabaseState"), "running")
		same(t, "operation", f.call("/db_"+db, "getDatabaseOperation"), "None")
		f.call("/db_"+db, "stopDatabase")
		eventually(t, "setup", func() bool { return f.call("/db_"+db, "getDatabaseState") == "setup" })
	}
	f.call("/storage", "stopEXAStorage")
	same(t, "Storaged", list(f.call("", "getServiceState"))[2], []any{"Storaged", "not running"})
}

// xmlrpc-help/help.py: the objects it inspects, every method's help.
func TestScriptHelp(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	dbs := strsOf(f.call("/", "getDatabaseList"))
	ls := list(f.call("/", "getAllLogServices"))[0].(map[string]any)["name"].(string)
	node := strsOf(f.call("/", "getNodeList"))[0]
	for _, obj := range []string{"/", "/storage", "/users", "/db_" + dbs[0], "/" + ls, "/" + node} {
		methods := strsOf(f.call(obj, "listMethods"))
		if len(methods) < 5 {
			t.Fatalf("%s lists %v", obj, methods)
		}
		for _, m := range methods {
			if h, ok := f.call(obj, "methodHelp", m).(string); !ok || h == "" {
				t.Fatalf("%s.methodHelp(%s) = %v", obj, m, h)
			}
		}
	}
	f.fault("UsageError", "/users", "methodHelp", "nope")
}

// download_backupset/download_backupset3.py, up to the downloads (which
// fetch the files from the nodes' FTP service, not EXAoperation's).
func TestScriptDownloadBackupset(t *testing.T) {
	f, arch := backupSim(t)
	if !slices.Contains(strsOf(f.call("", "getDatabaseList")), "db1") {
		t.Fatal("db1 not listed")
	}
	cs := f.call("db_db1", "getDatabaseConnectionString").(string)
	if m := regexp.MustCompile(`^(\d+\.\d+\.\d+\.)(\d+)\.\.(\d+)`).FindStringSubmatch(cs); m == nil {
		t.Fatalf("connection string %q is no range", cs)
	}
	nodes := f.call("db_db1", "getDatabaseNodes").(map[string]any)
	same(t, "node keys", keys(nodes), []string{"active", "failed", "reserve"})
	backups := list(f.call("db_db1", "getBackupList"))
	if len(backups) != 1 || len(list(backups[0])) != 2 {
		t.Fatalf("getBackupList %v", backups)
	}
	id := list(backups[0])[0]
	info := f.call("db_db1", "getBackupInfo", id).(map[string]any)
	if _, err := time.Parse("2006-01-02 15:04", info["expire date"].(string)); err != nil {
		t.Fatalf("expire date %v", info["expire date"])
	}
	same(t, "volume", list(info["volume"])[0], arch)
	same(t, "dependencies", info["dependencies"], []any{})
	for _, file := range strsOf(info["files"]) {
		if !regexp.MustCompile(`([^/]+/id_\d+/level_\d+/)(node_\d+)/([^/]+)`).MatchString(file) {
			t.Fatalf("file %q", file)
		}
	}
	same(t, "by (id, volume)", f.call("db_db1", "getBackupInfo", []any{id, arch}).(map[string]any)["bid"], id)
	f.fault("NotFound", "db_db1", "getBackupInfo", int64(42))
}

// Every method of every object refuses a call with more arguments than it
// takes (UsageError), so that no form the reference does not document
// passes silently.
func TestEveryMethodRefusesExtraArguments(t *testing.T) {
	f, _ := backupSim(t)
	f.call("", "addRemoteVolume", map[string]any{"url": "ftp://10.0.0.1/b", "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	for _, obj := range []string{"", "storage", "storage/v0000", "storage/n0011", "db_db1", "n0011", "r0001", "logservice1", "users"} {
		for _, m := range strsOf(f.call(obj, "listMethods")) {
			args := make([]any, 9)
			for i := range args {
				args[i] = "x"
			}
			_, err := f.try(obj, m, args...)
			var fl *rpc.Fault
			if !errors.As(err, &fl) || !strings.Contains(fl.String, "UsageError: ") {
				t.Errorf("%s.%s with 9 arguments: %v", obj, m, err)
			}
		}
	}
}

// Every read of every object answers (no fault) with the arguments the
// reference documents; changes are exercised by the tests above and in
// groups_test.go, database_test.go and face_test.go.
func TestEveryReadAnswers(t *testing.T) {
	f, arch := backupSim(t)
	f.call("", "addRemoteVolume", map[string]any{"url": "ftp://10.0.0.1/b", "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	backup := list(f.call("db_db1", "getBackups"))[0].(map[string]any)
	args := map[string][]any{
		"getListValues": {"Nodes"}, "methodHelp": {"getPath"}, "methodSignature": {"getPath"},
		"getHardwareInformation": {int64(11), int64(1)}, "getUserByName": {"admin"}, "getUserById": {"1000"},
		"getVolumeInfo": {arch}, "getBackupInfo": {backup["id"]}, "backupInfo": {backup["bid"]},
		"getBackups": {true, true}, "logFetchEntries": {[]any{2000, 1, 1, 0, 0, 0, 0}, []any{2100, 1, 1, 0, 0, 0, 0}},
	}
	for _, obj := range []string{"", "storage", "storage/v0000", "storage/n0011", "db_db1", "n0011", "r0001", "logservice1", "users"} {
		for _, m := range strsOf(f.call(obj, "listMethods")) {
			if exaop.IsChange(m) || m == "callPlugin" {
				continue
			}
			if _, err := f.try(obj, m, args[m]...); err != nil {
				t.Errorf("%s.%s%v: %v", obj, m, args[m], err)
			}
		}
	}
}
