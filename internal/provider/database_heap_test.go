package provider

import (
	"fmt"
	"regexp"
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

// checkHeap checks what db_info reports as the database's heap limit.
func checkHeap(t *testing.T, s *sim.Server, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := dbConfigValue(t, s, "DB1", "max_system_heap_memory"); got != want {
			return fmt.Errorf("cluster max_system_heap_memory = %v, want %s", got, want)
		}
		return nil
	}
}

// max_system_heap_memory: set after db_create (which does not take it) and
// before the first start; re-spelled sizes plan nothing; "default" unsets it;
// drift is put back; bad sizes fail the plan.
func TestAccDatabase_maxSystemHeap(t *testing.T) {
	onlyOn(t, client.APIConfD, "db_configure's max_system_heap_memory; EXAoperation refuses it at plan time (TestAccDatabase_maxSystemHeapRefused)")
	s := acctest.Start(t)
	heap := func(v string) string {
		return acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: fmt.Sprintf("  max_system_heap_memory = %q", v)})
	}
	planTime := func(cfg, msg string) resource.TestStep {
		return resource.TestStep{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planTime(heap("200 GiB"), `(?s)System heap too large.*128 GiB`),
			planTime(heap("64 GB"), `(?s)Invalid system heap size.*MiB or GiB`),
			planTime(heap("0 MiB"), `Invalid system heap size`),
			{ // create: configured before it runs (a database auto_start
				// brought up at db_create, see cluster.AutoStartOnCreate, is
				// stopped first), then started
				PreConfig: s.ResetJobLog,
				Config:    heap("64 GiB"),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("db_create", "db_stop", "db_configure", "db_start"),
					checkHeap(t, s, "64 GiB"),
					resource.TestCheckResourceAttr(dbAddr, "state", "running"),
				),
			},
			{ResourceName: dbAddr, ImportState: true, ImportStateId: "DB1", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{ // the same size in MiB: nothing to do
				PreConfig: s.ResetJobLog,
				Config:    heap("65536 MiB"),
				Check:     acctest.Log(s).CheckChanges(),
			},
			{ // "default" unsets it: stop, configure, start
				PreConfig: s.ResetJobLog,
				Config:    heap("default"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(acctest.Log(s).CheckChanges("db_stop", "db_configure", "db_start"), checkHeap(t, s, "default")),
			},
			{ // changed out of band: the plan puts it back
				PreConfig: func() {
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					acctest.Exec(t, s, "db_configure", map[string]any{"db_name": "DB1", "max_system_heap_memory": "32 GiB"})
					acctest.Exec(t, s, "db_start", map[string]any{"db_name": "DB1"})
				},
				Config: heap("default"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(dbAddr, tfjsonpath.New("max_system_heap_memory"), knownvalue.StringExact("default")),
				}},
				Check: checkHeap(t, s, "default"),
			},
			{ // unset: kept as the cluster has it
				Config:            acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("max_system_heap_memory"), knownvalue.StringExact("default"))},
			},
		},
	})
}

// EXAoperation's addDatabase and editDatabase have no heap setting: the
// plan fails before anything is sent.
func TestAccDatabase_maxSystemHeapRefused(t *testing.T) {
	onlyOn(t, client.APIEXAoperation, "ConfD takes max_system_heap_memory (TestAccDatabase_maxSystemHeap)")
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB", acctest.Extra: `  max_system_heap_memory = "64 GiB"`}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)max_system_heap_memory is not supported by\s+EXAoperation.*system heap`),
			},
			{ // unset, the database has none: null in the state, and no plan for it
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dbAddr, tfjsonpath.New("max_system_heap_memory"), knownvalue.Null()),
				},
			},
		},
	})
}

// The documented example applies (ConfD only, see onlyOn).
func TestAccExamples_systemHeap(t *testing.T) {
	onlyOn(t, client.APIConfD, "max_system_heap_memory is ConfD's")
	s := acctest.Start(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + readExample(t, "resources/exasol_database/system-heap.tf"),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("exasol_database.heap", "max_system_heap_memory", "64 GiB"),
				resource.TestCheckResourceAttr("exasol_database.heap", "state", "running"),
			),
		}},
	})
}
