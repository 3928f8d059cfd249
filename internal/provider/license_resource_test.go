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
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// testLicense is a license as both interfaces take it: XML text
// (EXAoperation's licenseUpdate wants "xml-formatted" data; ConfD takes the
// file as it is). serial tells two apart in their fields too.
func testLicense(serial string) string {
	return "<license><license_type>Enterprise</license_type><serial>" + serial + "</serial>" +
		"<expiration_date>2031-06-30</expiration_date></license>"
}

// uploadOutOfBand uploads a license behind the provider's back through the
// interface under test.
func uploadOutOfBand(t *testing.T, s *sim.Server, license string) {
	t.Helper()
	if acctest.API() == client.APIEXAoperation {
		acctest.Call(t, s, "", "licenseUpdate", license)
		return
	}
	acctest.Exec(t, s, "license_upload", map[string]any{"license": license})
}

// Upload, a new license in place, a license uploaded out of band put back,
// import, a destroy that leaves it (the license in no TRACE log line:
// TestAccSecrets_traceLogOfApplyAndDestroy), on either interface. ConfD
// returns the license file, so the state holds its hash after an import;
// EXAoperation cannot (its fields tell a change out of band), so an
// imported license's hash is null until the next upload.
func TestAccLicense_lifecycle(t *testing.T) {
	lic1, lic2 := testLicense("Lic-Secret-0a91"), testLicense("Lic-Secret-77c2")
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
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	ignore := []string{"license"}
	if acctest.API() == client.APIEXAoperation {
		ignore = append(ignore, "license_sha256")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, ConfigVariables: vars(lic1), Check: resource.ComposeTestCheckFunc(simLicense(lic1),
				resource.TestCheckResourceAttr(addr, "license_sha256", licenseHash(lic1))),
			},
			{Config: cfg, ConfigVariables: vars(lic1), PlanOnly: true}, // a refresh finds no change
			{Config: cfg, ConfigVariables: vars(lic2), ConfigPlanChecks: update, Check: simLicense(lic2)},
			{ // another license uploaded out of band is put back
				PreConfig: func() { uploadOutOfBand(t, s, testLicense("out-of-band")) },
				Config:    cfg, ConfigVariables: vars(lic2),
				ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(simLicense(lic2),
					resource.TestCheckResourceAttr(addr, "license_sha256", licenseHash(lic2)))},
			{Config: cfg, ConfigVariables: vars(lic2), PlanOnly: true},
			{Config: cfg, ConfigVariables: vars(lic2), ResourceName: addr, ImportState: true, ImportStateId: "license",
				ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
			{Config: cfg, ConfigVariables: vars(""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)license.*at least 1`)},
		},
		CheckDestroy: simLicense(lic2),
	})
}

// What the interface refuses fails the apply with its reason, and the
// cluster keeps its license: EXAoperation takes XML only ("license data as
// xml-formatted string").
func TestAccLicense_refusedByEXAoperation(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) { o.API = sim.APIEXAoperation })
	p := acctest.Provider(s, acctest.SetString("api", "exaoperation"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: p + readExample(t, "resources/exasol_license/resource.tf"),
			ConfigVariables: config.Variables{"license_file": config.StringVariable("[License]\nSerial = x\n")},
			ExpectError:     regexp.MustCompile(`(?s)Cannot upload the license.*licenseUpdate.*xml`)}},
		CheckDestroy: func(*terraform.State) error {
			if l := s.Cluster().Snapshot().License; l != "" {
				return fmt.Errorf("the refused license reached the cluster: %q", l)
			}
			return nil
		},
	})
}
