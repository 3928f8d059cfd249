package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Upload, a new license in place, a license uploaded out of band put back,
// import, a destroy that leaves it (the license in no TRACE log line:
// TestAccSecrets_traceLogOfApplyAndDestroy).
func TestAccLicense_lifecycle(t *testing.T) {
	onlyOnConfD(t, "EXAoperation documents no license upload (see TestAccLicense_refusedOnEXAoperation)")
	const lic1, lic2 = "[License]\nLicenseType = Enterprise\nSerial = Lic-Secret-0a91\n", "[License]\nLicenseType = Enterprise\nSerial = Lic-Secret-77c2\n"
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + readExample(t, "resources/exasol_license/resource.tf")
	vars := func(l string) config.Variables { return config.Variables{"license_file": config.StringVariable(l)} }
	const addr = "exasol_license.cluster"
	simLicense := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := s.Cluster().Snapshot().License; got != want {
				return fmt.Errorf("the cluster has license %q", got)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ConfigVariables: vars(lic1), Check: resource.ComposeTestCheckFunc(simLicense(lic1),
				resource.TestCheckResourceAttr(addr, "license_sha256", licenseHash(lic1))),
			},
			{Config: cfg, ConfigVariables: vars(lic2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check:            simLicense(lic2)},
			{ // another license uploaded out of band is put back
				PreConfig: func() {
					acctest.Exec(t, s, "license_upload", map[string]any{"license": "[License]\nLicenseType = Developer\n"})
				},
				Config: cfg, ConfigVariables: vars(lic2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check:            simLicense(lic2)},
			{Config: cfg, ConfigVariables: vars(lic2), ResourceName: addr, ImportState: true, ImportStateId: "license",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"license"}},
			{Config: cfg, ConfigVariables: vars(""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)license.*at least 1`)},
		},
		CheckDestroy: simLicense(lic2),
	})
}

// On EXAoperation the plan refuses it, naming the interface.
func TestAccLicense_refusedOnEXAoperation(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.API = sim.APIEXAoperation })
	p := acctest.Provider(s, acctest.SetString("api", "exaoperation"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: p + readExample(t, "resources/exasol_license/resource.tf"),
			ConfigVariables: config.Variables{"license_file": config.StringVariable("x")}, PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)exasol_license is not available on EXAoperation.*license_upload`)}},
	})
}
