package sim

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// start runs a simulator for one test.
func start(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// httpClient trusts only the simulator's CA: certificate checks stay on.
func httpClient(t *testing.T, s *Server) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(s.CACertPEM()) {
		t.Fatal("bad CA PEM")
	}
	return &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		// the simulator's redirects are for clients to see, not to follow
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func client(t *testing.T, s *Server) *rpc.Client {
	return &rpc.Client{URL: s.Endpoints()[0], HTTP: httpClient(t, s), User: s.Username(), Password: s.Password()}
}

// job runs job_exec over HTTPS and returns the envelope.
func job(t *testing.T, c *rpc.Client, name string, params map[string]any) map[string]any {
	t.Helper()
	args := []any{name}
	if params != nil {
		args = append(args, map[string]any{"params": params})
	}
	res, err := c.Call(context.Background(), "job_exec", args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	env, ok := res.(map[string]any)
	if !ok {
		t.Fatalf("%s: envelope is %T", name, res)
	}
	return env
}

// ok runs a job that must succeed and returns its output.
func ok(t *testing.T, c *rpc.Client, name string, params map[string]any) any {
	t.Helper()
	env := job(t, c, name, params)
	if env["result_code"] != int64(0) {
		t.Fatalf("%s %v failed: %v", name, params, env["result_desc"])
	}
	return env["result_output"]
}

// fails runs a job that must fail and returns its message.
func fails(t *testing.T, c *rpc.Client, name string, params map[string]any) string {
	t.Helper()
	env := job(t, c, name, params)
	if env["result_code"] == int64(0) {
		t.Fatalf("%s %v succeeded, want a failure", name, params)
	}
	msg, _ := env["result_output"].(string)
	if env["result_desc"] != msg || env["result_name"] != "ERROR" || env["result_code"] != int64(1) {
		t.Fatalf("%s: bad failure envelope %v", name, env)
	}
	return msg
}

func fault(t *testing.T, err error) *rpc.Fault {
	t.Helper()
	var f *rpc.Fault
	if !errors.As(err, &f) {
		t.Fatalf("want an XML-RPC fault, got %v", err)
	}
	return f
}

func keys(m any) []string {
	var out []string
	for k := range m.(map[string]any) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// eventually polls cond (no fixed sleeps) until it holds or 5 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// createDB creates DB1 on all nodes of a fresh (non-bare) simulator.
func createDB(t *testing.T, c *rpc.Client, name string, nodes []int, port int) {
	t.Helper()
	ok(t, c, "db_create", map[string]any{
		"db_name": name, "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2048 MiB", "nodes": nodes, "num_active_nodes": len(nodes), "port": port,
	})
}
