package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestAccNodeDataSources(t *testing.T) {
	acctest.OnlyOnRelease8(t, "an operator adds the node with node_add's offline flag, which 7.1 lacks")
	s := acctest.Start(t)
	acctest.Exec(t, s, "node_add", map[string]any{"nid": 14, "offline": true, "priv_net": "10.10.10.14/24", "pub_net": "192.168.1.14/24"})
	acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 14})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + `
data "exasol_nodes" "all" {}

data "exasol_node" "n14" {
  id = 14
}

data "exasol_node" "n11" {
  id = 11
}
`,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.#", "2"),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.0.id", "11"),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.0.name", nodeName(11)),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.0.state", "online"),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.0.private_ip", "10.10.10.11"),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.1.id", "14"),
					resource.TestCheckResourceAttr("data.exasol_nodes.all", "nodes.1.state", "suspended"),
					resource.TestCheckResourceAttr("data.exasol_node.n14", "name", nodeName(14)),
					resource.TestCheckResourceAttr("data.exasol_node.n14", "priv_net", "10.10.10.14/24"),
					resource.TestCheckResourceAttr("data.exasol_node.n14", "pub_net", "192.168.1.14/24"),
					resource.TestCheckResourceAttr("data.exasol_node.n14", "suspended", "true"),
					resource.TestCheckResourceAttr("data.exasol_node.n14", "state", "suspended"),
					resource.TestCheckResourceAttr("data.exasol_node.n11", "state", "online"),
					resource.TestCheckResourceAttr("data.exasol_node.n11", "suspended", "false"),
					resource.TestCheckNoResourceAttr("data.exasol_node.n11", "pub_net"),
					resource.TestCheckResourceAttr("data.exasol_node.n11", "disks.0.name", "disk1"),
					// EXAoperation does not report a disk's devices (client.EXAoperation.storageDisks)
					perAPI(resource.TestCheckResourceAttr("data.exasol_node.n11", "disks.0.devices.0", "dev.1"),
						resource.TestCheckResourceAttr("data.exasol_node.n11", "disks.0.devices.#", "0")),
					resource.TestMatchResourceAttr("data.exasol_node.n11", "uuid", regexp.MustCompile(`^[0-9A-F]{40}$`)),
				),
			},
			{
				Config: acctest.Provider(s) + `
data "exasol_node" "missing" {
  id = 42
}
`,
				ExpectError: regexp.MustCompile(`(?s)Cannot read node 42.*does not\s+exist`),
			},
		},
	})
}
