package sim

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Fault injection over HTTPS: what each fault does to a request, whether the
// job ran, and which requests a fault picks.

var volumeParams = map[string]any{"name": "V1", "type": "data", "disk": "disk1", "size": "1 GiB", "nodes": []int{11}, "redundancy": 1}

func volumes(t *testing.T, s *Server) []string {
	t.Helper()
	env, err := s.Exec("st_volume_list", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range env["result_output"].([]any) {
		out = append(out, v.(map[string]any)["name"].(string))
	}
	return out
}

func inject(t *testing.T, s *Server, specs ...string) {
	t.Helper()
	var fs []Fault
	for _, spec := range specs {
		f, err := ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	if err := s.InjectFaults(fs...); err != nil {
		t.Fatal(err)
	}
}

func createVolume(c *rpc.Client) (any, error) {
	return c.Call(context.Background(), "job_exec", "st_volume_create", map[string]any{"params": volumeParams})
}

// lastJob is the newest job-log entry.
func lastJob(t *testing.T, s *Server) JobRecord {
	t.Helper()
	log := s.JobLog()
	if len(log) == 0 {
		t.Fatal("empty job log")
	}
	return log[len(log)-1]
}

func TestFaultKinds(t *testing.T) {
	for _, tc := range []struct {
		spec    string
		ran     bool                                 // the volume was created
		checkFn func(t *testing.T, v any, err error) // what the client saw
		logged  func(r JobRecord) bool               // the job log's entry
	}{
		{spec: "5xx,status=502", checkFn: httpStatus(502)},
		{spec: "401", checkFn: httpStatus(401)},
		{spec: "drop", checkFn: transportFailure, logged: func(r JobRecord) bool { return r.Dropped && r.Code == -1 }},
		{spec: "lost", ran: true, checkFn: transportFailure, logged: func(r JobRecord) bool { return r.Lost && !r.Dropped && r.Code == 0 }},
		{spec: "error,message=disk on fire, really", checkFn: envelope(1, "ERROR", "disk on fire, really"), logged: func(r JobRecord) bool { return r.Code == 1 }},
		{spec: "busy", checkFn: envelope(2, "LOCKED", "is locked by a change of another client"), logged: func(r JobRecord) bool { return r.Code == 2 }},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			s := start(t, Options{Nodes: 1})
			c := client(t, s)
			inject(t, s, tc.spec)
			v, err := createVolume(c)
			tc.checkFn(t, v, err)
			if tc.logged != nil {
				if r := lastJob(t, s); r.Name != "st_volume_create" || !tc.logged(r) {
					t.Errorf("job log: %+v", r)
				}
			}
			if got := slices.Contains(volumes(t, s), "V1"); got != tc.ran {
				t.Errorf("volume created: %v, want %v", got, tc.ran)
			}
			if fl := s.FaultLog(); len(fl) != 1 || string(fl[0].Kind) != strings.Split(tc.spec, ",")[0] || fl[0].Job != "st_volume_create" {
				t.Errorf("fault log: %+v", fl)
			}
			// It fired once: the next call goes through.
			if _, err := c.Call(context.Background(), "job_exec", "db_list"); err != nil {
				t.Errorf("the call after the fault: %v", err)
			}
		})
	}
}

func httpStatus(code int) func(*testing.T, any, error) {
	return func(t *testing.T, _ any, err error) {
		t.Helper()
		var he *rpc.HTTPError
		if !errors.As(err, &he) || he.Status != code {
			t.Fatalf("got %v, want HTTP %d", err, code)
		}
	}
}

func transportFailure(t *testing.T, _ any, err error) {
	t.Helper()
	var he *rpc.HTTPError
	if err == nil || errors.As(err, &he) {
		t.Fatalf("got %v, want a connection closed without an answer", err)
	}
}

func envelope(code int64, name, msg string) func(*testing.T, any, error) {
	return func(t *testing.T, v any, err error) {
		t.Helper()
		env, _ := v.(map[string]any)
		if err != nil || env["result_code"] != code || env["result_name"] != name || !strings.Contains(env["result_output"].(string), msg) {
			t.Fatalf("got %v, %v; want result_code %d %s with %q", v, err, code, name, msg)
		}
	}
}

// A slow answer reaches a patient client late; a client that gives up
// first loses it, although the job ran.
func TestFaultSlow(t *testing.T) {
	s := start(t, Options{Nodes: 1})
	c := client(t, s)
	inject(t, s, "slow,delay=300ms")
	began := time.Now()
	if _, err := c.Call(context.Background(), "job_exec", "db_list"); err != nil || time.Since(began) < 300*time.Millisecond {
		t.Fatalf("slow answer after %v: %v", time.Since(began), err)
	}

	inject(t, s, "slow,job=st_volume_create")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := c.Call(ctx, "job_exec", "st_volume_create", map[string]any{"params": volumeParams}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the client's timeout", err)
	}
	eventually(t, "the answer to be marked lost", func() bool { return lastJob(t, s).Lost })
	if !slices.Contains(volumes(t, s), "V1") {
		t.Fatal("the slow job did not run")
	}
}

// call, times, job and method select the requests; the counts start when
// the faults are armed.
func TestFaultSelection(t *testing.T) {
	s := start(t, Options{Nodes: 1})
	c := client(t, s)
	read := func() error { _, err := c.Call(context.Background(), "job_exec", "db_list"); return err }
	failed := func(errs ...error) []bool {
		out := make([]bool, len(errs))
		for i, err := range errs {
			out[i] = err != nil
		}
		return out
	}

	inject(t, s, "5xx,call=2,times=2")
	if got := failed(read(), read(), read(), read()); !slices.Equal(got, []bool{false, true, true, false}) {
		t.Errorf("call=2,times=2 struck %v", got)
	}
	inject(t, s, "5xx,times=all,job=st_volume_info")
	if got := failed(read(), read()); slices.Contains(got, true) {
		t.Errorf("a fault for st_volume_info struck db_list: %v", got)
	}
	if _, err := c.Call(context.Background(), "job_exec", "st_volume_info", map[string]any{"params": map[string]any{"vname": "DataVolume1"}}); err == nil {
		t.Error("st_volume_info was not struck")
	}
	// job_wait is not a job call: only a method selection sees it.
	inject(t, s, "5xx,times=all", "drop,method=job_wait")
	if _, err := c.Call(context.Background(), "job_start", "db_list"); err == nil {
		t.Fatal("job_start was not struck")
	}
	s.ClearFaults()
	jid, err := c.Call(context.Background(), "job_start", "db_list")
	if err != nil {
		t.Fatal(err)
	}
	inject(t, s, "drop,method=job_wait")
	if _, err := c.Call(context.Background(), "job_wait", jid); err == nil {
		t.Error("job_wait was not struck")
	}
	if _, err := c.Call(context.Background(), "job_wait", jid); err != nil {
		t.Errorf("job_wait struck twice: %v", err)
	}
	// busy counts change jobs only.
	inject(t, s, "busy,call=2")
	_, _ = createVolume(c)
	if code := lastJob(t, s).Code; code != 0 {
		t.Fatalf("the first change was refused (%d)", code)
	}
	_ = read()
	env := job(t, c, "st_volume_delete", map[string]any{"vname": "V1"})
	if env["result_code"] != int64(2) || !slices.Contains(volumes(t, s), "V1") {
		t.Errorf("the second change was not refused: %v", env)
	}
}

// The same seed strikes the same requests; the seed is reported.
func TestFaultProbabilityReplays(t *testing.T) {
	pattern := func(seed uint64) []bool {
		s := start(t, Options{Nodes: 1, FaultSeed: seed})
		if s.FaultSeed() != seed {
			t.Fatalf("FaultSeed %d, want %d", s.FaultSeed(), seed)
		}
		c := client(t, s)
		inject(t, s, "5xx,p=0.5,times=all")
		var out []bool
		for range 40 {
			_, err := c.Call(context.Background(), "job_exec", "db_list")
			out = append(out, err != nil)
		}
		return out
	}
	a, b, other := pattern(42), pattern(42), pattern(7)
	if !slices.Equal(a, b) {
		t.Fatalf("seed 42 struck %v, then %v", a, b)
	}
	if slices.Equal(a, other) {
		t.Error("seeds 42 and 7 struck the same requests")
	}
	n := 0
	for _, hit := range a {
		if hit {
			n++
		}
	}
	if n < 8 || n > 32 {
		t.Errorf("p=0.5 struck %d of 40 requests", n)
	}
	if s := start(t, Options{Nodes: 1}); s.FaultSeed() == 0 {
		t.Error("no seed picked")
	}
}

// With a lock hold, two changes collide: the second is refused without
// running and names the job holding the lock; reads are never refused.
func TestConfigLockCollision(t *testing.T) {
	s := start(t, Options{Nodes: 1, ConfigLockHold: time.Hour})
	c := client(t, s)
	ok(t, c, "st_volume_create", volumeParams)
	holder := lastJob(t, s).ID
	ok(t, c, "st_volume_info", map[string]any{"vname": "V1"})
	env := job(t, c, "st_volume_delete", map[string]any{"vname": "V1"})
	msg, _ := env["result_output"].(string)
	if env["result_code"] != int64(2) || env["result_name"] != "LOCKED" || !strings.Contains(msg, "job "+holder+" (st_volume_create)") {
		t.Fatalf("collision: %v", env)
	}
	if !slices.Contains(volumes(t, s), "V1") {
		t.Fatal("the refused st_volume_delete ran")
	}

	s = start(t, Options{Nodes: 1, ConfigLockHold: 50 * time.Millisecond})
	c = client(t, s)
	ok(t, c, "st_volume_create", volumeParams)
	eventually(t, "the lock to be released", func() bool {
		return job(t, c, "st_volume_delete", map[string]any{"vname": "V1"})["result_code"] == int64(0)
	})
}

func TestParseFault(t *testing.T) {
	for _, spec := range []string{
		"5xx", "5xx,status=500", "drop,job=db_create|change,call=3,times=2", "slow,delay=2s",
		"lost,times=all,p=0.25", "error,job=read,message=boom, with a comma", "401,method=*", "busy,job=st_volume_delete",
	} {
		f, err := ParseFault(spec)
		if err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		if got := f.String(); got != spec {
			t.Errorf("%s renders as %s", spec, got)
		}
	}
	for spec, want := range map[string]string{
		"teapot":                   "want one of 5xx, drop",
		"5xx,status=404":           "not a 5xx status",
		"drop,call":                "not key=value",
		"drop,flavor=red":          "unknown key",
		"lost,p=2":                 "not between 0 and 1",
		"busy,job=db_list":         "not a job that changes the cluster",
		"busy,method=job_wait":     "select them by job",
		"error,job=db_teleport":    `no job "db_teleport"`,
		"5xx,job=db_list,method=*": "not both",
		"slow,delay=soon":          "delay=soon",
	} {
		if _, err := ParseFault(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", spec, err, want)
		}
	}
	if _, err := Start(Options{Faults: []Fault{{Kind: "teapot"}}}); err == nil {
		t.Error("Start armed a bad fault")
	}
}

// HTTP-level faults strike any front end's requests: here EXAoperation's
// methods, picked by method name.
func TestFaultsOnEXAoperation(t *testing.T) {
	s := start(t, Options{API: APIEXAoperation, Nodes: 1})
	c := &rpc.Client{URL: s.Ready().URL, HTTP: httpClient(t, s), User: s.Username(), Password: s.Password()}
	list := func() error { _, err := c.Call(context.Background(), "getDatabaseList"); return err }
	inject(t, s, "5xx,method=getDatabaseList,status=500")
	var he *rpc.HTTPError
	if err := list(); !errors.As(err, &he) || he.Status != 500 {
		t.Fatalf("got %v, want HTTP 500", err)
	}
	inject(t, s, "lost,method=*", "401,method=getDatabaseList,call=2")
	if err := list(); err == nil || errors.As(err, &he) {
		t.Fatalf("got %v, want a lost answer", err)
	}
	if err := list(); !errors.As(err, &he) || he.Status != 401 {
		t.Fatalf("got %v, want HTTP 401", err)
	}
	inject(t, s, "error,method=getDatabaseList,message=Zope exploded")
	if err := list(); err == nil || !strings.Contains(err.Error(), "Zope exploded") {
		t.Fatalf("got %v, want an XML-RPC fault", err)
	}
	if err := list(); err != nil {
		t.Fatalf("after the faults: %v", err)
	}
	if n := len(s.FaultLog()); n != 4 {
		t.Fatalf("%d faults fired, want 4", n)
	}
}
