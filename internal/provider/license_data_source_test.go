package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// The example reads license_info's fields; EXAoperation's read says that
// the interface cannot.
func TestAccLicense_dataSource(t *testing.T) {
	s := acctest.Start(t)
	if acctest.API() != "confd" {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{Config: acctest.Provider(s) + readExample(t, "data-sources/exasol_license/data-source.tf"),
				ExpectError: regexp.MustCompile(`(?s)EXAoperation cannot read the license.*getLicenseFeatures`)}},
		})
		return
	}
	const addr = "data.exasol_license.current"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + readExample(t, "data-sources/exasol_license/data-source.tf"),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(addr, "expiration_date", "unlimited"),
				resource.TestCheckResourceAttr(addr, "raw_data_limit", "10 GiB"),
				resource.TestCheckResourceAttr(addr, "fields.license_type", "Developer"),
				resource.TestCheckResourceAttr(addr, "fields.valid", "true"),
			),
		}},
	})
}
