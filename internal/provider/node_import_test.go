package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// space_warn_threshold and bg_rec_limit are not reported by any job. After
// an import their configured values are recorded without replacing the node;
// once known, a change replaces it.
func TestAccNode_importUnreported(t *testing.T) {
	acctest.OnlyOnRelease8(t, "an operator adds the node with node_add's offline flag, which 7.1 lacks")
	onlyOn(t, client.APIConfD, "EXAoperation takes neither space_warn_threshold nor bg_rec_limit (Limits), and reports the MAC addresses it takes")
	s := acctest.Start(t)
	acctest.Exec(t, s, "node_add", map[string]any{"nid": 14, "offline": true, "priv_net": "10.10.10.14/24", "space_warn_threshold": 80})
	cfg := func(threshold string) string {
		return acctest.Provider(s) + `
import {
  to = exasol_node.test
  id = "14"
}

resource "exasol_node" "test" {
  id                   = 14
  priv_net             = "10.10.10.14/24"
  space_warn_threshold = ` + threshold + `
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: s.ResetJobLog,
				Config:    cfg("80"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(),
					resource.TestCheckResourceAttr(nodeAddr, "space_warn_threshold", "80"),
				),
			},
			{
				PreConfig: s.ResetJobLog,
				Config:    cfg("90"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nodeAddr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy{nodeAddr, "space_warn_threshold"},
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(append([]string{"node_remove"}, nodeAddJobs()...)...),
					checkJobParams(s, "node_add", map[string]any{"space_warn_threshold": 90}),
				),
			},
		},
	})
}
