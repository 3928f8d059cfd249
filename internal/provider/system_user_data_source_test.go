package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// The plural data sources of system users and groups: their examples,
// applied next to the resource examples they list. On EXAoperation, which
// has no groups, exasol_system_groups is refused with the reason, and
// exasol_system_users lists EXAoperation's users.
func TestAccSystemUsers_dataSources(t *testing.T) {
	s := acctest.Start(t)
	p := acctest.Provider(s)
	if acctest.API() != "confd" {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: p + readExample(t, "data-sources/exasol_system_groups/data-source.tf"),
					ExpectError: regexp.MustCompile(`(?s)Cannot list system groups.*EXAoperation cannot.*no\s+groups`)},
				{ // EXAoperation's users: the one the provider logs in as, with EXAoperation's id
					Config: p + readExample(t, "data-sources/exasol_system_users/data-source.tf"),
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttr("data.exasol_system_users.all", "names.#", "1"),
						resource.TestCheckResourceAttr("data.exasol_system_users.all", "users.0.username", s.Username()),
						resource.TestCheckResourceAttr("data.exasol_system_users.all", "users.0.userid", "1000"),
						resource.TestCheckNoResourceAttr("data.exasol_system_users.all", "users.0.group"),
					),
				},
			},
		})
		return
	}
	ex := readExample(t, "resources/exasol_system_group/resource.tf") + readExample(t, "resources/exasol_system_user/resource.tf")
	ds := readExample(t, "data-sources/exasol_system_users/data-source.tf") + readExample(t, "data-sources/exasol_system_groups/data-source.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: p + ex},
			{
				Config: p + ex + ds,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("data.exasol_system_users.all", "id", "system_users"),
					resource.TestCheckTypeSetElemAttr("data.exasol_system_users.all", "names.*", "admin2"),
					resource.TestCheckTypeSetElemAttr("data.exasol_system_users.all", "names.*", "root"),
					resource.TestCheckTypeSetElemNestedAttrs("data.exasol_system_users.all", "users.*", map[string]string{
						"username": "admin2", "userid": "1001", "group": "exaadm", "login_enabled": "true",
						"additional_groups.#": "2", "authorized_keys.#": "1",
					}),
					resource.TestCheckNoResourceAttr("data.exasol_system_users.all", "users.0.password"),
					resource.TestCheckTypeSetElemNestedAttrs("data.exasol_system_groups.all", "groups.*", map[string]string{
						"groupname": "analysts", "groupid": "1200",
					}),
					resource.TestCheckTypeSetElemAttr("data.exasol_system_groups.all", "names.*", "exaadm"),
				),
			},
		},
	})
}
