package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Warnings do not reach the output the acceptance tests see, so these tests
// ask the provider for plans over the plugin protocol, as Terraform does,
// and read the diagnostics.

type pfServer struct {
	t   *testing.T
	srv tfprotov6.ProviderServer
	sch *tfprotov6.GetProviderSchemaResponse
}

func pfStr(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
func pfNum(n int64) tftypes.Value  { return tftypes.NewValue(tftypes.Number, n) }
func pfBool(b bool) tftypes.Value  { return tftypes.NewValue(tftypes.Bool, b) }

func pfList(typ tftypes.Type, vals ...tftypes.Value) tftypes.Value {
	if vals == nil {
		vals = []tftypes.Value{}
	}
	return tftypes.NewValue(tftypes.List{ElementType: typ}, vals)
}

// newPFServer configures a provider server with the given provider block values.
func newPFServer(t *testing.T, provider map[string]tftypes.Value) *pfServer {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &pfServer{t: t, srv: srv, sch: sch}
	resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		Config: p.value(sch.Provider.ValueType().(tftypes.Object), provider),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("configure: %s: %s", d.Summary, d.Detail)
		}
	}
	return p
}

// value builds an object of typ from vals, null where vals has nothing; nil vals is a null object.
func (p *pfServer) value(typ tftypes.Object, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	p.t.Helper()
	v := tftypes.NewValue(typ, nil)
	if vals != nil {
		full := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			if x, ok := vals[name]; ok {
				full[name] = x
			} else {
				full[name] = tftypes.NewValue(at, nil)
			}
		}
		v = tftypes.NewValue(typ, full)
	}
	d, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		p.t.Fatal(err)
	}
	return &d
}

// plan asks for the plan of typ from prior (nil: a create) to config; the
// proposed new state is the prior state with the configured values, as
// Terraform proposes it.
func (p *pfServer) plan(typ string, prior, config map[string]tftypes.Value) (warnings, errors []string) {
	p.t.Helper()
	objType := p.sch.ResourceSchemas[typ].ValueType().(tftypes.Object)
	proposed := map[string]tftypes.Value{}
	for k, v := range prior {
		proposed[k] = v
	}
	for k, v := range config {
		proposed[k] = v
	}
	resp, err := p.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typ, PriorState: p.value(objType, prior), ProposedNewState: p.value(objType, proposed), Config: p.value(objType, config),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		text := d.Summary + ": " + d.Detail
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errors = append(errors, text)
		} else {
			warnings = append(warnings, text)
		}
	}
	return warnings, errors
}

// pfDBState is DB1 as the state records it after a refresh.
func pfDBState(running bool) map[string]tftypes.Value {
	state := "setup"
	if running {
		state = "running"
	}
	return map[string]tftypes.Value{
		"id": pfStr("DB1"), "db_name": pfStr("DB1"), "version": pfStr("8.29.0"), "data_volume_name": pfStr("DataVolume1"),
		"mem_size": pfStr("1 GiB"), "nodes": pfList(tftypes.Number, pfNum(11)), "num_active_nodes": pfNum(1), "port": pfNum(8563),
		"owner": pfList(tftypes.Number, pfNum(500), pfNum(500)), "params": pfStr(""), "auto_start": pfBool(acctest.API() == client.APIConfD), // the interface's default
		"enable_auditing": pfBool(false), "volume_quota": pfNum(0), "volume_move_delay": pfNum(0), "ldap_server": pfStr(""),
		"interfaces": pfStr(""), "db_uuid": pfStr("C0FFEE"), "running": pfBool(running), "force_stop": pfBool(false),
		"state": pfStr(state), "operation": pfStr("None"), "connectible": pfBool(running), "connection_string": pfStr("10.10.10.11:8563"),
		"active_nodes": pfList(tftypes.String, pfStr("n11")), "reserve_nodes": pfList(tftypes.String), "failed_nodes": pfList(tftypes.String),
		"temporary_volume_name": pfStr("v0001"),
	}
}

// pfDBConfig is DB1's configuration with the given changes.
func pfDBConfig(changes map[string]tftypes.Value) map[string]tftypes.Value {
	c := map[string]tftypes.Value{
		"db_name": pfStr("DB1"), "version": pfStr("8.29.0"), "data_volume_name": pfStr("DataVolume1"),
		"mem_size": pfStr("1 GiB"), "nodes": pfList(tftypes.Number, pfNum(11)), "num_active_nodes": pfNum(1),
	}
	for k, v := range changes {
		c[k] = v
	}
	return c
}

// An in-place change of a running database is announced as a warning that
// names the stop and what it applies; nothing else warns, and a plan
// without changes costs no call.
func TestPreflightDatabaseStopWarning(t *testing.T) {
	s := acctest.Start(t)
	p := newPFServer(t, acctest.ProviderValues(s, acctest.CAPEM(string(s.CACertPEM()))))
	for _, c := range []struct {
		name    string
		running bool
		changes map[string]tftypes.Value
		want    string // "" = no warning
	}{
		{"mem_size", true, map[string]tftypes.Value{"mem_size": pfStr("2 GiB")}, "DB1 will be stopped and restarted to apply mem_size"},
		{"mem_size and port", true, map[string]tftypes.Value{"mem_size": pfStr("2 GiB"), "port": pfNum(8564)},
			"DB1 will be stopped and restarted to apply mem_size, port"},
		{"params", true, map[string]tftypes.Value{"params": pfStr("-x=1")}, "DB1 will be stopped and restarted to apply params"},
		{"the same size in other units", true, map[string]tftypes.Value{"mem_size": pfStr("1024 MiB")}, ""},
		{"stopped database", false, map[string]tftypes.Value{"mem_size": pfStr("2 GiB"), "running": pfBool(false)}, ""},
		{"stopped on purpose", true, map[string]tftypes.Value{"mem_size": pfStr("2 GiB"), "running": pfBool(false)}, ""},
		{"force_stop only", true, map[string]tftypes.Value{"force_stop": pfBool(true)}, ""},
	} {
		warnings, errs := p.plan("exasol_database", pfDBState(c.running), pfDBConfig(c.changes))
		if len(errs) > 0 {
			t.Errorf("%s: errors %v", c.name, errs)
		}
		text := strings.Join(warnings, "\n")
		switch {
		case c.want == "" && text != "":
			t.Errorf("%s: unexpected warning %q", c.name, text)
		case c.want != "" && (len(warnings) != 1 || !strings.HasPrefix(text, c.want+":") ||
			!strings.Contains(text, "db_configure") || !strings.Contains(text, "force_stop")):
			t.Errorf("%s: warnings %q, want one starting %q that names db_configure and force_stop", c.name, text, c.want)
		}
	}
	before := s.Calls()
	if warnings, errs := p.plan("exasol_database", pfDBState(true), pfDBConfig(nil)); len(warnings)+len(errs) != 0 {
		t.Errorf("a plan without changes said %v %v", warnings, errs)
	}
	if n := s.Calls() - before; n != 0 {
		t.Errorf("a plan without changes made %d calls", n)
	}
}

// When the cluster cannot be read at plan time, the plan goes on with a
// warning that says so, or fails with strict_preflight; the first failure
// is remembered, so further resources do not wait for the network again.
func TestPreflightUnreachable(t *testing.T) {
	s := acctest.Start(t, acctest.Face(sim.APIConfD), acctest.AsRelease(""))
	gone := acctest.ProviderValues(s, acctest.CAPEM(string(s.CACertPEM())))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	remote := func(name string) map[string]tftypes.Value {
		return map[string]tftypes.Value{"remote_volume_name": pfStr(name), "vol_type": pfStr("s3"), "url": pfStr("https://b.s3.example.com")}
	}
	p := newPFServer(t, gone)
	warnings, errs := p.plan("exasol_remote_volume", nil, remote("R1"))
	if len(errs) != 0 || len(warnings) != 1 || !strings.HasPrefix(warnings[0], "Preflight checks of remote volume R1 skipped:") ||
		!strings.Contains(warnings[0], "strict_preflight") {
		t.Fatalf("unreachable cluster: warnings %q, errors %q; want one warning that the checks were skipped", warnings, errs)
	}
	start := time.Now()
	if warnings, _ := p.plan("exasol_remote_volume", nil, remote("R2")); len(warnings) != 1 {
		t.Errorf("second resource: warnings %q", warnings)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the second resource waited %v for the unreachable cluster again", d)
	}

	strict := newPFServer(t, func() map[string]tftypes.Value { gone["strict_preflight"] = pfBool(true); return gone }())
	_, errs = strict.plan("exasol_remote_volume", nil, remote("R1"))
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "Preflight checks of remote volume R1 could not run:") {
		t.Fatalf("strict_preflight: errors %q, want one saying the checks could not run", errs)
	}
}
