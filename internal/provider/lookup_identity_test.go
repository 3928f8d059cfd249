package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Issue 20: an object leaves the state, and a delete counts as done, only
// when the list job says the object is gone; a failed job whose text says
// "No such file or directory" or "not found" is an error like any other.
func TestAccDatabase_errorTextIsNotGone(t *testing.T) {
	onlyOn(t, client.APIConfD, "the fault strikes the ConfD job db_info")
	s := acctest.Start(t)
	cfg := acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"})
	arm := func(jobs string) func() {
		return func() {
			f, err := sim.ParseFault("error,job=" + jobs + ",times=all,message=[Errno 2] No such file or directory: '/exa/etc/EXAConf.lock'")
			if err == nil {
				err = s.InjectFaults(f)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{ // refresh: the read fails; the database stays in the state
				PreConfig:   arm("db_info"),
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Cannot read database DB1.*No such file or\s+directory`),
			},
			{ // destroy: not reported done while the database stays
				PreConfig:   arm("db_info|db_stop|db_delete"),
				Config:      cfg,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)DB1.*No such file or\s+directory`),
			},
			{ // the database is still there, and still in the state: nothing to do
				PreConfig: func() {
					s.ClearFaults()
					acctest.Exec(t, s, "db_info", map[string]any{"db_name": "DB1"})
				},
				Config:   cfg,
				PlanOnly: true,
			},
		},
	})
}

// Issue 20: a database whose name is taken by another database is refused
// at plan time, with an import block.
func TestAccDatabase_nameTakenRefusedAtPlan(t *testing.T) {
	s := acctest.Start(t)
	acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "TheirVolume", "type": "data", "disk": "disk1", "size": "1 GiB",
		"nodes": []int{11}, "redundancy": 1})
	acctest.Exec(t, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "TheirVolume",
		"mem_size": "1 GiB", "nodes": []int{11}, "num_active_nodes": 1, "port": 8899})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.Provider(s) + acctest.Database("test", acctest.Attrs{"mem_size": "2 GiB"}),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Database exists.*import \{.*to = exasol_database\..*id = "DB1"`),
		}},
	})
	n := 0
	for _, r := range acctest.Log(s).Records() {
		if r.Name == "db_create" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("db_create ran %d times, want only the other team's", n)
	}
}
