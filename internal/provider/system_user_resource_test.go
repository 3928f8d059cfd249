package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	simcluster "github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// exasol_system_user and exasol_system_group on ConfD (user_* / group_*);
// EXAoperation's users and its refusals are system_user_exaop_test.go's.

func simUser(s *sim.Server, name string, check func(u *simcluster.SysUser) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		u, _ := s.Cluster().Snapshot().FindSysUser(name)
		if check == nil {
			if u != nil {
				return fmt.Errorf("user %s still exists", name)
			}
			return nil
		}
		if u == nil {
			return fmt.Errorf("user %s does not exist", name)
		}
		return check(u)
	}
}

func userConfig(t *testing.T, s *sim.Server, userid int, group string, login bool, extra string) string {
	return acctest.Provider(s) + readExample(t, "resources/exasol_system_group/resource.tf") + fmt.Sprintf(`
resource "exasol_system_user" "u" {
  username          = "ana"
  userid            = %d
  group             = %q
  login_enabled     = %t
  additional_groups = [%s]
}
`, userid, group, login, extra)
}

// Create, change in place, drift made through the simulator, replacement
// by a new id, import.
func TestAccSystemUser_lifecycle(t *testing.T) {
	onlyOnConfD(t, "EXAoperation's users are TestAccSystemUser_EXAoperation's")
	s := acctest.Start(t)
	const addr = "exasol_system_user.u"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: userConfig(t, s, 1300, "exausers", true, `exasol_system_group.analysts.groupname`),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", "ana"),
					resource.TestCheckResourceAttr("exasol_system_group.analysts", "groupid", "1200"),
					simUser(s, "ana", func(u *simcluster.SysUser) error {
						if u.ID != 1300 || u.Group != "exausers" || !u.LoginEnabled || !slices.Equal(u.AdditionalGroups, []string{"analysts"}) || u.Password != "*" {
							return fmt.Errorf("the user is %+v", u)
						}
						return nil
					}),
				),
			},
			{ // in place
				Config: userConfig(t, s, 1300, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: simUser(s, "ana", func(u *simcluster.SysUser) error {
					if u.Group != "exaadm" || u.LoginEnabled || len(u.AdditionalGroups) != 2 {
						return fmt.Errorf("the user is %+v", u)
					}
					return nil
				}),
			},
			{ // drift: login enabled out of band, put back
				PreConfig: func() { acctest.Exec(t, s, "user_modify", map[string]any{"username": "ana", "login_enabled": true}) },
				Config:    userConfig(t, s, 1300, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: simUser(s, "ana", func(u *simcluster.SysUser) error {
					if u.LoginEnabled {
						return fmt.Errorf("login is still enabled")
					}
					return nil
				}),
			},
			{ // a new id replaces the user
				Config: userConfig(t, s, 1301, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: simUser(s, "ana", func(u *simcluster.SysUser) error {
					if u.ID != 1301 {
						return fmt.Errorf("id %d", u.ID)
					}
					return nil
				}),
			},
			{ // drift: deleted out of band, created again
				PreConfig: func() { acctest.Exec(t, s, "user_delete", map[string]any{"username": "ana"}) },
				Config:    userConfig(t, s, 1301, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
			{Config: userConfig(t, s, 1301, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ResourceName: addr, ImportState: true, ImportStateId: "ana", ImportStateVerify: true},
			{Config: userConfig(t, s, 1301, "exaadm", false, `"exabfsadm", exasol_system_group.analysts.groupname`),
				ResourceName: "exasol_system_group.analysts", ImportState: true, ImportStateId: "analysts", ImportStateVerify: true},
		},
		CheckDestroy: resource.ComposeTestCheckFunc(simUser(s, "ana", nil), func(*terraform.State) error {
			if g, _ := s.Cluster().Snapshot().FindSysGroup("analysts"); g != nil {
				return fmt.Errorf("group analysts still exists")
			}
			return nil
		}),
	})
}

// Bad input: refused at plan time, or by the cluster with the job named.
func TestAccSystemUser_badInput(t *testing.T) {
	s := acctest.Start(t)
	for _, c := range []struct{ body, msg string }{
		{`resource "exasol_system_user" "u" {
  username = "Ana"
  userid   = 1300
  group    = "exausers"
}`, `(?s)username.*Unix user name`},
		{`resource "exasol_system_group" "g" {
  groupname = "g1"
  groupid   = 0
}`, `(?s)groupid.*at least 1`},
	} {
		if acctest.API() != "confd" && strings.Contains(c.body, "exasol_system_group") {
			continue // refused whole there (TestAccSystemUser_EXAoperationRefusals)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: acctest.Provider(s) + c.body, PlanOnly: true, ExpectError: regexp.MustCompile(c.msg)}},
		})
	}
	if acctest.API() != "confd" {
		return
	}
	// user_create requires userid and group: the plan asks for them.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: acctest.Provider(s) + `resource "exasol_system_user" "u" {
  username = "ana"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)userid is required on ConfD.*user_create requires.*group is required on ConfD`)}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + `resource "exasol_system_user" "u" {
  username = "ana"
  userid   = 1300
  group    = "nosuch"
}`,
			ExpectError: regexp.MustCompile(`(?s)Cannot create system user ana.*user_create.*nosuch'\s+does\s+not\s+exist`),
		}},
	})
}

// The examples are applied; import blocks with -generate-config-out plan clean.
func TestAccSystemUser_examples(t *testing.T) {
	onlyOnConfD(t, "the example sets userid, group and keys, which EXAoperation has not")
	s := acctest.Start(t)
	ex := readExample(t, "resources/exasol_system_group/resource.tf") + readExample(t, "resources/exasol_system_user/resource.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + ex,
			Check: simUser(s, "admin2", func(u *simcluster.SysUser) error {
				if u.Group != "exaadm" || len(u.AuthorizedKeys) != 1 || len(u.AdditionalGroups) != 2 {
					return fmt.Errorf("the user is %+v", u)
				}
				return nil
			}),
		}},
	})
	s = acctest.Start(t)
	importGenerated(t, acctest.Provider(s)+ex, []struct{ addr, idAttr string }{
		{"exasol_system_group.analysts", "id"}, {"exasol_system_user.admin2", "id"}})
}
