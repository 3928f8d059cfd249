package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A write-only license (at the protocol level, as Terraform 1.11 drives it)
// is uploaded and kept out of the state and the TRACE log; after a license
// uploaded out of band, the plan uploads it again although the state never
// held it (the hash comes from the configuration). On either interface.
func TestLicense_writeOnlyProtocol(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.Password = "Lic-WO-Provider-Pass-3c" })
	const typeName = "exasol_license"
	lic := testLicense("Lic-WO-Secret-5b1e")
	var log syncBuffer
	ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &log), &log)
	srv, schemas := configuredServerCtx(ctx, t, s, "1.11.0")
	rs := schemas.ResourceSchemas[typeName]
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range rs.Block.Attributes {
		attrs[a.Name] = a
	}
	if a := attrs["license_wo"]; a == nil || !a.WriteOnly || !a.Sensitive {
		t.Fatalf("license_wo must be write-only and sensitive: %+v", a)
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	typ := rs.ValueType().(tftypes.Object)
	computed := func(k string) bool { return attrs[k] != nil && attrs[k].Computed }
	version := tftypes.NewValue(tftypes.Number, big.NewFloat(1))
	cfg := rvDynamic(t, typ, rvObject(typ, map[string]tftypes.Value{"license_wo": str(lic), "license_wo_version": version}, nil))
	null := rvDynamic(t, typ, tftypes.NewValue(typ, nil))
	_, applied := protoPlanApply(ctx, t, srv, typeName, null, rvDynamic(t, typ, rvObject(typ, map[string]tftypes.Value{"license_wo_version": version}, computed)), cfg, "")
	if st := rvAttrs(t, typ, applied.NewState); !st["license_wo"].IsNull() || !st["license"].IsNull() {
		t.Fatal("the state holds the license")
	}
	if s.Cluster().Snapshot().License != lic {
		t.Fatal("the license did not reach the cluster")
	}
	// Out of band, another license; the refresh reads its hash (ConfD) or
	// sees other fields (EXAoperation), and the plan wants the configured
	// one again.
	uploadOutOfBand(t, s, testLicense("Other"))
	read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: applied.NewState,
		Private: applied.Private})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource", read.Diagnostics)
	prop := rvAttrs(t, typ, read.NewState)
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: read.NewState,
		ProposedNewState: rvDynamic(t, typ, rvObject(typ, prop, nil)), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "PlanResourceChange (drift)", plan.Diagnostics)
	var planned, refreshed string
	_ = rvAttrs(t, typ, plan.PlannedState)["license_sha256"].As(&planned)
	_ = prop["license_sha256"].As(&refreshed)
	if planned != licenseHash(lic) || refreshed == planned {
		t.Fatalf("the plan does not upload the license again: planned %s, refreshed %s", planned, refreshed)
	}
	out := log.String()
	if !strings.Contains(out, "license_upload") && !strings.Contains(out, "licenseUpdate") {
		t.Fatalf("the log lacks license_upload, so it proves nothing (%d bytes)", len(out))
	}
	if strings.Contains(out, "Lic-WO-Secret-5b1e") {
		t.Fatal("the license appears in the TRACE log")
	}
}
