package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

// After a crash mid-apply, the configuration names an object the cluster
// has but the state does not (an orphan). Its create-time preflight fails
// the plan ("exists"), but must not block `terraform destroy` of what the
// state does hold, whose pre-destroy refresh plans the whole configuration.
func TestAccPreflight_orphanDoesNotBlockDestroy(t *testing.T) {
	s := acctest.Start(t)
	held := `
resource "exasol_remote_volume" "held" {
  vol_type = "s3"
  url      = "https://backups.s3.eu-west-1.amazonaws.com"
}
`
	orphan := acctest.StorageVolume("v", acctest.Attrs{"name": "ORPHAN"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + held},
			{
				PreConfig: func() {
					acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "ORPHAN", "type": "data", "disk": "disk1",
						"size": "1 GiB", "nodes": []any{int64(11)}, "redundancy": int64(1)})
					acctest.Exec(t, s, "node_add", map[string]any{"nid": int64(14), "priv_net": "10.10.10.14/24"})
				},
				Config:  acctest.Provider(s) + held + orphan + acctest.Node("n", acctest.Attrs{"id": 14, "priv_net": "10.10.10.14/24"}),
				Destroy: true,
				Check: func(*terraform.State) error {
					if jobs := acctest.Log(s).Changes(); !slices.Contains(jobs, "remote_volume_remove") {
						return fmt.Errorf("the held remote volume was not removed: %v", jobs)
					}
					return nil
				},
			},
		},
	})
}

// What an interrupted apply leaves behind (objects the cluster created,
// which the state never recorded): the next apply fails at the create with
// an import block per orphan; with those blocks the apply converges, and
// destroy leaves nothing behind.
func TestAccCrashRecovery_orphansImported(t *testing.T) {
	s := acctest.Start(t)
	objects := acctest.StorageVolume("v", acctest.Attrs{"name": "ORPHAN"}) + acctest.Node("n", acctest.Attrs{"id": 14, "priv_net": "10.10.10.14/24"})
	orphan := func() {
		acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "ORPHAN", "type": "data", "disk": "disk1",
			"size": "1 GiB", "nodes": []any{int64(11)}, "redundancy": int64(1)})
		acctest.Exec(t, s, "node_add", map[string]any{"nid": int64(14), "priv_net": "10.10.10.14/24"})
	}
	imports := `
import {
  to = exasol_storage_volume.v
  id = "ORPHAN"
}
import {
  to = exasol_node.n
  id = "14"
}
`
	block := func(typ, id string) string {
		return `(?s)import\s+\{\s+to\s+=\s+` + regexp.QuoteMeta(typ) + `\.<name>\s+id\s+=\s+"` + id + `"\s+\}`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			out := acctest.Exec(t, s, "st_volume_list", nil)
			if strings.Contains(fmt.Sprint(out["result_output"]), "ORPHAN") {
				return fmt.Errorf("volume ORPHAN left after destroy")
			}
			if nodes := acctest.Exec(t, s, "node_list", nil); strings.Contains(fmt.Sprint(nodes["result_output"]), "10.10.10.14") {
				return fmt.Errorf("node 14 left after destroy")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{PreConfig: orphan, Config: acctest.Provider(s) + objects, ExpectError: regexp.MustCompile(block("exasol_storage_volume", "ORPHAN"))},
			{Config: acctest.Provider(s) + objects, ExpectError: regexp.MustCompile(block("exasol_node", "14"))},
			{Config: acctest.Provider(s) + objects + imports},
			{Config: acctest.Provider(s) + objects, PlanOnly: true},
		},
	})
}
