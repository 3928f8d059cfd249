package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

const pfVolume2 = `
resource "exasol_storage_volume" "v2" {
  name       = "V2"
  type       = "data"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11, 12]
  redundancy = 1
}
`

// Each check of a database fails the plan with its diagnostic before any
// job is sent, and a valid database, also one on a data volume planned in
// the same run or known only at apply, passes.
func TestAccPreflight_database(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(2)) // DataVolume1 on n11, n12: two master nodes
	p := acctest.Provider(s)
	db1 := acctest.Database("db1", acctest.Attrs{"nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8563})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			pfFails(p+acctest.Database("db1", acctest.Attrs{"version": "8.30.0", "nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8563}),
				"Database version not installed", "Version 8.30.0 is not installed on the cluster. Installed versions: 7.1.30, 8.29.0."),
			pfFails(p+acctest.Database("db1", acctest.Attrs{"nodes": []int{11, 12, 99}, "num_active_nodes": 2, "port": 8563}),
				"No such node", "Node 99 does not exist; the cluster has nodes 11, 12."),
			{
				PreConfig:   func() { acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 12}) },
				Config:      p + db1,
				PlanOnly:    true,
				ExpectError: pfRE("Suspended node", "Node "+nodeName(12)+" (12) is suspended"),
			},
			{
				PreConfig: func() { acctest.Exec(t, s, "node_resume", map[string]any{"nid": 12}) },
				Config:    p + acctest.Database("db1", acctest.Attrs{"nodes": []int{11, 12}, "num_active_nodes": 3, "port": 8563}),
				PlanOnly:  true, ExpectError: pfRE("Too many active nodes", "num_active_nodes is 3 but nodes lists only 2 node(s)."),
			},
			pfFails(p+acctest.Database("db1", acctest.Attrs{"nodes": []int{11, 12}, "num_active_nodes": 1, "port": 8563}),
				"Data volume does not match the active nodes",
				"Storage volume DataVolume1 has 2 master node(s), but database DB1 has 1 active node(s)"),
			pfFails(p+acctest.Database("db1", acctest.Attrs{"data_volume_name": "NoSuchVolume", "nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8563}),
				"No such data volume", "Storage volume NoSuchVolume does not exist.", "refer to it"),
			{ // valid: passes, and none of the failed plans sent a job
				PreConfig: pfNoJobs(t, s),
				Config:    p + db1,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_database.db1", "state", "running"),
					func(*terraform.State) error { s.ResetJobLog(); return nil },
				),
			},
			pfFails(p+db1+acctest.Database("db2", acctest.Attrs{"db_name": "DB2", "nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8564}),
				"Data volume in use", "Storage volume DataVolume1 already holds the data of database DB1"),
			// V2 is planned in this run, so it passes; the port does not.
			pfFails(p+db1+pfVolume2+acctest.Database("db2", acctest.Attrs{"db_name": "DB2", "data_volume_name": acctest.Expr("exasol_storage_volume.v2.name"), "nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8563}),
				"Port in use", "Port 8563 is already used by database DB1."),
			{ // the data volume's name is known only at apply: skipped at plan, checked (and found) at apply
				PreConfig: pfNoJobs(t, s),
				Config:    p + db1 + pfVolume2 + acctest.Database("db2", acctest.Attrs{"db_name": "DB2", "data_volume_name": acctest.Expr(`exasol_storage_volume.v2.id != "" ? exasol_storage_volume.v2.name : "unknown"`), "nodes": []int{11, 12}, "num_active_nodes": 2, "port": 8564}),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_database.db2", "data_volume_name", "V2"),
					resource.TestCheckResourceAttr("exasol_database.db2", "state", "running"),
				),
			},
		},
	})
}
