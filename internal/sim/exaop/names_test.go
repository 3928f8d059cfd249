package exaop_test

import (
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exec runs a ConfD job on the shared model, as an operator would out of band.
func (f *face) exec(job string, params map[string]any) map[string]any {
	f.t.Helper()
	env, err := f.s.Exec(job, params)
	if err != nil || env["result_code"] != int64(0) {
		f.t.Fatalf("%s: %v %v", job, env, err)
	}
	return env
}

// A remote volume is one volume on both faces: its '#Name#' label is its
// name and the s3 option its type, whichever face added it.
func TestRemoteVolumeNameAndType(t *testing.T) {
	f := start(t, sim.Options{})
	f.call("", "addRemoteVolume", map[string]any{"url": "https://bucket.s3", "options": "noverifypeer,s3",
		"labels": []string{"#Name#Backups", "weekly"}, "allowed_users": []string{"admin"}, "readonly_users": []string{}})
	info := f.exec("remote_volume_info", map[string]any{"remote_volume_name": "Backups"})["result_output"].(map[string]any)
	if info["type"] != "s3" || strings.Join(strsOf(info["options"]), ",") != "noverifypeer" || strings.Join(strsOf(info["labels"]), ",") != "weekly" {
		t.Fatalf("the model keeps the name label or the type option: %v", info)
	}
	props := f.call("r0001", "getProperties").(map[string]any)
	same(t, "labels", strsOf(props["labels"]), []string{"#Name#Backups", "weekly"})
	same(t, "options", props["options"], "noverifypeer,s3")

	// added through ConfD: named without a label, typed without an option
	f.exec("remote_volume_add", map[string]any{"remote_volume_name": "Offsite", "vol_type": "s3", "url": "https://offsite.s3"})
	props = f.call("r0002", "getProperties").(map[string]any)
	same(t, "ConfD's volume's labels", strsOf(props["labels"]), []string{"#Name#Offsite"})
	same(t, "ConfD's volume's options", props["options"], "s3")

	// an edit keeps the name; a label naming another is refused
	f.call("r0002", "editRemoteVolume", map[string]any{"labels": []string{"#Name#Offsite", "daily"}, "options": "s3,nocompression",
		"url": "https://offsite.s3", "allowed_users": []string{}, "readonly_users": []string{}})
	props = f.call("r0002", "getProperties").(map[string]any)
	same(t, "edited labels", strsOf(props["labels"]), []string{"#Name#Offsite", "daily"})
	same(t, "edited options", props["options"], "nocompression,s3")
	f.fault("UsageError", "r0002", "editRemoteVolume", map[string]any{"labels": []string{"#Name#Other"},
		"url": "https://offsite.s3", "allowed_users": []string{}, "readonly_users": []string{}})
}

// EXAoperation's master is the license server: removing the node that is
// the model's (ConfD's) master is refused only for what EXAoperation knows
// of, and succeeds when nothing else holds it.
func TestDeleteNodeNotMaster(t *testing.T) {
	f := start(t, sim.Options{})
	if msg := f.fault("UsageError", "", "deleteSubObject", "n0011"); strings.Contains(msg, "master") || !strings.Contains(msg, "holds segments") {
		t.Fatalf("refusal of n0011: %q", msg)
	}
	if info := f.exec("node_info", map[string]any{"nid": 11})["result_output"].(map[string]any); info["master"] != true {
		t.Fatalf("a refused removal moved the master role: %v", info)
	}
	f.call("", "addNode", map[string]any{"number": 14, "mac_addr_eth0": "08:00:27:00:00:01", "mac_addr_eth1": "08:00:27:00:01:01", "spool_disk": "d02_data"})
	eventually(t, "n0014 running", func() bool {
		return f.call("n0014", "getNodeState").(map[string]any)["status"] == "Running"
	})
	f.exec("master_change", map[string]any{"nids": []any{14}})
	f.call("", "deleteSubObject", "n0014")
	same(t, "nodes", strsOf(f.call("", "getNodeList")), []string{"n0011", "n0012", "n0013"})
}
