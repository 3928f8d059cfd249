package confd

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// node_wait_ready returns the ready nodes (fact: "a list of ready nodes") and
// finishes only when the booting nodes of a cold cluster are online.
func TestNodeWaitReadyOnAColdCluster(t *testing.T) {
	c, err := cluster.New(cluster.Config{Nodes: 3, Versions: []string{"8.29.0"}, Cold: true,
		Timing: cluster.Timing{Overrides: map[string]time.Duration{cluster.TransNodeBoot: 150 * time.Millisecond}}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c, nil)
	if st := exec(t, s, "node_state", nil)["result_output"].(map[string]any); st["12"] != "offline" || st["11"] != "online" {
		t.Fatalf("node_state of a cold cluster: %v", st)
	}
	start := time.Now()
	env := exec(t, s, "node_wait_ready", map[string]any{"nids": []int{12, 13}, "timeout": 30})
	if env["result_code"] != 0 || fmt.Sprint(env["result_output"]) != "[12 13]" {
		t.Fatalf("node_wait_ready: %v", env)
	}
	if waited := time.Since(start); waited < 100*time.Millisecond {
		t.Fatalf("node_wait_ready returned after %v, before the nodes booted", waited)
	}
	vols := exec(t, s, "st_volume_list", nil)["result_output"].([]map[string]any)
	if vols[0]["state"] != "ONLINE" {
		t.Fatalf("volume state %v once every node is online (storage_start instant), want ONLINE", vols[0]["state"])
	}
}

func TestPluginJobs(t *testing.T) {
	c, err := cluster.New(cluster.Config{Nodes: 1, Versions: []string{"8.29.0"}, Plugins: []string{"Administration.vmware-tools"}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c, nil)
	if out := exec(t, s, "plugin_list", nil)["result_output"]; fmt.Sprint(out) != "[Administration.vmware-tools]" {
		t.Fatalf("plugin_list: %v", out)
	}
	info := exec(t, s, "plugin_info", map[string]any{"plugin_name": "Administration.vmware-tools"})
	if info["result_code"] != 0 || info["result_output"].(map[string]any)["name"] != "Administration.vmware-tools" {
		t.Fatalf("plugin_info: %v", info)
	}
	missing := exec(t, s, "plugin_info", map[string]any{"plugin_name": "Nope"})
	if missing["result_code"] != failCode || !strings.Contains(missing["result_desc"].(string), "'Nope' does not exist") {
		t.Fatalf("plugin_info of a missing plugin: %v", missing)
	}
}
