package confd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// referenceJobs are the jobs named in /work/shared/reference/confd.md.
var referenceJobs = strings.Fields(`
db_list db_state db_info db_create db_delete db_start db_stop db_configure db_enlarge
db_add_reserve_nodes db_remove_reserve_nodes db_suspend_nodes db_resume_nodes
db_backup_start db_backup_list db_backup_abort db_backup_progress db_backup_delete_unusable
db_backups_delete db_restore db_backup_add_schedule db_backup_modify_schedule db_backup_remove_schedule
st_volume_create st_volume_delete st_volume_info st_volume_list st_volume_enlarge st_volume_shrink
st_volume_set_io_status st_volume_add_label st_volume_remove_label st_volume_append_node
st_volume_move_node st_volume_increase_redundancy st_volume_decrease_redundancy st_volume_lock
st_volume_unlock st_volume_clear_data st_volume_set_priority st_volume_change_owner
st_volume_change_permissions
remote_volume_add remote_volume_remove remote_volume_list remote_volume_info remote_volume_state
node_add node_remove node_suspend node_resume node_info node_list node_state
master_change node_wait_ready node_wait_offline plugin_list license_info general_settings settings_list
remote_volume_list_details`)

func TestJobTable(t *testing.T) {
	for _, n := range referenceJobs {
		if jobTable[n] == nil {
			t.Errorf("job %s is missing", n)
		}
	}
	for name, j := range jobTable {
		if j.name != name || j.desc == "" || j.run == nil || j.specs[Release8] == nil {
			t.Errorf("job %s is incomplete", name)
		}
	}
}

func newService(t *testing.T) *Service {
	c, err := cluster.New(cluster.Config{Nodes: 3, Versions: []string{"8.29.0"}})
	if err != nil {
		t.Fatal(err)
	}
	return New(c, nil)
}

func exec(t *testing.T, s *Service, name string, params map[string]any) map[string]any {
	t.Helper()
	p, err := rpc.Normalize(params)
	if err != nil {
		t.Fatal(err)
	}
	env, err := s.Exec(context.Background(), "root", name, p.(map[string]any))
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// The node id is nid on 8.x, given as an integer (fact: node_info's page).
func TestNodeIDParam(t *testing.T) {
	s := newService(t)
	if env := exec(t, s, "node_info", map[string]any{"nid": 12}); env["result_code"] != 0 ||
		env["result_output"].(map[string]any)["name"] != "n12" {
		t.Errorf("node_info nid=12: %v", env)
	}
	for _, p := range []map[string]any{{"nid": "12"}, {"node_id": 12}} {
		if env := exec(t, s, "node_info", p); env["result_code"] != failCode {
			t.Errorf("node_info %v: %v", p, env)
		}
	}
}

func TestOwnerNames(t *testing.T) {
	s := newService(t)
	env := exec(t, s, "st_volume_create", map[string]any{"name": "A", "type": "archive", "disk": "disk1",
		"size": "1 GiB", "nodes": []int{11}, "redundancy": 1, "owner": []string{"exadefusr", "exausers"},
		"block_size": "64 KiB", "stripe_size": 262144})
	if env["result_output"] != "1" {
		t.Fatalf("st_volume_create: %v", env)
	}
	env = exec(t, s, "st_volume_create", map[string]any{"name": "B", "type": "archive", "disk": "disk1",
		"size": "1 GiB", "nodes": []int{11}, "redundancy": 1, "owner": []string{"nobody", "exausers"}})
	if !strings.Contains(env["result_desc"].(string), "user 'nobody' does not exist") {
		t.Fatalf("unknown owner: %v", env)
	}
}

func TestWaitJobs(t *testing.T) {
	s := newService(t)
	if env := exec(t, s, "node_wait_ready", map[string]any{"nids": []int{11, 12}}); env["result_code"] != 0 {
		t.Fatalf("node_wait_ready: %v", env)
	}
	env := exec(t, s, "node_wait_offline", map[string]any{"nids": []int{11}})
	if env["result_code"] != failCode {
		t.Fatalf("node_wait_offline of an online node without timeout: %v", env)
	}
}

func TestUnknownJobIsAFault(t *testing.T) {
	s := newService(t)
	_, err := s.Call(context.Background(), "root", "job_exec", []any{"db_frobnicate"})
	var f *rpc.Fault
	if !errors.As(err, &f) || f.Code != faultUnknownJob {
		t.Fatalf("got %v", err)
	}
}
