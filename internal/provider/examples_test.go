package provider

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// The examples in examples/ are what the docs show; this test applies them,
// so every documented snippet is known to work.

func readExample(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAccExamples(t *testing.T) {
	s := acctest.Start(t)
	resourceEx := readExample(t, "resources/exasol_database/resource.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // the provider block, fed through its variables
				Config: readExample(t, "provider/provider.tf") + resourceEx,
				ConfigVariables: config.Variables{
					"exasol_endpoints":    config.ListVariable(config.StringVariable(s.Endpoints()[0])),
					"exasol_password":     config.StringVariable(s.Password()),
					"exasol_ca_cert_file": config.StringVariable(s.CACertFile()),
				},
				Check: resource.TestCheckResourceAttr("exasol_database.example", "state", "running"),
			},
			{ // data sources next to the resource they read
				Config: acctest.Provider(s) + resourceEx +
					readExample(t, "data-sources/exasol_database/data-source.tf") +
					readExample(t, "data-sources/exasol_databases/data-source.tf"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.exasol_database.example", "connection_string",
						"exasol_database.example", "connection_string"),
					resource.TestCheckResourceAttr("data.exasol_databases.all", "names.0", "DB1"),
				),
			},
			{ // the import block example
				Config:                               acctest.Provider(s) + resourceEx,
				ResourceName:                         "exasol_database.example",
				ImportState:                          true,
				ImportStateId:                        "DB1",
				ImportStateVerify:                    true,
				ImportStateVerifyIgnore:              []string{"timeouts"},
				ImportStateVerifyIdentifierAttribute: "db_name",
			},
		},
	})
}
