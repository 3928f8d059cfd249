package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exasol_system_user on EXAoperation: its own users (addUser, editUser,
// deleteUserByLogin), a login and a password.

// simEXAoperationUser checks a user's password in the simulator ("": the
// user must be gone).
func simEXAoperationUser(s *sim.Server, login, password string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		title, pw, ok := s.EXAoperationUser(login)
		switch {
		case password == "" && ok:
			return fmt.Errorf("user %s still exists", login)
		case password == "":
			return nil
		case !ok:
			return fmt.Errorf("user %s does not exist", login)
		case pw != password || title != login:
			return fmt.Errorf("user %s has title %q and another password", login, title)
		}
		return nil
	}
}

func exaopUserConfig(s *sim.Server, name string, version int) string {
	return acctest.Provider(s) + fmt.Sprintf(`
variable "pw" {
  type      = string
  sensitive = true
}

resource "exasol_system_user" "u" {
  username            = %q
  password_wo         = var.pw
  password_wo_version = %d
}
`, name, version)
}

// Create, the password changed in place by a new version (a new value
// alone changes nothing), drift (deleted out of band), replacement by a
// new name, import. Write-only attributes need Terraform 1.11.
func TestAccSystemUser_EXAoperation(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "EXAoperation's users (ConfD's are TestAccSystemUser_lifecycle's)")
	s := acctest.Start(t)
	const addr = "exasol_system_user.u"
	pw := func(v string) config.Variables { return config.Variables{"pw": config.StringVariable(v)} }
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: exaopUserConfig(s, "ana", 1), ConfigVariables: pw("Ana-Pass-1"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", "ana"),
					resource.TestCheckResourceAttr(addr, "userid", "1001"),
					resource.TestCheckNoResourceAttr(addr, "group"),
					resource.TestCheckResourceAttr(addr, "login_enabled", "true"),
					resource.TestCheckNoResourceAttr(addr, "password_wo"),
					simEXAoperationUser(s, "ana", "Ana-Pass-1"),
				),
			},
			{ // a new value without a new version: nothing to do
				Config: exaopUserConfig(s, "ana", 1), ConfigVariables: pw("Ana-Pass-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            simEXAoperationUser(s, "ana", "Ana-Pass-1"),
			},
			{ // a new version: editUser, in place
				Config: exaopUserConfig(s, "ana", 2), ConfigVariables: pw("Ana-Pass-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(simEXAoperationUser(s, "ana", "Ana-Pass-2"),
					resource.TestCheckResourceAttr(addr, "userid", "1001")),
			},
			{ // drift: deleted out of band, added again
				PreConfig: func() { acctest.Call(t, s, "", "deleteUserByLogin", "ana") },
				Config:    exaopUserConfig(s, "ana", 2), ConfigVariables: pw("Ana-Pass-3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: simEXAoperationUser(s, "ana", "Ana-Pass-3"),
			},
			{ // a new name replaces the user
				Config: exaopUserConfig(s, "ana2", 2), ConfigVariables: pw("Ana-Pass-3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(simEXAoperationUser(s, "ana", ""), simEXAoperationUser(s, "ana2", "Ana-Pass-3")),
			},
			{Config: exaopUserConfig(s, "ana2", 2), ConfigVariables: pw("Ana-Pass-3"),
				ResourceName: addr, ImportState: true, ImportStateId: "ana2", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "timeouts"}},
		},
		CheckDestroy: simEXAoperationUser(s, "ana2", ""),
	})
}

// What EXAoperation's users do not have is refused at plan time, each
// attribute naming the interface and the reason; so is a user without a
// password, and system groups as a whole. The apply refuses to change the
// user the provider logs in as (TestExaopSysUsers in the client).
func TestAccSystemUser_EXAoperationRefusals(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "EXAoperation's refusals")
	s := acctest.Start(t)
	p := acctest.Provider(s)
	user := func(body string) string {
		return p + "resource \"exasol_system_user\" \"u\" {\n  username = \"ana\"\n" + body + "}\n"
	}
	for _, c := range []struct{ cfg, msg string }{
		{p + readExample(t, "resources/exasol_system_group/resource.tf"), `(?s)exasol_system_group is not available on EXAoperation.*no\s+groups`},
		{user("  userid = 1300\n"), `(?s)userid is not supported by EXAoperation.*addUser takes no id`},
		{user("  group = \"exausers\"\n"), `(?s)group is not supported by EXAoperation.*no\s+groups`},
		{user("  additional_groups = [\"exaadm\"]\n"), `(?s)additional_groups is not supported by EXAoperation`},
		{user("  authorized_keys = [\"ssh-ed25519 AAAA\"]\n"), `(?s)authorized_keys is not supported by EXAoperation.*no\s+keys`},
		{user("  login_enabled = false\n"), `(?s)login_enabled = false is not supported by EXAoperation`},
		{user(""), `(?s)password_wo is required on EXAoperation.*addUser\s+requires\s+a\s+password`},
		{p + `data "exasol_system_groups" "all" {}`, `(?s)Cannot list system groups.*EXAoperation cannot manage system groups`},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: c.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(c.msg)}},
		})
	}
}

// The user the provider logs in as may be imported and read, but not
// deleted: the apply refuses and says how to let go of it.
func TestAccSystemUser_EXAoperationOwnUser(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD's is TestConfDSysUserSelf's (client)")
	s := acctest.Start(t)
	p := acctest.Provider(s)
	me := fmt.Sprintf(`
import {
  to = exasol_system_user.me
  id = %[1]q
}

resource "exasol_system_user" "me" {
  username = %[1]q
}
`, s.Username())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: p + me, Check: resource.TestCheckResourceAttr("exasol_system_user.me", "userid", "1000")},
			{Config: p, ExpectError: regexp.MustCompile(`(?s)Cannot delete system user ` + s.Username() + `.*the\s+user\s+the\s+client\s+logs\s+in\s+as.*removed\s+block`)},
			{Config: p + `
removed {
  from = exasol_system_user.me
  lifecycle {
    destroy = false
  }
}
`, Check: func(*terraform.State) error {
				if _, _, ok := s.EXAoperationUser(s.Username()); !ok {
					return fmt.Errorf("user %s is gone", s.Username())
				}
				return nil
			}},
		},
	})
}

// The EXAoperation example, applied as the docs show it.
func TestAccSystemUser_EXAoperationExample(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "the example is EXAoperation's")
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureWriteOnly)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:          acctest.Provider(s) + readExample(t, "resources/exasol_system_user/exaoperation/resource.tf"),
			ConfigVariables: config.Variables{"operator_password": config.StringVariable("Operator-Pass-1")},
			Check:           simEXAoperationUser(s, "operator", "Operator-Pass-1"),
		}},
		CheckDestroy: simEXAoperationUser(s, "operator", ""),
	})
}
