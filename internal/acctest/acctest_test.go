package acctest_test

import (
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
