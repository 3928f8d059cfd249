package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// configureDiags configures a provider server with the given block and
// returns its diagnostics as "severity: summary: detail" lines.
func configureDiags(t *testing.T, block map[string]tftypes.Value) []string {
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
		Config: p.value(sch.Provider.ValueType().(tftypes.Object), block),
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Severity.String()+": "+d.Summary+": "+d.Detail)
	}
	return out
}

// TestProviderDetectsInterface: without api, the provider asks the cluster
// which interface it serves, and says nothing when that works (a drift job
// that alerts on warnings must not alert on every run); with api set it asks
// nothing. A cluster that does not answer gets one warning.
func TestProviderDetectsInterface(t *testing.T) {
	for _, api := range []string{"confd", "exaoperation"} {
		t.Run(api, func(t *testing.T) {
			s := acctest.Start(t, acctest.Face(api))
			block := acctest.ProviderValues(s, acctest.CAPEM(string(s.CACertPEM())))
			delete(block, "api")
			if diags := configureDiags(t, block); len(diags) != 0 {
				t.Fatalf("detected: diagnostics %q, want none", diags)
			}
			block["api"] = pfStr(api)
			if diags := configureDiags(t, block); len(diags) != 0 {
				t.Fatalf("with api set: diagnostics %q, want none", diags)
			}
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		s := acctest.Start(t)
		block := acctest.ProviderValues(s, acctest.CAPEM(string(s.CACertPEM())))
		delete(block, "api")
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		diags := configureDiags(t, block)
		if len(diags) != 1 || !strings.Contains(diags[0], "WARNING: Management interface not detected") {
			t.Fatalf("diagnostics %q, want one warning that the interface was not detected", diags)
		}
	})
}
