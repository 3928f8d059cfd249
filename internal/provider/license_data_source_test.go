package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// The example reads the license's fields: ConfD's license_info, or
// EXAoperation's getLicenseProperties, getLicenseFeatures and
// getLicenseLimits. An uploaded license's fields show.
func TestAccLicense_dataSource(t *testing.T) {
	s := acctest.Start(t)
	const addr = "data.exasol_license.current"
	cfg := acctest.Provider(s) + readExample(t, "data-sources/exasol_license/data-source.tf")
	steps := []resource.TestStep{{
		Config: cfg,
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckResourceAttr(addr, "expiration_date", "unlimited"),
			resource.TestCheckResourceAttr(addr, "raw_data_limit", "10 GiB"),
			resource.TestCheckResourceAttr(addr, "dbram_limit", "unlimited"),
			resource.TestCheckResourceAttr(addr, "fields.license_type", "Developer"),
			resource.TestCheckResourceAttr(addr, "fields.valid", "true"),
		),
	}}
	steps = append(steps, resource.TestStep{
		PreConfig: func() { uploadOutOfBand(t, s, testLicense("Lic-DS-1")) },
		Config:    cfg,
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckResourceAttr(addr, "expiration_date", "2031-06-30"),
			resource.TestCheckResourceAttr(addr, "fields.serial", "Lic-DS-1"),
			resource.TestCheckResourceAttr(addr, "fields.license_type", "Enterprise"),
		),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
