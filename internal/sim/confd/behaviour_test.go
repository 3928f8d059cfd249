package confd

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Forms the simulator used to accept (because the client sent them) that
// the pages do not have: each is refused naming the parameter.
func TestFormerFormsAreRefused(t *testing.T) {
	s := fixture(t, Release8)
	for _, c := range []struct {
		job    string
		params map[string]any
		want   string
	}{
		{"node_add", map[string]any{"priv_net": "10.10.10.14/24", "id": 14}, "unknown parameter 'id' for job 'node_add'"},
		{"node_info", map[string]any{"node_id": 12}, "unknown parameter 'node_id' for job 'node_info'"},
		{"node_info", map[string]any{"nid": "12"}, "parameter 'nid' must be of type int"},
		{"node_suspend", map[string]any{"node_id": 12}, "unknown parameter 'node_id' for job 'node_suspend'"},
		{"master_change", map[string]any{"nid": 12}, "unknown parameter 'nid' for job 'master_change'"},
		{"master_change", nil, "missing mandatory parameter 'nids' for job 'master_change'"},
		{"remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b", "allowed_users": []string{"u"}},
			"unknown parameter 'allowed_users' for job 'remote_volume_add'"},
		{"remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b", "owner": "root"},
			"parameter 'owner' must be of type list"},
		{"remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b", "options": "nocompression"},
			"parameter 'options' must be of type list"},
		{"db_stop", map[string]any{"db_name": "exa_db", "timeout": 10}, "unknown parameter 'timeout' for job 'db_stop'"},
		{"db_backup_start", map[string]any{"db_name": "exa_db", "backup_volume_id": 10001, "level": 0, "expire_time": "1w"},
			"unknown parameter 'expire_time' for job 'db_backup_start'"},
		{"st_volume_create", map[string]any{"name": "X", "type": "data", "disk": "disk1", "size": "1 GiB",
			"nodes": []int{11}, "redundancy": 1, "labels": []string{"a"}}, "unknown parameter 'labels' for job 'st_volume_create'"},
		{"st_volume_create", map[string]any{"name": "X", "type": "data", "disk": "disk1", "size": "1 GiB",
			"nodes": []int{11}, "redundancy": 1, "priority": 10}, "parameter 'priority' must be of type str"},
		{"st_volume_info", map[string]any{"vid": "0"}, "must be a volume id or 'all_volumes'"},
		{"st_volume_delete", map[string]any{"vid": "2"}, "parameter 'vid' must be of type int"},
		{"st_volume_set_priority", map[string]any{"vid": 0, "priority": 1}, "unknown parameter 'priority'"},
		{"st_volume_change_owner", map[string]any{"vid": 0, "owner": []int{1, 1}}, "unknown parameter 'owner'"},
		{"st_volume_change_permissions", map[string]any{"vid": 0, "permissions": "rwx------"}, "unknown parameter 'permissions'"},
		{"general_settings", map[string]any{"cluster_name": "x"}, "unknown parameter 'cluster_name' for job 'general_settings'"},
		{"settings_list", map[string]any{"sections": []string{"Global"}}, "parameter 'sections' must be of type dict"},
		{"db_create", map[string]any{"db_name": "x", "version": "8.29.0", "data_volume_id": "3", "mem_size": "1 GiB",
			"nodes": []int{11}, "num_active_nodes": 1}, "parameter 'data_volume_id' must be of type int"},
		{"db_configure", map[string]any{"db_name": "exa_db", "volume_quota": 10}, "parameter 'volume_quota' must be of type str"},
		{"db_restore", map[string]any{"db_name": "exa_db", "backup_id": 1, "restore_type": "blocking"}, "parameter 'backup_id' must be of type str"},
	} {
		env := call(t, s, c.job, c.params)
		if env["result_code"] != int64(failCode) || !strings.Contains(fmt.Sprint(env["result_desc"]), c.want) {
			t.Errorf("%s %v: %v, want %q", c.job, c.params, env["result_desc"], c.want)
		}
	}
}

// A service started as one release refuses the other's names.
func TestReleases(t *testing.T) {
	s7 := fixture(t, Release71) // its db_create needs port: the fixture gives it
	s8 := fixture(t, Release8)
	for _, c := range []struct {
		s      *Service
		job    string
		params map[string]any
		want   string // "" = success
	}{
		{s7, "node_info", map[string]any{"node_id": 12}, ""},
		{s7, "node_info", map[string]any{"nid": 12}, "unknown parameter 'nid' for job 'node_info'"},
		{s7, "node_suspend", map[string]any{"node_id": 13}, ""},
		{s7, "node_resume", map[string]any{"node_id": []int{13}}, "parameter 'node_id' must be of type int"},
		{s7, "node_resume", map[string]any{"nid": 13}, "unknown parameter 'nid' for job 'node_resume'"},
		{s7, "node_add", map[string]any{"priv_net": "10.10.10.14/24", "id": 14}, ""},
		{s7, "node_add", map[string]any{"priv_net": "10.10.10.15/24", "nid": 15}, "unknown parameter 'nid' for job 'node_add'"},
		{s7, "node_add", map[string]any{"priv_net": "10.10.10.15/24", "offline": true}, "unknown parameter 'offline'"},
		{s7, "node_remove", map[string]any{"node_id": 14}, "suspended"},
		{s7, "db_create", map[string]any{"db_name": "db2", "version": "8.29.0", "data_volume_name": "DataVolume2",
			"mem_size": "1 GiB", "nodes": []int{11}, "num_active_nodes": 1}, "missing mandatory parameter 'port' for job 'db_create'"},
		{s8, "node_add", map[string]any{"priv_net": "10.10.10.14/24", "id": 14}, "unknown parameter 'id' for job 'node_add'"},
		{s8, "node_remove", map[string]any{"node_id": 12}, "unknown parameter 'node_id' for job 'node_remove'"},
		// port is optional on 8 and defaults to 8563 (fact: the page), which exa_db has
		{s8, "db_create", map[string]any{"db_name": "db2", "version": "8.29.0", "data_volume_name": "DataVolume2",
			"mem_size": "1 GiB", "nodes": []int{11}, "num_active_nodes": 1}, "port 8563 is already used"},
	} {
		env := call(t, c.s, c.job, c.params)
		got := fmt.Sprint(env["result_desc"])
		if c.want == "" && env["result_code"] != int64(okCode) || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s %s %v: %v, want %q", c.s.Release(), c.job, c.params, got, c.want)
		}
	}
	if n := s7.nodeStates()["14"]; n != "suspended" {
		t.Errorf("7.1 node_add: node 14 is %v", n)
	}
	for s, want := range map[*Service]string{s7: "7.1.30", s8: "8.29.0"} {
		out := call(t, s, "settings_list", map[string]any{"sections": map[string]any{"Global": []string{"ConfVersion"}}})
		if got := fmt.Sprint(out["result_output"]); got != "map[Global:map[ConfVersion:"+want+"]]" {
			t.Errorf("release %s: settings_list ConfVersion: %s", s.Release(), got)
		}
	}
	if h := jobTable["node_info"].help(Release71); !strings.Contains(h, "mandatory: node_id") {
		t.Errorf("7.1 job_help of node_info: %q", h)
	}
	if err := s8.SetRelease("6.2"); err == nil {
		t.Error("release 6.2 was accepted")
	}
}

func (s *Service) nodeStates() map[string]any {
	out := map[string]any{}
	for _, n := range s.c.Snapshot().Nodes {
		out[fmt.Sprint(n.ID)] = n.State
	}
	return out
}

// node_add adds a suspended node unless offline is set (fact: node_add's
// page); a suspended node waits for node_resume, an offline one boots.
func TestNodeAddState(t *testing.T) {
	s := fixture(t, Release8)
	ok := func(job string, p map[string]any) any {
		t.Helper()
		env := call(t, s, job, p)
		if env["result_code"] != int64(okCode) {
			t.Fatalf("%s %v: %v", job, p, env["result_desc"])
		}
		return env["result_output"]
	}
	if id := ok("node_add", map[string]any{"priv_net": "10.10.10.14/24"}); id != int64(14) {
		t.Fatalf("node_add returned %v", id)
	}
	ok("node_add", map[string]any{"priv_net": "10.10.10.15/24", "offline": true})
	if st := ok("node_state", nil).(map[string]any); st["14"] != "suspended" || st["15"] != "online" {
		t.Fatalf("node_state after node_add: %v", st)
	}
	if env := call(t, s, "node_wait_ready", map[string]any{"nids": []int{14}, "timeout": 5}); env["result_code"] != int64(failCode) {
		t.Fatalf("node_wait_ready for a suspended node: %v", env)
	}
	ok("node_resume", map[string]any{"nid": []int{14}})
	if got := ok("node_wait_ready", map[string]any{"nids": []int{14, 15}}); fmt.Sprint(got) != "[14 15]" {
		t.Fatalf("node_wait_ready: %v", got)
	}
	// lists: suspend both, resume both, remove both
	ok("node_suspend", map[string]any{"nid": []int{14, 15}})
	if st := s.nodeStates(); st["14"] != "suspended" || st["15"] != "suspended" {
		t.Fatalf("after node_suspend of a list: %v", st)
	}
	if env := call(t, s, "node_remove", map[string]any{"nid": []int{14, 15}}); !strings.Contains(fmt.Sprint(env["result_desc"]), "suspended") {
		t.Fatalf("node_remove of suspended nodes: %v", env) // fact: "If the node is in a suspended state, the job will fail"
	}
	ok("node_resume", map[string]any{"nid": []int{14, 15}, "enable": true})
	if env := call(t, s, "node_remove", map[string]any{"nid": []int{15, 42}}); !strings.Contains(fmt.Sprint(env["result_desc"]), "42") ||
		s.nodeStates()["15"] == nil {
		t.Fatalf("node_remove with an unknown node: %v (node 15 must stay)", env)
	}
	ok("node_remove", map[string]any{"nid": []int{14, 15}})
	if st := s.nodeStates(); len(st) != 3 {
		t.Fatalf("after node_remove of a list: %v", st)
	}
}

// master_change selects the new master from nids (see masterChoice).
func TestMasterChangeNids(t *testing.T) {
	s := fixture(t, Release8)
	for _, c := range []struct {
		nids []int
		want int
		err  string
	}{
		{[]int{11, 13, 12}, 13, ""},
		{[]int{13}, 13, ""}, // the master stays where it is the only choice
		{[]int{12, 11}, 12, ""},
		{[]int{42}, 12, "node 42 does not exist"},
	} {
		env := call(t, s, "master_change", map[string]any{"nids": c.nids})
		if c.err != "" && !strings.Contains(fmt.Sprint(env["result_desc"]), c.err) || c.err == "" && env["result_code"] != int64(okCode) {
			t.Errorf("master_change %v: %v", c.nids, env)
		}
		if got := s.c.Master(); got != c.want {
			t.Errorf("master_change %v: master %d, want %d", c.nids, got, c.want)
		}
	}
	call(t, s, "node_suspend", map[string]any{"nid": 11})
	if env := call(t, s, "master_change", map[string]any{"nids": []int{11}}); !strings.Contains(fmt.Sprint(env["result_desc"]), "online") {
		t.Errorf("master_change to a suspended node: %v", env)
	}
}

// general_settings takes changes of the allowed entries only; settings_list
// shows them, whole or by sections.
func TestSettings(t *testing.T) {
	s := fixture(t, Release8)
	ok := call(t, s, "general_settings", map[string]any{"changes": map[string]any{
		"Global":  map[string]any{"NameServers": "4.4.4.4", "XMLRPCPort": 20003, "EnableLoadBalancer": true},
		"Logging": map[string]any{"LogRotationTypes": "exa"}}})
	if ok["result_code"] != int64(okCode) || ok["result_revision"] == nil {
		t.Fatalf("general_settings: %v", ok)
	}
	out := call(t, s, "settings_list", map[string]any{"sections": map[string]any{
		"Global": []string{"NameServers", "XMLRPCPort", "EnableLoadBalancer"}, "Logging": nil}})["result_output"]
	want := map[string]any{"Global": map[string]any{"NameServers": "4.4.4.4", "XMLRPCPort": "20003", "EnableLoadBalancer": "True"},
		"Logging": map[string]any{"LogRotationTypes": "exa", "RemoteLogRotationVolume": nil, "RemoteLogRotationPrefix": nil}} // "" travels as nil
	if !reflect.DeepEqual(out, want) {
		t.Fatalf("settings_list: %v, want %v", out, want)
	}
	all := call(t, s, "settings_list", nil)["result_output"].(map[string]any)
	if g := all["Global"].(map[string]any); g["ClusterName"] != "exasol-sim" || g["SSHPort"] != "22" {
		t.Fatalf("settings_list: %v", all)
	}
	for _, c := range []struct {
		changes map[string]any
		want    string
	}{
		{map[string]any{"Global": map[string]any{"ClusterName": "x"}}, "entry 'ClusterName' of section 'Global' cannot be changed"},
		{map[string]any{"DB:exa_db": map[string]any{"Port": 1}}, "section 'DB:exa_db' cannot be changed"},
		{map[string]any{"Global": "NameServers=1.1.1.1"}, "must be a dict of entries"},
		{map[string]any{"Global": map[string]any{"NameServers": []string{"1.1.1.1"}}}, "a value must be text"},
		{map[string]any{}, "names no setting"},
	} {
		env := call(t, s, "general_settings", map[string]any{"changes": c.changes})
		if !strings.Contains(fmt.Sprint(env["result_desc"]), c.want) {
			t.Errorf("general_settings %v: %v, want %q", c.changes, env["result_desc"], c.want)
		}
	}
	if env := call(t, s, "settings_list", map[string]any{"sections": map[string]any{"Nope": nil}}); env["result_code"] != int64(failCode) {
		t.Errorf("settings_list of an unknown section: %v", env)
	}
}

// db_state names the states as its page does; db_configure stores
// max_system_heap_memory within the page's limits and db_info reports it.
func TestDatabaseStatesAndHeap(t *testing.T) {
	s := fixture(t, Release8)
	state := func() any { return call(t, s, "db_state", map[string]any{"db_name": "exa_db"})["result_output"] }
	if got := state(); got != "Running" {
		t.Fatalf("db_state of a running database: %v", got)
	}
	call(t, s, "db_stop", map[string]any{"db_name": "exa_db"})
	if got := state(); got != "Setup" {
		t.Fatalf("db_state of a stopped database: %v", got)
	}
	heap := func() any {
		info := call(t, s, "db_info", map[string]any{"db_name": "exa_db"})["result_output"].(map[string]any)
		if info["state"] != "Setup" {
			t.Errorf("db_info state: %v", info["state"])
		}
		return info["config"].(map[string]any)["max_system_heap_memory"]
	}
	if got := heap(); got != "default" {
		t.Fatalf("max_system_heap_memory of a new database: %v", got)
	}
	for _, c := range []struct{ value, want, err string }{
		{"64 GiB", "64 GiB", ""},
		{"128 GiB", "128 GiB", ""},
		{"2048 MiB", "2 GiB", ""},
		{"129 GiB", "2 GiB", "at most 128 GiB"},
		{"1 TiB", "2 GiB", "MiB or GiB"},
		{"64", "2 GiB", "MiB or GiB"},
		{"default", "default", ""},
	} {
		env := call(t, s, "db_configure", map[string]any{"db_name": "exa_db", "max_system_heap_memory": c.value})
		if c.err == "" && env["result_code"] != int64(okCode) || c.err != "" && !strings.Contains(fmt.Sprint(env["result_desc"]), c.err) {
			t.Errorf("max_system_heap_memory %q: %v", c.value, env["result_desc"])
		}
		if got := heap(); got != c.want {
			t.Errorf("after max_system_heap_memory %q: %v, want %v", c.value, got, c.want)
		}
	}
	env := call(t, s, "db_configure", map[string]any{"db_name": "exa_db", "volume_quota": "100 GiB", "data_volume_id": "0"})
	if env["result_code"] != int64(okCode) {
		t.Fatalf("db_configure volume_quota: %v", env)
	}
	if q := call(t, s, "db_info", map[string]any{"db_name": "exa_db"})["result_output"].(map[string]any)["quota"]; q != int64(100) {
		t.Fatalf("quota after volume_quota '100 GiB': %v", q)
	}
}

// st_volume_info with vid 'all_volumes' answers every volume;
// remote_volume_list_details every remote volume with its details.
func TestListingsOfEveryVolume(t *testing.T) {
	s := fixture(t, Release8)
	all := call(t, s, "st_volume_info", map[string]any{"vid": "all_volumes"})["result_output"].([]any)
	var names []string
	for _, v := range all {
		names = append(names, v.(map[string]any)["name"].(string))
	}
	if fmt.Sprint(names) != "[DataVolume1 v0001 ArchiveVolume1 DataVolume2]" {
		t.Fatalf("st_volume_info all_volumes: %v", names)
	}
	one := call(t, s, "st_volume_info", map[string]any{"vid": 2})["result_output"]
	if !reflect.DeepEqual(all[2], one) {
		t.Fatalf("all_volumes entry %v differs from st_volume_info %v", all[2], one)
	}
	call(t, s, "remote_volume_add", map[string]any{"vol_type": "ftp", "url": "ftp://f/", "owner": []string{"exaadm", "exausers"},
		"options": []string{"verbose", "noverifypeer"}, "remote_volume_name": "ftp1", "username": "u", "password": "p"})
	details := call(t, s, "remote_volume_list_details", nil)["result_output"].([]any)
	if len(details) != 2 {
		t.Fatalf("remote_volume_list_details: %v", details)
	}
	want := map[string]any{"name": "ftp1", "type": "ftp", "url": "ftp://f/", "username": "u", "password": "p",
		"owner": []any{int64(499), int64(500)}, "vid": "10002", "options": "verbose, noverifypeer", "labels": []any{}}
	if !reflect.DeepEqual(details[1], want) {
		t.Fatalf("remote_volume_list_details entry: %v, want %v", details[1], want)
	}
	if o := call(t, s, "remote_volume_info", map[string]any{"remote_volume_name": "ftp1"})["result_output"].(map[string]any)["owner"]; o != "exaadm" {
		t.Fatalf("remote_volume_info owner: %v", o)
	}
	if IsChange("remote_volume_list_details") {
		t.Error("remote_volume_list_details counts as a change job")
	}
}

// node_remove refuses a node that a volume or database uses unless force is
// set (fact: the page); the database then counts it as failed.
func TestNodeRemoveForce(t *testing.T) {
	s := fixture(t, Release8)
	if env := call(t, s, "node_remove", map[string]any{"nid": 13}); !strings.Contains(fmt.Sprint(env["result_desc"]), "exa_db") {
		t.Fatalf("node_remove of a database node: %v", env)
	}
	if env := call(t, s, "node_remove", map[string]any{"nid": 13, "force": true}); env["result_code"] != int64(okCode) {
		t.Fatalf("node_remove with force: %v", env)
	}
	nodes := call(t, s, "db_info", map[string]any{"db_name": "exa_db"})["result_output"].(map[string]any)["nodes"]
	// the removed node has no name any more: the model writes its id
	if fmt.Sprint(nodes.(map[string]any)["failed"]) != "[13]" {
		t.Fatalf("db_info nodes after a forced removal: %v", nodes)
	}
	if env := call(t, s, "node_remove", map[string]any{"nid": 11, "force": true}); !strings.Contains(fmt.Sprint(env["result_desc"]), "master") {
		t.Fatalf("node_remove of the master with force: %v", env)
	}
}

func TestDeclared(t *testing.T) {
	d, ok := Declared(Release71, "node_remove")
	if !ok || d.Page != docPage("node_remove") || fmt.Sprint(d.Mandatory) != "[[node_id]]" || d.Types["force"] != "bool" || !d.Change {
		t.Fatalf("Declared 7.1 node_remove: %+v", d)
	}
	d, _ = Declared("", "st_volume_info")
	if fmt.Sprint(d.Mandatory) != "[[vid vname]]" || d.Types["vid"] != "int/str" || d.Change {
		t.Fatalf("Declared st_volume_info: %+v", d)
	}
	if d, _ := Declared("", "st_volume_shrink"); d.Page != "" || d.Guess == "" {
		t.Fatalf("Declared st_volume_shrink: %+v", d)
	}
	if _, ok := Declared("", "db_frobnicate"); ok || len(Jobs()) != len(jobTable) {
		t.Fatal("Declared/Jobs")
	}
}
