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

// backupField reads one key of DB1's backup id out of band.
func backupField(t *testing.T, s *sim.Server, id, key string) any {
	t.Helper()
	l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
	for _, it := range l {
		if b := it.(map[string]any); b["id"] == id {
			return b[key]
		}
	}
	return nil
}

// Abort, delete and expiry at the protocol level, on both interfaces; none
// of them touches a backup while a restore runs.
func TestActionsProtocol_backupControl(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) {
		o.Durations = map[string]time.Duration{"backup": 2 * time.Second, "restore": 2 * time.Second}
	})
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	p := newProtoProvider(t, s)
	db := map[string]tftypes.Value{"db_name": tfStr("DB1")}
	ok := func(what string, r invocation) {
		t.Helper()
		if protoHasError(r.diagnostics) {
			t.Fatalf("%s: %s", what, protoDiagText(r.diagnostics))
		}
	}

	// abort: nothing running sends nothing; a running backup is aborted and not listed
	s.ResetJobLog()
	ok("abort without a backup", p.invoke("exasol_backup_abort", db))
	if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
		t.Errorf("abort without a backup sent %v", jobs)
	}
	acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "Backups", "level": 0})
	s.ResetJobLog()
	abort := p.invoke("exasol_backup_abort", db)
	ok("abort", abort)
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_backup_abort"}) || !strings.Contains(abort.progressText(), "backup aborted") {
		t.Errorf("abort sent %v, progress %q", jobs, abort.progress)
	}
	if ids := backupIDs(t, s); len(ids) != 0 {
		t.Errorf("an aborted backup is listed: %v", ids)
	}

	// two full backups to work with
	for range 2 {
		ok("backup", p.invoke("exasol_backup_start", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(0)}))
	}
	ids := backupIDs(t, s)

	// expiry: set, then never
	ok("expiry", p.invoke("exasol_backup_expiration", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(ids[0]), "expire_time": tfStr("2030-01-31 12:00:00")}))
	if got := backupField(t, s, ids[0], "expire"); got != "2030-01-31 12:00" {
		t.Errorf("expire after the change: %v", got)
	}
	ok("expiry never", p.invoke("exasol_backup_expiration", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(ids[0]), "expire_time": tfStr("")}))
	if got := backupField(t, s, ids[0], "expire"); got != "" && got != nil {
		t.Errorf("expire after never: %v", got)
	}
	bad := p.invoke("exasol_backup_expiration", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(ids[0]), "expire_time": tfStr("next week")})
	if !protoHasError(bad.diagnostics) || !strings.Contains(protoDiagText(bad.diagnostics), "YYYY-MM-DD hh:mm:ss") {
		t.Errorf("a bad expire_time was not refused at validation: %s", protoDiagText(bad.diagnostics))
	}
	none := p.invoke("exasol_backups_delete", db)
	if !protoHasError(none.diagnostics) || !strings.Contains(protoDiagText(none.diagnostics), "Nothing to delete") {
		t.Errorf("a delete of nothing was not refused at validation: %s", protoDiagText(none.diagnostics))
	}

	// while a restore runs: no delete, no expiry change
	acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
	waitSimState(t, s, "setup")
	acctest.Exec(t, s, "db_restore", map[string]any{"db_name": "DB1", "backup_id": ids[1], "restore_type": "blocking"})
	s.ResetJobLog()
	del := map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_ids": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tfStr(ids[1])}), "unusable": tfBool(true)}
	for name, r := range map[string]invocation{
		"delete": p.invoke("exasol_backups_delete", del),
		"expiry": p.invoke("exasol_backup_expiration", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_id": tfStr(ids[1]), "expire_time": tfStr("2030-01-01 00:00:00")}),
	} {
		if !protoHasError(r.diagnostics) || !strings.Contains(protoDiagText(r.diagnostics), "database DB1 is restoring") {
			t.Errorf("%s during a restore: %s", name, protoDiagText(r.diagnostics))
		}
	}
	if jobs := acctest.Log(s).Changes(); len(jobs) != 0 || len(backupIDs(t, s)) != 2 {
		t.Errorf("during a restore: sent %v, %d backups left", jobs, len(backupIDs(t, s)))
	}

	// after it: the listed one deleted, an unlisted one counts as gone, unusable ones deleted too
	for range 200 {
		if acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})["result_output"].(map[string]any)["operation"] == "None" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.ResetJobLog()
	del["backup_ids"] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tfStr(ids[1]), tfStr("10001 DB1/id_99/level_0/node_0/backup_199901010000 DB1")})
	r := p.invoke("exasol_backups_delete", del)
	ok("delete", r)
	if got := backupIDs(t, s); !slices.Equal(got, ids[:1]) {
		t.Errorf("backups after the delete: %v, want %v", got, ids[:1])
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_backups_delete", "db_backup_delete_unusable"}) || !strings.Contains(r.progressText(), "already gone") {
		t.Errorf("delete sent %v, progress %q", jobs, r.progress)
	}
}

// The backup control examples through action triggers (Terraform ≥ 1.14;
// the pinned 1.8.5 skips them, TestActionsProtocol_backupControl makes the
// same calls on any version).
func TestAccBackupControlExamples(t *testing.T) {
	s := acctest.Start(t, acctest.Duration("backup", 300*time.Millisecond))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	p := newProtoProvider(t, s)
	if r := p.invoke("exasol_backup_start", map[string]tftypes.Value{"db_name": tfStr("DB1"), "backup_volume_name": tfStr("Backups"), "level": tfNum(0), "expire": tfStr("1h")}); protoHasError(r.diagnostics) {
		t.Fatalf("backup: %s", protoDiagText(r.diagnostics))
	}
	id := backupIDs(t, s)[0]
	trigger := func(action, input string) string {
		return acctest.Provider(s) + readExample(t, "actions/"+action+"/action.tf") + fmt.Sprintf(`
resource "terraform_data" "trigger" {
  input = %q
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.%s.example]
    }
  }
}
`, input, action)
	}
	jobs := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := acctest.Log(s).Changes(); !slices.Equal(got, want) {
				return fmt.Errorf("jobs %v, want %v", got, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_backup_abort", "1"), Check: jobs()}, // no backup runs
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_backup_expiration", "2"), Check: resource.ComposeTestCheckFunc(
				jobs("db_backup_change_expiration"),
				func(*terraform.State) error {
					if got := backupField(t, s, id, "expire"); got != "2030-01-31 12:00" {
						return fmt.Errorf("expire %v", got)
					}
					return nil
				})},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_backups_delete", "3"), Check: resource.ComposeTestCheckFunc(
				jobs("db_backup_delete_unusable"), // nothing expired
				func(*terraform.State) error {
					if len(backupIDs(t, s)) != 1 {
						return fmt.Errorf("the unexpired backup was deleted")
					}
					return nil
				})},
		},
	})
}
