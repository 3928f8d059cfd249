package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// snapshotCount is how many snapshots db_snapshot_backup_list shows of DB1.
func snapshotCount(t *testing.T, s *sim.Server) int {
	t.Helper()
	l, _ := acctest.Exec(t, s, "db_snapshot_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
	return len(l)
}

// A snapshot at the protocol level (any Terraform): sent once with the
// expiry, listed afterwards; bad input is refused at validation, a stopped
// database by the cluster. Without snapshots (EXAoperation, Exasol 7.1) the
// plan fails and nothing is sent.
func TestActionsProtocol_databaseSnapshot(t *testing.T) {
	s := snapshotSim(t)
	p := newProtoProvider(t, s)
	example := exampleConfig(t, "actions/exasol_database_snapshot/action.tf")
	if !snapshotsExpected() {
		s.ResetJobLog()
		cfg := dynamicValue(t, p.schemas.ActionSchemas["exasol_database_snapshot"].Schema, example)
		plan, err := p.act.PlanAction(context.Background(), &tfprotov6.PlanActionRequest{ActionType: "exasol_database_snapshot", Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if text := protoDiagText(plan.Diagnostics); !protoHasError(plan.Diagnostics) || !strings.Contains(text, "exasol_database_snapshot is not available") {
			t.Fatalf("the plan without snapshots: %s", text)
		}
		if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
			t.Errorf("a refused plan sent %v", jobs)
		}
		return
	}
	s.ResetJobLog()
	r := p.invoke("exasol_database_snapshot", example)
	if protoHasError(r.diagnostics) || !strings.Contains(r.progressText(), "snapshot taken") {
		t.Fatalf("snapshot: %s %q", protoDiagText(r.diagnostics), r.progress)
	}
	if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_snapshot_backup_start"}) || snapshotCount(t, s) != 1 {
		t.Errorf("sent %v, %d snapshots", jobs, snapshotCount(t, s))
	}
	if err := lastJob(s, "db_snapshot_backup_start", map[string]any{"db_name": "DB1", "expire": "1w"})(nil); err != nil {
		t.Error(err)
	}
	bad := p.invoke("exasol_database_snapshot", map[string]tftypes.Value{"db_name": tfStr("DB1"), "expire": tfStr("soon")})
	if !protoHasError(bad.diagnostics) || !strings.Contains(protoDiagText(bad.diagnostics), "expire") {
		t.Errorf("a bad expire was not refused at validation: %s", protoDiagText(bad.diagnostics))
	}
	acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
	waitSimState(t, s, "setup")
	stopped := p.invoke("exasol_database_snapshot", map[string]tftypes.Value{"db_name": tfStr("DB1")})
	if !protoHasError(stopped.diagnostics) || !strings.Contains(protoDiagText(stopped.diagnostics), "Cannot take a snapshot of database DB1") {
		t.Errorf("a stopped database: %s", protoDiagText(stopped.diagnostics))
	}
	if snapshotCount(t, s) != 1 {
		t.Errorf("%d snapshots after the refusals", snapshotCount(t, s))
	}
}

// The example through an action trigger (Terraform ≥ 1.14; the pinned
// 1.8.5 skips it, TestActionsProtocol_databaseSnapshot makes the same call
// on any version).
func TestAccDatabaseSnapshotExample(t *testing.T) {
	acctest.OnlyOnRelease8(t, "no snapshots before Exasol 8")
	if !snapshotsExpected() {
		t.Skip("no snapshots here: TestActionsProtocol_databaseSnapshot checks the refusal")
	}
	s := snapshotSim(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetJobLog,
			Config: acctest.Provider(s) + readExample(t, "actions/exasol_database_snapshot/action.tf") + `
resource "terraform_data" "trigger" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.exasol_database_snapshot.example]
    }
  }
}
`,
			Check: func(*terraform.State) error {
				if jobs := acctest.Log(s).Changes(); !slices.Equal(jobs, []string{"db_snapshot_backup_start"}) || snapshotCount(t, s) != 1 {
					return fmt.Errorf("sent %v, %d snapshots", jobs, snapshotCount(t, s))
				}
				return nil
			},
		}},
	})
}
