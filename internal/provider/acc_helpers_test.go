package provider

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Every acceptance test runs the real Terraform CLI (TF_ACC_TERRAFORM_PATH)
// against an in-process simulator over HTTPS; nothing of our client is faked.

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"exasol": providerserver.NewProtocol6WithError(New("test")()),
}

// startSim starts a simulator with instant transitions unless opts say otherwise.
func startSim(t *testing.T, opts ...func(*sim.Options)) *sim.Server {
	t.Helper()
	o := sim.Options{Nodes: 1, API: testAPI(), Release: os.Getenv("EXASOL_TEST_RELEASE")} // a one-node cluster, like Exasol's docker default
	for _, f := range opts {
		f(&o)
	}
	s, err := sim.Start(o)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// providerConfig is the provider block that reaches s with a pinned CA.
func providerConfig(s *sim.Server) string {
	return fmt.Sprintf(`
provider "exasol" {
  api          = %q
  endpoints    = [%s]
  username     = %q
  password     = %q
  ca_cert_file = %q
}
`, testAPI(), quoteList(s.Endpoints()), s.Username(), s.Password(), s.CACertFile())
}

// testAPI is the management interface the acceptance suite runs against:
// EXASOL_TEST_API, "confd" by default. `make test` runs the suite once per
// interface.
func testAPI() string {
	if api := os.Getenv("EXASOL_TEST_API"); api != "" {
		return api
	}
	return client.APIConfD
}

// releaseForm writes a ConfD job's parameters as the simulated release names
// them (EXASOL_TEST_RELEASE): tests write Exasol 8's names, as the job pages
// do; Exasol 7.1 names the node id `id` in node_add and `node_id` in the
// other node jobs, and wants db_create's port (see internal/sim/confd's
// release notes). The provider picks the names itself (internal/client).
func releaseForm(job string, params map[string]any) map[string]any {
	if os.Getenv("EXASOL_TEST_RELEASE") != "7.1" || params == nil {
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

// onlyOnRelease8 skips a test on the simulated Exasol 7.1 (EXASOL_TEST_RELEASE),
// naming what that release lacks.
func onlyOnRelease8(t *testing.T, why string) {
	t.Helper()
	if r := os.Getenv("EXASOL_TEST_RELEASE"); r != "" && r != "8" {
		t.Skipf("not on Exasol %s: %s", r, why)
	}
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// simExec runs a job out of band, as an operator would behind Terraform's back.
func simExec(t *testing.T, s *sim.Server, job string, params map[string]any) map[string]any {
	t.Helper()
	env, err := s.Exec(job, releaseForm(job, params))
	if err != nil {
		t.Fatalf("out-of-band %s: %v", job, err)
	}
	if code, _ := env["result_code"].(int64); code != 0 {
		t.Fatalf("out-of-band %s failed: %v", job, env)
	}
	return env
}

// sentJobs returns the jobs the provider sent, in order (out-of-band jobs
// left out), only the config- or state-changing ones unless reads is set.
func sentJobs(s *sim.Server, reads bool) []sim.JobRecord {
	var out []sim.JobRecord
	for _, r := range s.JobLog() {
		if r.Object != "" {
			// An EXAoperation call: named as the ConfD job it stands for
			// (api_matrix_test.go), so that one test body checks both.
			if r.Name = confdEquivalent(r); r.Name == "" {
				continue
			}
		}
		if r.Source == "rpc" && (reads || !readJob(r.Name)) {
			out = append(out, r)
		}
	}
	return out
}

// changeJobs returns the names of the changing jobs the provider sent, in order.
func changeJobs(s *sim.Server) []string {
	var out []string
	for _, r := range sentJobs(s, false) {
		out = append(out, r.Name)
	}
	return out
}

// changeJobsFor names each changing job with the object it acted on
// ("db_delete STAGING", "node_remove 14"), in order.
func changeJobsFor(s *sim.Server) []string {
	var out []string
	for _, r := range sentJobs(s, false) {
		obj := ""
		if r.Object != "" { // an EXAoperation call
			obj = exaopCallObject(r)
		}
		for _, k := range []string{"db_name", "vname", "name", "remote_volume_name", "nid", "node_id", "id"} {
			if v, ok := r.Params[k]; ok {
				obj = fmt.Sprint(v)
				break
			}
		}
		out = append(out, r.Name+" "+obj)
	}
	return out
}

func readJob(name string) bool {
	if strings.HasPrefix(name, "read:") {
		return true
	}
	for _, p := range []string{"_info", "_list", "_state", "_progress", "_list_details"} {
		if strings.HasSuffix(name, p) {
			return true
		}
	}
	return false
}

// checkJobOrder asserts that the provider's change jobs since the last reset
// are exactly want.
func checkJobOrder(s *sim.Server, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		want := expectJobs(want)
		if got := changeJobs(s); !slices.Equal(got, want) {
			return fmt.Errorf("jobs sent: %v, want exactly %v", got, want)
		}
		return nil
	}
}

// checkSim asserts a fact about the simulator's state through a read job.
func checkSim(t *testing.T, s *sim.Server, job string, params map[string]any, check func(out any) error) func(*terraform.State) error {
	return func(*terraform.State) error {
		env, err := s.Exec(job, params)
		if err != nil {
			return err
		}
		return check(env["result_output"])
	}
}

// setSimAPI makes the simulator serve api.
func setSimAPI(o *sim.Options, api string) { o.API = api }
