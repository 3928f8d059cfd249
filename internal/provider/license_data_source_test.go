package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The example reads license_info's fields; EXAoperation's read says that
// the interface cannot.
func TestAccLicense_dataSource(t *testing.T) {
	s := startSim(t)
	if testAPI() != "confd" {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{Config: providerConfig(s) + readExample(t, "data-sources/exasol_license/data-source.tf"),
				ExpectError: regexp.MustCompile(`(?s)EXAoperation cannot read the licence.*getLicenseFeatures`)}},
		})
		return
	}
	const addr = "data.exasol_license.current"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(s) + readExample(t, "data-sources/exasol_license/data-source.tf"),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(addr, "expiration_date", "unlimited"),
				resource.TestCheckResourceAttr(addr, "raw_data_limit", "10 GiB"),
				resource.TestCheckResourceAttr(addr, "fields.license_type", "Developer"),
				resource.TestCheckResourceAttr(addr, "fields.valid", "true"),
			),
		}},
	})
}
