package confd

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Conformance with the job pages: every job is replayed with its page's
// example call (and the documented substitutes and type variants), and
// every declared parameter is checked to refuse what the page does not
// allow. The examples are the pages' (docs.exasol.com/db/latest/confd/jobs/
// <job>.htm), with names adapted to the fixture where the page's objects do
// not exist here (disk 'default' → 'disk1', version "8.0.0" → installed).

// example is one documented call. ok: it must succeed on the fixture;
// otherwise it must get a domain answer (not a parameter refusal).
type example struct {
	job    string
	params map[string]any
	ok     bool
}

var examples = []example{
	// databases
	{"db_list", nil, true},
	{"db_state", map[string]any{"db_name": "exa_db"}, true},
	{"db_info", map[string]any{"db_name": "exa_db"}, true},
	{"db_create", map[string]any{"db_name": "exa_db2", "version": "8.29.0", "data_volume_name": "DataVolume2",
		"mem_size": "2048 MiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 8564}, true},
	{"db_create", map[string]any{"db_name": "exa_db2", "version": "8.29.0", "data_volume_id": 3, "db_uuid": "",
		"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 8564,
		"owner": []string{"exadefusr", "exausers"}, "params": "-param1=1 -param2=0", "auto_start": false,
		"enable_auditing": true, "volume_quota": 100, "volume_move_delay": 600, "ldap_server": "ldap://192.168.16.10",
		"interfaces": ""}, true},
	{"db_delete", map[string]any{"db_name": "exa_db"}, false},               // running: refused
	{"db_start", map[string]any{"db_name": "exa_db", "timeout": 30}, false}, // running: refused
	{"db_start", map[string]any{"db_name": "exa_db", "maintenance": false, "cluster": "+all"}, false},
	{"db_stop", map[string]any{"db_name": "exa_db"}, true},
	{"db_stop", map[string]any{"db_name": "exa_db", "force": true, "cluster": "MAIN"}, true},
	{"db_configure", map[string]any{"db_name": "exa_db", "mem_size": "2048 MiB", "owner": []int{500, 500},
		"port": 3000, "version": "8.29.0"}, false}, // running: refused
	{"db_configure", map[string]any{"db_name": "exa_db", "enable_auditing": true,
		"params_add": []string{"-forceProtocolEncryption=1"}}, false},
	{"db_configure", map[string]any{"db_name": "exa_db", "ldap_server": "ldap://192.168.16.10:389"}, false},
	{"db_configure", map[string]any{"db_name": "exa_db", "max_system_heap_memory": "64 GiB"}, false},
	{"db_configure", map[string]any{"db_name": "exa_db", "data_volume_name": "DataVolume1", "params": "-a=1",
		"params_delete": "-a", "auto_start": true, "volume_quota": "100 GiB", "volume_move_delay": 60, "interfaces": ""}, false},
	{"db_configure", map[string]any{"db_name": "exa_db", "data_volume_id": "0", "params": []string{"-a=1"}}, false},
	{"db_enlarge", map[string]any{"db_name": "exa_db", "num_new_nodes": 2}, false},
	{"db_enlarge", map[string]any{"db_name": "exa_db", "num_new_nodes": "2"}, false},
	{"db_add_reserve_nodes", map[string]any{"db_name": "exa_db", "node_list": []int{14}}, false},
	{"db_remove_reserve_nodes", map[string]any{"db_name": "exa_db", "node_list": []int{12}}, false},
	{"db_suspend_nodes", map[string]any{"db_name": "exa_db", "node_list": []string{"n12"}}, true},
	{"db_resume_nodes", map[string]any{"db_name": "exa_db", "node_list": []string{"n12"}}, false},
	// backups
	{"db_backup_start", map[string]any{"backup_volume_name": "ArchiveVolume1", "db_name": "exa_db", "expire": "1w", "level": 0}, true},
	{"db_backup_start", map[string]any{"backup_volume_id": 10001, "db_name": "exa_db", "level": 0}, true},
	{"db_backup_list", map[string]any{"db_name": "exa_db"}, true},
	{"db_backup_list", map[string]any{"db_name": "exa_db", "show_foreign": true}, true},
	{"db_backup_abort", map[string]any{"db_name": "exa_db"}, false}, // no backup runs
	{"db_backup_progress", map[string]any{"db_name": "exa_db"}, true},
	{"db_backups_delete", map[string]any{"backup_list": []string{"1 exa_db/id_1/level_0/node_0/backup_201811131114 exa_db"},
		"db_name": "exa_db"}, false},
	{"db_backup_add_schedule", map[string]any{"backup_name": "backup1", "backup_volume_name": "r0001", "day": "*",
		"db_name": "exa_db", "enabled": true, "expire": "1w 3d", "hour": 0, "level": 0, "month": "*", "weekday": 0}, true},
	{"db_backup_add_schedule", map[string]any{"backup_name": "backup1", "backup_volume_id": 10001, "db_name": "exa_db",
		"level": 1, "minute": "15", "hour": "*"}, true},
	{"db_backup_modify_schedule", map[string]any{"backup_name": "weekly", "day": "*", "db_name": "exa_db", "hour": "0",
		"minute": "0", "month": "*", "weekday": "*", "expire": "1w"}, true},
	{"db_backup_modify_schedule", map[string]any{"backup_name": "weekly", "db_name": "exa_db", "enabled": true}, true},
	{"db_backup_remove_schedule", map[string]any{"backup_name": "weekly", "db_name": "exa_db"}, true},
	{"db_backup_change_expiration", map[string]any{"backup_files": "exa_db/id_1/level_0", "backup_volume_id": 10001,
		"expire_time": "2030-05-14 15:00:00"}, false},
	{"db_backup_change_expiration", map[string]any{"backup_files": "exa_db/id_1/level_0", "backup_volume_name": "r0001",
		"expire_time": ""}, false},
	{"db_backup_delete_unusable", map[string]any{"db_name": "exa_db"}, true},
	{"db_restore", map[string]any{"backup_id": "1 exa_db/id_1/level_0/node_0/backup_201811131114 exa_db",
		"db_name": "exa_db", "restore_type": "blocking"}, false},
	// storage
	{"st_volume_create", map[string]any{"disk": "disk1", "name": "new_vol0", "nodes": []int{11}, "redundancy": 1,
		"size": "1 GiB", "type": "data"}, true},
	{"st_volume_create", map[string]any{"disk": "disk1", "name": "Arch2", "nodes": []int{11, 12}, "redundancy": 2,
		"size": "1 GiB", "type": "archive", "owner": []int{500, 500}, "num_master_nodes": 1, "block_size": "64 KiB",
		"stripe_size": 262144, "partition_size": "4 GiB", "permissions": "rwx------", "shared": true, "priority": "10",
		"http_port": 2580}, true},
	{"st_volume_delete", map[string]any{"vname": "ArchiveVolume1"}, true},
	{"st_volume_delete", map[string]any{"vid": 2}, true},
	{"st_volume_info", map[string]any{"vname": "DataVolume1"}, true},
	{"st_volume_info", map[string]any{"vid": 0}, true},
	{"st_volume_info", map[string]any{"vid": "all_volumes"}, true},
	{"st_volume_list", nil, true},
	{"st_node_list", nil, true},
	{"st_volume_enlarge", map[string]any{"blocks_per_node": 4, "vname": "DataVolume1"}, true},
	{"st_volume_shrink", map[string]any{"blocks_per_node": 4, "vname": "DataVolume1"}, true},
	{"st_volume_change_owner", map[string]any{"vname": "DataVolume1", "vol_grp": 1000, "vol_user": 1000}, true},
	{"st_volume_change_permissions", map[string]any{"mode": "rwxrwxrwx", "vname": "DataVolume1"}, true},
	{"st_volume_add_label", map[string]any{"label": "FunVolume", "vname": "DataVolume1"}, true},
	{"st_volume_remove_label", map[string]any{"label": "FunVolume", "vname": "DataVolume1"}, false}, // no such label
	{"st_volume_append_node", map[string]any{"node_ids": []int{12}, "node_num": 1, "vid": 2}, true},
	{"st_volume_move_node", map[string]any{"dst_nodes": []int{12}, "src_nodes": []int{11}, "vname": "DataVolume1"}, false},
	{"st_volume_lock", map[string]any{"vname": "DataVolume1"}, false},   // in use
	{"st_volume_unlock", map[string]any{"vname": "DataVolume1"}, false}, // not locked
	{"st_volume_clear_data", map[string]any{"node_ids": []int{0}, "num_bytes": 0, "vname": "DataVolume1"}, false},
	{"st_volume_decrease_redundancy", map[string]any{"delta": 1, "vname": "ArchiveVolume1"}, false},
	{"st_volume_increase_redundancy", map[string]any{"delta": 1, "vname": "ArchiveVolume1"}, false}, // one node
	{"st_volume_increase_redundancy", map[string]any{"delta": 1, "vid": 2, "nodes": []int{12}}, true},
	{"st_volume_set_io_status", map[string]any{"app_io": true, "int_io": true, "vname": "DataVolume1"}, true},
	{"st_volume_set_priority", map[string]any{"prio": 1, "vname": "DataVolume1"}, true},
	// the substitute vid (an integer) of every vname example above
	{"st_volume_enlarge", map[string]any{"blocks_per_node": 4, "vid": 0}, true},
	{"st_volume_shrink", map[string]any{"blocks_per_node": 4, "vid": 0}, true},
	{"st_volume_change_owner", map[string]any{"vid": 0, "vol_grp": 1000, "vol_user": 1000}, true},
	{"st_volume_change_permissions", map[string]any{"mode": "rwxrwxrwx", "vid": 0}, true},
	{"st_volume_add_label", map[string]any{"label": "FunVolume", "vid": 0}, true},
	{"st_volume_remove_label", map[string]any{"label": "#Name#DataVolume1", "vid": 0}, true},
	{"st_volume_append_node", map[string]any{"node_ids": []int{12}, "node_num": 1, "vname": "ArchiveVolume1"}, true},
	{"st_volume_move_node", map[string]any{"dst_nodes": []int{12}, "src_nodes": []int{11}, "vid": 0}, false},
	{"st_volume_lock", map[string]any{"vid": 3}, true},
	{"st_volume_unlock", map[string]any{"vid": 0}, false},
	{"st_volume_clear_data", map[string]any{"node_ids": []int{}, "num_bytes": 0, "vid": 3}, true},
	{"st_volume_decrease_redundancy", map[string]any{"delta": 1, "vid": 2}, false},
	{"st_volume_set_io_status", map[string]any{"app_io": false, "int_io": true, "vid": 0}, true},
	{"st_volume_set_priority", map[string]any{"prio": 20, "vid": 0}, true},
	// remote volumes
	{"remote_volume_add", map[string]any{"owner": []int{500, 500}, "url": "ftp://ftpserver:12345/optional-directory/",
		"vol_type": "ftp"}, true},
	{"remote_volume_add", map[string]any{"owner": []string{"exadefusr", "exausers"}, "url": "https://bucket.s3",
		"vol_type": "s3", "remote_volume_id": "10010", "remote_volume_name": "vol1", "username": "u", "password": "p",
		"labels": []string{"offsite"}, "options": []string{"nocompression", "timeout=60"}}, true},
	{"remote_volume_remove", map[string]any{"remote_volume_name": "r0001"}, false}, // used by a schedule
	{"remote_volume_remove", map[string]any{"remote_volume_id": 10001}, false},
	{"remote_volume_info", map[string]any{"remote_volume_name": "r0001"}, true},
	{"remote_volume_info", map[string]any{"remote_volume_id": "10001"}, true},
	{"remote_volume_state", map[string]any{"remote_volume_name": "r0001"}, true},
	{"remote_volume_state", map[string]any{"remote_volume_id": 10001}, true},
	{"remote_volume_list", nil, true},
	{"remote_volume_list_details", nil, true},
	// nodes and the rest
	{"node_add", map[string]any{"priv_net": "10.10.10.1/24"}, true},
	{"node_add", map[string]any{"priv_net": "10.10.10.14/24", "nid": 14, "name": "n14", "pub_net": "192.168.1.14/24",
		"offline": true, "no_partition_extend": true, "space_warn_threshold": 90, "bg_rec_limit": 100}, true},
	{"node_remove", map[string]any{"nid": 12}, false},                          // serves the database
	{"node_remove", map[string]any{"nid": []int{12, 13}, "force": true}, true}, // force: nodes in use go too
	{"node_info", map[string]any{"nid": 13}, true},
	{"node_list", nil, true},
	{"node_state", nil, true},
	{"node_suspend", map[string]any{"nid": 12}, true},
	{"node_suspend", map[string]any{"nid": []int{12, 13}, "disable": true}, true},
	{"node_resume", map[string]any{"nid": 12}, false}, // not suspended
	{"node_resume", map[string]any{"nid": []int{12, 13}, "enable": true}, false},
	{"node_wait_ready", map[string]any{"nids": []int{12, 13}}, true},
	{"node_wait_ready", map[string]any{"nids": []int{12, 13}, "timeout": 30}, true},
	{"node_wait_offline", map[string]any{"nids": []int{12, 13}, "timeout": 1}, false},
	{"master_change", map[string]any{"nids": []int{11, 12, 13}}, true},
	{"plugin_list", nil, true},
	{"plugin_info", map[string]any{"plugin_name": "Plugin1"}, true},
	{"license_info", nil, true},
	{"general_settings", map[string]any{"changes": map[string]any{"Global": map[string]any{"NameServers": "4.4.4.4", "XMLRPCPort": 20003}}}, true},
	{"settings_list", nil, true},
	{"settings_list", map[string]any{"sections": map[string]any{"Global": []string{"NameServers", "XMLRPCPort"}}}, true},
	{versionListJob, nil, true},
}

// fixture is a 3-node cluster with database exa_db running on DataVolume1,
// an archive volume ArchiveVolume1 (id 2), an unused data volume
// DataVolume2 (id 3) on all nodes, a remote volume r0001 (10001)
// and a schedule 'weekly' of exa_db on it; on Exasol 8 also a snapshot
// schedule 'daily' (exa_db's snapshot_sync_volume is DataVolume2).
func fixture(t *testing.T, release string) *Service {
	t.Helper()
	c, err := cluster.New(cluster.Config{Nodes: 3, Versions: []string{"8.29.0"}, Plugins: []string{"Plugin1"}})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c, nil)
	if err := s.SetRelease(release); err != nil {
		t.Fatal(err)
	}
	create := map[string]any{"db_name": "exa_db", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3}
	if release == Release71 {
		create["port"] = 8563
	} else {
		create["snapshot_sync_volume"] = "DataVolume2" // snapshot schedules need one (jobs_snapshot_test.go)
	}
	steps := []example{
		{"db_create", create, true},
		{"st_volume_create", map[string]any{"name": "ArchiveVolume1", "type": "archive", "disk": "disk1",
			"size": "1 GiB", "nodes": []int{11}, "redundancy": 1}, true},
		{"st_volume_create", map[string]any{"name": "DataVolume2", "type": "data", "disk": "disk1",
			"size": "1 GiB", "nodes": []int{11, 12, 13}, "redundancy": 1}, true},
		{"remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://bucket.s3"}, true},
		{"db_backup_add_schedule", map[string]any{"db_name": "exa_db", "backup_name": "weekly",
			"backup_volume_name": "r0001", "level": 0}, true},
	}
	if release != Release71 {
		steps = append(steps, snapshotFixture)
	}
	for _, step := range steps {
		if env := call(t, s, step.job, step.params); env["result_code"] != int64(okCode) {
			t.Fatalf("fixture %s: %v", step.job, env)
		}
	}
	return s
}

// call runs a job through the XML-RPC method job_exec, with the
// parameters encoded and decoded as XML-RPC values.
func call(t *testing.T, s *Service, job string, params map[string]any) map[string]any {
	t.Helper()
	args := []any{job}
	if params != nil {
		args = append(args, map[string]any{"params": params})
	}
	norm, err := rpc.Normalize(args)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Call(context.Background(), "root", "job_exec", norm.([]any))
	if err != nil {
		t.Fatalf("%s: %v", job, err)
	}
	env, err := rpc.Normalize(out)
	if err != nil {
		t.Fatal(err)
	}
	return env.(map[string]any)
}

// refusal tells whether a failed envelope is a parameter refusal.
func refusal(env map[string]any) bool {
	msg, _ := env["result_desc"].(string)
	for _, s := range []string{"unknown parameter", "missing mandatory parameter", "must be of type"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func TestDocumentedExamples(t *testing.T) {
	for i, ex := range examples {
		t.Run(fmt.Sprintf("%s#%d", ex.job, i), func(t *testing.T) {
			env := call(t, fixture(t, Release8), ex.job, ex.params)
			switch {
			case env["result_code"] == int64(okCode):
				if !ex.ok {
					t.Errorf("succeeded, the example is marked as refused by the fixture's state: %v", env)
				}
			case ex.ok:
				t.Errorf("refused: %v", env["result_desc"])
			case refusal(env):
				t.Errorf("a documented call got a parameter refusal: %v", env["result_desc"])
			}
		})
	}
}

// Every declared job has a documented example, and every declared
// parameter appears in one (so that the negative tests below cover it).
func TestExamplesCoverEveryParameter(t *testing.T) {
	used := map[string]map[string]bool{}
	for _, ex := range examples {
		if used[ex.job] == nil {
			used[ex.job] = map[string]bool{}
		}
		for p := range ex.params {
			used[ex.job][p] = true
		}
	}
	for _, name := range jobNames() {
		seen, ok := used[name]
		if !ok {
			t.Errorf("job %s has no example", name)
			continue
		}
		for _, p := range jobTable[name].spec(Release8).params() {
			if !seen[p.name] && !unmodelled(name, p.name) {
				t.Errorf("job %s: parameter %s is in no example", name, p.name)
			}
		}
	}
}

// unmodelled: the parameters accepted without effect need no example.
func unmodelled(job, param string) bool {
	for _, d := range []string{dbCreateUnmodelled, dbConfigureUnmodelled, stVolumeCreatePorts} {
		if strings.Contains(" "+d, " "+param+":") && job != "node_add" {
			return true
		}
	}
	return false
}

// Every job names its official page, or is listed as a guess with what it
// rests on; never both.
func TestEveryJobHasASource(t *testing.T) {
	for _, name := range jobNames() {
		j, guess := jobTable[name], guessedJobs[name]
		switch {
		case j.page == "" && guess == "":
			t.Errorf("job %s has neither a page nor a guess entry", name)
		case j.page != "" && guess != "":
			t.Errorf("job %s has a page and a guess entry", name)
		case j.page != "" && j.page != docPage(name):
			t.Errorf("job %s names page %s", name, j.page)
		}
	}
	for name := range guessedJobs {
		if jobTable[name] == nil {
			t.Errorf("guessedJobs names %s, which is not served", name)
		}
	}
}

// The negative side, derived from each job's declaration and its first
// example: an unknown parameter, each mandatory group left out, and every
// parameter given a type its page does not allow are refused, naming the
// parameter, before the job runs.
func TestUndocumentedFormsAreRefused(t *testing.T) {
	first := map[string]map[string]any{}
	for _, ex := range examples {
		if _, ok := first[ex.job]; !ok {
			first[ex.job] = ex.params
		}
	}
	s := fixture(t, Release8)
	expect := func(job string, params map[string]any, want string) {
		t.Helper()
		before := s.c.Revision()
		env := call(t, s, job, params)
		if env["result_code"] != int64(failCode) || !strings.Contains(fmt.Sprint(env["result_desc"]), want) {
			t.Errorf("%s %v: got %v, want a failure saying %q", job, params, env["result_desc"], want)
		}
		if s.c.Revision() != before {
			t.Errorf("%s %v: a refused call changed the configuration", job, params)
		}
	}
	for _, name := range jobNames() {
		j, base := jobTable[name], first[name]
		expect(name, with(base, "frobnicate", 1), fmt.Sprintf("unknown parameter 'frobnicate' for job '%s'", name))
		for _, group := range j.spec(Release8).mandatory {
			p := maps.Clone(base)
			for _, alt := range group {
				delete(p, alt.name)
			}
			expect(name, p, fmt.Sprintf("missing mandatory parameter '%s' for job '%s'", group[0].name, name))
		}
		for _, prm := range j.spec(Release8).params() {
			for _, bad := range wrongValues(prm.typ) {
				expect(name, with(base, prm.name, bad), fmt.Sprintf("parameter '%s' must be of type", prm.name))
			}
		}
	}
}

// wrongValues are values of types a declaration does not allow: one of
// another kind, and for typed lists one with an item of the wrong kind.
func wrongValues(typ string) []any {
	types := strings.Split(typ, "/")
	var out []any
	switch {
	case !slices.Contains(types, "dict"):
		out = append(out, map[string]any{"x": 1})
	default:
		out = append(out, 7)
	}
	if slices.Contains(types, "list[int]") && !slices.Contains(types, "list") {
		out = append(out, []any{"11"})
	}
	if slices.Contains(types, "list[str]") && !slices.Contains(types, "list") {
		out = append(out, []any{11})
	}
	if !slices.Contains(types, "str") && !slices.Contains(types, "dict") {
		out = append(out, "7")
	}
	return out
}

func with(p map[string]any, k string, v any) map[string]any {
	out := maps.Clone(p)
	if out == nil {
		out = map[string]any{}
	}
	out[k] = v
	return out
}
