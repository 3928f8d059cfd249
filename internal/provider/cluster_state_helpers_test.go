package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Helpers of the cluster start/stop tests (resource, actions).

// addBackupVolume adds the remote volume "Backups" out of band.
func addBackupVolume(t *testing.T, s *sim.Server) {
	t.Helper()
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://backups.s3.example.com", "remote_volume_name": "Backups"})
}

// dbState reads a database's runtime state out of band.
func dbState(t *testing.T, s *sim.Server, db string) string {
	t.Helper()
	out := acctest.Exec(t, s, "db_info", map[string]any{"db_name": db})["result_output"].(map[string]any)
	return client.CanonicalDBState(fmt.Sprint(out["state"])) // the page writes 'Running', 'Setup'

}

// jobIndexes returns where each job appears in jobs.
func jobIndexes(jobs []string, job string) []int {
	var out []int
	for i, j := range jobs {
		if j == job {
			out = append(out, i)
		}
	}
	return out
}

// checkLayersInOrder asserts that every occurrence of each group of jobs
// comes after every occurrence of the previous group: the runbook's layers
// as the job log shows them. Each group must occur at least once. The log
// is read up to the first job of the last group, since the read-back after
// the run repeats the reads of the earlier layers.
func checkLayersInOrder(s *sim.Server, groups ...[]string) func(*terraform.State) error {
	return func(*terraform.State) error {
		jobs := acctest.Log(s).All()
		last := groups[len(groups)-1]
		if i := slices.IndexFunc(jobs, func(j string) bool { return slices.Contains(last, j) }); i >= 0 {
			jobs = jobs[:i+1]
		}
		prevLast, prevName := -1, ""
		for _, g := range groups {
			var idx []int
			for _, job := range g {
				idx = append(idx, jobIndexes(jobs, job)...)
			}
			if len(idx) == 0 {
				return fmt.Errorf("no %v in the job log %v", g, jobs)
			}
			if first := slices.Min(idx); first < prevLast {
				return fmt.Errorf("%v (first at %d) came before the last %s (at %d): %v", g, first, prevName, prevLast, jobs)
			}
			prevLast, prevName = slices.Max(idx), strings.Join(g, "/")
		}
		return nil
	}
}

// startLayers are the layers of a start as the job log of the interface
// under test shows them. ConfD waits for the nodes (node_wait_ready) and
// checks the rest; EXAoperation runs the seed's calls: startupNode, the
// hardware check, startEXAStorage, the service states, startDatabase and
// the plugins (callPlugin only when one is installed).
func startLayers(plugins bool) [][]string {
	if acctest.API() == client.APIEXAoperation {
		l := [][]string{{"startupNode"}, {"read:getHardwareInformation"}, {"startEXAStorage"}, {"read:getServiceState"},
			{"db_start"}, {"read:showPluginList"}}
		if plugins {
			l = append(l, []string{"callPlugin"})
		}
		return l
	}
	l := [][]string{{"node_wait_ready"}, {"st_volume_list"}, {"db_start"}, {"plugin_list"}}
	if plugins {
		l = append(l, []string{"plugin_info"})
	}
	return l
}

// checkConnectionAwaited asserts, on EXAoperation, that every database
// started was waited for as the seed does: getDatabaseConnectionState
// after its startDatabase. ConfD's db_start is waited for by db_info,
// which the layers already show.
func checkConnectionAwaited(s *sim.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if acctest.API() != client.APIEXAoperation {
			return nil
		}
		started := map[string]bool{}
		n := 0
		for _, r := range acctest.Log(s).Records() {
			if r.Source != "rpc" || !strings.HasPrefix(r.Object, "db_") {
				continue
			}
			switch r.Name {
			case "startDatabase":
				started[r.Object] = true
				n++
			case "getDatabaseConnectionState":
				delete(started, r.Object)
			}
		}
		if n == 0 || len(started) > 0 {
			return fmt.Errorf("%d databases started; not waited for by getDatabaseConnectionState: %v", n, started)
		}
		return nil
	}
}

// stopJobs are the changes of a whole-cluster stop of n databases on
// nodes: ConfD stops the databases only; EXAoperation then stops the
// storage and shuts the nodes down (never the license server).
func stopJobs(dbs int, nodes ...int) []string {
	out := slices.Repeat([]string{"db_stop"}, dbs)
	if acctest.API() == client.APIEXAoperation {
		out = append(out, "stopEXAStorage")
		for range nodes {
			out = append(out, "shutdownNode")
		}
	}
	return out
}

// masterName is the node that runs the management interface in the
// simulator: ConfD's master n11, or EXAoperation's license server n0010.
func masterName() string { return perAPI(nodeName(11), "n0010") }

// storageUp powers the nodes on and starts the storage service out of
// band on EXAoperation, as an operator does in its own interface: a stop
// there ends with both down (ConfD leaves them up), and a volume can be
// locked only while the storage runs.
func storageUp(t *testing.T, s *sim.Server) {
	t.Helper()
	if acctest.API() != client.APIEXAoperation {
		return
	}
	c := s.Cluster()
	for _, n := range c.Snapshot().Nodes {
		if err := c.StartupNode(n.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.StartStorage(nil); err != nil {
		t.Fatal(err)
	}
}
