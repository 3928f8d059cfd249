package exaop_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kolo/xmlrpc"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Both call forms reach the same object and land in the job log alike.
func TestCallForms(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	f.s.ResetJobLog()
	same(t, "path form", f.call("db_db1", "getDatabaseState"), "setup")
	same(t, "dotted form", f.call("", "db_db1.getDatabaseState"), "setup")
	same(t, "storage dotted", f.call("", "storage.serviceIsOnline"), true)
	same(t, "node dotted", f.call("", "n0011.getNodeState"), map[string]any{"status": "Running"})
	same(t, "volume path", f.call("storage/v0000", "getPath").([]any)[1], "v0000")
	same(t, "volume dotted", f.call("storage", "v0000.getPath").([]any)[1], "v0000")
	same(t, "volume alias", f.call("v0000", "getPath").([]any)[1], "v0000")
	same(t, "trailing slash", f.call("db_db1/", "getDatabaseState"), "setup")
	same(t, "job log", acctest.Log(f.s).Calls(), []string{
		"db_db1.getDatabaseState", "db_db1.getDatabaseState", "storage.serviceIsOnline", "n0011.getNodeState",
		"storage/v0000.getPath", "storage/v0000.getPath", "storage/v0000.getPath", "db_db1.getDatabaseState",
	})
	rec := acctest.Log(f.s).Records()[0]
	if rec.Source != "rpc" || rec.Code != 0 || rec.ID == "" || rec.Params["args"] == nil {
		t.Fatalf("job record %+v", rec)
	}
	if f.s.Calls() != 10 { // addDB's two calls too
		t.Fatalf("Calls() = %d, want 10", f.s.Calls())
	}
}

// Faults are Zope's: NotFound for missing objects, UsageError for misuse
// and refusals, AttributeError for a method an object lacks.
func TestFaults(t *testing.T) {
	f := start(t, sim.Options{})
	for _, c := range []struct{ path, method string }{
		{"db_x", "startDatabase"}, {"", "db_x.startDatabase"}, {"n0099", "getNodeState"}, {"r0001", "state"},
		{"storage/v0042", "getProperties"}, {"storage", "v0042.getProperties"}, {"nope", "getPath"},
	} {
		msg := f.fault("NotFound", c.path, c.method)
		if !strings.Contains(msg, "NotFound: Object ") || !strings.Contains(msg, " not found") {
			t.Errorf("%s.%s: %q", c.path, c.method, msg)
		}
	}
	if msg := f.fault("NotFound", "db_x", "startDatabase"); msg != "Unexpected Zope exception: NotFound: Object db_x not found" {
		t.Errorf("fault text %q", msg)
	}
	f.fault("NotFound", "storage", "getVolumeInfo", "v0042")
	f.fault("AttributeError", "", "startEXAStorage") // a storage method, on the cluster
	f.fault("UsageError", "", "getNodeList", "extra")
	f.fault("UsageError", "", "getHardwareInformation")
	f.fault("UsageError", "", "addDatabase", map[string]any{"database_name": "x", "bogus": 1})
	f.fault("UsageError", "", "addDatabase", map[string]any{"database_name": "x"})
	// data_disk is required and a choice of getListValues('DataDisks')
	db := map[string]any{"clients_port_number": 8563, "data_volume": "v0000", "database_name": "x", "database_version": "8.29.0",
		"memory_usage": 1, "nodes_list": []string{"n0011"}, "nodes_number": 1}
	f.fault("UsageError", "", "addDatabase", db)
	db["data_disk"] = "d09_none"
	f.fault("UsageError", "", "addDatabase", db)
	f.fault("UsageError", "", "getListValues", "NoSuchList")
	f.fault("UsageError", "", "callPlugin", "p", "n0011")

	// refusals say why
	f.addDB("db1", 8563)
	f.call("db_db1", "startDatabase")
	eventually(t, "db1 running", func() bool { return f.call("db_db1", "getDatabaseState") == "running" })
	if msg := f.fault("UsageError", "", "deleteSubObject", "db_db1"); !strings.Contains(msg, "stop it before deleting it") {
		t.Errorf("delete running: %q", msg)
	}
	if msg := f.fault("UsageError", "storage", "stopEXAStorage"); !strings.Contains(msg, "database 'db1' is running") {
		t.Errorf("stop storage: %q", msg)
	}
	if msg := f.fault("UsageError", "", "shutdownNode", "n0012"); !strings.Contains(msg, "serves database 'db1'") {
		t.Errorf("shutdown node: %q", msg)
	}
	if msg := f.fault("UsageError", "db_db1", "startDatabase"); !strings.Contains(msg, "only a stopped database") {
		t.Errorf("start running: %q", msg)
	}
	// a failed call is in the job log with code 1
	log := acctest.Log(f.s).Records()
	if last := log[len(log)-1]; last.Code != 1 || last.Object != "db_db1" || last.Name != "startDatabase" {
		t.Fatalf("last record %+v", last)
	}
}

// Methods without a result send <nil/>.
func TestNilResult(t *testing.T) {
	f := start(t, sim.Options{})
	f.addDB("db1", 8563)
	body, err := xmlrpc.EncodeMethodCall("startDatabase")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, f.s.Ready().URL+"/db_db1", bytes.NewReader(body))
	req.SetBasicAuth(f.s.Username(), f.s.Password())
	resp, err := acctest.HTTPClient(f.s.CACertPEM(), 10*time.Second).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(data), "<value><nil/></value>") {
		t.Fatalf("startDatabase answered %s", data)
	}
	if v := f.call("db_db1", "stopDatabase"); v != nil {
		t.Fatalf("stopDatabase answered %#v", v)
	}
}

// HTTP: Basic authentication, EXAoperation lives under /cluster1 only.
func TestHTTP(t *testing.T) {
	f := start(t, sim.Options{})
	c := acctest.RPC(f.s, "")
	c.Password = "wrong"
	_, err := c.Call(t.Context(), "getNodeList")
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(strings.ToLower(err.Error()), "unauthorized") {
		t.Fatalf("bad password: %v", err)
	}
	base := strings.TrimSuffix(f.s.Ready().URL, "/cluster1")
	for _, p := range []string{"/master", "/", "/RPC2", "/cluster2"} {
		resp, err := acctest.HTTPClient(f.s.CACertPEM(), 10*time.Second).Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
	r := f.s.Ready()
	if r.API != "exaoperation" || !strings.HasPrefix(r.URL, "https://127.0.0.1:") || !strings.HasSuffix(r.URL, "/cluster1") {
		t.Fatalf("ready %+v", r)
	}
	if f.s.Calls() != 0 {
		t.Fatalf("unauthenticated requests counted: %d", f.s.Calls())
	}
}

// Shutting the license server down stops EXAoperation: the call is
// answered, every later one refused.
func TestLicenseServerShutdown(t *testing.T) {
	f := start(t, sim.Options{})
	same(t, "master", f.call("", "getEXAoperationMaster"), "n0010")
	same(t, "license server", f.call("", "getCurrentLicenseServer"), int64(10))
	same(t, "n0010 state", f.call("n0010", "getNodeState"), map[string]any{"status": "Running"})
	if v := f.call("", "shutdownNode", "n0010"); v != nil {
		t.Fatalf("shutdownNode answered %#v", v)
	}
	_, err := f.try("", "getNodeList")
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "n0010") {
		t.Fatalf("after the license server's shutdown: %v", err)
	}
	if n := len(acctest.Log(f.s).Calls()); n != 4 {
		t.Fatalf("a refused call reached the job log: %v", acctest.Log(f.s).Calls())
	}
}

// Introspection on every object.
func TestGenericMethods(t *testing.T) {
	f := start(t, sim.Options{Plugins: []string{"Administration.vmware-tools"}})
	f.addDB("db1", 8563)
	same(t, "cluster path", f.call("", "getPath"), []any{"/cluster1", "cluster1"})
	same(t, "db path", f.call("", "db_db1.getPath"), []any{"/cluster1/db_db1", "db_db1"})
	same(t, "volume path", f.call("storage/v0000", "getPath"), []any{"/cluster1/storage/v0000", "v0000"})
	// fact: the README's listObjects() shows the preinstalled BucketFS service
	same(t, "cluster objects", strsOf(f.call("", "listObjects")),
		[]string{"bfsdefault", "db_db1", "logservice1", "n0011", "n0012", "n0013", "storage"})
	same(t, "storage objects", strsOf(f.call("storage", "listObjects")), []string{"n0011", "n0012", "n0013", "v0000", "v0001"})
	for _, obj := range []string{"", "storage", "storage/v0000", "storage/n0011", "db_db1", "n0011", "logservice1"} {
		ms := strsOf(f.call(obj, "listMethods"))
		for _, m := range []string{"getPath", "listMethods", "listObjects", "methodHelp", "methodSignature", "getProperties", "getListValues"} {
			if !strings.Contains(" "+strings.Join(ms, " ")+" ", " "+m+" ") {
				t.Errorf("%s lacks %s: %v", obj, m, ms)
			}
		}
		if _, ok := f.call(obj, "getProperties").(map[string]any); !ok {
			t.Errorf("%s.getProperties is not a dict", obj)
		}
		same(t, obj+" nodes", strsOf(f.call(obj, "getListValues", "Nodes")), []string{"n0011", "n0012", "n0013"})
	}
	same(t, "signature", strsOf(f.call("", "methodSignature", "callPlugin")), []string{"plugin", "node", "command", "extra"})
	if h := f.call("storage", "methodHelp", "startEXAStorage").(string); !strings.Contains(h, "ignored_nodes") {
		t.Errorf("methodHelp %q", h)
	}
	f.fault("UsageError", "", "methodHelp", "nope")
	same(t, "versions", strsOf(f.call("", "getListValues", "EXASolutionVersions")), []string{"7.1.30", "8.29.0"})
	same(t, "volumes", strsOf(f.call("storage", "getListValues", "Volumes")), []string{"v0000"})
	same(t, "databases", strsOf(f.call("", "getListValues", "Databases")), []string{"db1"})
	same(t, "users", strsOf(f.call("", "getListValues", "Users")), []string{"admin"})
	same(t, "storage disks", strsOf(f.call("storage", "getListValues", "StorageDisks")), []string{"disk1"})
}
