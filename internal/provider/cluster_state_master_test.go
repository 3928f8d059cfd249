package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// A planned move of the master, and one undone after an unplanned move.
func TestAccClusterState_masterNode(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	cfg := func(master int) string {
		return acctest.Provider(s) + fmt.Sprintf(`
resource "exasol_cluster_state" "this" {
  state       = "running"
  master_node = %d
}
`, master)
	}
	const addr = "exasol_cluster_state.this"
	masterChanges := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			n := 0
			for _, j := range acctest.Log(s).Changes() {
				if j == "master_change" {
					n++
				}
			}
			if n != want {
				return fmt.Errorf("%d master_change jobs sent, want %d", n, want)
			}
			return nil
		}
	}
	if acctest.API() == client.APIEXAoperation {
		// EXAoperation runs on the license server and moves only by restartEXAoperation
		// (client Limits): the plan fails, naming the attribute and the interface, and sends nothing
		s.ResetJobLog()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      cfg(12),
				ExpectError: regexp.MustCompile(`(?s)master_node is not supported by EXAoperation.*exasol_cluster_state.*restartEXAoperation`),
			}},
		})
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
			t.Errorf("a refused plan sent %v", jobs)
		}
		return
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // n11 is master at start: asking for n12 moves it
				Config: cfg(12),
				Check:  resource.ComposeTestCheckFunc(resource.TestCheckResourceAttr(addr, "master", nodeName(12)), masterChanges(1)),
			},
			{ // the master moves out of band: the plan shows it, apply moves it back
				PreConfig: func() {
					acctest.Exec(t, s, "master_change", map[string]any{"nids": []int{13}})
					s.ResetJobLog()
				},
				Config: cfg(12),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(resource.TestCheckResourceAttr(addr, "master", nodeName(12)), masterChanges(1)),
			},
			{ // the same master again: nothing to do, and the plan stays quiet
				PreConfig: s.ResetJobLog,
				Config:    cfg(12),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: masterChanges(0),
			},
		},
	})
}
