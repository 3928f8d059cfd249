package acctest

import (
	"maps"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Exec runs a ConfD job out of band, as an operator would behind the
// client's back, and fails the test unless it succeeds. The parameters use
// Exasol 8's names, as the job pages do; ReleaseForm renames them for the
// release the simulator answers as.
func Exec(t testing.TB, s *sim.Server, job string, params map[string]any) map[string]any {
	t.Helper()
	env, err := s.Exec(job, releaseForm(releaseOf(s), job, params))
	if err != nil {
		t.Fatalf("out-of-band %s: %v", job, err)
	}
	if code, _ := env["result_code"].(int64); code != 0 {
		t.Fatalf("out-of-band %s failed: %v", job, env)
	}
	return env
}

// Output is Exec's result_output.
func Output(t testing.TB, s *sim.Server, job string, params map[string]any) any {
	t.Helper()
	return Exec(t, s, job, params)["result_output"]
}

// ReleaseForm writes a ConfD job's parameters as the simulated release
// names them (EXASOL_TEST_RELEASE): Exasol 7.1 names the node id `id` in
// node_add and `node_id` in the other node jobs, has no node_add offline
// flag, and wants db_create's port (see internal/sim/confd's release notes).
func ReleaseForm(job string, params map[string]any) map[string]any {
	return releaseForm(Release(), job, params)
}

func releaseForm(release, job string, params map[string]any) map[string]any {
	if release != "7.1" || params == nil {
		return params
	}
	out := maps.Clone(params)
	rename := func(from, to string) {
		if v, ok := out[from]; ok {
			delete(out, from)
			out[to] = v
		}
	}
	switch job {
	case "node_add":
		rename("nid", "id")
		delete(out, "offline") // 7.1 has no such flag: a new node is suspended
	case "node_remove", "node_suspend", "node_resume", "node_info":
		rename("nid", "node_id")
	case "db_create":
		if _, ok := out["port"]; !ok {
			out["port"] = int64(8563)
		}
	}
	return out
}

// SeedDatabases creates running databases out of band, each on its own data
// volume over nodes (the first on DataVolume1, the others on DV_<name>),
// like an operator's cluster before a power cut.
func SeedDatabases(t testing.TB, s *sim.Server, nodes []int, names ...string) {
	t.Helper()
	for i, name := range names {
		vol := "DataVolume1"
		if i > 0 {
			vol = "DV_" + name
			Exec(t, s, "st_volume_create", map[string]any{"name": vol, "type": "data", "disk": "disk1",
				"size": "1 GiB", "nodes": nodes, "redundancy": 1})
		}
		Exec(t, s, "db_create", map[string]any{"db_name": name, "version": "8.29.0", "data_volume_name": vol,
			"mem_size": "1 GiB", "nodes": nodes, "num_active_nodes": len(nodes), "port": 8563 + i})
	}
}
