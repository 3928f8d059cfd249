package acctest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The builders write what they are told: defaults in order, overrides in
// place, nil leaves an attribute out, extra attributes and lines after.
func TestBuilders(t *testing.T) {
	got := acctest.Database("m", acctest.Attrs{"db_name": "FAULTDB", "nodes": acctest.Expr("[11, 12]"), "num_active_nodes": nil,
		"port": 8563, acctest.Extra: "  timeouts = { create = \"1m\" }"})
	want := `
resource "exasol_database" "m" {
  db_name = "FAULTDB"
  version = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size = "1 GiB"
  nodes = [11, 12]
  port = 8563
  timeouts = { create = "1m" }
}
`
	if got != want {
		t.Errorf("Database:\n%s\nwant:\n%s", got, want)
	}
	s := acctest.Start(t, acctest.Face(sim.APIConfD))
	p := acctest.Provider(s, acctest.WithAPI(""), acctest.Timeouts("1s", ""), acctest.Alias("b"), acctest.Lines("insecure = false"))
	for _, w := range []string{"  alias = \"b\"\n  endpoints = [\"", "  request_timeout = \"1s\"\n  insecure = false\n}"} {
		if !strings.Contains(p, w) {
			t.Errorf("provider block lacks %q:\n%s", w, p)
		}
	}
	if strings.Contains(p, "api =") || strings.Contains(p, "failover_timeout") {
		t.Errorf("provider block has what it was told to leave out:\n%s", p)
	}
}

// The job log names the jobs sent over HTTPS, not the out-of-band ones.
func TestJobLog(t *testing.T) {
	s := acctest.Start(t, acctest.Face(sim.APIConfD), acctest.AsRelease(""))
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.s3.example.com", "remote_volume_name": "B"})
	if got := acctest.Log(s).All(); len(got) != 0 {
		t.Errorf("out-of-band jobs in the view: %v", got)
	}
	if n := len(acctest.Log(s).Records()); n != 1 {
		t.Errorf("%d records, want the one out-of-band job", n)
	}
	if got := acctest.ExpectJobs([]string{"db_create"}); !slices.Equal(got, []string{"db_create"}) {
		t.Errorf("ExpectJobs: %v", got)
	}
}

// Pinned ignores the suite's interface and release, and Exec writes a job's
// parameters for the release the simulator answers as (node_suspend's
// node id is "nid" on Exasol 8, which refuses 7.1's "node_id").
func TestPinned(t *testing.T) {
	t.Setenv("EXASOL_TEST_API", sim.APIEXAoperation)
	t.Setenv("EXASOL_TEST_RELEASE", "7.1")
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(2))
	if api := s.Ready().API; api != sim.APIConfD {
		t.Fatalf("pinned simulator serves %s", api)
	}
	acctest.Exec(t, s, "node_suspend", map[string]any{"nid": 12})
	acctest.SeedDatabases(t, s, []int{11, 12}, "DB1", "DB2")
	if got := acctest.Log(s).Ran("db_create"); got != 2 {
		t.Errorf("db_create ran %d times, want 2 (out of band counts)", got)
	}
}

// Lost names the jobs whose answer a fault lost, and those that never ran;
// Ran counts only those that ran.
func TestLostJobs(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Faults(
		sim.Fault{Kind: sim.FaultLost, Jobs: []string{"remote_volume_add"}},
		sim.Fault{Kind: sim.FaultDrop, Jobs: []string{"db_list"}}))
	c := acctest.RPC(s, "")
	params := map[string]any{"params": map[string]any{"vol_type": "s3", "url": "https://b.s3.example.com", "remote_volume_name": "B"}}
	if _, err := c.Call(context.Background(), "job_exec", "remote_volume_add", params); err == nil {
		t.Fatal("the lost answer reached the client")
	}
	if _, err := c.Call(context.Background(), "job_exec", "db_list"); err == nil {
		t.Fatal("the dropped job answered")
	}
	l := acctest.Log(s)
	if got, want := l.Lost(), []string{"remote_volume_add", "db_list dropped"}; !slices.Equal(got, want) {
		t.Errorf("Lost: %v, want %v", got, want)
	}
	if l.Ran("remote_volume_add") != 1 || l.Ran("db_list") != 0 {
		t.Errorf("Ran: remote_volume_add %d, db_list %d; want 1 and 0", l.Ran("remote_volume_add"), l.Ran("db_list"))
	}
	// A refused job ran but took no effect.
	if _, err := c.Call(context.Background(), "job_exec", "remote_volume_add", params); err != nil {
		t.Fatal(err)
	}
	if l.Ran("remote_volume_add") != 2 || l.Succeeded("remote_volume_add") != 1 {
		t.Errorf("remote_volume_add ran %d times, succeeded %d; want 2 and 1", l.Ran("remote_volume_add"), l.Succeeded("remote_volume_add"))
	}
}
