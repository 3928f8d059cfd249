package provider

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

const clusterAddr = "data.exasol_cluster.this"

// checkClusterMatches compares the data source with the simulator's own
// answers to node_state, st_volume_list, db_list and db_state.
func checkClusterMatches(t *testing.T, s *sim.Server) func(*terraform.State) error {
	return func(st *terraform.State) error {
		a := st.RootModule().Resources[clusterAddr].Primary.Attributes
		states := acctest.Exec(t, s, "node_state", nil)["result_output"].(map[string]any)
		var ids []int
		for k := range states {
			if id, err := strconv.Atoi(k); err == nil {
				ids = append(ids, id)
			}
		}
		sort.Ints(ids)
		if a["nodes.#"] != strconv.Itoa(len(ids)) {
			return fmt.Errorf("nodes.# = %s, the cluster has %d", a["nodes.#"], len(ids))
		}
		for i, id := range ids {
			if a[fmt.Sprintf("nodes.%d.id", i)] != strconv.Itoa(id) || a[fmt.Sprintf("nodes.%d.state", i)] != states[strconv.Itoa(id)] {
				return fmt.Errorf("node %d: state has id %s state %s, the cluster says %v", i,
					a[fmt.Sprintf("nodes.%d.id", i)], a[fmt.Sprintf("nodes.%d.state", i)], states[strconv.Itoa(id)])
			}
		}
		vols := acctest.Exec(t, s, "st_volume_list", nil)["result_output"].([]any)
		if a["volume_names.#"] != strconv.Itoa(len(vols)) {
			return fmt.Errorf("volume_names.# = %s, the cluster has %d", a["volume_names.#"], len(vols))
		}
		for i, v := range vols {
			if got := a[fmt.Sprintf("volume_names.%d", i)]; got != v.(map[string]any)["name"] {
				return fmt.Errorf("volume_names.%d = %s, want %v", i, got, v.(map[string]any)["name"])
			}
		}
		dbs := acctest.Exec(t, s, "db_list", nil)["result_output"].([]any)
		if a["databases.#"] != strconv.Itoa(len(dbs)) {
			return fmt.Errorf("databases.# = %s, the cluster has %d", a["databases.#"], len(dbs))
		}
		for i := range dbs {
			name := a[fmt.Sprintf("databases.%d.db_name", i)]
			// the provider spells states as client.CanonicalDBState does; db_state's page writes 'Running'
			want := client.CanonicalDBState(fmt.Sprint(acctest.Exec(t, s, "db_state", map[string]any{"db_name": name})["result_output"]))
			if got := a[fmt.Sprintf("databases.%d.state", i)]; got != want {
				return fmt.Errorf("database %s state %s, the cluster says %v", name, got, want)
			}
		}
		return nil
	}
}

func TestAccClusterDataSource(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2 GiB", "nodes": []any{int64(11), int64(12), int64(13)}, "num_active_nodes": int64(3)})
	u, _ := url.Parse(s.Endpoints()[0])
	cfg := acctest.Provider(s) + `
data "exasol_cluster" "this" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					checkClusterMatches(t, s),
					resource.TestCheckResourceAttr(clusterAddr, "master_address", u.Hostname()),
					resource.TestCheckResourceAttr(clusterAddr, "master_name", masterName()),
					resource.TestCheckResourceAttr(clusterAddr, "nodes.#", "3"),
					resource.TestCheckResourceAttr(clusterAddr, "nodes.1.name", nodeName(12)),
					resource.TestCheckResourceAttr(clusterAddr, "nodes.1.state", "online"),
					resource.TestCheckResourceAttrSet(clusterAddr, "nodes.1.private_ip"),
					resource.TestCheckResourceAttr(clusterAddr, "volume_names.0", "DataVolume1"),
					resource.TestCheckResourceAttr(clusterAddr, "databases.0.db_name", "DB1"),
					resource.TestCheckResourceAttr(clusterAddr, "databases.0.state", "running"),
				),
			},
			{ // the master moved, a node is suspended and the database stopped, all out of band
				PreConfig: func() {
					acctest.Exec(t, s, "master_change", map[string]any{"nids": []int64{12}})
					acctest.Exec(t, s, "db_stop", map[string]any{"db_name": "DB1"})
					acctest.Exec(t, s, "node_suspend", map[string]any{"nid": int64(13)})
				},
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					checkClusterMatches(t, s),
					// ConfD's master moved; EXAoperation stays on its license server
					resource.TestCheckResourceAttr(clusterAddr, "master_name", perAPI(nodeName(12), "n0010")),
					resource.TestCheckResourceAttr(clusterAddr, "nodes.2.state", "suspended"),
					resource.TestCheckResourceAttr(clusterAddr, "databases.0.state", "setup"),
				),
			},
		},
	})
}
