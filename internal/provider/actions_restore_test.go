package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// restoreSim is a simulator with DB1 on node 11, the Backups volume and
// short backup and restore transitions.
func restoreSim(t *testing.T) *sim.Server {
	s := acctest.Start(t, func(o *sim.Options) {
		o.Durations = map[string]time.Duration{"backup": 300 * time.Millisecond, "restore": 600 * time.Millisecond}
	})
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	return s
}

// backupIDs lists DB1's backups as db_backup_list names them, oldest first.
func backupIDs(t *testing.T, s *sim.Server) []string {
	t.Helper()
	var ids []string
	l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
	for _, it := range l {
		ids = append(ids, fmt.Sprint(it.(map[string]any)["id"]))
	}
	return ids
}

// Restore round trip at the protocol level (any Terraform): a backup is
// written, the database changes (stopped, reconfigured), the restore stops
// it in order if needed, restores, and brings it back to the runtime state
// it had; bad input and a backup that is not there or not usable change
// nothing.
func TestActionsProtocol_restore(t *testing.T) {
	s := restoreSim(t)
	p := newProtoProvider(t, s)
	backup := func(level int64) {
		r := p.invoke("exasol_backup_start", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(level)})
		if protoHasError(r.diagnostics) {
			t.Fatalf("backup: %s", protoDiagText(r.diagnostics))
		}
	}
	backup(0)
	full := backupIDs(t, s)[0]

	bad := p.invoke("exasol_database_restore", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(full), "restore_type": tfStr("fast")})
	if !protoHasError(bad.diagnostics) || !strings.Contains(protoDiagText(bad.diagnostics), "virtual access") {
		t.Fatalf("restore_type fast was not refused at validation: %s", protoDiagText(bad.diagnostics))
	}

	// a running database: stopped, restored, started again
	s.ResetJobLog()
	run := p.invoke("exasol_database_restore", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(full)})
	if protoHasError(run.diagnostics) {
		t.Fatalf("restore: %s", protoDiagText(run.diagnostics))
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_stop", "db_restore", "db_start"}) && !slices.Equal(jobs, []string{"db_stop", "db_restore"}) {
		t.Errorf("restore sent %v, want db_stop, db_restore (and db_start where the restore leaves it stopped)", jobs)
	}
	for _, want := range []string{"stopping for the restore", "blocking restore from " + full + " started", "operation Restore", "restore ended"} {
		if !strings.Contains(run.progressText(), want) {
			t.Errorf("progress lacks %q:\n%s", want, run.progressText())
		}
	}
	checkRestored(t, s, "running")
	for _, r := range acctest.Log(s).Sent(false) {
		if r.Name == "db_restore" && fmt.Sprint(r.Params) != fmt.Sprint(map[string]any{"db_name": "DB1", "backup_id": full, "restore_type": "blocking"}) &&
			fmt.Sprint(r.Params["args"]) != fmt.Sprint([]any{full, "blocking"}) {
			t.Errorf("db_restore params %v", r.Params)
		}
	}

	// a stopped database stays stopped after the restore
	acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
	waitSimState(t, s, "setup")
	if r := p.invoke("exasol_database_restore", map[string]tftypes.Value{
		"db_name": tfStr("DB1"), "backup_id": tfStr(full), "restore_type": tfStr("nonblocking"),
	}); protoHasError(r.diagnostics) {
		t.Fatalf("restore of a stopped database: %s", protoDiagText(r.diagnostics))
	}
	checkRestored(t, s, "setup")

	// a backup that is not listed, or not usable (its level 0 is gone): refused before anything changes
	acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"})
	waitSimState(t, s, "running")
	backup(1)
	incr := backupIDs(t, s)[1]
	acctest.Exec(t, s, "db_backups_delete", map[string]any{"db_name": "DB1", "backup_list": []string{full}})
	for id, want := range map[string]string{incr: "is not usable", "10001 DB1/id_99/level_0/node_0/backup_199901010000 DB1": "do not include"} {
		s.ResetJobLog()
		r := p.invoke("exasol_database_restore", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(id)})
		if !protoHasError(r.diagnostics) || !strings.Contains(protoDiagText(r.diagnostics), want) {
			t.Errorf("restore from %q: want %q, got %s", id, want, protoDiagText(r.diagnostics))
		}
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 || dbState(t, s, "DB1") != "running" {
			t.Errorf("a refused restore sent %v and left DB1 %s", jobs, dbState(t, s, "DB1"))
		}
	}
}

// checkRestored checks that DB1 is idle again in the wanted state.
func checkRestored(t *testing.T, s *sim.Server, state string) {
	t.Helper()
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})["result_output"].(map[string]any)
	if dbState(t, s, "DB1") != state || out["operation"] != "None" {
		t.Errorf("after the restore DB1 is %v, operation %v; want %s, None", out["state"], out["operation"], state)
	}
	if c := fmt.Sprint(out["connectible"]); state == "running" && c != "Yes" && c != "true" {
		t.Errorf("DB1 is not connectible after the restore")
	}
}

// waitSimState waits (up to 10s) for DB1 to reach a state by itself.
func waitSimState(t *testing.T, s *sim.Server, state string) {
	t.Helper()
	for range 200 {
		if dbState(t, s, "DB1") == state {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("DB1 did not become %s", state)
}

// The restore round trip through Terraform ≥ 1.14 (the pinned 1.8.5 skips
// it; TestActionsProtocol_restore makes the same calls on any version): a
// backup is written, the database is changed (reconfigured out of band), and
// the documented example restores its newest usable full backup from the
// exasol_backups data source, through an action trigger.
func TestAccDatabaseRestore_roundTrip(t *testing.T) {
	s := restoreSim(t)
	p := newProtoProvider(t, s)
	if r := p.invoke("exasol_backup_start", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(0)}); protoHasError(r.diagnostics) {
		t.Fatalf("backup: %s", protoDiagText(r.diagnostics))
	}
	full := backupIDs(t, s)[0]
	cfg := acctest.Provider(s) + readExample(t, "actions/exasol_database_restore/action.tf") + `
resource "terraform_data" "trigger" {
  input = "restore"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.exasol_database_restore.example]
    }
  }
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
				waitSimState(t, s, "setup")
				acctest.Exec(t, s, "db_configure", map[string]any{"db_name": "DB1", "mem_size": "2 GiB"})
				acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"})
				waitSimState(t, s, "running")
				s.ResetJobLog()
			},
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.exasol_backups.example", "newest_usable.0", full),
				func(*terraform.State) error {
					if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs[:min(2, len(jobs))], []string{"db_stop", "db_restore"}) {
						return fmt.Errorf("jobs %v, want db_stop, db_restore first", jobs)
					}
					checkRestored(t, s, "running")
					return nil
				},
			),
		}},
	})
}
