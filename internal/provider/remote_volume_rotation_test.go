package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// A new password replaces a remote volume (ConfD has no job that edits
// one); the plan says so, and what can block the removal, in a warning.
// Warnings do not reach the acceptance tests' output, hence the protocol
// level.
func TestRemoteVolume_passwordRotationExplained(t *testing.T) {
	s := acctest.Start(t)
	ctx := context.Background()
	srv, schemas := configuredServer(t, s, "1.8.5")
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	typ := schemas.ResourceSchemas[rvType].ValueType().(tftypes.Object)
	with := func(password string) tftypes.Value {
		return rvObject(typ, map[string]tftypes.Value{
			"vol_type": str("s3"), "url": str("https://backups.s3.amazonaws.com"), "username": str("AKIAEXAMPLE"),
			"password": str(password), "remote_volume_name": str("r0001"), "id": str("10001"),
		}, nil)
	}
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: rvType,
		PriorState: rvDynamic(t, typ, with("Rotation-Secret-1")), ProposedNewState: rvDynamic(t, typ, with("Rotation-Secret-2")),
		Config: rvDynamic(t, typ, with("Rotation-Secret-2"))})
	if err != nil {
		t.Fatal(err)
	}
	replaced, explained := false, false
	for _, p := range plan.RequiresReplace {
		replaced = replaced || p.String() == tftypes.NewAttributePath().WithAttributeName("password").String()
	}
	for _, d := range plan.Diagnostics {
		explained = explained || d.Severity == tfprotov6.DiagnosticSeverityWarning && d.Summary == "A new password replaces the remote volume"
	}
	if !replaced || !explained {
		t.Fatalf("a new password: replaced %v, explained %v; diagnostics %+v", replaced, explained, plan.Diagnostics)
	}
}
