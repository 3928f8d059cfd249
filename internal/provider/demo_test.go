package provider

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The whole-cluster configuration of `make demo` (examples/demo/main.tf)
// applies, plans clean (checked after every step), and is created and
// destroyed in the cluster's order, read from the simulator's job log.
func TestAccExamples_wholeCluster(t *testing.T) {
	s := acctest.Start(t, acctest.Nodes(3))
	cfg := acctest.Provider(s) + demoConfig(t)
	// EXAoperation names the calls (expectJobs) and the storage volume (its
	// id 'v0001', read from the state after the apply) its own way.
	stagingVolume := "StagingData"
	before := func(jobs []string, a, b string) error {
		a, b = apiJobFor(a), apiJobFor(b)
		i, j := slices.Index(jobs, a), slices.Index(jobs, b)
		if i < 0 || j < 0 || i > j {
			return fmt.Errorf("want %s before %s, jobs were %v", a, b, jobs)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("exasol_database.analytics", "state", "running"),
				resource.TestCheckResourceAttr("exasol_database.analytics", "reserve_nodes.0", nodeName(14)),
				resource.TestCheckResourceAttr("exasol_database.staging", "state", "setup"),
				resource.TestCheckResourceAttr("data.exasol_cluster.this", "databases.#", "2"),
				func(st *terraform.State) error { // the ConfD part is there on ConfD only
					_, ok := st.RootModule().Resources["exasol_bucket.models.0"]
					if ok != (acctest.API() == client.APIConfD) {
						return fmt.Errorf("exasol_bucket.models[0] in the state: %v, on %s", ok, acctest.API())
					}
					return nil
				},
				func(st *terraform.State) error {
					if acctest.API() == client.APIEXAoperation {
						id, _ := strconv.Atoi(st.RootModule().Resources["exasol_storage_volume.staging_data"].Primary.Attributes["id"])
						stagingVolume = fmt.Sprintf("v%04d", id)
					}
					jobs := acctest.Log(s).Changes()
					pairs := [][2]string{
						{"node_add", "db_create"},         // nodes before databases
						{"st_volume_create", "db_create"}, // storage before databases
						{"remote_volume_add", "db_backup_add_schedule"},
						{"db_create", "db_backup_add_schedule"},
					}
					if acctest.API() == client.APIConfD { // the demo's ConfD part (variable confd)
						pairs = append(pairs, [2]string{"bucketfs_add", "bucket_add"})
						if !slices.Contains(jobs, "general_settings") {
							return fmt.Errorf("no general_settings among %v", jobs)
						}
					} else if slices.Contains(jobs, "general_settings") {
						return fmt.Errorf("general_settings sent to EXAoperation: %v", jobs)
					}
					for _, pair := range pairs {
						if err := before(jobs, pair[0], pair[1]); err != nil {
							return err
						}
					}
					s.ResetJobLog()
					return nil
				},
			),
		}},
		CheckDestroy: func(*terraform.State) error {
			// Each object goes before what it depends on; unrelated objects
			// (STAGING and the schedule of ANALYTICS) may go in either order.
			jobs := acctest.Log(s).ChangesFor()
			pairs := [][2]string{
				{"db_backup_remove_schedule ANALYTICS", "db_delete ANALYTICS"},
				{"db_delete STAGING", "st_volume_delete " + stagingVolume}, // a database before its storage
				{"db_delete ANALYTICS", "node_remove 14"},                  // and before the nodes it runs on
			}
			if acctest.API() == client.APIConfD { // a bucket before its service
				pairs = append(pairs, [2]string{"bucket_delete ", "bucketfs_delete "}) // changeJobsFor names no object of theirs
			}
			for _, pair := range pairs {
				if err := before(jobs, pair[0], pair[1]); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// apiJobFor is a ConfD job, optionally followed by its object ("db_delete
// STAGING"), as changeJobs and changeJobsFor name it on the interface under
// test (expectJobs).
func apiJobFor(jobAndObject string) string {
	job, obj, found := strings.Cut(jobAndObject, " ")
	job = acctest.ExpectJobs([]string{job})[0]
	if found {
		return job + " " + obj
	}
	return job
}
