package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Issue 15: the provider sends ConfD's jobs in their documented forms.

// node_add adds a node suspended unless offline is sent (node_add's page): a
// node to stay suspended is neither resumed nor waited for to come online.
func TestAccNode_createSuspended(t *testing.T) {
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetJobLog,
			Config: acctest.Provider(s) + acctest.Resource("exasol_node", "test", `  id        = 14
  priv_net  = "10.10.10.14/24"
  suspended = true`),
			Check: resource.ComposeTestCheckFunc(
				acctest.Log(s).CheckChanges(perAPI([]string{"node_add"}, []string{"node_add", "node_suspend"})...),
				resource.TestCheckResourceAttr(nodeAddr, "state", "suspended"),
				checkNodeState(t, s, 14, "suspended"),
			),
		}},
	})
}

// Issue 15: remote_volume_add's current page has no allowed_users, so an
// Exasol 8 cluster's volume with allowed_users is refused at plan time.
func TestAccRemoteVolume_allowedUsersRefusedAtPlan(t *testing.T) {
	onlyOn(t, client.APIConfD, "allowed_users is a parameter of ConfD's remote_volume_add")
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password = "secret-1"
  allowed_users = ["exadbadm"]`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`allowed_users not taken`),
		}},
	})
}

// Issue 15: remote_volume_add takes owner as a (user, group) pair; it is
// configured as user:group, and the user the cluster reports keeps it.
func TestAccRemoteVolume_ownerPair(t *testing.T) {
	onlyOn(t, client.APIConfD, "the pair is ConfD's remote_volume_add owner")
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.Resource("exasol_remote_volume", "test", rvS3+`  password = "secret-1"
  owner    = "exadbadm:exausers"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(rvAddr, "owner", "exadbadm:exausers"),
					checkJobParams(s, "remote_volume_add", map[string]any{"owner": []any{"exadbadm", "exausers"}}),
				),
			},
			{Config: cfg, PlanOnly: true}, // the reported user keeps the pair: nothing to change
		},
	})
}
