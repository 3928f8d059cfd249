package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestAccDatabaseDataSources(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "db_create", map[string]any{
		"db_name": "OTHER", "version": "7.1.30", "data_volume_name": "DataVolume1", "mem_size": "1 GiB",
		"nodes": []any{int64(11)}, "num_active_nodes": int64(1), "port": int64(9000), "auto_start": false,
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + `
data "exasol_databases" "all" {}

data "exasol_database" "other" {
  db_name = "OTHER"
}
`,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_databases.all", "names.#", "1"),
					resource.TestCheckResourceAttr("data.exasol_databases.all", "names.0", "OTHER"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "version", "7.1.30"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "mem_size", "1 GiB"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "port", "9000"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "state", "setup"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "running", "false"),
					resource.TestCheckResourceAttr("data.exasol_database.other", "nodes.0", "11"),
				),
			},
			{
				Config: acctest.Provider(s) + `
data "exasol_database" "missing" {
  db_name = "MISSING"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Cannot read database MISSING.*does not\s+exist`),
			},
		},
	})
}
