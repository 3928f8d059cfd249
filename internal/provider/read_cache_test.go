package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// rcConfig is a database on its data volume with `schedules` backup
// schedules, a backup target, three archive volumes and two added nodes: 8 +
// schedules resources.
func rcConfig(s *sim.Server, schedules int) string {
	return acctest.Provider(s) + fmt.Sprintf(`
resource "exasol_node" "n" {
  count    = 2
  id       = 14 + count.index
  priv_net = "10.10.10.${14 + count.index}/24"
}

resource "exasol_storage_volume" "data" {
  name             = "RCData"
  type             = "data"
  disk             = "disk1"
  size             = "64 MiB"
  nodes            = [11]
  num_master_nodes = 1
  redundancy       = 1
}

resource "exasol_database" "db" {
  db_name          = "RC"
  version          = "8.29.0"
  data_volume_name = exasol_storage_volume.data.name
  mem_size         = "1 GiB"
  nodes            = [11]
  num_active_nodes = 1
}

resource "exasol_remote_volume" "backup" {
  remote_volume_name = "RCBackups"
  vol_type           = "s3"
  url                = "https://rc.s3.eu-west-1.amazonaws.com"
}

resource "exasol_backup_schedule" "s" {
  count              = %d
  db_name            = exasol_database.db.db_name
  backup_name        = "b${count.index}"
  backup_volume_name = exasol_remote_volume.backup.remote_volume_name
  level              = 0
  minute             = tostring(count.index)
}

resource "exasol_storage_volume" "archive" {
  count      = 3
  name       = "RCArchive${count.index}"
  type       = "archive"
  disk       = "disk1"
  size       = "16 MiB"
  nodes      = [11]
  redundancy = 1
}
`, schedules)
}

// The read cache (internal/client/readcache.go) end to end: a refresh costs
// fewer calls than it has resources; a change made outside Terraform
// between two runs is seen by the next one; and a schedule created in an
// apply is read back although its database's db_info was read (and cached)
// moments before in the same apply.
func TestAccReadCache_refresh(t *testing.T) {
	if acctest.API() != client.APIConfD {
		t.Skip("the read cache is the ConfD client's")
	}
	s := acctest.Start(t, acctest.Nodes(3))
	const schedules = 4
	resources := 8 + schedules
	var mark int64
	start := func() { s.ResetJobLog(); mark = s.Calls() }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: rcConfig(s, schedules)},
			{PreConfig: start, Config: rcConfig(s, schedules), PlanOnly: true},
			{
				PreConfig: func() {
					// A plan-only step plans once without and once with refresh.
					calls, jobs := s.Calls()-mark, map[string]int{}
					for _, r := range acctest.Log(s).Sent(true) {
						jobs[r.Name]++
					}
					t.Logf("a refresh of %d resources: %d calls, jobs %v", resources, calls, jobs)
					if calls > int64(resources) {
						t.Errorf("a refresh of %d resources cost %d calls (%v), want at most one per resource", resources, calls, jobs)
					}
					for _, j := range []string{"db_info", "node_list", "node_state", "st_volume_list"} {
						if jobs[j] != 1 {
							t.Errorf("%s sent %d times in one refresh, want once (jobs %v)", j, jobs[j], jobs)
						}
					}
					acctest.Exec(t, s, "st_volume_delete", map[string]any{"vname": "RCArchive1"})
				},
				Config: rcConfig(s, schedules), PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{
				Config: rcConfig(s, schedules+1),
				Check:  resource.TestCheckResourceAttr(fmt.Sprintf("exasol_backup_schedule.s.%d", schedules), "backup_name", fmt.Sprintf("b%d", schedules)),
			},
		},
	})
}

// rvBulkConfig is `n` remote volumes.
func rvBulkConfig(s *sim.Server, n int) string {
	return acctest.Provider(s) + fmt.Sprintf(`
resource "exasol_remote_volume" "rv" {
  count              = %d
  remote_volume_name = "Bulk${count.index}"
  vol_type           = "s3"
  url                = "https://bulk-${count.index}.s3.eu-west-1.amazonaws.com"
  username           = "AKIABULK"
  password           = "bulk-secret"
}
`, n)
}

// Bulk reads (issue 19) end to end: a refresh of many remote volumes reads
// their details with one remote_volume_list_details, and a volume changed
// outside Terraform between two runs (removed and added again with another
// URL, or removed) still shows in the next plan.
func TestAccReadCache_remoteVolumesBulk(t *testing.T) {
	if acctest.API() != client.APIConfD {
		t.Skip("remote_volume_list_details is a ConfD job")
	}
	s := acctest.Start(t)
	const n = 6
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: rvBulkConfig(s, n)},
			{PreConfig: func() { s.ResetJobLog() }, Config: rvBulkConfig(s, n), PlanOnly: true},
			{
				PreConfig: func() {
					jobs := map[string]int{}
					for _, r := range acctest.Log(s).Sent(true) {
						jobs[r.Name]++
					}
					// A plan-only step refreshes twice (plan, then the
					// refresh-only check): at most two lists, no per-volume info.
					if jobs["remote_volume_list_details"] == 0 || jobs["remote_volume_list_details"] > 2 || jobs["remote_volume_info"] > 2 {
						t.Errorf("jobs of refreshes of %d remote volumes: %v, want their details from remote_volume_list_details", n, jobs)
					}
					acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "Bulk2"})
					acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://elsewhere.s3.eu-west-1.amazonaws.com",
						"remote_volume_name": "Bulk2", "username": "AKIABULK", "password": "bulk-secret"})
				},
				Config: rvBulkConfig(s, n), PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() { acctest.Exec(t, s, "remote_volume_remove", map[string]any{"remote_volume_name": "Bulk4"}) },
				Config:    rvBulkConfig(s, n),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr("exasol_remote_volume.rv.2", "url", "https://bulk-2.s3.eu-west-1.amazonaws.com"),
					resource.TestCheckResourceAttr("exasol_remote_volume.rv.4", "remote_volume_name", "Bulk4"),
					checkSim(t, s, "remote_volume_info", map[string]any{"remote_volume_name": "Bulk2"},
						func(out any) error {
							if m, _ := out.(map[string]any); m["url"] != "https://bulk-2.s3.eu-west-1.amazonaws.com" {
								return fmt.Errorf("Bulk2 is %v, want the configured URL back", out)
							}
							return nil
						}),
				),
			},
		},
	})
}
