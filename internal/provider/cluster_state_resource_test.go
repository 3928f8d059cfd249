package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const clusterStateAddr = "exasol_cluster_state.this"

// checkSteps asserts the recorded steps in order; a pattern may match any
// of a run of parallel database steps, so each is matched against the step
// at its index.
func checkSteps(patterns ...string) resource.TestCheckFunc {
	var fs []resource.TestCheckFunc
	fs = append(fs, resource.TestCheckResourceAttr(clusterStateAddr, "steps.#", fmt.Sprint(len(patterns))))
	for i, p := range patterns {
		fs = append(fs, resource.TestMatchResourceAttr(clusterStateAddr, fmt.Sprintf("steps.%d", i), regexp.MustCompile(p)))
	}
	return resource.ComposeAggregateTestCheckFunc(fs...)
}

func checkNoJob(s *sim.Server, job string) resource.TestCheckFunc {
	return acctest.Log(s).CheckCount(job, 0)
}

// A cold start of a 4-node cluster with three databases: the nodes boot,
// the storage follows, the databases start in parallel, the plugins are
// checked, in this order in the job log; then the shutdown in reverse.
func TestAccClusterState_coldStartAndShutdown(t *testing.T) {
	s := acctest.Start(t, func(o *sim.Options) {
		o.Nodes = 4
		o.Plugins = []string{"Administration.vmware-tools"}
		o.Durations = map[string]time.Duration{"node_boot": 1500 * time.Millisecond, "storage_start": 150 * time.Millisecond} // long enough to outlast Terraform's plan on a busy machine
	})
	acctest.SeedDatabases(t, s, []int{11, 12, 13, 14}, "DB1", "DB2", "DB3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { s.Cluster().ColdBoot(); s.ResetJobLog() },
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						// ConfD asks the node states; EXAoperation answers getNodeList once its license server is up (the seed's step 1)
						if jobs, first := acctest.Log(s).All(), perAPI("node_state", "read:getNodeList"); jobs[0] != first {
							return fmt.Errorf("the start began with %s, want %s: %v", jobs[0], first, jobs)
						}
						return nil
					},
					checkLayersInOrder(s, startLayers(true)...),
					checkConnectionAwaited(s),
					acctest.Log(s).CheckCount("db_start", 3),
					acctest.Log(s).CheckCount("startupNode", perAPI(0, 4)),    // EXAoperation powers every node on but n0010, which runs it
					acctest.Log(s).CheckCount("callPlugin", perAPI(0, 2+2*4)), // restarted on n0010, STATUS and START on each node
					resource.TestCheckResourceAttr(clusterStateAddr, "id", "cluster"),
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "running"),
					resource.TestCheckResourceAttr(clusterStateAddr, "master", masterName()),
					resource.TestCheckResourceAttr(clusterStateAddr, "nodes."+nodeName(14), "online"),
					resource.TestCheckResourceAttr(clusterStateAddr, "volumes.DV_DB3", "ONLINE"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.%", "3"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB2", "running"),
					checkSteps(perAPI([]string{
						`^nodes: ConfD cannot power nodes on: waiting for n12, n13, n14 to boot$`,
						`^nodes: 4/4 online$`,
						`^storage: 6/6 volumes ONLINE \(ConfD has no job that starts the storage service`,
						`^database DB[123]: started, connectible at `,
						`^database DB[123]: started, connectible at `,
						`^database DB[123]: started, connectible at `,
						`^WARNING plugins: Administration.vmware-tools installed; ConfD has no job that starts plugin services`,
					}, []string{
						`^nodes: powered on n0011, n0012, n0013, n0014$`,
						`^nodes: 5/5 online$`, // the license server n0010 counts
						`^storage: 6/6 volumes ONLINE \(started the storage service\)$`,
						`^database DB[123]: started, connectible at `,
						`^database DB[123]: started, connectible at `,
						`^database DB[123]: started, connectible at `,
						`^plugins: Administration.vmware-tools installed and started$`,
					})...),
				),
			},
			{ // the shutdown: master reported, databases stopped, storage and nodes left (ConfD) or stopped (EXAoperation), warned
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStateAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "stopped"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB1", "setup"),
					acctest.Log(s).CheckChanges(stopJobs(3, 11, 12, 13, 14)...),
					checkLayersInOrder(s, perAPI([][]string{{"node_state"}, {"db_stop"}},
						[][]string{{"read:getEXAoperationMaster"}, {"db_stop"}, {"stopEXAStorage"}, {"shutdownNode"}})...),
					checkSteps(perAPI([]string{
						`^master: n11 runs ConfD$`,
						`^database DB[123]: stopped \(setup`,
						`^database DB[123]: stopped \(setup`,
						`^database DB[123]: stopped \(setup`,
						`^WARNING storage: left running: ConfD has no job that stops the storage service \(every database is stopped\)$`,
						`^WARNING nodes: left online: ConfD has no job that shuts nodes down$`,
					}, []string{
						`^master: n0010 runs EXAoperation$`,
						`^database DB[123]: stopped \(setup`,
						`^database DB[123]: stopped \(setup`,
						`^database DB[123]: stopped \(setup`,
						`^storage: stopped$`,
						`^nodes: shut down n0011, n0012, n0013, n0014$`,
						`^WARNING nodes: left online: n0010 runs EXAoperation; shut it down last, by hand, when nothing needs EXAoperation any more$`,
					})...),
				),
			},
			{ // nothing to do: an empty plan
				Config:   acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"`),
				PlanOnly: true,
			},
		},
	})
}

// A shutdown waits for a running backup; with a timeout shorter than the
// backup it fails naming the database and the operation, leaves the backup
// running, the next plan shows the partial state, and a re-apply finishes.
func TestAccClusterState_shutdownUnderBackup(t *testing.T) {
	s := acctest.Start(t, acctest.Duration("backup", 2500*time.Millisecond))
	acctest.SeedDatabases(t, s, []int{11}, "DB1", "DB2")
	addBackupVolume(t, s)
	backup := func() {
		acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB2", "backup_volume_name": "Backups", "level": 0})
		s.ResetJobLog()
	}
	backups := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			l, _ := acctest.Exec(t, s, "db_backup_list", map[string]any{"db_name": "DB2"})["result_output"].([]any)
			if len(l) != want {
				return fmt.Errorf("%d backups of DB2 listed, want %d", len(l), want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // the databases already run: nothing is started
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoJob(s, "db_start"),
					checkSteps(perAPI(`^nodes: 1/1 online$`, `^nodes: 2/2 online$`), `^storage: 4/4 volumes ONLINE`, // n0010 counts on EXAoperation
						`^database DB[12]: already running`, `^database DB[12]: already running`, `^plugins: none installed$`),
				),
			},
			{ // waited: the backup ends, then DB2 stops
				PreConfig: backup,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "stopped"),
					backups(1),
					acctest.Log(s).CheckChanges(stopJobs(2, 11)...),
					resource.TestMatchResourceAttr(clusterStateAddr, "steps.2",
						regexp.MustCompile(`^database DB2: stopped \(setup, .*\); waited for operation "Backup" to end first$`)),
				),
			},
			{Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`)},
			{ // refused: the timeout is shorter than the backup
				PreConfig: backup,
				Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"
  timeouts {
    update = "400ms"
  }`),
				ExpectError: regexp.MustCompile(`(?s)database\s+DB2:\s+not\s+stopped:\s+operation\s+"Backup"\s+still\s+running.*` +
					`force_stop\s+=\s+true.*FAILED database DB2: not stopped`),
			},
			{ // the truth: DB1 stopped, DB2 still running its backup, nothing cut off
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "partial"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB1", "setup"),
					resource.TestMatchResourceAttr(clusterStateAddr, "database_states.DB2", regexp.MustCompile(`^running`)),
					func(*terraform.State) error {
						if slices.Contains(acctest.Log(s).Databases("db_stop"), "DB2") {
							return fmt.Errorf("db_stop was sent for DB2 under its backup")
						}
						return nil
					},
				),
			},
			{ // a re-apply finishes the stop: only DB2 is left to stop
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStateAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(clusterStateAddr, tfjsonpath.New("state"), knownvalue.StringExact("stopped")),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "stopped"),
					func(*terraform.State) error {
						if got := acctest.Log(s).Databases("db_stop"); !slices.Equal(got, []string{"DB2"}) {
							return fmt.Errorf("db_stop for %v, want only DB2", got)
						}
						return nil
					},
					backups(2),
				),
			},
		},
	})
}

// A start that fails midway (DB3's data volume is locked) starts the other
// databases, records where it stopped, plans the truth, and completes on a
// re-apply once the volume is unlocked.
func TestAccClusterState_midwayFailure(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(2))
	acctest.SeedDatabases(t, s, []int{11, 12}, "DB1", "DB2", "DB3")
	for _, db := range []string{"DB1", "DB2", "DB3"} {
		acctest.Exec(t, s, "db_stop", map[string]any{"db_name": db})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "stopped"`), Check: checkNoJob(s, "db_stop")},
			{
				PreConfig: func() {
					storageUp(t, s)
					acctest.Exec(t, s, "st_volume_lock", map[string]any{"vname": "DV_DB3"})
					s.ResetJobLog()
				},
				Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				ExpectError: regexp.MustCompile(`(?s)database\s+DB3:\s+not\s+started:\s+` +
					perAPI(`ConfD\s+job\s+db_start\s+failed`, `EXAoperation\s+refused\s+db_DB3\.startDatabase`) + `.*` +
					`WARNING storage: DV_DB3 locked.*FAILED database DB3: not started: .*data volume of database 'DB3' is not ONLINE`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "partial"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB1", "running"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB3", "setup"),
					resource.TestCheckResourceAttr(clusterStateAddr, "volumes.DV_DB3", "LOCKED"),
				),
			},
			{
				PreConfig: func() { acctest.Exec(t, s, "st_volume_unlock", map[string]any{"vname": "DV_DB3"}); s.ResetJobLog() },
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStateAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "running"),
					acctest.Log(s).CheckChanges("db_start"),
					func(*terraform.State) error {
						if got := acctest.Log(s).Databases("db_start"); !slices.Equal(got, []string{"DB3"}) {
							return fmt.Errorf("db_start for %v, want only DB3", got)
						}
						return nil
					},
				),
			},
		},
	})
}

// A create that fails midway records nothing (there is no object to lose,
// and a tainted resource would be replaced, stopping databases with
// stop_on_destroy); the next apply creates it again and starts only what
// is left.
func TestAccClusterState_createFailure(t *testing.T) {
	s := acctest.Start(t)
	acctest.SeedDatabases(t, s, []int{11}, "DB1", "DB2")
	for _, db := range []string{"DB1", "DB2"} {
		acctest.Exec(t, s, "db_stop", map[string]any{"db_name": db})
	}
	acctest.Exec(t, s, "st_volume_lock", map[string]any{"vname": "DV_DB2"})
	cfg := acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", "  state = \"running\"\n  stop_on_destroy = true")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)FAILED database DB2: not started: .*'DB2' is not ONLINE`),
			},
			{
				PreConfig: func() { acctest.Exec(t, s, "st_volume_unlock", map[string]any{"vname": "DV_DB2"}); s.ResetJobLog() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStateAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.Log(s).CheckChanges("db_start"), // DB1 runs since the first attempt; nothing was stopped
					func(*terraform.State) error {
						if got := acctest.Log(s).Databases("db_start"); !slices.Equal(got, []string{"DB2"}) {
							return fmt.Errorf("db_start for %v, want only DB2", got)
						}
						return nil
					},
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "running"),
				),
			},
		},
	})
}

// Import by "cluster", drift (a database stopped behind Terraform's back),
// a subset of databases, bad input, and stop_on_destroy.
func TestAccClusterState_importDriftSubset(t *testing.T) {
	s := acctest.Start(t)
	acctest.SeedDatabases(t, s, []int{11}, "DB1", "DB2")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, db := range []string{"DB1", "DB2"} {
				if st := dbState(t, s, db); st != "setup" {
					return fmt.Errorf("%s is %s after destroy with stop_on_destroy, want setup", db, st)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // plan-time validation: no job is sent
				PreConfig:   s.ResetJobLog,
				Config:      acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "paused"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`value must be one of: \["running" "stopped"\]`),
			},
			{
				Config:      acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", "  state = \"running\"\n  databases = [\"DB1\", \"DB1\"]"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Duplicate List Value`),
			},
			{
				Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if n := len(jobIndexes(acctest.Log(s).All(), "db_start")); n != 0 {
							return fmt.Errorf("db_start sent for running databases")
						}
						return nil
					},
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "running"),
				),
			},
			{
				ResourceName:            clusterStateAddr,
				ImportState:             true,
				ImportStateId:           "cluster",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"steps", "timeouts"},
			},
			{
				ResourceName:  clusterStateAddr,
				ImportState:   true,
				ImportStateId: "DB1",
				ExpectError:   regexp.MustCompile(`Import exasol_cluster_state by the id "cluster"`),
			},
			{ // drift: DB1 stopped out of band; the plan shows it, the apply starts it again
				PreConfig: func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}); s.ResetJobLog() },
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", `  state = "running"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStateAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.Log(s).CheckChanges("db_start"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.DB1", "running"),
				),
			},
			{ // a subset: only DB2 stops, and the storage stays for DB1
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", "  state = \"stopped\"\n  databases = [\"DB2\"]"),
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.Log(s).CheckChanges("db_stop"),
					resource.TestCheckResourceAttr(clusterStateAddr, "state", "stopped"),
					resource.TestCheckResourceAttr(clusterStateAddr, "database_states.%", "1"),
					resource.TestCheckResourceAttr(clusterStateAddr, "steps.2", "storage: left running: databases not selected are still up (DB1 running)"),
					func(*terraform.State) error {
						if st := dbState(t, s, "DB1"); st != "running" {
							return fmt.Errorf("DB1 is %s; it was not selected", st)
						}
						return nil
					},
				),
			},
			{ // flags alone run nothing
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", "  state = \"stopped\"\n  databases = [\"DB2\"]\n  stop_on_destroy = true"),
				Check:     acctest.Log(s).CheckChanges(),
			},
			{ // destroy with stop_on_destroy stops the selected databases: DB1 too once selected
				Config: acctest.Provider(s) + acctest.Resource("exasol_cluster_state", "this", "  state = \"stopped\"\n  databases = [\"DB1\", \"DB2\"]\n  stop_on_destroy = true"),
			},
		},
	})
}
