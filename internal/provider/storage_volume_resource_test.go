package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
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

const volAddr = "exasol_storage_volume.test"

// simVolume is st_volume_info of one volume, straight from the simulator.
func simVolume(t *testing.T, s *sim.Server, name string) map[string]any {
	t.Helper()
	return acctest.Exec(t, s, "st_volume_info", map[string]any{"vname": name})["result_output"].(map[string]any)
}

// checkSimVolume asserts one key of st_volume_info.
func checkSimVolume(t *testing.T, s *sim.Server, name, key string, want any) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := simVolume(t, s, name)[key]; fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("the simulator's %s of %s is %v, want %v", key, name, got, want)
		}
		return nil
	}
}

// checkJobParam asserts a parameter of the one job of that name the provider sent since the last reset.
func checkJobParam(s *sim.Server, job, param string, want any) func(*terraform.State) error {
	return func(*terraform.State) error {
		var got []any
		for _, r := range acctest.Log(s).Named(job) {
			got = append(got, r.Params[param])
		}
		if len(got) != 1 || fmt.Sprint(got[0]) != fmt.Sprint(want) {
			return fmt.Errorf("%s sent with %s = %v, want one job with %v", job, param, got, want)
		}
		return nil
	}
}

// checkEnlargedBy asserts the one enlarge the provider sent since the last
// reset: by (bytes per master node) in blocks of block (ConfD's
// st_volume_enlarge), or in GiB (EXAoperation's resizeVolume).
func checkEnlargedBy(s *sim.Server, by, block int64) func(*terraform.State) error {
	return perAPI(checkJobParam(s, "st_volume_enlarge", "blocks_per_node", by/block),
		checkJobParam(s, "resizeVolume", "args", []any{by >> 30}))
}

// checkStateMatchesSim asserts that the state's id is the id the cluster gave the volume.
func checkStateMatchesSim(t *testing.T, s *sim.Server, name string) func(*terraform.State) error {
	return func(st *terraform.State) error {
		return resource.TestCheckResourceAttr(volAddr, "id", fmt.Sprint(simVolume(t, s, name)["id"]))(st)
	}
}

// expectReplacePaths asserts that a planned replacement is forced by exactly the given attributes.
type expectReplacePaths struct {
	addr  string
	attrs []string
}

func (e expectReplacePaths) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		var got []string
		for _, p := range rc.Change.ReplacePaths {
			got = append(got, fmt.Sprint(p))
		}
		var want []string
		for _, a := range e.attrs {
			want = append(want, fmt.Sprint([]any{a}))
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			resp.Error = fmt.Errorf("%s: replacement forced by %v, want %v", e.addr, got, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e.addr)
}

func strSet(l ...string) knownvalue.Check {
	c := make([]knownvalue.Check, len(l))
	for i, s := range l {
		c[i] = knownvalue.StringExact(s)
	}
	return knownvalue.SetExact(c)
}

func TestAccStorageVolume_lifecycle(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	labels := func(l string) string { return "  labels = [" + l + "]\n" }
	step1 := acctest.StorageVolume("test", acctest.Attrs{"nodes": []int{11, 12}, "redundancy": 2, acctest.Extra: labels(`"team:analytics"`)})
	inPlace := labels(`"team:bi", "tier:gold"`) + "  app_io_enabled = false\n"
	shrunk := perAPI("1536 MiB", "1 GiB") // EXAoperation sizes are whole GiB
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // create: st_volume_create, then the label; the cluster's defaults fill the rest
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + step1,
				ConfigStateChecks: append([]statecheck.StateCheck{
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("state"), knownvalue.StringExact("ONLINE")),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("num_master_nodes"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("block_size"), knownvalue.StringExact("4 KiB")),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("volume_nodes"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(11), knownvalue.Int64Exact(12)})),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("labels"), strSet("team:analytics")),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("all_labels"), strSet("#Name#V1", "team:analytics")),
				}, onlyOnItems[statecheck.StateCheck](client.APIConfD,
					// EXAoperation's getVolumeInfo reports no stripe size, owner, permissions or segments.
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("stripe_size"), knownvalue.StringExact("256 KiB")),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("owner"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(500), knownvalue.Int64Exact(500)})),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("permissions"), knownvalue.StringExact("rwx------")),
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("segments"), knownvalue.ListSizeExact(4)), // 2 parts × redundancy 2
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("segments").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"index": knownvalue.Int64Exact(0), "node": knownvalue.Int64Exact(11), "type": knownvalue.StringExact("MASTER"), "state": knownvalue.StringExact("ONLINE"),
					})),
				)...),
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_create", "st_volume_add_label"),
					checkStateMatchesSim(t, s, "V1"),
					checkSimVolume(t, s, "V1", "size", "1 GiB"),
				),
			},
			{ // import by the name an operator sees
				ResourceName:                         volAddr,
				ImportState:                          true,
				ImportStateId:                        "V1",
				ImportStateVerify:                    true,
				ImportStateVerifyIgnore:              []string{"timeouts"},
				ImportStateVerifyIdentifierAttribute: "name",
			},
			{ // in place: grow, swap labels, switch application I/O off — exactly these jobs, in this order
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": "2 GiB", "nodes": []int{11, 12}, "redundancy": 2, acctest.Extra: inPlace}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_enlarge", "st_volume_remove_label", "st_volume_add_label", "st_volume_add_label", "st_volume_set_io_status"),
					checkEnlargedBy(s, 1<<30, 4096), // 1 GiB more per master node
					checkSimVolume(t, s, "V1", "size", "2 GiB"),
					checkSimVolume(t, s, "V1", "app_io_enabled", false),
					checkSimVolume(t, s, "V1", "int_io_enabled", true),
					checkSimVolume(t, s, "V1", "labels", []any{"#Name#V1", "team:bi", "tier:gold"}),
					resource.TestCheckResourceAttr(volAddr, "state", "ONLINE"),
				),
			},
			{ // the same size in other units plans nothing
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": "2048 MiB", "nodes": []int{11, 12}, "redundancy": 2, acctest.Extra: inPlace}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: acctest.Log(s).CheckChanges(),
			},
			{ // a data volume shrinks in place (ConfD); EXAoperation only enlarges, so there the volume is replaced
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": shrunk, "nodes": []int{11, 12}, "redundancy": 2, acctest.Extra: inPlace}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, perAPI(plancheck.ResourceActionUpdate, plancheck.ResourceActionDestroyBeforeCreate)),
				}},
				Check: resource.ComposeTestCheckFunc(append([]resource.TestCheckFunc{
					perAPI(acctest.Log(s).CheckChanges("st_volume_shrink"),
						acctest.Log(s).CheckChanges("st_volume_delete", "st_volume_create", "st_volume_add_label", "st_volume_add_label", "st_volume_set_io_status")),
					checkSimVolume(t, s, "V1", "size", shrunk),
				}, onlyOnItems[resource.TestCheckFunc](client.APIConfD, checkJobParam(s, "st_volume_shrink", "blocks_per_node", (512<<20)/4096))...)...),
			},
			{ // redundancy cannot change in place: the volume is replaced, old one deleted first
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": shrunk, "nodes": []int{11, 12}, acctest.Extra: inPlace}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacePaths{volAddr, []string{"redundancy"}},
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_delete", "st_volume_create", "st_volume_add_label", "st_volume_add_label", "st_volume_set_io_status"),
					checkSimVolume(t, s, "V1", "redundancy", 1),
					checkStateMatchesSim(t, s, "V1"),
					resource.TestCheckResourceAttr(volAddr, "segments.#", perAPI("2", "0")), // EXAoperation reports no segments
				),
			},
		},
		CheckDestroy: checkOnlySeedVolume(s),
	})
}

// checkOnlySeedVolume asserts that only the cluster's own DataVolume1 is left.
func checkOnlySeedVolume(s *sim.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		env, err := s.Exec("st_volume_list", nil)
		if err != nil {
			return err
		}
		var names []string
		for _, v := range env["result_output"].([]any) {
			names = append(names, fmt.Sprint(v.(map[string]any)["name"]))
		}
		if !slices.Equal(names, []string{"DataVolume1"}) {
			return fmt.Errorf("volumes left after destroy: %v", names)
		}
		return nil
	}
}

func TestAccStorageVolume_archive(t *testing.T) {
	s := acctest.Start(t)
	// EXAoperation takes no stripe size (client Limits)
	sizes := "  block_size  = \"64 KiB\"\n" + perAPI("  stripe_size = \"256 KiB\"\n", "")
	cfg := func(size string) string {
		return acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"type": "archive", "size": size, acctest.Extra: sizes})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("2 GiB"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(volAddr, "type", "archive"),
					checkSimVolume(t, s, "V1", "volume_type", "archive"),
					checkSimVolume(t, s, "V1", "block_size", "64 KiB"),
				),
			},
			{ // an archive volume grows in place, in its own block size
				PreConfig: s.ResetJobLog,
				Config:    cfg("3 GiB"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_enlarge"),
					checkEnlargedBy(s, 1<<30, 64<<10),
					checkSimVolume(t, s, "V1", "size", "3 GiB"),
				),
			},
			{ // but cannot shrink: the plan replaces it because of size (and warns, see TestStorageVolumeArchiveShrinkWarning)
				PreConfig: s.ResetJobLog,
				Config:    cfg("1 GiB"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacePaths{volAddr, []string{"size"}},
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_delete", "st_volume_create"),
					checkSimVolume(t, s, "V1", "size", "1 GiB"),
				),
			},
		},
		CheckDestroy: checkOnlySeedVolume(s),
	})
}

func TestAccStorageVolume_drift(t *testing.T) {
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{acctest.Extra: `  labels = ["keep"]`})
	v1 := map[string]any{"vname": "V1"}
	with := func(kv ...any) map[string]any {
		m := map[string]any{"vname": "V1"}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // changed out of band: a managed label removed, a foreign one added, application I/O off.
				// The plan restores the managed label and the I/O status and leaves the foreign label alone.
				PreConfig: func() {
					s.ResetJobLog()
					acctest.Exec(t, s, "st_volume_remove_label", with("label", "keep"))
					acctest.Exec(t, s, "st_volume_add_label", with("label", "foreign"))
					acctest.Exec(t, s, "st_volume_set_io_status", with("app_io", false, "int_io", true))
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(volAddr, tfjsonpath.New("labels"), strSet("keep")),
					plancheck.ExpectKnownValue(volAddr, tfjsonpath.New("app_io_enabled"), knownvalue.Bool(true)),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_add_label", "st_volume_set_io_status"),
					checkSimVolume(t, s, "V1", "labels", []any{"#Name#V1", "foreign", "keep"}),
					checkSimVolume(t, s, "V1", "app_io_enabled", true),
					resource.TestCheckTypeSetElemAttr(volAddr, "all_labels.*", "foreign"),
				),
			},
			{ // enlarged out of band: the plan shows the size and apply shrinks it back
				// (EXAoperation cannot shrink: there the volume is replaced)
				PreConfig: func() {
					s.ResetJobLog()
					acctest.Exec(t, s, "st_volume_enlarge", with("blocks_per_node", 262144))
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, perAPI(plancheck.ResourceActionUpdate, plancheck.ResourceActionDestroyBeforeCreate)),
					plancheck.ExpectKnownValue(volAddr, tfjsonpath.New("size"), knownvalue.StringExact("1 GiB")),
				}},
				Check: resource.ComposeTestCheckFunc(
					perAPI(acctest.Log(s).CheckChanges("st_volume_shrink"), acctest.Log(s).CheckChanges("st_volume_delete", "st_volume_create", "st_volume_add_label")),
					checkSimVolume(t, s, "V1", "size", "1 GiB"),
				),
			},
			{ // deleted out of band: the state drops it and apply creates it again
				PreConfig: func() { acctest.Exec(t, s, "st_volume_delete", v1) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(volAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					checkStateMatchesSim(t, s, "V1"),
					checkSimVolume(t, s, "V1", "labels", []any{"#Name#V1", "keep"}),
				),
			},
			{ // a drift-detection run sees an out-of-band I/O change
				PreConfig:          func() { acctest.Exec(t, s, "st_volume_set_io_status", with("app_io", true, "int_io", false)) },
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// A database on a Terraform-managed volume: the volume cannot be destroyed
// alone while the database uses it, and a full destroy removes the database
// first because data_volume_name refers to the volume.
func TestAccStorageVolume_database(t *testing.T) {
	s := acctest.Start(t)
	volume := `
resource "exasol_storage_volume" "test" {
  name       = "V1"
  type       = "data"
  disk       = "disk1"
  size       = "4 GiB"
  nodes      = [11]
  redundancy = 1
  labels     = ["team:analytics"]
}
`
	database := func(dataVolume string) string {
		return fmt.Sprintf(`
resource "exasol_database" "test" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = %s
  mem_size         = "2 GiB"
  nodes            = [11]
  num_active_nodes = exasol_storage_volume.test.num_master_nodes
}
`, dataVolume)
	}
	both := acctest.Provider(s) + volume + database("exasol_storage_volume.test.name")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // the database's own label joins the volume's and the plan stays quiet
				Config: both,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(dbAddr, "state", "running"),
					checkSimVolume(t, s, "V1", "labels", []any{"#Name#V1", "team:analytics", "pub:DB1_persistent"}),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("labels"), strSet("team:analytics")),
				},
			},
			{ // refreshed, the volume shows the database's label nowhere (no drift of the volume); nothing to change
				PreConfig: s.ResetJobLog,
				Config:    both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volAddr, tfjsonpath.New("all_labels"), strSet("#Name#V1", "team:analytics")),
				},
				Check: acctest.Log(s).CheckChanges(),
			},
			{ // the volume alone leaves the configuration: the cluster refuses, naming the database, and the error says what to do
				PreConfig: s.ResetJobLog,
				Config:    acctest.Provider(s) + strings.Replace(database(`"V1"`), "exasol_storage_volume.test.num_master_nodes", "1", 1),
				ExpectError: regexp.MustCompile(`(?s)Cannot delete storage volume V1.*` + perAPI("st_volume_delete", "volumeRemove") + `.*in use by database\s+'DB1'.*` +
					`Destroy that database\s+first`),
			},
			{ // the refusal changed nothing: both are still there and in the state
				PreConfig: s.ResetJobLog,
				Config:    both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(),
					checkSimVolume(t, s, "V1", "state", "ONLINE"),
					checkSim(t, s, "db_list", nil, expectOutput([]any{"DB1"})),
				),
			},
		},
		// A full destroy follows the dependency: database first, then its volume.
		CheckDestroy: func(st *terraform.State) error {
			jobs := acctest.Log(s).Changes()
			db, vol := slices.Index(jobs, "db_delete"), slices.Index(jobs, "st_volume_delete")
			if db < 0 || vol < 0 || db > vol {
				return fmt.Errorf("want db_delete before st_volume_delete, got %v", jobs)
			}
			return checkOnlySeedVolume(s)(st)
		},
	})
}
