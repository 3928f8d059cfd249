package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// Nodes that the seeded cluster depends on are imported and destroyed: the
// cluster refuses, the diagnostic names every reason and says what to do,
// and a suspended node that was resumed for the attempt is suspended again.
func TestAccNode_removeRefused(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	// DB1 runs on every node, on the seeded DataVolume1.
	acctest.Exec(t, s, "db_create", map[string]any{
		"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1", "mem_size": "1 GiB",
		"nodes": []any{int64(11), int64(12), int64(13)}, "num_active_nodes": int64(3), "port": int64(8563),
	})
	acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 12})

	n11 := `
import {
  to = exasol_node.n11
  id = "11"
}

resource "exasol_node" "n11" {
  id       = 11
  priv_net = "10.10.10.11/24"
}
`
	n12 := `
import {
  to = exasol_node.n12
  id = "12"
}

resource "exasol_node" "n12" {
  id        = 12
  priv_net  = "10.10.10.12/24"
  suspended = true
}
`
	forget := func(addr string) string {
		return fmt.Sprintf("\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", addr)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // importing changes nothing
				Config: acctest.Provider(s) + n11 + n12,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("exasol_node.n11", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("exasol_node.n12", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_node.n11", "name", nodeName(11)),
					resource.TestCheckResourceAttr("exasol_node.n12", "state", "suspended"),
					acctest.Log(s).CheckChanges(),
				),
			},
			{ // n12 holds segments of DataVolume1 and of DB1's temporary volume, and serves DB1
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + n11,
				ExpectError: regexp.MustCompile(`(?s)Cannot remove node 12.*` + acctest.APIJob("node_remove") + `.*` + nodeName(12) +
					`.*holds\s+segments.*DataVolume1.*v0001.*serves\s+database\s+'DB1'.*Clear\s+every\s+reason.*exasol_database.*removed`),
			},
			{ // the node was resumed for the attempt (Exasol refuses to remove a
				// suspended node) and suspended again when the removal was refused
				Config: acctest.Provider(s) + n11 + forget("exasol_node.n12"),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("node_resume", "node_remove", "node_suspend"),
					checkNodeState(t, s, 12, "suspended"),
				),
			},
			{ // n11 is also ConfD's master (EXAoperation's is the license server, n0010)
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s),
				ExpectError: regexp.MustCompile(`(?s)Cannot remove node 11.*` + acctest.APIJob("node_remove") + `.*` + nodeName(11) +
					perAPI(`.*master\s+node`, "") + `.*DataVolume1.*DB1.*master_change`),
			},
			{
				Config: acctest.Provider(s) + forget("exasol_node.n11"),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("node_remove"),
					checkNodeState(t, s, 11, "online"),
				),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, id := range []int{11, 12, 13} {
				if simNodeState(t, s, id) == "" {
					return fmt.Errorf("node %d was removed", id)
				}
			}
			return nil
		},
	})
}
