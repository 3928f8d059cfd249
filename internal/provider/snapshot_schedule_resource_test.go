package provider

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const snapAddr = "exasol_snapshot_schedule.test"

// snapshotSim is a cluster with a running DB1 made out of band, with a
// snapshot_sync_volume (db_create's; snapshot schedules need one) on
// Exasol 8; without one where the release or interface has no snapshots.
func snapshotSim(t *testing.T) *sim.Server {
	t.Helper()
	s := acctest.Start(t)
	p := map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1", "mem_size": "2 GiB",
		"nodes": []any{int64(11)}, "num_active_nodes": int64(1)}
	if snapshotsExpected() {
		p["snapshot_sync_volume"] = "DataVolume1"
	}
	acctest.Exec(t, s, "db_create", p)
	return s
}

// snapshotsExpected: the suite runs against ConfD on Exasol 8, which has
// snapshots; EXAoperation and Exasol 7.1 do not.
func snapshotsExpected() bool {
	r := os.Getenv("EXASOL_TEST_RELEASE")
	return acctest.API() == client.APIConfD && (r == "" || r == "8")
}

func snapConfig(s *sim.Server, body string) string {
	return acctest.Provider(s) + fmt.Sprintf(`
resource "exasol_snapshot_schedule" "test" {
%s
}
`, body)
}

const snapHourly = `
  db_name     = "DB1"
  backup_name = "hourly"
`

// snapshotScheduleOnCluster reads DB1's snapshot schedule from db_info.
func snapshotScheduleOnCluster(t *testing.T, s *sim.Server, name string) map[string]any {
	t.Helper()
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})["result_output"].(map[string]any)
	for _, b := range out["config"].(map[string]any)["snapshot_backups"].([]any) {
		if m := b.(map[string]any); m["backup_name"] == name {
			return m
		}
	}
	return nil
}

// lastJob checks the exact parameters of the last job of that name the
// provider sent ("" arrives as nil).
func lastJob(s *sim.Server, job string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		log := s.JobLog()
		for i := len(log) - 1; i >= 0; i-- {
			if r := log[i]; r.Source == "rpc" && r.Name == job {
				if !reflect.DeepEqual(r.Params, want) {
					return fmt.Errorf("%s sent %v, want exactly %v", job, r.Params, want)
				}
				return nil
			}
		}
		return fmt.Errorf("no %s was sent", job)
	}
}

// Create with every time sent, change times and enabled in place (only what
// changed is sent), replace on a new expiry, import by id, drift out of band
// (a changed hour, a removed schedule), destroy.
func TestAccSnapshotSchedule_lifecycle(t *testing.T) {
	if !snapshotsExpected() {
		t.Skip("no snapshots here: TestAccSnapshotSchedule_unsupported")
	}
	s := snapshotSim(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if m := snapshotScheduleOnCluster(t, s, "hourly"); m != nil {
				return fmt.Errorf("hourly still exists: %v", m)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: snapConfig(s, snapHourly+`  expire = "1d"`),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(snapAddr, "id", "DB1/hourly"),
					resource.TestCheckResourceAttr(snapAddr, "minute", "0"),
					resource.TestCheckResourceAttr(snapAddr, "enabled", "true"),
					lastJob(s, "db_snapshot_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly",
						"expire": "1d", "minute": "0", "hour": "*", "day": "*", "month": "*", "weekday": "*", "enabled": true}),
				),
			},
			{
				Config: snapConfig(s, snapHourly+`  expire = "1d"
  hour    = "*/2"
  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snapAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					lastJob(s, "db_snapshot_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly",
						"hour": "*/2", "enabled": false}),
					func(*terraform.State) error {
						if m := snapshotScheduleOnCluster(t, s, "hourly"); m["hour"] != "*/2" || m["enabled"] != false {
							return fmt.Errorf("on the cluster: %v", m)
						}
						return nil
					},
				),
			},
			{
				PreConfig: s.ResetJobLog,
				Config: snapConfig(s, snapHourly+`  expire = "2w"
  hour    = "*/2"
  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snapAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(snapAddr, "expire", "2w"),
					acctest.Log(s).CheckChanges("db_snapshot_backup_remove_schedule", "db_snapshot_backup_add_schedule"),
				),
			},
			{
				ResourceName: snapAddr, ImportState: true, ImportStateId: "DB1/hourly", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{ // drift: the hour changed out of band is set back in place
				PreConfig: func() {
					acctest.Exec(t, s, "db_snapshot_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly", "hour": "5"})
				},
				Config: snapConfig(s, snapHourly+`  expire = "2w"
  hour    = "*/2"
  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snapAddr, plancheck.ResourceActionUpdate),
				}},
				Check: lastJob(s, "db_snapshot_backup_modify_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly", "hour": "*/2"}),
			},
			{ // drift: removed out of band, created again
				PreConfig: func() {
					acctest.Exec(t, s, "db_snapshot_backup_remove_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly"})
				},
				Config: snapConfig(s, snapHourly+`  expire = "2w"
  hour    = "*/2"
  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(snapAddr, plancheck.ResourceActionCreate),
				}},
				Check: func(*terraform.State) error {
					if snapshotScheduleOnCluster(t, s, "hourly") == nil {
						return fmt.Errorf("not created again")
					}
					return nil
				},
			},
		},
	})
}

// Bad input fails at plan, before anything is sent: a bad cron field and
// expiry (validators), a database without snapshot_sync_volume, a name the
// database already has, a change while the database is stopped.
func TestAccSnapshotSchedule_badInput(t *testing.T) {
	if !snapshotsExpected() {
		t.Skip("no snapshots here: TestAccSnapshotSchedule_unsupported")
	}
	s := snapshotSim(t)
	acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "DV2", "type": "data", "disk": "disk1", "size": "1 GiB",
		"nodes": []any{int64(11)}, "redundancy": int64(1)})
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB2", "version": "8.29.0", "data_volume_name": "DV2",
		"mem_size": "2 GiB", "nodes": []any{int64(11)}, "num_active_nodes": int64(1), "port": int64(8564)})
	acctest.Exec(t, s, "db_snapshot_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "taken"})
	noJobs := func() error {
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
			return fmt.Errorf("sent %v", jobs)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: snapConfig(s, snapHourly+`  hour = "24"`), ExpectError: regexp.MustCompile(`Invalid hour`)},
			{Config: snapConfig(s, snapHourly+`  expire = "soon"`), ExpectError: regexp.MustCompile(`(?i)expire`)},
			{Config: snapConfig(s, `  db_name = "DB2"
  backup_name = "hourly"`), ExpectError: regexp.MustCompile(`snapshot_sync_volume`)},
			{Config: snapConfig(s, `  db_name = "DB1"
  backup_name = "taken"`), ExpectError: regexp.MustCompile(`Snapshot schedule exists`)},
			{Config: snapConfig(s, `  db_name = "NODB"
  backup_name = "x"`), ExpectError: regexp.MustCompile(`No such database`)},
			{Config: snapConfig(s, snapHourly), Check: func(*terraform.State) error { return nil }},
			{
				PreConfig: func() {
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					waitSimState(t, s, "setup")
					s.ResetJobLog()
				},
				Config:      snapConfig(s, snapHourly+`  hour = "3"`),
				ExpectError: regexp.MustCompile(`Database not running`),
			},
			{Config: snapConfig(s, snapHourly), Check: func(*terraform.State) error { return noJobs() }}, // nothing was sent
		},
	})
}

// Where there are no snapshots (EXAoperation, Exasol 7.1), creating a
// schedule fails at plan, naming why, and nothing is sent.
func TestAccSnapshotSchedule_unsupported(t *testing.T) {
	if snapshotsExpected() {
		t.Skip("snapshots exist here: run with EXASOL_TEST_API=exaoperation or EXASOL_TEST_RELEASE=7.1")
	}
	s := snapshotSim(t)
	want := `Exasol 7.1`
	if acctest.API() == client.APIEXAoperation {
		want = `not available on EXAoperation`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: s.ResetJobLog, Config: snapConfig(s, snapHourly), PlanOnly: true, ExpectError: regexp.MustCompile(want)},
			{Config: acctest.Provider(s), Check: func(*terraform.State) error {
				if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
					return fmt.Errorf("sent %v", jobs)
				}
				return nil
			}},
		},
	})
}

// An import block with -generate-config-out writes a configuration whose
// plan is clean.
func TestAccSnapshotSchedule_importGenerated(t *testing.T) {
	if !snapshotsExpected() {
		t.Skip("no snapshots here")
	}
	s := snapshotSim(t)
	importGenerated(t, snapConfig(s, snapHourly+`  expire = "1w"
  weekday = "mon-fri"
  enabled = false`), []struct{ addr, idAttr string }{{snapAddr, "id"}})
}

// The documented example applies (the database with its
// snapshot_sync_volume, then the schedule on it, in one run) and imports
// by its documented id.
func TestAccSnapshotScheduleExamples(t *testing.T) {
	if !snapshotsExpected() {
		t.Skip("no snapshots here")
	}
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + readExample(t, "resources/exasol_snapshot_schedule/resource.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(*terraform.State) error {
				if m := snapshotScheduleOnCluster(t, s, "workday"); m["weekday"] != "mon-fri" || m["hour"] != "*/2" || m["expire"] != "3d" {
					return fmt.Errorf("on the cluster: %v", m)
				}
				return nil
			}},
			{Config: cfg, ResourceName: "exasol_snapshot_schedule.example", ImportState: true, ImportStateId: "DB1/workday",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
	})
}

// snapshotIdentityCase is TestResourceIdentityProtocol's case of
// exasol_snapshot_schedule: DB1's schedule "hourly", made here.
func snapshotIdentityCase(t *testing.T, s *sim.Server) (c struct {
	typ      string
	identity map[string]tftypes.Value
	attr     string
}) {
	t.Helper()
	acctest.Exec(t, s, "db_snapshot_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": "hourly", "enabled": true})
	c.typ, c.attr = "exasol_snapshot_schedule", "weekday"
	c.identity = map[string]tftypes.Value{"db_name": tftypes.NewValue(tftypes.String, "DB1"), "backup_name": tftypes.NewValue(tftypes.String, "hourly")}
	return c
}
