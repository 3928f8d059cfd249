package provider

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// A node added through EXAoperation without its MAC addresses is planned
// with a warning per address that names the placeholder it gets; with them,
// without. Warnings do not reach the acceptance tests' output, hence the
// protocol level.
func TestNode_placeholderMACsWarn(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD's node_add takes no MAC addresses (a Limit, TestAccNode_badInput)")
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
	configureProtocolProvider(t, srv, schemas, s)
	const typeName = "exasol_node"
	typ := schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	computed := map[string]bool{}
	for _, a := range schemas.ResourceSchemas[typeName].Block.Attributes {
		computed[a.Name] = a.Computed && !a.Optional
	}
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	warnings := func(vals map[string]tftypes.Value) map[string]string {
		t.Helper()
		vals["id"] = tftypes.NewValue(tftypes.Number, big.NewFloat(14))
		vals["priv_net"] = str("10.10.10.14/24")
		cfg := rvObject(typ, vals, nil)
		proposed := rvObject(typ, vals, func(k string) bool { return computed[k] || k == "suspended" })
		resp, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName,
			PriorState: rvDynamic(t, typ, tftypes.NewValue(typ, nil)), ProposedNewState: rvDynamic(t, typ, proposed),
			Config: rvDynamic(t, typ, cfg)})
		if err != nil {
			t.Fatal(err)
		}
		rvNoErrors(t, "PlanResourceChange", resp.Diagnostics)
		out := map[string]string{}
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				out[d.Summary] = d.Detail
			}
		}
		return out
	}
	got := warnings(map[string]tftypes.Value{})
	for attr, placeholder := range map[string]string{"mac_addr_eth0": "02:00:00:00:00:0e", "mac_addr_eth1": "02:00:00:00:01:0e"} {
		d, ok := got[attr+" is not set"]
		if !ok || !strings.Contains(d, "node 14 gets "+placeholder) || !strings.Contains(d, "set "+attr+" to the address") {
			t.Errorf("no warning for %s naming %s and what to do: %v", attr, placeholder, got)
		}
	}
	got = warnings(map[string]tftypes.Value{"mac_addr_eth0": str("08:00:27:00:00:01"), "mac_addr_eth1": str("08:00:27:00:00:02")})
	for summary := range got {
		if strings.Contains(summary, "mac_addr") {
			t.Errorf("warned though the MAC addresses are set: %v", got)
		}
	}
}
