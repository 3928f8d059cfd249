package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A plan against a cluster that does not answer still succeeds (the
// preflight is skipped, with a warning: see TestPreflightUnreachable),
// unless strict_preflight (or EXASOL_STRICT_PREFLIGHT) asks to fail it.
func TestAccPreflight_unreachable(t *testing.T) {
	s := acctest.Start(t, acctest.Face(sim.APIConfD), acctest.AsRelease(""))
	block := func(settings string) string {
		return acctest.Provider(s, acctest.WithAPI(""), acctest.CAPEM(string(s.CACertPEM())), acctest.Lines(settings))
	}
	if err := s.Close(); err != nil { // gone before the first plan
		t.Fatal(err)
	}
	volume := `
resource "exasol_remote_volume" "r" {
  remote_volume_name = "R1"
  vol_type           = "s3"
  url                = "https://r1.s3.eu-west-1.amazonaws.com"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: block("") + volume, PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: block("  skip_preflight = true") + volume, PlanOnly: true, ExpectNonEmptyPlan: true},
			{
				Config: block("  strict_preflight = true") + volume, PlanOnly: true,
				ExpectError: pfRE("Preflight checks of remote volume R1 could not run", "strict_preflight is set"),
			},
			{
				PreConfig: func() { t.Setenv("EXASOL_STRICT_PREFLIGHT", "true") },
				Config:    block("") + volume, PlanOnly: true,
				ExpectError: pfRE("Preflight checks of remote volume R1 could not run"),
			},
			{ // the block wins over the environment
				Config: block("  strict_preflight = false") + volume, PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{
				Config: block("  strict_preflight = true\n  skip_preflight = true") + volume, PlanOnly: true,
				ExpectError: pfRE("Contradictory preflight settings"),
			},
		},
	})
}
