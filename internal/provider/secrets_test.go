package provider

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// Secrets never reach a log or, for write-only attributes, the state; TLS
// verification is on unless insecure says otherwise, which warns.

// checkLogClean fails unless the log at path holds every one of proof (lines
// only the provider writes, so that the log shows it was captured) and none
// of secrets.
func checkLogClean(path string, proof, secrets []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, p := range proof {
			if !bytes.Contains(b, []byte(p)) {
				return fmt.Errorf("the log lacks %q, so it proves nothing (%d bytes)", p, len(b))
			}
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				return fmt.Errorf("a secret (%s…) appears in the log", s[:6])
			}
		}
		return nil
	}
}

// An apply and a destroy of every kind of resource with TF_LOG=TRACE, through
// two provider configurations, one authenticating with a bearer token and
// one with a password, and a remote volume with a password: the log (which
// holds the provider's own job lines) contains none of the three secrets.
func TestAccSecrets_traceLogOfApplyAndDestroy(t *testing.T) {
	const token, password, remote = "Tr4ce-Token-0b7e55", "Tr4ce-Pass-c41d02", "Tr4ce-Remote-9a6f13"
	s := acctest.Start(t, acctest.AuthToken(token), acctest.Password(password))
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	// Without plan-time checks (skip_preflight): a provider configuration's
	// checks see only what it planned itself, and the schedule (default)
	// needs the database (basic); in-process, which configuration's checks
	// a resource gets depends on the order Terraform configures them in.
	cfg := fmt.Sprintf(`
variable "token" {
  type      = string
  sensitive = true
}
variable "password" {
  type      = string
  sensitive = true
}
variable "remote_password" {
  type      = string
  sensitive = true
}

%[1]s%[2]s
resource "exasol_storage_volume" "archive" {
  provider   = exasol.basic
  name       = "Archive1"
  type       = "archive"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11]
  redundancy = 1
}

resource "exasol_remote_volume" "s3" {
  remote_volume_name = "S3Backups"
  vol_type           = "s3"
  url                = "https://backups.s3.eu-west-1.amazonaws.com"
  username           = "AKIAEXAMPLE"
  password           = var.remote_password
}

resource "exasol_database" "db" {
  provider         = exasol.basic
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "1 GiB"
  nodes            = [11]
  num_active_nodes = 1
}

resource "exasol_backup_schedule" "nightly" {
  db_name            = exasol_database.db.db_name
  backup_name        = "nightly"
  backup_volume_name = exasol_remote_volume.s3.remote_volume_name
  level              = 0
  hour               = "2"
}

resource "exasol_node" "n12" {
  provider = exasol.basic
  id       = 12
  priv_net = "10.10.10.12/24"
}
`, acctest.Provider(s, acctest.WithAPI(""), acctest.Unset("username"), acctest.Unset("password"), acctest.Set("auth_token", "var.token"), acctest.SkipPreflight()),
		acctest.Provider(s, acctest.Alias("basic"), acctest.WithAPI(""), acctest.Set("password", "var.password"), acctest.SkipPreflight()))
	vars := config.Variables{
		"token": config.StringVariable(token), "password": config.StringVariable(password),
		"remote_password": config.StringVariable(remote),
	}
	secrets := []string{token, password, remote}
	// ConfD's cluster-as-code secrets (issue 22, secrets_cluster_test.go).
	more := clusterSecretsOf(t, s)
	cfg += more.hcl
	maps.Copy(vars, more.vars)
	secrets = append(secrets, more.secrets...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg, ConfigVariables: vars,
			Check: resource.ComposeTestCheckFunc(append(more.checks,
				checkLogClean(logFile, append(apiJobs("remote_volume_add", "db_create", "st_volume_create", "node_add", "db_backup_add_schedule"), more.applyJobs...), secrets),
				rvCheckInfo(t, s, "S3Backups", "password", remote),
			)...),
		}},
		CheckDestroy: checkLogClean(logFile, append(apiJobs("remote_volume_remove", "db_delete", "st_volume_delete", "node_remove"), more.destroyJobs...), secrets),
	})
}

// apiJobs are the names of the ConfD jobs js in the log of the interface
// under test (apiJob).
func apiJobs(js ...string) []string {
	out := make([]string, len(js))
	for i, j := range js {
		out[i] = acctest.APIJob(j)
	}
	return out
}

// syncBuffer is a bytes.Buffer that goroutines may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// A write-only password (which Terraform 1.8.5 cannot send, so at the
// protocol level, as Terraform 1.11 drives it) reaches the cluster on create
// and on rotation, and appears neither in the state nor in the provider's
// and the framework's TRACE log.
func TestRemoteVolume_writeOnlyPasswordNotLoggedNorStored(t *testing.T) {
	// A provider password that cannot occur in a log by accident (the default is "exasol").
	s := acctest.Start(t, acctest.Password("Wo-Log-Provider-Pass-51c0"))
	const first, second = "Wo-Log-Secret-3e81", "Wo-Log-Secret-7d22"
	var log syncBuffer
	ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &log), &log)
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	configureProtocolProvider(t, srv, schemas, s)
	typ := schemas.ResourceSchemas[rvType].ValueType().(tftypes.Object)
	computed := map[string]bool{}
	for _, a := range schemas.ResourceSchemas[rvType].Block.Attributes {
		computed[a.Name] = a.Computed
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n))) }
	base := map[string]tftypes.Value{"remote_volume_name": str("WO1"), "vol_type": str("s3"),
		"url": str("https://wo.s3.amazonaws.com"), "username": str("AKIAEXAMPLE")}
	with := func(extra map[string]tftypes.Value) map[string]tftypes.Value {
		m := map[string]tftypes.Value{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}

	// apply plans and applies a change from prior to the configuration with
	// password_wo = secret at version, and returns the new state.
	apply := func(prior tftypes.Value, secret string, version int64) tftypes.Value {
		t.Helper()
		cfg := rvObject(typ, with(map[string]tftypes.Value{"password_wo": str(secret), "password_wo_version": num(version)}), nil)
		proposed := rvObject(typ, with(map[string]tftypes.Value{"password_wo_version": num(version)}), func(k string) bool { return computed[k] })
		plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: rvType,
			PriorState: rvDynamic(t, typ, prior), ProposedNewState: rvDynamic(t, typ, proposed), Config: rvDynamic(t, typ, cfg)})
		if err != nil {
			t.Fatal(err)
		}
		rvNoErrors(t, "PlanResourceChange", plan.Diagnostics)
		if !prior.IsNull() { // a rotation replaces the volume: delete, then create
			del, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: rvType,
				PriorState: rvDynamic(t, typ, prior), PlannedState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)),
				Config: rvDynamic(t, typ, tftypes.NewValue(typ, nil))})
			if err != nil {
				t.Fatal(err)
			}
			rvNoErrors(t, "ApplyResourceChange (delete)", del.Diagnostics)
			plan, err = srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: rvType,
				PriorState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)), ProposedNewState: rvDynamic(t, typ, proposed), Config: rvDynamic(t, typ, cfg)})
			if err != nil {
				t.Fatal(err)
			}
			rvNoErrors(t, "PlanResourceChange (create)", plan.Diagnostics)
		}
		applied, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: rvType,
			PriorState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)), PlannedState: plan.PlannedState,
			Config: rvDynamic(t, typ, cfg), PlannedPrivate: plan.PlannedPrivate})
		if err != nil {
			t.Fatal(err)
		}
		rvNoErrors(t, "ApplyResourceChange", applied.Diagnostics)
		st, err := applied.NewState.Unmarshal(typ)
		if err != nil {
			t.Fatal(err)
		}
		if got := rvInfo(t, s, "WO1")["password"]; got != secret {
			t.Fatalf("the cluster has password %v, want the write-only value", got)
		}
		read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: rvType, CurrentState: applied.NewState})
		if err != nil {
			t.Fatal(err)
		}
		rvNoErrors(t, "ReadResource", read.Diagnostics)
		for what, dv := range map[string]*tfprotov6.DynamicValue{"applied": applied.NewState, "refreshed": read.NewState} {
			raw, err := dv.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(raw.String(), secret) {
				t.Fatalf("the %s state holds the write-only password: %s", what, raw)
			}
		}
		return st
	}
	st := apply(tftypes.NewValue(typ, nil), first, 1)
	apply(st, second, 2)

	out := log.String()
	if !strings.Contains(out, acctest.APIJob("remote_volume_add")) || !strings.Contains(out, acctest.APIJob("remote_volume_remove")) {
		t.Fatalf("the captured log has no remote volume job lines, so it proves nothing (%d bytes)", len(out))
	}
	for _, secret := range []string{first, second, s.Password()} {
		if strings.Contains(out, secret) {
			t.Fatalf("a password (%s…) appears in the provider's TRACE log", secret[:6])
		}
	}
}

// Verification is on by default (TestAccProvider_configErrors: an unpinned
// CA fails, TestAccBadInput_table: a wrong one fails saying how to pin the
// right one); insecure = true connects with a warning that says what it
// risks and what to do instead. Warnings do not reach the acceptance tests'
// output, hence the protocol level.
func TestProvider_insecureWarns(t *testing.T) {
	s := acctest.Start(t)
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pt := schemas.Provider.ValueType().(tftypes.Object)
	conf, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.8.5",
		Config: rvDynamic(t, pt, rvObject(pt, acctest.ProviderValues(s, acctest.WithAPI(""), acctest.Unset("ca_cert_file"), acctest.SetBool("insecure", true)), nil))})
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, d := range conf.Diagnostics {
		switch {
		case d.Severity == tfprotov6.DiagnosticSeverityError:
			t.Fatalf("insecure = true failed: %s: %s", d.Summary, d.Detail)
		case d.Severity == tfprotov6.DiagnosticSeverityWarning && d.Summary == "TLS certificate verification is off":
			warned = d.Detail == "insecure = true accepts any certificate, so the cluster's credentials can be intercepted. "+
				"Pin the cluster's CA with ca_cert_file or ca_cert_pem instead."
		}
	}
	if !warned {
		t.Fatalf("insecure = true gave no warning naming the risk and ca_cert_file / ca_cert_pem: %+v", conf.Diagnostics)
	}
	// And it does connect, though the simulator's CA is not pinned.
	ds := schemas.DataSourceSchemas["exasol_databases"].ValueType().(tftypes.Object)
	read, err := srv.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: "exasol_databases",
		Config: rvDynamic(t, ds, rvObject(ds, nil, nil))})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadDataSource with insecure = true", read.Diagnostics)
}
