package sim

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

func TestJobStartWaitResult(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	ctx := context.Background()

	jid, err := c.Call(ctx, "job_start", "db_list")
	if err != nil {
		t.Fatal(err)
	}
	if done, err := c.Call(ctx, "job_wait", jid); err != nil || done != true {
		t.Fatalf("job_wait: %v %v", done, err)
	}
	if done, err := c.Call(ctx, "job_finished", jid); err != nil || done != true {
		t.Fatalf("job_finished: %v %v", done, err)
	}
	res, err := c.Call(ctx, "job_result", jid)
	if err != nil {
		t.Fatal(err)
	}
	env := res.(map[string]any)
	if env["result_jobid"] != jid || !reflect.DeepEqual(env["result_output"], []any{}) {
		t.Fatalf("job_result %v", env)
	}
	info, err := c.Call(ctx, "job_info", jid)
	if err != nil || info.(map[string]any)["stage"] != "finished" || info.(map[string]any)["name"] != "db_list" {
		t.Fatalf("job_info %v %v", info, err)
	}

	// job ids count up and carry the master's id
	jid2, _ := c.Call(ctx, "job_start", "node_list")
	if !strings.HasPrefix(jid2.(string), "11.") || jid2 == jid {
		t.Fatalf("job ids %v %v", jid, jid2)
	}

	// a config-changing job reports an increasing revision
	r1 := job(t, c, "st_volume_add_label", map[string]any{"vname": "DataVolume1", "label": "a"})["result_revision"].(int64)
	r2 := job(t, c, "st_volume_add_label", map[string]any{"vname": "DataVolume1", "label": "b"})["result_revision"].(int64)
	if r2 != r1+1 {
		t.Fatalf("revisions %d %d", r1, r2)
	}
	// a read-only job reports none
	if _, has := job(t, c, "st_volume_list", nil)["result_revision"]; has {
		t.Fatal("st_volume_list has a result_revision")
	}
}

func TestJobWaitIsNotBlocking(t *testing.T) {
	s := start(t, Options{Durations: map[string]time.Duration{"db_stop": 800 * time.Millisecond}})
	c := client(t, s)
	ctx := context.Background()
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)
	jid, err := c.Call(ctx, "job_start", "db_stop", map[string]any{"params": map[string]any{"db_name": "DB1"}})
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if done, _ := c.Call(ctx, "job_wait", jid); done != false {
		t.Fatalf("job_wait right after starting an 800 ms stop: %v", done)
	}
	if time.Since(began) > 500*time.Millisecond {
		t.Fatal("job_wait blocked")
	}
	if _, err := c.Call(ctx, "job_result", jid); fault(t, err).Code == 0 {
		t.Fatal("job_result of an unfinished job")
	}
	if got := ok(t, c, "db_state", map[string]any{"db_name": "DB1"}); got != "Shutdown" {
		t.Fatalf("state while stopping: %v", got)
	}
	eventually(t, "db_stop to finish", func() bool { d, _ := c.Call(ctx, "job_wait", jid); return d == true })
	res, err := c.Call(ctx, "job_result", jid)
	if err != nil || res.(map[string]any)["result_code"] != int64(0) {
		t.Fatalf("job_result %v %v", res, err)
	}
	if got := ok(t, c, "db_state", map[string]any{"db_name": "DB1"}); got != "Setup" {
		t.Fatalf("state after stop: %v", got)
	}
}

func TestFaults(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	ctx := context.Background()
	for _, tc := range []struct {
		method string
		args   []any
		want   string
	}{
		{"job_exec", []any{"no_such_job"}, "job 'no_such_job' does not exist"},
		{"no_such_method", nil, "not supported"},
		{"job_exec", nil, "arguments"},
		{"job_exec", []any{"db_list", map[string]any{}, 3}, "arguments"},
		{"job_exec", []any{"db_list", "params"}, "struct"},
		{"job_result", []any{"11.99999"}, "does not exist"},
		{"job_wait", []any{}, "arguments"},
	} {
		_, err := c.Call(ctx, tc.method, tc.args...)
		if f := fault(t, err); !strings.Contains(f.String, tc.want) {
			t.Errorf("%s%v: fault %q, want it to contain %q", tc.method, tc.args, f.String, tc.want)
		}
	}
	methods, err := c.Call(ctx, "system.listMethods")
	if err != nil || !strings.Contains(strings.Join(toStrings(methods), " "), "job_exec") {
		t.Fatalf("system.listMethods %v %v", methods, err)
	}
	names, err := c.Call(ctx, "job_list")
	if err != nil || !strings.Contains(strings.Join(toStrings(names), " "), "db_backup_add_schedule") {
		t.Fatalf("job_list %v %v", names, err)
	}
	help, err := c.Call(ctx, "job_help", "db_create")
	if err != nil || !strings.Contains(help.(string), "data_volume_id") {
		t.Fatalf("job_help %v %v", help, err)
	}
}

func TestParameterFailures(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	for _, tc := range []struct {
		job    string
		params map[string]any
		want   string
	}{
		{"db_state", map[string]any{}, "missing mandatory parameter 'db_name'"},
		{"db_state", map[string]any{"db_name": "DB1", "bogus": 1}, "unknown parameter 'bogus'"},
		{"db_state", map[string]any{"db_name": 7}, "parameter 'db_name' must be of type str"},
		{"db_create", map[string]any{"db_name": "X", "version": "8.29.0", "mem_size": "1 GiB", "nodes": []int{11},
			"num_active_nodes": 1}, "'data_volume_name' for job 'db_create' (substitutes: 'data_volume_id')"},
		{"db_create", map[string]any{"db_name": "X", "version": "8.29.0", "data_volume_id": 0, "mem_size": "1 GiB",
			"nodes": []string{"n11"}, "num_active_nodes": 1}, "parameter 'nodes' must be of type list[int]"},
		{"db_create", map[string]any{"db_name": "X", "version": "8.29.0", "data_volume_id": 0, "mem_size": "512 MB",
			"nodes": []int{11, 12, 13}, "num_active_nodes": 3}, "use one of B, KiB, MiB, GiB, TiB"},
		{"db_state", map[string]any{"db_name": "DB9"}, "database 'DB9' does not exist"},
	} {
		if msg := fails(t, c, tc.job, tc.params); !strings.Contains(msg, tc.want) {
			t.Errorf("%s %v: %q, want it to contain %q", tc.job, tc.params, msg, tc.want)
		}
	}
}

func TestAuthentication(t *testing.T) {
	s := start(t, Options{Username: "root", Password: "s3cret", AuthToken: "tok-123"})
	hc := httpClient(t, s)
	ctx := context.Background()
	url := s.Endpoints()[0]

	for _, c := range []*rpc.Client{
		{URL: url, HTTP: hc},
		{URL: url, HTTP: hc, User: "root", Password: "wrong"},
		{URL: url, HTTP: hc, User: "admin", Password: "s3cret"},
		{URL: url, HTTP: hc, BearerToken: "tok-wrong"},
	} {
		_, err := c.Call(ctx, "job_exec", "db_list")
		if he, isHTTP := err.(*rpc.HTTPError); !isHTTP || he.Status != http.StatusUnauthorized {
			t.Errorf("user %q token %q: got %v, want HTTP 401", c.User, c.BearerToken, err)
		}
	}
	for _, c := range []*rpc.Client{
		{URL: url, HTTP: hc, User: "root", Password: "s3cret"},
		{URL: url + "/rpc2", HTTP: hc, User: "root", Password: "s3cret"},
		{URL: url, HTTP: hc, BearerToken: "tok-123"},
	} {
		if _, err := c.Call(ctx, "job_exec", "db_list"); err != nil {
			t.Errorf("%s user %q token %q: %v", c.URL, c.User, c.BearerToken, err)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader("<methodCall/>"))
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(strings.Join(resp.Header.Values("WWW-Authenticate"), ","), "Basic") {
		t.Fatalf("401 without WWW-Authenticate: %d %v", resp.StatusCode, resp.Header)
	}
	if s.Calls() != 3 {
		t.Errorf("Calls() = %d, want 3 authenticated calls", s.Calls())
	}

	// an untrusted client fails the TLS handshake: the CA is the only root
	if _, err := http.Get(url + "/master"); err == nil {
		t.Error("a client without the CA connected")
	}
}

func TestMaster(t *testing.T) {
	s := start(t, Options{})
	hc := httpClient(t, s)
	get := func(path string) string {
		resp, err := hc.Get(s.Endpoints()[0] + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	if got := get("/master"); got != "127.0.0.1" {
		t.Errorf("/master = %q", got)
	}
	if got := get("/master?info_type=name"); got != "n11" {
		t.Errorf("/master?info_type=name = %q", got)
	}
	c := client(t, s)
	ok(t, c, "master_change", map[string]any{"nids": []int{12}})
	if got := get("/master?info_type=name"); got != "n12" {
		t.Errorf("after master_change: %q", got)
	}
	if jid := job(t, c, "db_list", nil)["result_jobid"].(string); !strings.HasPrefix(jid, "12.") {
		t.Errorf("job id %q after master_change", jid)
	}
}

func TestExecOutOfBand(t *testing.T) {
	s := start(t, Options{})
	c := client(t, s)
	env, err := s.Exec("db_create", map[string]any{
		"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "4 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3,
	})
	if err != nil || env["result_code"] != int64(0) { // wire types, as a client decodes them
		t.Fatalf("Exec: %v %v", env, err)
	}
	ok(t, c, "db_state", map[string]any{"db_name": "DB1"})
	if _, err := s.Exec("no_such_job", nil); err == nil {
		t.Error("Exec of an unknown job")
	}
	log := s.JobLog()
	if len(log) != 2 || log[0].Source != "oob" || log[0].Name != "db_create" || log[0].Code != 0 ||
		log[1].Source != "rpc" || log[1].Name != "db_state" || log[0].Params["db_name"] != "DB1" {
		t.Fatalf("job log %+v", log)
	}
	s.ResetJobLog()
	if len(s.JobLog()) != 0 {
		t.Fatal("ResetJobLog")
	}
}

func toStrings(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

func TestOptionsAreValidated(t *testing.T) {
	for _, o := range []Options{
		{Durations: map[string]time.Duration{"bakup": time.Second}},
		{TimeScale: -1},
		{Nodes: -2},
		{Listen: "nonsense"},
	} {
		if s, err := Start(o); err == nil {
			s.Close()
			t.Errorf("Start(%+v) accepted", o)
		}
	}
}
