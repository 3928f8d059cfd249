package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The reason an archive volume is replaced when it shrinks is a warning in
// the plan output. The acceptance tests see the replacement (the CLI keeps
// warnings to itself), so this test asks the provider for the plan over
// the plugin protocol, the way Terraform does, and reads the diagnostics.
func TestStorageVolumeArchiveShrinkWarning(t *testing.T) {
	for _, c := range []struct {
		typ, from, to string
		replace       bool
	}{
		{"archive", "2 GiB", "1 GiB", true},
		{"archive", "2 GiB", "3 GiB", false},
		{"data", "2 GiB", "1 GiB", false},
	} {
		resp := planVolumeResize(t, c.typ, c.from, c.to)
		var warned []string
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				t.Fatalf("%s %s → %s: error %s: %s", c.typ, c.from, c.to, d.Summary, d.Detail)
			}
			warned = append(warned, d.Summary+": "+d.Detail)
		}
		replaced := len(resp.RequiresReplace) == 1 && resp.RequiresReplace[0].String() == tftypes.NewAttributePath().WithAttributeName("size").String()
		if replaced != c.replace {
			t.Errorf("%s %s → %s: requires replace %v, want %v", c.typ, c.from, c.to, resp.RequiresReplace, c.replace)
		}
		text := strings.Join(warned, "\n")
		said := true
		for _, w := range []string{"Shrinking archive volume A1 replaces it", "cannot shrink an archive volume", "Keep the size at 2 GiB or more"} {
			said = said && strings.Contains(text, w)
		}
		if c.replace && !said {
			t.Errorf("%s %s → %s: the plan does not say why it replaces the volume: %q", c.typ, c.from, c.to, text)
		}
		if !c.replace && text != "" {
			t.Errorf("%s %s → %s: unexpected warning %q", c.typ, c.from, c.to, text)
		}
	}
}

// On EXAoperation, which shrinks no volume (resizeVolume only enlarges), a
// data volume that shrinks is replaced too, and the plan says why.
func TestStorageVolumeShrinkWarning_exaoperation(t *testing.T) {
	s := acctest.Start(t, acctest.Face(client.APIEXAoperation))
	p := newPFServer(t, acctest.ProviderValues(s, acctest.CAPEM(string(s.CACertPEM())), acctest.WithAPI(client.APIEXAoperation)))
	resp := planVolumeResizeOn(t, p.srv, "data", "2 GiB", "1 GiB")
	var warned []string
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("error %s: %s", d.Summary, d.Detail)
		}
		warned = append(warned, d.Summary+": "+d.Detail)
	}
	if len(resp.RequiresReplace) != 1 || resp.RequiresReplace[0].String() != tftypes.NewAttributePath().WithAttributeName("size").String() {
		t.Errorf("requires replace %v, want size", resp.RequiresReplace)
	}
	text := strings.Join(warned, "\n")
	for _, w := range []string{"Shrinking data volume A1 replaces it", "EXAoperation cannot shrink a storage volume", "Keep the size at 2 GiB or more"} {
		if !strings.Contains(text, w) {
			t.Errorf("the plan does not say %q: %q", w, text)
		}
	}
	// growing stays in place
	if resp := planVolumeResizeOn(t, p.srv, "data", "2 GiB", "3 GiB"); len(resp.RequiresReplace) != 0 {
		t.Errorf("growing: requires replace %v", resp.RequiresReplace)
	}
}

// planVolumeResize plans a size change of a volume A1 through an unconfigured provider server.
func planVolumeResize(t *testing.T, typ, from, to string) *tfprotov6.PlanResourceChangeResponse {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	return planVolumeResizeOn(t, srv, typ, from, to)
}

// planVolumeResizeOn plans a size change of a volume A1 through srv.
func planVolumeResizeOn(t *testing.T, srv tfprotov6.ProviderServer, typ, from, to string) *tfprotov6.PlanResourceChangeResponse {
	t.Helper()
	ctx := context.Background()
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	objType := sch.ResourceSchemas["exasol_storage_volume"].ValueType().(tftypes.Object)
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	nums := func(n ...int64) tftypes.Value {
		var l []tftypes.Value
		for _, x := range n {
			l = append(l, num(x))
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, l)
	}
	labels := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{})
	config := map[string]tftypes.Value{
		"name": str("A1"), "type": str(typ), "disk": str("disk1"), "nodes": nums(11), "redundancy": num(1),
		"labels": labels, "app_io_enabled": tftypes.NewValue(tftypes.Bool, true), "int_io_enabled": tftypes.NewValue(tftypes.Bool, true),
	}
	state := map[string]tftypes.Value{
		"id": str("1"), "size": str(from), "num_master_nodes": num(1), "block_size": str("4 KiB"), "stripe_size": str("256 KiB"),
		"owner": nums(500, 500), "permissions": str("rwx------"), "priority": num(10), "shared": tftypes.NewValue(tftypes.Bool, true),
		"all_labels": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str("#Name#A1")}),
		"state":      str("ONLINE"), "volume_nodes": nums(11),
	}
	for k, v := range config {
		state[k] = v
	}
	proposed := map[string]tftypes.Value{}
	for k, v := range state {
		proposed[k] = v
	}
	proposed["size"], config["size"] = str(to), str(to)
	dv := func(vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
		full := map[string]tftypes.Value{}
		for name, at := range objType.AttributeTypes {
			if v, ok := vals[name]; ok {
				full[name] = v
			} else {
				full[name] = tftypes.NewValue(at, nil)
			}
		}
		d, err := tfprotov6.NewDynamicValue(objType, tftypes.NewValue(objType, full))
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	resp, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "exasol_storage_volume", PriorState: dv(state), ProposedNewState: dv(proposed), Config: dv(config),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
