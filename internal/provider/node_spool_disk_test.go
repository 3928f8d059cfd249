package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// spool_disk: EXAoperation's addNode requires it (a choice of the
// cluster's data disks, checked at plan time); ConfD's node_add takes none
// (a Limit, refused at plan time).
func TestAccNode_spoolDisk(t *testing.T) {
	s := acctest.Start(t)
	planTime := func(body, msg string) resource.TestStep {
		return resource.TestStep{Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", body), PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	node := "  id = 14\n  priv_net = \"10.10.10.14/24\"\n"
	steps := []resource.TestStep{
		planTime(node+`  spool_disk = "d09_none"`, perAPI(`(?s)spool_disk is not supported by ConfD.*node_add takes no spool\s+disk`,
			`(?s)Unknown spool disk.*"d09_none" is not one of the cluster's data disks.*d02_data`)),
	}
	if acctest.API() == client.APIEXAoperation {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
					t.Errorf("plan-time validation sent jobs: %v", jobs)
				}
			},
			Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", node+`  spool_disk = "d02_data"`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(nodeAddr, "spool_disk", "d02_data"),
				func(*terraform.State) error {
					for _, r := range acctest.Log(s).Records() {
						if r.Name != "addNode" {
							continue
						}
						p, _ := r.Params["args"].([]any)[0].(map[string]any)
						if p["spool_disk"] != "d02_data" {
							return fmt.Errorf("addNode sent %v", p)
						}
						return nil
					}
					return fmt.Errorf("no addNode was sent")
				}),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
