package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

const clusterExampleAddr = "exasol_cluster_state.example"

// The exasol_cluster_state examples, as the docs show them: the import block
// adopts a running cluster (no job changes anything), import.sh imports by
// its id, and destroy stops the databases (stop_on_destroy).
func TestAccClusterStateExamples(t *testing.T) {
	s := acctest.Start(t)
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	resourceEx := readExample(t, "resources/exasol_cluster_state/resource.tf")
	importCmd := strings.Fields(strings.TrimSpace(readExample(t, "resources/exasol_cluster_state/import.sh")))
	importAddr, importID := importCmd[len(importCmd)-2], importCmd[len(importCmd)-1]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + resourceEx + readExample(t, "resources/exasol_cluster_state/import-by-string-id.tf"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(clusterExampleAddr, tfjsonpath.New("state"), knownvalue.StringExact("running")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.Log(s).CheckChanges(), // adopted as it is
					resource.TestCheckResourceAttr(clusterExampleAddr, "state", "running"),
					resource.TestCheckResourceAttr(clusterExampleAddr, "stop_on_destroy", "true"),
				),
			},
			{ // a stopped database is started again by the example
				PreConfig: func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}); s.ResetJobLog() },
				Config:    acctest.Provider(s) + resourceEx,
				Check:     acctest.Log(s).CheckChanges("db_start"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("cluster_steps", knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringExact(perAPI("nodes: 1/1 online", "nodes: 2/2 online")), // n0010 counts on EXAoperation
					})),
				},
			},
			{ // import.sh, taken at its word
				Config:                  acctest.Provider(s) + resourceEx,
				ResourceName:            importAddr,
				ImportState:             true,
				ImportStateId:           importID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"steps", "timeouts", "stop_on_destroy"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if st := dbState(t, s, "DB1"); st != "setup" {
				return fmt.Errorf("DB1 is %s after destroy with stop_on_destroy = true", st)
			}
			return nil
		},
	})
}

// The action examples, invoked by Terraform ≥ 1.14 through an action
// trigger (the project's pinned 1.8.5 skips them; the protocol-level tests
// in actions_protocol_test.go cover the same calls on any version).
func TestAccActionExamples(t *testing.T) {
	s := acctest.Start(t, acctest.Duration("backup", 500*time.Millisecond))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	addBackupVolume(t, s)
	// trigger invokes the example action after terraform_data is created;
	// a new input updates terraform_data and so invokes the action again.
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
	jobsSince := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := acctest.Log(s).Changes(); !slices.Equal(got, want) {
				return fmt.Errorf("jobs %v, want %v", got, want)
			}
			return nil
		}
	}
	state := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := dbState(t, s, "DB1"); got != want {
				return fmt.Errorf("DB1 is %s, want %s", got, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureActions)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_database_stop", "1"), Check: resource.ComposeTestCheckFunc(jobsSince("db_stop"), state("setup"))},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_database_start", "2"), Check: resource.ComposeTestCheckFunc(jobsSince("db_start"), state("running"))},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_database_restart", "3"), Check: jobsSince("db_stop", "db_start")},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_backup_start", "4"), Check: resource.ComposeTestCheckFunc(
				jobsSince("db_backup_start"),
				func(*terraform.State) error {
					l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB1"})["result_output"].([]any)
					if len(l) != 1 {
						return fmt.Errorf("%d backups, want the 1 the action waited for", len(l))
					}
					return nil
				})},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_cluster_shutdown", "5"), Check: resource.ComposeTestCheckFunc(jobsSince(stopJobs(1, 11)...), state("setup"))},
			{PreConfig: s.ResetJobLog, Config: trigger("exasol_cluster_startup", "6"), Check: resource.ComposeTestCheckFunc(
				jobsSince(perAPI([]string{"db_start"}, []string{"startupNode", "startEXAStorage", "db_start"})...), state("running"))},
		},
	})
}

// The plugin command example through an action trigger (Terraform ≥ 1.14;
// TestActionsProtocol_pluginCommand invokes the same example on any version).
func TestAccActionExamples_pluginCommand(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD has no job that runs plugin commands; TestActionsProtocol_pluginCommand checks that its plan fails")
	s := acctest.Start(t, acctest.Plugins("Administration.vmware-tools"))
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{cliSupports(featureActions)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: s.ResetJobLog,
			Config: acctest.Provider(s) + readExample(t, "actions/exasol_plugin_command/action.tf") + `
resource "terraform_data" "trigger" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.exasol_plugin_command.example]
    }
  }
}
`,
			Check: func(*terraform.State) error {
				if got := pluginCalls(s); !slices.Equal(got, []string{"n0010 RESTART"}) {
					return fmt.Errorf("callPlugin %v, want the example's restart on n0010", got)
				}
				return nil
			},
		}},
	})
}
