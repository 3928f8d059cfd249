package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// A node recorded without an id (an add that never answered, by an older
// release) can be refreshed (it leaves the state with a warning) and
// destroyed, so that a tainted one can be replaced: no job is sent, since
// nothing names a node.
func TestNode_withoutIDCanBeDestroyed(t *testing.T) {
	s := acctest.Start(t)
	ctx := context.Background()
	srv, schemas := configuredServer(t, s, "1.8.5")
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	typ := schemas.ResourceSchemas["exasol_node"].ValueType().(tftypes.Object)
	prior := rvObject(typ, map[string]tftypes.Value{"priv_net": str("10.10.10.14/24")}, nil)

	read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "exasol_node", CurrentState: rvDynamic(t, typ, prior)})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "ReadResource of a node without id", read.Diagnostics)
	nothing := tftypes.NewValue(typ, nil)
	apply, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "exasol_node",
		PriorState: rvDynamic(t, typ, prior), PlannedState: rvDynamic(t, typ, nothing), Config: rvDynamic(t, typ, nothing)})
	if err != nil {
		t.Fatal(err)
	}
	rvNoErrors(t, "destroying a node without id", apply.Diagnostics)
	if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
		t.Fatalf("destroying a node without id sent %v", jobs)
	}
}
