package provider

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Management failover through the Terraform CLI: the simulator's master is
// killed in the middle of an apply that creates a whole cluster's objects
// (examples/demo/main.tf: a node, a storage volume, two databases, a remote
// volume, a schedule, cluster settings, a BucketFS service and a bucket) and in the middle of the destroy. Each run completes,
// the state matches the simulator exactly, and every job ran exactly once.

// failoverProvider reaches every node of s and notices a hanging master
// after a second.
func failoverProvider(s *sim.Server) string {
	return acctest.Provider(s, acctest.WithAPI(""), acctest.Timeouts("1s", "30s"))
}

func startFailoverSim(t *testing.T) *sim.Server {
	onlyOn(t, "confd", "a ConfD master moves between nodes; EXAoperation runs on its one license server")
	return acctest.Start(t, acctest.Nodes(3), acctest.NodeAddresses())
}

// armFailover makes the master fail during the next Terraform command.
func armFailover(t *testing.T, s *sim.Server, o sim.FailoverOptions) func() {
	return func() {
		s.ResetJobLog()
		if err := s.FailMaster(o); err != nil {
			t.Fatal(err)
		}
	}
}

// demoCreates are the create jobs of examples/demo/main.tf, with how many
// objects each makes.
// The failover tests run on ConfD only, where the demo also sets cluster
// settings and adds a BucketFS service with a bucket.
var demoCreates = map[string]int{"node_add": 1, "st_volume_create": 1, "db_create": 2, "remote_volume_add": 1, "db_backup_add_schedule": 1,
	"general_settings": 1, "bucketfs_add": 1, "bucket_add": 1}

var demoDeletes = map[string]int{"node_remove": 1, "st_volume_delete": 1, "db_delete": 2, "remote_volume_remove": 1, "db_backup_remove_schedule": 1,
	"bucket_delete": 1, "bucketfs_delete": 1}

func TestAccFailover_committedChangeNotRepeated(t *testing.T) {
	s := startFailoverSim(t)
	cfg := failoverProvider(s) + demoConfig(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The first db_create commits, and the master fails before answering.
				PreConfig: armFailover(t, s, sim.FailoverOptions{AtJob: 1, Job: "db_create", LoseResponse: true, Delay: 200 * time.Millisecond}),
				Config:    cfg,
				Check: resource.ComposeTestCheckFunc(
					checkFailedOver(s, 1, "db_create"),
					checkRanOnce(s, demoCreates),
					checkStateMatchesCluster(s),
					resource.TestCheckResourceAttr("exasol_database.analytics", "state", "running"),
				),
			},
			{
				// The master hangs after committing a storage volume's deletion.
				PreConfig: armFailover(t, s, sim.FailoverOptions{AtJob: 1, Job: "st_volume_delete", LoseResponse: true,
					Mode: sim.FailHang, Delay: 1500 * time.Millisecond}),
				Config: failoverProvider(s),
				Check: resource.ComposeTestCheckFunc(
					checkFailedOver(s, 2, "st_volume_delete"),
					checkRanOnce(s, demoDeletes),
					checkStateMatchesCluster(s),
				),
			},
		},
	})
}

func TestAccFailover_uncommittedChangeAppliedOnce(t *testing.T) {
	s := startFailoverSim(t)
	cfg := failoverProvider(s) + demoConfig(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The third change job of the apply, whichever it is, never runs.
				PreConfig: armFailover(t, s, sim.FailoverOptions{AtJob: 3, Delay: 200 * time.Millisecond}),
				Config:    cfg,
				Check: resource.ComposeTestCheckFunc(
					checkFailedOver(s, 1, ""),
					checkRanOnce(s, demoCreates),
					checkStateMatchesCluster(s),
				),
			},
			{
				// A schedule removal reaches a master that fails before running it.
				PreConfig: armFailover(t, s, sim.FailoverOptions{AtJob: 1, Job: "db_backup_remove_schedule", Delay: 200 * time.Millisecond}),
				Config:    failoverProvider(s),
				Check: resource.ComposeTestCheckFunc(
					checkFailedOver(s, 2, "db_backup_remove_schedule"),
					checkRanOnce(s, demoDeletes),
					checkStateMatchesCluster(s),
				),
			},
		},
	})
}

// Bad settings are refused at plan time, before any job is sent.
func TestAccFailover_timeoutSettings(t *testing.T) {
	s := acctest.Start(t)
	block := func(settings string) string {
		return acctest.Provider(s, acctest.WithAPI(""), acctest.Lines(settings)) + `
data "exasol_databases" "all" {}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: block(`request_timeout = "soon"`), ExpectError: regexp.MustCompile(`(?s)Invalid duration.*"soon" is not a positive duration`)},
			{Config: block(`failover_timeout = "-5m"`), ExpectError: regexp.MustCompile(`not a positive duration`)},
			{Config: block(`request_timeout = "2m"
  failover_timeout = "1m"`), ExpectError: regexp.MustCompile(`failover_timeout is shorter than request_timeout`)},
			{
				PreConfig:   func() { t.Setenv("EXASOL_FAILOVER_TIMEOUT", "10x") },
				Config:      block(""),
				ExpectError: regexp.MustCompile(`(?s)Invalid failover_timeout.*EXASOL_FAILOVER_TIMEOUT`),
			},
			{
				PreConfig: func() { t.Setenv("EXASOL_FAILOVER_TIMEOUT", "90s"); t.Setenv("EXASOL_REQUEST_TIMEOUT", "5s") },
				Config:    block(""),
				Check:     resource.TestCheckResourceAttr("data.exasol_databases.all", "names.#", "0"),
			},
		},
	})
	if n := len(acctest.Log(s).Changes()); n != 0 {
		t.Fatalf("%d change jobs sent", n)
	}
}

// checkFailedOver: the master failed (n failovers in all) and the job log
// shows the job in flight (any change job when job is "").
func checkFailedOver(s *sim.Server, n int, job string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got, err := s.Failovers(); got != n || err != nil {
			return fmt.Errorf("failovers: %d (%v), want %d", got, err, n)
		}
		for _, r := range acctest.Log(s).Records() {
			if r.Lost && (job == "" || r.Name == job) {
				return nil
			}
		}
		return fmt.Errorf("no %s in flight when the master failed: %+v", job, acctest.Log(s).Records())
	}
}

// checkRanOnce: every job of want ran exactly as often as there are objects
// (a job that reached a failing master without running does not count);
// the dropped or lost one was not repeated or was repeated once.
func checkRanOnce(s *sim.Server, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[string]int{}
		for _, r := range acctest.Log(s).Records() {
			if r.Source == "rpc" && !r.Dropped && r.Code == 0 {
				got[r.Name]++
			}
		}
		for job, n := range want {
			if got[job] != n {
				return fmt.Errorf("%s ran %d times, want %d (jobs: %v)", job, got[job], n, acctest.Log(s).Changes())
			}
		}
		return nil
	}
}

// checkStateMatchesCluster compares the objects in the Terraform state with the
// cluster's: no duplicates, no orphans, nothing lost.
func checkStateMatchesCluster(s *sim.Server) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		inState := map[string][]string{}
		for _, r := range st.RootModule().Resources {
			a := r.Primary.Attributes
			switch r.Type {
			case "exasol_database":
				inState["databases"] = append(inState["databases"], a["db_name"])
			case "exasol_storage_volume":
				inState["storage volumes"] = append(inState["storage volumes"], a["name"])
			case "exasol_remote_volume":
				inState["remote volumes"] = append(inState["remote volumes"], a["remote_volume_name"])
			case "exasol_backup_schedule":
				inState["schedules"] = append(inState["schedules"], a["db_name"]+"/"+a["backup_name"])
			case "exasol_node":
				inState["nodes"] = append(inState["nodes"], a["id"])
			}
		}
		inSim, err := simObjects(s)
		if err != nil {
			return err
		}
		for _, kind := range []string{"databases", "storage volumes", "remote volumes", "schedules", "nodes"} {
			a, b := sorted(inState[kind]), sorted(inSim[kind])
			if !slices.Equal(a, b) {
				return fmt.Errorf("%s: state has %v, the cluster %v", kind, a, b)
			}
		}
		return nil
	}
}

// simObjects lists what the cluster has beyond its start: databases, storage
// volumes other than DataVolume1 and the databases' temporary volumes,
// remote volumes, schedules and nodes other than 11-13.
func simObjects(s *sim.Server) (map[string][]string, error) {
	out := map[string][]string{}
	exec := func(job string, p map[string]any) (any, error) {
		env, err := s.Exec(job, p)
		if err != nil {
			return nil, err
		}
		if code, _ := env["result_code"].(int64); code != 0 {
			return nil, fmt.Errorf("%s: %v", job, env)
		}
		return env["result_output"], nil
	}
	dbs, err := exec("db_list", nil)
	if err != nil {
		return nil, err
	}
	for _, db := range dbs.([]any) {
		name := db.(string)
		out["databases"] = append(out["databases"], name)
		info, err := exec("db_info", map[string]any{"db_name": name})
		if err != nil {
			return nil, err
		}
		cfg, _ := info.(map[string]any)["config"].(map[string]any)
		backups, _ := cfg["backups"].([]any)
		for _, b := range backups {
			out["schedules"] = append(out["schedules"], name+"/"+fmt.Sprint(b.(map[string]any)["backup_name"]))
		}
	}
	vols, err := exec("st_volume_list", nil)
	if err != nil {
		return nil, err
	}
	for _, v := range vols.([]any) {
		vol := v.(map[string]any)
		labels := fmt.Sprint(vol["labels"])
		if name := fmt.Sprint(vol["name"]); name != "DataVolume1" && !strings.Contains(labels, "temporary") {
			out["storage volumes"] = append(out["storage volumes"], name)
		}
	}
	remotes, err := exec("remote_volume_list", nil)
	if err != nil {
		return nil, err
	}
	for _, r := range remotes.([]any) {
		out["remote volumes"] = append(out["remote volumes"], r.(string))
	}
	nodes, err := exec("node_list", nil)
	if err != nil {
		return nil, err
	}
	for id := range nodes.(map[string]any) {
		if id != "11" && id != "12" && id != "13" {
			out["nodes"] = append(out["nodes"], id)
		}
	}
	return out, nil
}

func sorted(l []string) []string {
	out := slices.Clone(l)
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}
