package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// TestAccNodeExamples applies the documented exasol_node snippets.
func TestAccNodeExamples(t *testing.T) {
	acctest.OnlyOnRelease8(t, "an operator adds the node with node_add's offline flag, which 7.1 lacks")
	s := acctest.Start(t)
	resourceEx := readExample(t, "resources/exasol_node/resource.tf")
	// The operator added node 14 by hand; the import block adopts it.
	acctest.Exec(t, s, "node_add", map[string]any{"nid": 14, "offline": true, "priv_net": "10.10.10.14/24"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // the import block example
				Config: acctest.Provider(s) + resourceEx + readExample(t, "resources/exasol_node/import-by-string-id.tf"),
				// Only the timeouts block, which an import cannot know, is
				// recorded: an update that sends no job.
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("exasol_node.example", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_node.example", "name", nodeName(14)),
					resource.TestCheckResourceAttr("exasol_node.example", "state", "online"),
					acctest.Log(s).CheckChanges(),
				),
			},
			{ // data sources next to the resource
				Config: acctest.Provider(s) + resourceEx +
					readExample(t, "data-sources/exasol_node/data-source.tf") +
					readExample(t, "data-sources/exasol_nodes/data-source.tf"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("n11_state", knownvalue.StringExact("online")),
					statecheck.ExpectKnownOutputValue("online_nodes", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(nodeName(11)), knownvalue.StringExact(nodeName(14)),
					})),
				},
			},
			{ // terraform import exasol_node.example 14 (import.sh)
				Config:                  acctest.Provider(s) + resourceEx,
				ResourceName:            "exasol_node.example",
				ImportState:             true,
				ImportStateId:           "14",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if st := simNodeState(t, s, 14); st != "" {
				return fmt.Errorf("node 14 is still there after destroy (%s)", st)
			}
			return nil
		},
	})
}
