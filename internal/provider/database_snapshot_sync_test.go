package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// dbSyncConfig is DB1 with a snapshot_sync_volume, and extra after it.
func dbSyncConfig(s *sim.Server, volume, extra string) string {
	return acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: fmt.Sprintf("  snapshot_sync_volume = %q", volume)}) + extra
}

// checkSyncVolume checks what db_info reports as DB1's snapshot_sync_volume.
func checkSyncVolume(t *testing.T, s *sim.Server, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := dbConfigValue(t, s, "DB1", "snapshot_sync_volume"); got != want {
			return fmt.Errorf("cluster snapshot_sync_volume = %v, want %q", got, want)
		}
		return nil
	}
}

// snapshot_sync_volume: sent with db_create, so that a database Terraform
// creates carries a snapshot schedule in the same run (Exasol 8); read back
// and imported; a database re-created out of band without one is replaced;
// an empty name fails the plan.
func TestAccDatabase_snapshotSyncVolume(t *testing.T) {
	onlyOn(t, client.APIConfD, "db_create's snapshot_sync_volume; EXAoperation refuses it at plan time (TestAccDatabase_snapshotSyncVolumeRefused)")
	s := acctest.Start(t)
	schedule := ""
	if snapshotsExpected() { // Exasol 7.1 takes the volume (the simulator's db_create) but has no snapshot jobs
		schedule = `
resource "exasol_snapshot_schedule" "test" {
  db_name     = exasol_database.test.db_name
  backup_name = "hourly"
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: dbSyncConfig(s, "", ""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)snapshot_sync_volume.*at least 1`)},
			{ // created with it, and a snapshot schedule on it in the same run
				PreConfig: s.ResetJobLog,
				Config:    dbSyncConfig(s, "DataVolume1", schedule),
				Check: resource.ComposeTestCheckFunc(
					checkSyncVolume(t, s, "DataVolume1"),
					func(*terraform.State) error { // sent with db_create, not set afterwards
						for _, r := range acctest.Log(s).Sent(false) {
							if r.Name == "db_create" && r.Params["snapshot_sync_volume"] == "DataVolume1" {
								return nil
							}
						}
						return fmt.Errorf("db_create did not send snapshot_sync_volume: %v", acctest.Log(s).Changes())
					},
					func(*terraform.State) error {
						if schedule != "" && snapshotScheduleOnCluster(t, s, "hourly") == nil {
							return fmt.Errorf("no snapshot schedule hourly on the cluster")
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("snapshot_sync_volume"), knownvalue.StringExact("DataVolume1")),
				},
			},
			{ResourceName: dbAddr, ImportState: true, ImportStateId: "DB1", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{Config: dbSyncConfig(s, "DataVolume1", "")}, // the schedule goes; the database stays
			{ // re-created out of band without one: the plan replaces the database
				PreConfig: func() {
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					waitSimState(t, s, "setup")
					acctest.Exec(t, s, "db_delete", map[string]any{"db_name": "DB1"})
					acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
						"mem_size": "2 GiB", "nodes": []any{int64(11)}, "num_active_nodes": int64(1)})
				},
				Config: dbSyncConfig(s, "DataVolume1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionReplace),
				}},
				Check: checkSyncVolume(t, s, "DataVolume1"),
			},
			{ // unset: whatever the cluster has, no plan
				Config:   acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				PlanOnly: true,
			},
		},
	})
}

// EXAoperation's addDatabase has no snapshot setting: the plan fails before
// anything is sent; unset, the state has null.
func TestAccDatabase_snapshotSyncVolumeRefused(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD takes snapshot_sync_volume (TestAccDatabase_snapshotSyncVolume)")
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   s.ResetJobLog,
				Config:      dbSyncConfig(s, "DataVolume1", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)snapshot_sync_volume is not supported by\s+EXAoperation`),
			},
			{
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("the refused plan sent %v", jobs)
					}
				},
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("snapshot_sync_volume"), knownvalue.Null()),
				},
			},
		},
	})
}
