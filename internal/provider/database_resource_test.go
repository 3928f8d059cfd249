package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const dbAddr = "exasol_database.test"

func dbConfigValue(t *testing.T, s *sim.Server, db, key string) any {
	t.Helper()
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": db})["result_output"].(map[string]any)
	return out["config"].(map[string]any)[key]
}

func TestAccDatabase_lifecycle(t *testing.T) {
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create: started and connectible
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				ConfigStateChecks: append([]statecheck.StateCheck{
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("state"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("connectible"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("port"), knownvalue.Int64Exact(8563)),
					// unset, auto_start is what the interface does: EXAoperation databases never start on their own
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("auto_start"), knownvalue.Bool(perAPI(true, false))),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("active_nodes"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(nodeName(11))})),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("operation"), knownvalue.StringExact("None")),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("connection_string"), knownvalue.StringRegexp(regexp.MustCompile(`:8563$`))),
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("temporary_volume_name"), knownvalue.StringRegexp(regexp.MustCompile(`^v\d{4}$`))),
				}, onlyOnItems[statecheck.StateCheck](client.APIConfD,
					// EXAoperation databases have no UUID (no db_uuid in getDatabaseInfo).
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("db_uuid"), knownvalue.StringRegexp(regexp.MustCompile(`\S`))),
				)...),
				Check: resource.ComposeTestCheckFunc(
					checkSim(t, s, "db_state", map[string]any{"db_name": "DB1"}, expectOutput("Running")),
				),
			},
			{ // import by name reads back everything the configuration set
				ResourceName:            dbAddr,
				ImportState:             true,
				ImportStateId:           "DB1",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{ // in place: stop (operation idle) → configure → start, in that order
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "4096 MiB", acctest.Extra: "  params = \"-useIndexWrapper=0\"\n  interfaces = \"eth0 eth1\""}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_stop", "db_configure", "db_start"),
					func(*terraform.State) error {
						if got := dbConfigValue(t, s, "DB1", "mem_size"); got != "4 GiB" {
							return fmt.Errorf("cluster mem_size = %v, want 4 GiB", got)
						}
						if got := dbConfigValue(t, s, "DB1", "interfaces"); got != "eth0 eth1" {
							return fmt.Errorf("cluster interfaces = %v, want eth0 eth1", got)
						}
						return nil
					},
					resource.TestCheckResourceAttr(dbAddr, "state", "running"),
				),
			},
			{ // the cluster reports "4 GiB" for the configured "4096 MiB", and the plan
				// stays quiet (checked after every step); re-spelling the size in the
				// configuration is an update in Terraform's eyes that touches nothing.
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "4 GiB", acctest.Extra: "  params = \"-useIndexWrapper=0\"\n  interfaces = \"eth0 eth1\""}),
				Check:     acctest.Log(s).CheckChanges(),
			},
			{ // runtime state: stop without reconfiguring
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "4 GiB", acctest.Extra: "  params = \"-useIndexWrapper=0\"\n  running = false"}),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_stop"),
					resource.TestCheckResourceAttr(dbAddr, "state", "setup"),
					resource.TestCheckResourceAttr(dbAddr, "connectible", "false"),
				),
			},
			{ // a stopped database is reconfigured without being started
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "3 GiB", acctest.Extra: "  params = \"-useIndexWrapper=0\"\n  running = false\n  port = 8899"}),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_configure"),
					resource.TestCheckResourceAttr(dbAddr, "state", "setup"),
					resource.TestCheckResourceAttr(dbAddr, "port", "8899"),
				),
			},
			{ // renaming replaces: the old database is stopped and deleted, the new one created
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"db_name": "DB2", "mem_size": "3 GiB"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					checkSim(t, s, "db_list", nil, expectOutput([]any{"DB2"})),
					func(*terraform.State) error {
						jobs := acctest.Log(s).Changes()
						if !slices.Contains(jobs, "db_delete") || slices.Index(jobs, "db_delete") > slices.Index(jobs, "db_create") {
							return fmt.Errorf("want db_delete of DB1 before db_create of DB2, got %v", jobs)
						}
						return nil
					},
				),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if got := acctest.Log(s).Changes(); !slices.Contains(got, "db_delete") {
				return fmt.Errorf("destroy sent no db_delete: %v", got)
			}
			env, _ := s.Exec("db_list", nil)
			if l, _ := env["result_output"].([]any); len(l) != 0 {
				return fmt.Errorf("databases left after destroy: %v", l)
			}
			return nil
		},
	})
}

func TestAccDatabase_drift(t *testing.T) {
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // stopped out of band: the plan shows it and apply starts it again
				PreConfig: func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("running"), knownvalue.Bool(true)),
				}},
				Check: checkSim(t, s, "db_state", map[string]any{"db_name": "DB1"}, expectOutput("Running")),
			},
			{ // reconfigured out of band: the plan puts mem_size back
				PreConfig: func() {
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					acctest.Exec(t, s, "db_configure", map[string]any{"db_name": "DB1", "mem_size": "8 GiB"})
					acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"})
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if got := dbConfigValue(t, s, "DB1", "mem_size"); got != "2 GiB" {
						return fmt.Errorf("mem_size after apply = %v, want 2 GiB", got)
					}
					return nil
				},
			},
			{ // deleted out of band: the state drops it (with a warning) and apply creates it again
				PreConfig: func() {
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					acctest.Exec(t, s, "db_delete", map[string]any{"db_name": "DB1"})
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkSim(t, s, "db_list", nil, expectOutput([]any{"DB1"})),
			},
			{ // a drift-detection run: refresh-only plan after an out-of-band stop is not empty
				PreConfig:          func() { acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"}) },
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccDatabase_badInput(t *testing.T) {
	s := acctest.Start(t)
	planTime := func(cfg, msg string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps([]resource.TestStep{
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"db_name": "1-bad name", "mem_size": "2 GiB"}), `must be a valid database name`),
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"mem_size": "2 GB"}), `(?s)Invalid size.*use one of B, KiB, MiB, GiB, TiB`),
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"mem_size": "lots"}), `Invalid size`),
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  port = 80"}), `port.*must be between 1024 and 65535`),
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  owner = [500]"}), `owner.*2`),
		}, onlyOnItems(client.APIEXAoperation,
			// what EXAoperation cannot do fails the plan; what it does anyway (auto_start = false) does not
			planTime(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  auto_start = true"}), `(?s)auto_start = true is not supported by\s+EXAoperation.*startDatabase`),
			resource.TestStep{Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: "  auto_start = false"}), PlanOnly: true, ExpectNonEmptyPlan: true},
		), []resource.TestStep{
			{ // plan-time failures reached no job
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("plan-time validation sent jobs: %v", jobs)
					}
				},
				Config: pfSkip(acctest.Provider(s)) + `
resource "exasol_database" "test" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "NoSuchVolume"
  mem_size         = "2 GiB"
  nodes            = [11]
  num_active_nodes = 1
}`,
				// EXAoperation's client looks the volume's id up before addDatabase.
				ExpectError: regexp.MustCompile(`(?s)Cannot create database DB1.*` + perAPI("db_create", "getVolumeList") + `.*NoSuchVolume.*does\s+not\s+exist`),
			},
			{
				Config:      `# version not installed` + "\n" + pfSkip(acctest.Provider(s)+acctest.Database("test", acctest.Attrs{"version": "6.2.0", "mem_size": "2 GiB"})),
				ExpectError: regexp.MustCompile(`(?s)` + perAPI("db_create", "addDatabase") + `.*6\.2\.0.*8\.29\.0`),
			},
		}),
		CheckDestroy: func(*terraform.State) error {
			env, _ := s.Exec("db_list", nil)
			if l, _ := env["result_output"].([]any); len(l) != 0 {
				return fmt.Errorf("a failed create left databases behind: %v", l)
			}
			return nil
		},
	})
}

func expectOutput(want any) func(any) error {
	return func(got any) error {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("simulator says %v, want %v", got, want)
		}
		return nil
	}
}
