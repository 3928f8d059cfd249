package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The installed Terraform CLI (1.8.5) cannot send write-only values, so
// password_wo is tested twice: at the protocol level, where this test plays
// a Terraform ≥ 1.11 by hand, and through the CLI, gated on its version.

const rvType = "exasol_remote_volume"

// rvObject builds a value of an object type: the given attributes, every
// other attribute null (or unknown, for computed attributes of a proposed
// new state).
func rvObject(typ tftypes.Object, vals map[string]tftypes.Value, unknown func(string) bool) tftypes.Value {
	m := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		switch v, ok := vals[k]; {
		case ok:
			m[k] = v
		case unknown != nil && unknown(k):
			m[k] = tftypes.NewValue(at, tftypes.UnknownValue)
		default:
			m[k] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, m)
}

func rvDynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func rvAttrs(t *testing.T, typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
	t.Helper()
	if dv == nil {
		t.Fatal("no value returned")
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]tftypes.Value{}
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// protoPlanApply plans and applies one change over the protocol, failing
// the test on an error or an error diagnostic; what names the step.
func protoPlanApply(ctx context.Context, t *testing.T, srv tfprotov6.ProviderServer, typeName string, prior, proposed, cfg *tfprotov6.DynamicValue,
	what string) (*tfprotov6.PlanResourceChangeResponse, *tfprotov6.ApplyResourceChangeResponse) {
	t.Helper()
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: prior,
		ProposedNewState: proposed, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "PlanResourceChange"+what, plan.Diagnostics)
	applied, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: prior,
		PlannedState: plan.PlannedState, Config: cfg, PlannedPrivate: plan.PlannedPrivate})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ApplyResourceChange"+what, applied.Diagnostics)
	return plan, applied
}

func rvNoErrors(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

func TestRemoteVolume_writeOnlyProtocol(t *testing.T) {
	s := acctest.Start(t)
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "GetProviderSchema", schemas.Diagnostics)

	// The schema tells Terraform that password_wo is write-only and sensitive.
	rs := schemas.ResourceSchemas[rvType]
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["password_wo"]; a == nil || !a.WriteOnly || !a.Sensitive || !a.Optional {
		t.Fatalf("password_wo must be optional, write-only and sensitive: %+v", a)
	}
	if a := attrs["password"]; a == nil || a.WriteOnly || !a.Sensitive {
		t.Fatalf("password must be sensitive and stored: %+v", a)
	}
	if a := attrs["password_wo_version"]; a == nil || a.WriteOnly || a.Sensitive {
		t.Fatalf("password_wo_version must be an ordinary attribute: %+v", a)
	}

	pt := schemas.Provider.ValueType().(tftypes.Object)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.0",
		Config: rvDynamic(t, pt, rvObject(pt, acctest.ProviderValues(s, acctest.WithAPI("")), nil))})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ConfigureProvider", conf.Diagnostics)

	typ := rs.ValueType().(tftypes.Object)
	computed := func(k string) bool { return attrs[k] != nil && attrs[k].Computed }
	configWith := func(secret string, version int64) tftypes.Value {
		return rvObject(typ, map[string]tftypes.Value{
			"vol_type": str("s3"), "url": str("https://backups.s3.amazonaws.com"), "username": str("AKIAEXAMPLE"),
			"password_wo": str(secret), "password_wo_version": tftypes.NewValue(tftypes.Number, big.NewFloat(float64(version))),
		}, nil)
	}
	cfg := configWith("Proto-WO-Secret-1", 1)

	// A client without write-only support is refused before anything happens.
	v, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: rvType, Config: rvDynamic(t, typ, cfg)})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Diagnostics) == 0 || !regexp.MustCompile(`1\.11`).MatchString(v.Diagnostics[0].Detail) {
		t.Fatalf("a pre-1.11 client setting password_wo must get an error naming Terraform 1.11, got %+v", v.Diagnostics)
	}
	caps := &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}
	v, err = srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: rvType, Config: rvDynamic(t, typ, cfg), ClientCapabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ValidateResourceConfig", v.Diagnostics)

	// Plan a create: Terraform proposes the configuration with computed values unknown.
	proposed := rvObject(typ, map[string]tftypes.Value{
		"vol_type": str("s3"), "url": str("https://backups.s3.amazonaws.com"), "username": str("AKIAEXAMPLE"),
		"password_wo_version": tftypes.NewValue(tftypes.Number, big.NewFloat(1)),
	}, computed)
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: rvType,
		PriorState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)), ProposedNewState: rvDynamic(t, typ, proposed), Config: rvDynamic(t, typ, cfg)})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "PlanResourceChange", plan.Diagnostics)
	if p := rvAttrs(t, typ, plan.PlannedState); !p["password_wo"].IsNull() {
		t.Fatalf("the planned state holds password_wo: %v", p["password_wo"])
	}

	// Apply: the password reaches the cluster, the new state does not hold it.
	applied, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: rvType,
		PriorState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)), PlannedState: plan.PlannedState,
		Config: rvDynamic(t, typ, cfg), PlannedPrivate: plan.PlannedPrivate})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ApplyResourceChange", applied.Diagnostics)
	st := rvAttrs(t, typ, applied.NewState)
	if !st["password_wo"].IsNull() || !st["password"].IsNull() {
		t.Fatalf("the new state holds a password: password_wo %v, password %v", st["password_wo"], st["password"])
	}
	var name string
	if err := st["remote_volume_name"].As(&name); err != nil || name != "r0001" {
		t.Fatalf("remote_volume_name = %q (%v), want r0001", name, err)
	}
	if got := rvInfo(t, s, "r0001")["password"]; got != "Proto-WO-Secret-1" {
		t.Fatalf("the cluster has password %v, want the write-only value", got)
	}

	// Read keeps the password out of the state, though remote_volume_info shows it.
	read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: rvType, CurrentState: applied.NewState})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource", read.Diagnostics)
	if r := rvAttrs(t, typ, read.NewState); !r["password"].IsNull() || !r["password_wo"].IsNull() {
		t.Fatalf("a refresh put the password into the state: %v / %v", r["password"], r["password_wo"])
	}

	planChange := func(secret string, version int64) *tfprotov6.PlanResourceChangeResponse {
		t.Helper()
		c := configWith(secret, version)
		prop := map[string]tftypes.Value{}
		for k, v := range rvAttrs(t, typ, read.NewState) {
			prop[k] = v
		}
		// Terraform proposes the configuration's values for what is not computed.
		prop["password_wo_version"] = tftypes.NewValue(tftypes.Number, big.NewFloat(float64(version)))
		prop["password"] = tftypes.NewValue(tftypes.String, nil)
		p, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: rvType,
			PriorState: read.NewState, ProposedNewState: rvDynamic(t, typ, rvObject(typ, prop, nil)), Config: rvDynamic(t, typ, c)})
		if err != nil {
			t.Fatal(err)
		}
		rvNoErrors(t, "PlanResourceChange", p.Diagnostics)
		return p
	}
	// A new write-only value alone is invisible to Terraform: nothing to replace.
	if p := planChange("Proto-WO-Secret-2", 1); len(p.RequiresReplace) != 0 {
		t.Fatalf("an unchanged password_wo_version must not replace: %v", p.RequiresReplace)
	}
	// A new version is the rotation: the volume is replaced because of it.
	p := planChange("Proto-WO-Secret-2", 2)
	if len(p.RequiresReplace) != 1 || !p.RequiresReplace[0].Equal(tftypes.NewAttributePath().WithAttributeName("password_wo_version")) {
		t.Fatalf("a new password_wo_version must replace the volume, got %v", p.RequiresReplace)
	}

	// After an import the state has neither a version nor a password (an
	// import reads no secret): the same password_wo as the cluster's adopts
	// the volume in place, and another one replaces it to send the new
	// password (comparePassword).
	imp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: rvType, ID: "r0001"})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ImportResourceState", imp.Diagnostics)
	read, err = srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: rvType, CurrentState: imp.ImportedResources[0].State})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource after import", read.Diagnostics)
	if pw := rvAttrs(t, typ, read.NewState)["password"]; !pw.IsNull() {
		t.Fatalf("an import must not read the password into the state, got %v", pw)
	}
	if p := planChange("Proto-WO-Secret-1", 1); len(p.RequiresReplace) != 0 || !rvAttrs(t, typ, p.PlannedState)["password"].IsNull() {
		t.Fatalf("adopting an imported volume with its own password must not replace it and must drop the password from the state: %v", p.RequiresReplace)
	}
	if p := planChange("Proto-WO-Secret-2", 1); len(p.RequiresReplace) != 1 {
		t.Fatalf("adopting an imported volume with another password must replace it: %v", p.RequiresReplace)
	}
}

// On a Terraform CLI before 1.11, password_wo is refused with a message that
// names the version, and nothing reaches the cluster.
func TestAccRemoteVolume_writeOnlyNeedsTerraform111(t *testing.T) {
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliLacks(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password_wo         = "never-sent"
  password_wo_version = 1`),
			ExpectError: regexp.MustCompile(`(?s)WriteOnly Attribute Not Allowed.*Terraform 1\.11`),
		}},
		CheckDestroy: func(*terraform.State) error {
			if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
				return fmt.Errorf("password_wo on an old CLI sent jobs: %v", jobs)
			}
			return nil
		},
	})
}

// With Terraform 1.11 or later: the write-only example creates the volume
// with its password, the state never holds it, a new value alone changes
// nothing, and a new version rotates it.
func TestAccRemoteVolume_writeOnly(t *testing.T) {
	s := acctest.Start(t)
	example := readExample(t, "resources/exasol_remote_volume/write-only/resource.tf")
	secret := func(v string) config.Variables {
		return config.Variables{"backup_bucket_secret_key": config.StringVariable(v)}
	}
	const addr = "exasol_remote_volume.example"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:          acctest.Provider(s) + example,
				ConfigVariables: secret("wo-secret-1"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckNoResourceAttr(addr, "password_wo"),
					resource.TestCheckNoResourceAttr(addr, "password"),
					resource.TestCheckResourceAttr(addr, "password_wo_version", "1"),
					rvCheckInfo(t, s, "RemoteVolume1", "password", "wo-secret-1"),
				),
			},
			{
				PreConfig:       s.ResetJobLog,
				Config:          acctest.Provider(s) + example,
				ConfigVariables: secret("wo-secret-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeTestCheckFunc(acctest.Log(s).CheckChanges(), rvCheckInfo(t, s, "RemoteVolume1", "password", "wo-secret-1")),
			},
			{
				PreConfig:       s.ResetJobLog,
				Config:          acctest.Provider(s) + strings.Replace(example, "password_wo_version = 1", "password_wo_version = 2", 1),
				ConfigVariables: secret("wo-secret-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					rvExpectReplacedBecause(addr, "password_wo_version"),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("remote_volume_remove", "remote_volume_add"),
					resource.TestCheckNoResourceAttr(addr, "password_wo"),
					rvCheckInfo(t, s, "RemoteVolume1", "password", "wo-secret-2"),
					rvCheckInfo(t, s, "RemoteVolume1", "vid", "10001"),
				),
			},
			{ // an import reads no password: the state never holds one
				Config:          acctest.Provider(s) + strings.Replace(example, "password_wo_version = 1", "password_wo_version = 2", 1),
				ConfigVariables: secret("wo-secret-2"),
				ResourceName:    addr, ImportState: true, ImportStateId: "RemoteVolume1", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "password_wo_version"},
			},
			{ // and a configuration generated by an import plans clean, with no secret in the plan file
				Config:          acctest.Provider(s) + strings.Replace(example, "password_wo_version = 1", "password_wo_version = 2", 1),
				ConfigVariables: secret("wo-secret-2"),
				ResourceName:    addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "RemoteVolume1",
				GenerateConfig: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					planHoldsNo("wo-secret-2", "exasol_remote_volume.generated"),
				}},
			},
		},
	})
}

// configuredServer is the provider's protocol server, configured for s as
// Terraform of tfVersion would, with the provider's schemas.
func configuredServer(t *testing.T, s *sim.Server, tfVersion string) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	return configuredServerCtx(context.Background(), t, s, tfVersion)
}

// configuredServerCtx is configuredServer with the context its calls log to
// (tests that read the provider's TRACE log pass theirs).
func configuredServerCtx(ctx context.Context, t *testing.T, s *sim.Server, tfVersion string) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "GetProviderSchema", schemas.Diagnostics)
	pt := schemas.Provider.ValueType().(tftypes.Object)
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: tfVersion,
		Config: rvDynamic(t, pt, rvObject(pt, acctest.ProviderValues(s), nil))})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ConfigureProvider", conf.Diagnostics)
	return srv, schemas
}
