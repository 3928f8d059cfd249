package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// exampleStripeSize is why the resource example of exasol_storage_volume is
// applied on ConfD only: its archive volume sets stripe_size, which
// EXAoperation does not take (the plan fails, client Limits).
const exampleStripeSize = "the storage volume example sets stripe_size, which EXAoperation does not take"

// The storage volume examples, applied as the docs show them. On
// EXAoperation the data source examples run alone (exampleStripeSize).
func TestAccStorageVolumeExamples(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3)) // the example spans nodes 11–13
	resourceEx := readExample(t, "resources/exasol_storage_volume/resource.tf")
	// import.sh ends with: terraform import <address> <id>
	importCmd := strings.Fields(strings.TrimSpace(readExample(t, "resources/exasol_storage_volume/import.sh")))
	importAddr, importID := importCmd[len(importCmd)-2], importCmd[len(importCmd)-1]
	volumes := perAPI(resourceEx, "") // exampleStripeSize
	names := []knownvalue.Check{knownvalue.StringExact("DataVolume1")}
	if volumes != "" {
		names = append(names, knownvalue.StringExact("DataVolume2"), knownvalue.StringExact("LocalArchive1"))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: steps(onlyOnItems(client.APIConfD, resource.TestStep{
			Config: acctest.Provider(s) + resourceEx,
			Check: resource.ComposeTestCheckFunc(
				checkSimVolume(t, s, "DataVolume2", "size", "20 GiB"),
				checkSimVolume(t, s, "DataVolume2", "num_master_nodes", 3),
				checkSimVolume(t, s, "LocalArchive1", "volume_type", "archive"),
				checkSimVolume(t, s, "LocalArchive1", "block_size", "512 KiB"),
				resource.TestCheckResourceAttr("exasol_storage_volume.example", "state", "ONLINE"),
				resource.TestCheckResourceAttr("exasol_storage_volume.example", "segments.#", "6"),
			),
		}), []resource.TestStep{
			{ // the data sources next to the volumes
				Config: acctest.Provider(s) + volumes +
					readExample(t, "data-sources/exasol_storage_volume/data-source.tf") +
					readExample(t, "data-sources/exasol_storage_volumes/data-source.tf"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("storage_volume_names", knownvalue.ListExact(names)),
					statecheck.ExpectKnownOutputValue("storage_volumes_not_online", knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownOutputValue("data_volume1", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"size": knownvalue.StringExact("10 GiB"), "state": knownvalue.StringExact("ONLINE"),
						"nodes": knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(11), knownvalue.Int64Exact(12), knownvalue.Int64Exact(13)}),
					})),
				},
				Check: checkVolumeListMatchesSim(t, s, "data.exasol_storage_volumes.all"),
			},
		}, onlyOnItems(client.APIConfD, resource.TestStep{ // import.sh, taken at its word
			Config:                               acctest.Provider(s) + resourceEx,
			ResourceName:                         importAddr,
			ImportState:                          true,
			ImportStateId:                        importID,
			ImportStateVerify:                    true,
			ImportStateVerifyIgnore:              []string{"timeouts"},
			ImportStateVerifyIdentifierAttribute: "name",
		})),
		CheckDestroy: checkOnlySeedVolume(s),
	})
}

// The import block example takes over a volume made outside Terraform: the
// plan imports it without changing it, and creates only the other volume.
func TestAccStorageVolumeExamples_importBlock(t *testing.T) {
	onlyOn(t, client.APIConfD, exampleStripeSize)
	s := acctest.Start(t, acctest.Nodes(3))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "DataVolume2", "type": "data", "disk": "disk1",
						"size": "20 GiB", "nodes": []int{11, 12, 13}, "num_master_nodes": 3, "redundancy": 2})
					acctest.Exec(t, s, "st_volume_add_label", map[string]any{"vname": "DataVolume2", "label": "team:analytics"})
					s.ResetJobLog()
				},
				Config: acctest.Provider(s) + readExample(t, "resources/exasol_storage_volume/resource.tf") +
					readExample(t, "resources/exasol_storage_volume/import-by-string-id.tf"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("exasol_storage_volume.example", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("exasol_storage_volume.backups", plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.Log(s).CheckChanges("st_volume_create"), // LocalArchive1 only
					func(st *terraform.State) error { // the state holds the volume that was there, not a new one
						return resource.TestCheckResourceAttr("exasol_storage_volume.example", "id", fmt.Sprint(simVolume(t, s, "DataVolume2")["id"]))(st)
					},
					checkSimVolume(t, s, "DataVolume2", "labels", []any{"#Name#DataVolume2", "team:analytics"}),
				),
			},
		},
		CheckDestroy: checkOnlySeedVolume(s),
	})
}
