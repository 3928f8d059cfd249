package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// checkVolumeListMatchesSim asserts that data.exasol_storage_volumes shows
// exactly the simulator's st_volume_list: the sorted names, and each volume
// in the cluster's order with its id, size and state.
func checkVolumeListMatchesSim(t *testing.T, s *sim.Server, addr string) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		list := acctest.Exec(t, s, "st_volume_list", nil)["result_output"].([]any)
		var names []string
		checks := []resource.TestCheckFunc{resource.TestCheckResourceAttr(addr, "volumes.#", strconv.Itoa(len(list)))}
		for i, e := range list {
			v := e.(map[string]any)
			names = append(names, fmt.Sprint(v["name"]))
			for _, k := range []string{"id", "name", "size", "state"} {
				checks = append(checks, resource.TestCheckResourceAttr(addr, fmt.Sprintf("volumes.%d.%s", i, k), fmt.Sprint(v[k])))
			}
			checks = append(checks, resource.TestCheckResourceAttr(addr, fmt.Sprintf("volumes.%d.labels.#", i), strconv.Itoa(len(v["labels"].([]any)))))
		}
		slices.Sort(names)
		checks = append(checks, resource.TestCheckResourceAttr(addr, "names.#", strconv.Itoa(len(names))))
		for i, n := range names {
			checks = append(checks, resource.TestCheckResourceAttr(addr, fmt.Sprintf("names.%d", i), n))
		}
		return resource.ComposeTestCheckFunc(checks...)(st)
	}
}

func TestAccStorageVolumeDataSources(t *testing.T) {
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": "2 GiB", acctest.Extra: `  labels = ["mine"]`}) + `
data "exasol_storage_volume" "seed" {
  name = "DataVolume1"
}

data "exasol_storage_volume" "v1" {
  name = exasol_storage_volume.test.name
}

data "exasol_storage_volumes" "all" {
  depends_on = [exasol_storage_volume.test]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					// the data source reports the managed volume as the resource does
					resource.TestCheckResourceAttrPair("data.exasol_storage_volume.v1", "id", volAddr, "id"),
					resource.TestCheckResourceAttrPair("data.exasol_storage_volume.v1", "size", volAddr, "size"),
					resource.TestCheckResourceAttrPair("data.exasol_storage_volume.v1", "num_master_nodes", volAddr, "num_master_nodes"),
					resource.TestCheckResourceAttrPair("data.exasol_storage_volume.v1", "block_size", volAddr, "block_size"),
					resource.TestCheckResourceAttrPair("data.exasol_storage_volume.v1", "segments.#", volAddr, "segments.#"),
					resource.TestCheckResourceAttr("data.exasol_storage_volume.v1", "type", "data"),
					resource.TestCheckTypeSetElemAttr("data.exasol_storage_volume.v1", "labels.*", "mine"),
					resource.TestCheckTypeSetElemAttr("data.exasol_storage_volume.v1", "labels.*", "#Name#V1"),
					// and one Terraform does not manage, as the cluster has it
					func(st *terraform.State) error {
						v := simVolume(t, s, "DataVolume1")
						return resource.ComposeTestCheckFunc(
							resource.TestCheckResourceAttr("data.exasol_storage_volume.seed", "id", fmt.Sprint(v["id"])),
							resource.TestCheckResourceAttr("data.exasol_storage_volume.seed", "size", fmt.Sprint(v["size"])),
							resource.TestCheckResourceAttr("data.exasol_storage_volume.seed", "disk", fmt.Sprint(v["hdd_type"])),
							resource.TestCheckResourceAttr("data.exasol_storage_volume.seed", "block_size", fmt.Sprint(v["block_size"])),
							resource.TestCheckResourceAttr("data.exasol_storage_volume.seed", "state", fmt.Sprint(v["state"])),
						)(st)
					},
					checkVolumeListMatchesSim(t, s, "data.exasol_storage_volumes.all"),
				),
			},
			{
				Config: acctest.Provider(s) + `
data "exasol_storage_volume" "missing" {
  name = "NoSuchVolume"
}`,
				// EXAoperation's client looks volumes up by name in the storage object's list
				ExpectError: regexp.MustCompile(`(?s)Cannot read storage volume NoSuchVolume.*` + perAPI("st_volume_info", "getVolumeList") +
					`.*NoSuchVolume'?\s+does\s+not\s+exist`),
			},
		},
	})
}
