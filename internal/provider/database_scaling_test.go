package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestScaling(t *testing.T) {
	for _, c := range []struct {
		prior       []int64
		priorActive int64
		plan        []int64
		active      int64
		remove, add []int64
		enlarge     int64
		ok          bool
	}{
		{[]int64{11}, 1, []int64{11, 12}, 1, nil, []int64{12}, 0, true},
		{[]int64{11, 12}, 1, []int64{11, 12}, 2, nil, nil, 1, true},
		{[]int64{11}, 1, []int64{11, 12, 13}, 2, nil, []int64{12, 13}, 1, true},
		{[]int64{11, 12, 13}, 1, []int64{11, 13}, 1, []int64{12}, nil, 0, true},
		{[]int64{11, 12, 13}, 1, []int64{11, 13, 12}, 1, nil, nil, 0, false}, // reordered reserve nodes
		{[]int64{11, 12}, 2, []int64{11}, 1, nil, nil, 0, false},             // an active node removed
		{[]int64{11, 12}, 2, []int64{12, 11}, 2, nil, nil, 0, false},         // active nodes reordered
		{[]int64{11, 12}, 1, []int64{11, 14, 12}, 2, nil, nil, 0, false},     // 14 would not be the one made active
	} {
		remove, add, enlarge, ok := scaling(c.prior, c.priorActive, c.plan, c.active)
		if ok != c.ok || (ok && (!slices.Equal(remove, c.remove) || !slices.Equal(add, c.add) || enlarge != c.enlarge)) {
			t.Errorf("scaling(%v, %d → %v, %d) = %v %v %d %v", c.prior, c.priorActive, c.plan, c.active, remove, add, enlarge, ok)
		}
	}
}

// Scaling in place: reserve nodes added and removed without a stop, reserve
// nodes made active with a stop and a start in order; removing an active
// node replaces.
func TestAccDatabase_scaling(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "DV1", "type": "data", "disk": "disk1",
		"size": "1 GiB", "nodes": []int{11}, "redundancy": 1})
	// EXAoperation changes reserve nodes by editDatabase (db_configure in the log)
	reserveJob := func(confd string) string { return perAPI(confd, "db_configure") }
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionUpdate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"data_volume_name": "DV1", "mem_size": "2 GiB", "nodes": []int{11}, "num_active_nodes": 1})},
			{ // a reserve node added: no stop
				PreConfig: s.ResetJobLog, Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"data_volume_name": "DV1", "mem_size": "2 GiB", "nodes": []int{11, 12}, "num_active_nodes": 1}), ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(reserveJob("db_add_reserve_nodes")),
					resource.TestCheckResourceAttr(dbAddr, "reserve_nodes.#", "1"),
					resource.TestCheckResourceAttr(dbAddr, "state", "running"),
				),
			},
			{ // one more reserve node, the first reserve node made active and, in the same
				// apply, a db_configure change: stop, add, enlarge (which starts the
				// database on ConfD, its page, so it is stopped again), configure, start.
				// The operator gave the data volume its second master node first.
				PreConfig: func() {
					acctest.Exec(t, s, "st_volume_append_node", map[string]any{"vname": "DV1", "node_num": 1, "node_ids": []int{12}})
					s.ResetJobLog()
				},
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"data_volume_name": "DV1", "mem_size": "3 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 2}), ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(append([]string{"db_stop", reserveJob("db_add_reserve_nodes"), "db_enlarge"},
						perAPI([]string{"db_stop", "db_configure", "db_start"}, []string{"db_configure", "db_start"})...)...),
					resource.TestCheckResourceAttr(dbAddr, "active_nodes.#", "2"),
					resource.TestCheckResourceAttr(dbAddr, "reserve_nodes.#", "1"),
					resource.TestCheckResourceAttr(dbAddr, "state", "running"),
				),
			},
			{ // the reserve node removed
				PreConfig: s.ResetJobLog, Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"data_volume_name": "DV1", "mem_size": "3 GiB", "nodes": []int{11, 12}, "num_active_nodes": 2}), ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges(reserveJob("db_remove_reserve_nodes")),
					resource.TestCheckResourceAttr(dbAddr, "reserve_nodes.#", "0"),
				),
			},
			{ // the active nodes changed (here reordered): Exasol cannot, so the database is replaced
				Config: acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"data_volume_name": "DV1", "mem_size": "3 GiB", "nodes": []int{12, 11}, "num_active_nodes": 2}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(dbAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error {
					if n := dbConfigValue(t, s, "DB1", "nodes"); fmt.Sprint(n) != "[12 11]" {
						return fmt.Errorf("nodes %v after the replacement", n)
					}
					return nil
				},
			},
		},
	})
}

// The reserve node example applies, on a two-node cluster.
func TestAccExamples_reserveNode(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(2))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.Provider(s) + readExample(t, "resources/exasol_database/reserve-node.tf"),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("exasol_database.scaled", "reserve_nodes.#", "1"),
				resource.TestCheckResourceAttr("exasol_database.scaled", "state", "running"),
			),
		}},
	})
}
