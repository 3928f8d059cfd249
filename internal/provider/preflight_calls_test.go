package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// pfFifty is a configuration of 50 resources: 20 storage volumes, 10 nodes,
// 10 remote volumes, 5 databases (on the first 5 volumes) and 5 backup
// schedules. changed changes every one of them, so that each plans a change
// that the preflight checks against the cluster.
func pfFifty(changed bool) string {
	size, net, url, rvName, port, expire := "1 GiB", "10.10.10", "a", "rv", 8600, "1w"
	if changed {
		size, net, url, rvName, port, expire = "2 GiB", "10.10.20", "b", "rvx", 8700, "2w"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `
resource "exasol_storage_volume" "v" {
  count      = 20
  name       = "V${count.index}"
  type       = "data"
  disk       = "disk1"
  size       = %q
  nodes      = [11, 12, 13]
  redundancy = 1
}

resource "exasol_node" "n" {
  count    = 10
  id       = 20 + count.index
  priv_net = "%s.${20 + count.index}/24"
}

resource "exasol_remote_volume" "r" {
  count              = 10
  # the first five keep their names (the schedules use them) and move; the others are renamed
  remote_volume_name = count.index < 5 ? "rv${count.index}" : "%s${count.index}"
  vol_type           = "s3"
  url                = "https://%s${count.index}.s3.eu-west-1.amazonaws.com"
}

resource "exasol_database" "db" {
  count            = 5
  db_name          = "DB${count.index}"
  version          = "8.29.0"
  data_volume_name = exasol_storage_volume.v[count.index].name
  mem_size         = "1 GiB"
  nodes            = [11, 12, 13]
  num_active_nodes = 3
  port             = %d + count.index
}

resource "exasol_backup_schedule" "s" {
  count              = 5
  db_name            = exasol_database.db[count.index].db_name
  backup_name        = "nightly"
  backup_volume_name = exasol_remote_volume.r[count.index].remote_volume_name
  level              = 0
  expire             = %q
}
`, size, net, rvName, url, port, expire)
	return b.String()
}

// pfCalls is what one step cost: the XML-RPC calls and the jobs by name.
type pfCalls struct {
	calls int64
	jobs  map[string]int
}

func pfMeasure(s *sim.Server, since int64) pfCalls {
	c := pfCalls{calls: s.Calls() - since, jobs: map[string]int{}}
	for _, r := range acctest.Log(s).Records() {
		if r.Source == "rpc" {
			c.jobs[r.Name]++
		}
	}
	return c
}

// A plan of 50 resources, each planning a change, costs a handful of list
// jobs more than the same plan without preflight: every list is read once
// per plan and shared, plus db_info of each database (ports in use, and
// whether a schedule's database runs). A plan without changes costs nothing
// more at all.
func TestAccPreflight_callCount(t *testing.T) {
	onlyOn(t, "confd", "the figures count ConfD's list jobs; EXAoperation reads objects one by one")
	s := acctest.Start(t, acctest.Nodes(3))
	var mark int64
	var without, with, quietWithout, quietWith pfCalls
	start := func() { s.ResetJobLog(); mark = s.Calls() }
	measure := func(into *pfCalls) func() { return func() { *into = pfMeasure(s, mark); start() } }
	// A plan-only step plans twice: once without refresh, once with.
	const plans = 2
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.Provider(s) + pfFifty(false)}, // the 50 pass the preflight and are created
			{PreConfig: start, Config: pfSkip(acctest.Provider(s)) + pfFifty(true), PlanOnly: true, ExpectNonEmptyPlan: true},
			{PreConfig: measure(&without), Config: acctest.Provider(s) + pfFifty(true), PlanOnly: true, ExpectNonEmptyPlan: true},
			{PreConfig: measure(&with), Config: pfSkip(acctest.Provider(s)) + pfFifty(false), PlanOnly: true},
			{PreConfig: measure(&quietWithout), Config: acctest.Provider(s) + pfFifty(false), PlanOnly: true},
			{
				PreConfig: func() {
					measure(&quietWith)()
					pfCompareCalls(t, without, with, quietWithout, quietWith, plans)
				},
				Config: acctest.Provider(s) + pfFifty(false), PlanOnly: true,
			},
		},
	})
}

func pfCompareCalls(t *testing.T, without, with, quietWithout, quietWith pfCalls, plans int) {
	t.Helper()
	if without.calls == 0 || without.jobs["st_volume_info"] == 0 {
		t.Fatalf("the plans without preflight read nothing (%d calls): the measurement is broken", without.calls)
	}
	extra := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(with.jobs)) {
		if d := with.jobs[name] - without.jobs[name]; d != 0 {
			extra[name] = d
		}
	}
	t.Logf("%d plans of 50 changed resources: %d calls without preflight, %d with; extra jobs %v",
		plans, without.calls, with.calls, extra)
	lists := []string{"node_list", "node_state", "st_volume_list", "st_node_list", "db_list", "remote_volume_list", "db_version_list"}
	const databases = 5
	var total int
	for name, n := range extra {
		total += n
		switch {
		case slices.Contains(lists, name) && n > plans:
			t.Errorf("%s was read %d times in %d plans: a list must be read once per plan", name, n, plans)
		case name == "db_info" && n > plans*databases:
			t.Errorf("db_info was read %d times in %d plans: at most once per database and plan", n, plans)
		case !slices.Contains(lists, name) && name != "db_info" && n > 0:
			// (fewer is no cost: which refresh reads a kind first, and so
			// whether the bulk read still needs an owner's name, is the
			// order Terraform runs them in)
			t.Errorf("the preflight ran %d × %s, which it has no need of", n, name)
		}
	}
	if extra["st_node_list"] == 0 || extra["db_list"] == 0 {
		t.Errorf("the preflight did not read the cluster (extra jobs %v): the changes did not reach it", extra)
	}
	if limit := int64(plans * (len(lists) + databases)); with.calls-without.calls > limit || int64(total) != with.calls-without.calls {
		t.Errorf("the preflight cost %d calls (jobs %d) in %d plans, want at most %d", with.calls-without.calls, total, plans, limit)
	}
	// Plans without changes: the preflight sends nothing. Only the owner
	// name a bulk read of remote volumes may still need (one
	// remote_volume_info, or none when the run's first read of a remote
	// volume named it) depends on the order Terraform refreshes in.
	if quietWith.calls == 0 {
		t.Errorf("plans without changes read nothing: the measurement is broken")
	}
	for _, name := range slices.Sorted(maps.Keys(quietWith.jobs)) {
		d := quietWith.jobs[name] - quietWithout.jobs[name]
		if name == "remote_volume_info" && d >= -plans && d <= plans {
			continue
		}
		if d != 0 {
			t.Errorf("plans without changes: %s ran %d times with preflight, %d without; want the same",
				name, quietWith.jobs[name], quietWithout.jobs[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(quietWithout.jobs)) {
		if _, ok := quietWith.jobs[name]; !ok && name != "remote_volume_info" {
			t.Errorf("plans without changes: %s ran %d times without preflight, never with", name, quietWithout.jobs[name])
		}
	}
}
