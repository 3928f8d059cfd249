package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// startBackup starts a level-0 backup of DB1 out of band, as a schedule would.
func startBackup(t *testing.T, s *sim.Server) {
	t.Helper()
	if env, _ := s.Exec("remote_volume_info", map[string]any{"remote_volume_name": "Backups"}); env["result_code"] != int64(0) {
		acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://backups.s3.example.com", "remote_volume_name": "Backups"})
	}
	acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "Backups", "level": int64(0), "expire": "1w"})
}

func backupCount(t *testing.T, s *sim.Server) int {
	l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
	return len(l)
}

func dbOperation(t *testing.T, s *sim.Server) string {
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})["result_output"].(map[string]any)
	return fmt.Sprint(out["operation"])
}

// A database is never stopped under a running backup: the provider waits for
// it, gives up naming it, or cuts it off only when force_stop says so.
func TestAccDatabase_stopRespectsRunningBackup(t *testing.T) {
	// Long enough that the backup outlasts the steps between its start and the
	// check that the refused stop left it running, also on a loaded machine.
	s := acctest.Start(t, acctest.Duration("backup", 6*time.Second))
	stopped := func(extra string) string {
		return acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  running = false\n" + extra})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"})},
			{ // the stop waits until the backup has finished
				PreConfig: func() { startBackup(t, s); s.ResetJobLog() },
				Config:    stopped(""),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(dbAddr, "state", "setup"),
					func(*terraform.State) error {
						if n := backupCount(t, s); n != 1 {
							return fmt.Errorf("%d backups listed, want the 1 that ran to its end", n)
						}
						if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_stop"}) {
							return fmt.Errorf("jobs %v, want only db_stop", jobs)
						}
						return nil
					},
				),
			},
			{Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"})},
			{ // a timeout shorter than the backup fails, naming it, and leaves it running
				PreConfig: func() { startBackup(t, s) },
				Config: stopped(`  timeouts {
    update = "300ms"
  }`),
				ExpectError: regexp.MustCompile(`(?s)still running operation "Backup".*force_stop = true`),
			},
			{ // the failed run recorded the truth: the database is still running
				PreConfig: func() {
					if op := dbOperation(t, s); op != "Backup" {
						t.Errorf("operation after the refused stop = %q, want the backup still running", op)
					}
					s.ResetJobLog()
				},
				// running = true (the default) matches the recorded state: an empty plan.
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: `  timeouts {
    update = "300ms"
  }`}),
				PlanOnly: true,
			},
			{ // force_stop cuts the backup off, on purpose
				PreConfig: func() {
					startBackupIfIdle(t, s)
					s.ResetJobLog()
				},
				Config: stopped("  force_stop = true"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(dbAddr, "state", "setup"),
					func(*terraform.State) error {
						if n := backupCount(t, s); n != 1 {
							return fmt.Errorf("%d backups listed, want only the first: the forced one was cut off", n)
						}
						return nil
					},
				),
			},
		},
	})
}

func startBackupIfIdle(t *testing.T, s *sim.Server) {
	if dbOperation(t, s) == "None" {
		startBackup(t, s)
	}
}
