package main

import (
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// --api selects the management interface; an EXAoperation call is logged
// as object.method.
func TestAPIFlag(t *testing.T) {
	o, _, err := parseFlags([]string{"--api", "exaoperation", "--plugins", "Administration.vmware-tools, Monitoring.x"})
	if err != nil || o.API != sim.APIEXAoperation || strings.Join(o.Plugins, "|") != "Administration.vmware-tools|Monitoring.x" {
		t.Fatalf("--api exaoperation --plugins: %q %q, %v", o.API, o.Plugins, err)
	}
	if o, _, _ := parseFlags(nil); o.API != sim.APIConfD {
		t.Fatalf("default api %q", o.API)
	}
	o, _, _ = parseFlags([]string{"--api", "soap"})
	if _, err := sim.Start(o); err == nil || !strings.Contains(err.Error(), "api must be") {
		t.Fatalf("--api soap: %v", err)
	}
	line := formatJob(sim.JobRecord{ID: "10.3", Object: "db_db1", Name: "startDatabase", Source: "rpc",
		Params: map[string]any{"args": []any{map[string]any{"password": "x"}}}})
	if want := `job 10.3 rpc db_db1.startDatabase {args=[{password="***"}]} code=0`; line != want {
		t.Fatalf("log line %q, want %q", line, want)
	}
}
