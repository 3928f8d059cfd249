package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Load: 210 resources of every kind applied, planned again and destroyed
// with -parallelism=20; afterwards the state and the simulator agree.

// loadParallelism is the -parallelism of the load test's Terraform runs.
const loadParallelism = 20

// loadResources is how many resource instances loadConfig declares.
const loadResources = 20 + 20 + 20 + 20 + 50 + 40 + 40

// loadConfig declares 20 nodes, 20 data and 20 archive volumes, 20
// databases (one per data volume), 50 remote volumes of five types and 80
// backup schedules: two per database on remote volumes, two on its archive
// volume. Objects spread over the three nodes of the simulator.
const loadConfig = `
variable "secret" {
  type      = string
  sensitive = true
}

resource "exasol_node" "load" {
  count    = 20
  id       = 14 + count.index
  priv_net = "10.10.10.${14 + count.index}/24"
}

resource "exasol_storage_volume" "data" {
  count      = 20
  name       = format("LoadData%02d", count.index)
  type       = "data"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11 + count.index % 3]
  redundancy = 1
}

resource "exasol_storage_volume" "archive" {
  count      = 20
  name       = format("LoadArchive%02d", count.index)
  type       = "archive"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11 + count.index % 3]
  redundancy = 1
}

resource "exasol_database" "db" {
  count            = 20
  db_name          = format("LOAD%02d", count.index)
  version          = count.index % 2 == 0 ? "8.29.0" : "7.1.30"
  data_volume_name = exasol_storage_volume.data[count.index].name
  mem_size         = count.index % 2 == 0 ? "1 GiB" : "1024 MiB"
  nodes            = [11 + count.index % 3]
  num_active_nodes = 1
  port             = 8600 + count.index
}

locals {
  remote_kinds = [
    { type = "s3", url = "https://load-%02d.s3.eu-west-1.amazonaws.com" },
    { type = "ftp", url = "ftp://backup.example.com/load/%02d" },
    { type = "smb", url = "smb://files.example.com/load%02d" },
    { type = "file", url = "file:///exa/backups/load%02d" },
    { type = "webdav", url = "https://dav.example.com/load/%02d" },
  ]
}

resource "exasol_remote_volume" "r" {
  count              = 50
  remote_volume_name = format("LoadRemote%02d", count.index)
  vol_type           = local.remote_kinds[count.index % 5].type
  url                = format(local.remote_kinds[count.index % 5].url, count.index)
  username           = count.index % 5 == 3 ? null : "user${count.index}"
  password           = count.index % 5 == 3 ? null : var.secret
  options            = count.index % 2 == 0 ? ["timeout=300"] : null
}

resource "exasol_backup_schedule" "remote" {
  count              = 40
  db_name            = exasol_database.db[floor(count.index / 2)].db_name
  backup_name        = count.index % 2 == 0 ? "nightly" : "weekly"
  backup_volume_name = exasol_remote_volume.r[count.index].remote_volume_name
  level              = 0
  expire             = count.index % 2 == 0 ? "1w" : "4w 2d"
  minute             = tostring(count.index)
  hour               = "2"
  weekday            = count.index % 2 == 0 ? "mon-fri" : "sun"
}

resource "exasol_backup_schedule" "archive" {
  count              = 40
  db_name            = exasol_database.db[floor(count.index / 2)].db_name
  backup_name        = count.index % 2 == 0 ? "full" : "incremental"
  backup_volume_name = exasol_storage_volume.archive[floor(count.index / 2)].name
  level              = count.index % 2
  expire             = "3d"
  hour               = "*/6"
  enabled            = count.index % 4 != 1
}
`

// applyGauge counts the ApplyResourceChange calls that run at the same time:
// Terraform starts at most -parallelism of them at once, so a peak above
// Terraform's default of 10 proves that the flag took effect.
type applyGauge struct {
	tfprotov6.ProviderServer
	now, peak *atomic.Int64
}

func (g applyGauge) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	n := g.now.Add(1)
	defer g.now.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	return g.ProviderServer.ApplyResourceChange(ctx, req)
}

// withParallelism makes the Terraform runs of the calling test use
// -parallelism=n. terraform-plugin-testing has no setting for it, and
// TF_CLI_ARGS_apply does not help: terraform-exec always passes
// -parallelism=10, and Terraform puts TF_CLI_ARGS_* before the command
// line's own flags, so the later 10 wins. A wrapper around the CLI given in
// TF_ACC_TERRAFORM_PATH rewrites the flag instead.
func withParallelism(t *testing.T, n int) {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" { // terraform-plugin-testing then runs the one on PATH
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("no Terraform CLI: set TF_ACC_TERRAFORM_PATH (%v)", err)
		}
	}
	wrapper := filepath.Join(t.TempDir(), "terraform")
	script := fmt.Sprintf(`#!/bin/sh
# Terraform with -parallelism=%[1]d instead of terraform-exec's fixed value.
for a do
  shift
  case "$a" in -parallelism=*) a=-parallelism=%[1]d ;; esac
  set -- "$@" "$a"
done
exec '%[2]s' "$@"
`, n, strings.ReplaceAll(tf, "'", `'\''`))
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_ACC_TERRAFORM_PATH", wrapper)
}

// loadSim is a three-node simulator whose slow steps take a little time, so
// that the jobs of concurrent resources overlap as they would on a cluster.
func loadSim(t *testing.T, opts ...acctest.SimOption) *sim.Server {
	d := 50 * time.Millisecond
	return acctest.Start(t, append([]acctest.SimOption{func(o *sim.Options) {
		o.Nodes = 3
		o.Durations = map[string]time.Duration{
			cluster.TransDBStart: d, cluster.TransDBStop: d, cluster.TransVolumeCreate: d, cluster.TransNodeAdd: d,
		}
	}}, opts...)...)
}

// runLoad applies loadConfig to s with -parallelism=20, checks that the
// cluster holds exactly what the state does (and checks), that a second plan
// is empty, then destroys everything.
func runLoad(t *testing.T, s *sim.Server, checks ...resource.TestCheckFunc) {
	withParallelism(t, loadParallelism)
	var now, peak atomic.Int64
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"exasol": func() (tfprotov6.ProviderServer, error) {
			srv, err := providerserver.NewProtocol6WithError(New("test")())()
			return applyGauge{ProviderServer: srv, now: &now, peak: &peak}, err
		},
	}
	vars := config.Variables{"secret": config.StringVariable("load-secret")}
	cfg := acctest.Provider(s) + loadConfig
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Config: cfg, ConfigVariables: vars,
				Check: resource.ComposeTestCheckFunc(append([]resource.TestCheckFunc{
					checkResourceCount(loadResources),
					checkStateMatchesCluster(s),
					checkPeak(&peak, "apply"),
				}, checks...)...),
			},
			{ // a second plan, with a refresh of every object, has nothing to do
				Config: cfg, ConfigVariables: vars, PlanOnly: true,
			},
		},
		CheckDestroy: func(st *terraform.State) error {
			objs, err := simObjects(s)
			if err != nil {
				return err
			}
			for kind, l := range objs {
				if len(l) != 0 {
					return fmt.Errorf("destroy left %s on the cluster: %v", kind, l)
				}
			}
			t.Logf("load: %d resources applied, planned and destroyed with -parallelism=%d in %s; at most %d applies at once; %d XML-RPC calls",
				loadResources, loadParallelism, time.Since(start).Round(time.Millisecond), peak.Load(), s.Calls())
			return checkPeak(&peak, "apply and destroy")(st)
		},
	})
}

// checkPeak fails unless more applies ran at once than Terraform's default
// parallelism allows, and no more than loadParallelism.
func checkPeak(peak *atomic.Int64, what string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if p := peak.Load(); p <= 10 || p > loadParallelism {
			return fmt.Errorf("%s ran at most %d resource changes at once; -parallelism=%d should allow 11-%d",
				what, p, loadParallelism, loadParallelism)
		}
		return nil
	}
}

func checkResourceCount(want int) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		n := 0
		for addr := range st.RootModule().Resources {
			if !strings.HasPrefix(addr, "data.") {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("the state holds %d resources, want %d", n, want)
		}
		return nil
	}
}

// loadCreates are the create jobs of loadConfig, with how many objects each makes.
var loadCreates = map[string]int{"node_add": 20, "st_volume_create": 40, "db_create": 20, "remote_volume_add": 50, "db_backup_add_schedule": 80}

// checkCreatedOnce asserts that each create job succeeded exactly as often as
// loadConfig declares objects of its kind: nothing was made twice.
func checkCreatedOnce(s *sim.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[string]int{}
		for _, r := range acctest.Log(s).Sent(false) {
			if r.Code == 0 {
				got[r.Name]++
			}
		}
		for job, n := range loadCreates {
			if got[acctest.ExpectJobs([]string{job})[0]] != n {
				return fmt.Errorf("%s succeeded %d times, want %d", job, got[acctest.ExpectJobs([]string{job})[0]], n)
			}
		}
		return nil
	}
}

func TestAccLoad_parallelism20(t *testing.T) {
	s := loadSim(t)
	runLoad(t, s, checkCreatedOnce(s))
}

// With ConfD's configuration lock on, a change that arrives while another
// holds it is refused without running (sim ConfigLockHold); the provider
// waits its turn and the run succeeds, every object made once.
func TestAccLoad_parallelism20ConfigLocked(t *testing.T) {
	onlyOn(t, "confd", "the configuration lock and its busy refusal are ConfD's")
	s := loadSim(t, func(o *sim.Options) { o.ConfigLockHold = 10 * time.Millisecond })
	refused := func(*terraform.State) error {
		n := 0
		for _, r := range acctest.Log(s).Sent(false) {
			if r.Code != 0 {
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("no change was refused as busy, so the lock was never contended")
		}
		t.Logf("load with the configuration lock: %d changes refused as busy and sent again", n)
		return nil
	}
	runLoad(t, s, checkCreatedOnce(s), refused)
}
