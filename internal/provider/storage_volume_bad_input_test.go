package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestAccStorageVolume_badInput(t *testing.T) {
	s := acctest.Start(t)
	planTime := func(body, msg string) resource.TestStep {
		return resource.TestStep{Config: acctest.Provider(s) + body, PlanOnly: true, ExpectError: regexp.MustCompile(msg)}
	}
	good := func(extra string) string { return acctest.StorageVolume("test", acctest.Attrs{acctest.Extra: extra}) }
	create := perAPI("st_volume_create", "addStorageVolume") // as the cluster's refusal names the call
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Provider(s) + `
resource "exasol_storage_volume" "test" {
  name       = "1 bad"
  type       = "data"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11]
  redundancy = 1
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`must be a valid storage volume name`),
			},
			planTime(acctest.StorageVolume("test", acctest.Attrs{"type": "temp"}), `(?s)type.*value must be one of.*"data".*"archive"`),
			planTime(acctest.StorageVolume("test", acctest.Attrs{"size": "1 GB"}), `(?s)Invalid size.*use one of B, KiB, MiB, GiB, TiB`),
			planTime(acctest.StorageVolume("test", acctest.Attrs{"size": "1001 KiB"}), `(?s)Size is not a whole number of blocks.*1001 KiB.*4 KiB.*1004 KiB`),
			planTime(acctest.StorageVolume("test", acctest.Attrs{"size": "100 KiB", acctest.Extra: `  block_size = "64 KiB"`}), `(?s)not a positive multiple of\s+64 KiB`),
			planTime(acctest.StorageVolume("test", acctest.Attrs{"redundancy": 2}), `(?s)Redundancy above the number of nodes.*redundancy is 2`),
			planTime(good("  num_master_nodes = 2"), `(?s)Too many master nodes.*num_master_nodes is 2`),
			planTime(acctest.StorageVolume("test", acctest.Attrs{"nodes": []int{11, 11}}), `(?s)nodes.*duplicate`),
			planTime(good(`  labels = ["pub:DB1_persistent"]`), `(?s)Exasol's own label.*pub:DB1_persistent.*all_labels`),
			planTime(good(`  labels = ["#Name#V1"]`), `Exasol's own label`),
			planTime(good(`  permissions = "rwxrwxrwz"`), `must look like rwx------`),
			planTime(good(`  owner = [500]`), `(?s)owner.*2`),
			planTime(good(`  priority = 0`), `(?s)priority.*at least 1`),
			{ // plan-time failures reached no job
				PreConfig: func() {
					if jobs := acctest.Log(s).Changes(); len(jobs) != 0 {
						t.Errorf("plan-time validation sent jobs: %v", jobs)
					}
				},
				Config:      pfSkip(acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"disk": "disk9"})),
				ExpectError: volWrappedRE(`Cannot create storage volume V1.*` + create + `.*disk 'disk9' on node '` + nodeName(11) + `' does not exist`),
			},
			{
				Config:      acctest.Provider(s) + good("  priority = 50"),
				ExpectError: volWrappedRE(`Cannot create storage volume V1.*` + create + `.*priority must be between 1 and 20`),
			},
			{
				Config:      pfSkip(acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": "500 GiB"})),
				ExpectError: volWrappedRE(create + `.*not enough space on disk 'disk1' of node '` + nodeName(11) + `'`),
			},
			{ // a refused change in place names the job and the cluster's reason, and the state keeps the truth
				Config: acctest.Provider(s) + good(""),
			},
			{
				Config:      pfSkip(acctest.Provider(s) + acctest.StorageVolume("test", acctest.Attrs{"size": "500 GiB"})),
				ExpectError: volWrappedRE(`Cannot update storage volume V1.*` + perAPI("st_volume_enlarge", "resizeVolume") + `.*not enough space`),
			},
			{
				Config:   acctest.Provider(s) + good(""),
				PlanOnly: true, // the failed enlarge left 1 GiB, which the state records: nothing to do
			},
			{ // importing a volume that does not exist, or by something that is not a name
				Config:        acctest.Provider(s) + good(""),
				ResourceName:  volAddr,
				ImportState:   true,
				ImportStateId: "NoSuchVolume",
				ExpectError:   regexp.MustCompile(`(?s)Cannot import non-existent remote object|Resource not found`),
			},
			{
				Config:        acctest.Provider(s) + good(""),
				ResourceName:  volAddr,
				ImportState:   true,
				ImportStateId: "0",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*by its name`),
			},
		},
		CheckDestroy: func(st *terraform.State) error { return checkOnlySeedVolume(s)(st) },
	})
}

// volWrappedRE matches a message however Terraform wraps its lines: every blank
// in msg matches any run of white space.
func volWrappedRE(msg string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(msg, " ", `\s+`))
}
