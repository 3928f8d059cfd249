package provider

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The provider process is killed (SIGKILL) in the middle of a
// multi-resource create, right after the cluster ran one of its create
// jobs: the object exists, the state never hears of it. The next apply
// fails with an import block per orphan; with those blocks (their <name>
// filled in) it converges, a plan is clean, and destroy leaves nothing.
// The provider runs as its own process (dev_overrides), as in real use.
func TestAccCrashRecovery_pluginKilled(t *testing.T) {
	tfBin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tfBin == "" {
		t.Skip("needs TF_ACC and TF_ACC_TERRAFORM_PATH")
	}
	binDir := t.TempDir()
	plugin := filepath.Join(binDir, "terraform-provider-exasol")
	// go test puts its own go first in PATH.
	build := exec.Command("go", "build", "-o", plugin, "github.com/exacluster/terraform-provider-exasol")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	// ConfD's db_create starts the database itself; EXAoperation's create
	// is addDatabase, createDatabase and then startDatabase.
	points := append([]string{"node_add", "st_volume_create", "db_create"}, onlyOnItems(client.APIEXAoperation, "db_start")...)
	for _, job := range points {
		t.Run("killed at "+job, func(t *testing.T) { crashAndRecover(t, tfBin, plugin, acctest.APIJob(job)) })
	}
}

func crashAndRecover(t *testing.T, tfBin, plugin, killAt string) {
	var tfPID atomic.Int64
	var killed atomic.Bool
	s := acctest.Start(t, func(o *sim.Options) {
		o.OnJob = func(r sim.JobRecord) {
			if r.Name == killAt && !killed.Load() {
				killed.Store(killChild(int(tfPID.Load()), filepath.Base(plugin)))
			}
		}
	})
	dir := t.TempDir()
	cli := filepath.Join(dir, "cli.tfrc")
	writeFile(t, cli, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", Address, filepath.Dir(plugin)))
	config := fmt.Sprintf(`terraform {
  required_providers {
    exasol = { source = %q }
  }
}
%s
resource "exasol_node" "n" {
  id       = 14
  priv_net = "10.10.10.14/24"
}
resource "exasol_storage_volume" "v" {
  name       = "KILLVOL"
  type       = "data"
  disk       = "disk1"
  size       = "1 GiB"
  nodes      = [11]
  redundancy = 1
  depends_on = [exasol_node.n]
}
resource "exasol_database" "d" {
  db_name          = "KILLDB"
  version          = "8.29.0"
  data_volume_name = exasol_storage_volume.v.name
  mem_size         = "1 GiB"
  nodes            = [11]
  num_active_nodes = 1
  port             = 8564
}
`, Address, acctest.Provider(s))
	writeFile(t, filepath.Join(dir, "main.tf"), config)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(tfBin, append([]string{"-chdir=" + dir}, args...)...)
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cli, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		tfPID.Store(int64(cmd.Process.Pid))
		_ = cmd.Wait()
		return out.String(), cmd.ProcessState.ExitCode()
	}
	if out, code := run("apply", "-auto-approve", "-no-color"); code == 0 || !killed.Load() {
		t.Fatalf("the run was not cut off at %s (exit %d, killed %v):\n%s", killAt, code, killed.Load(), out)
	}
	out, code := run("apply", "-auto-approve", "-no-color")
	if code != 0 {
		blocks := regexp.MustCompile(`import \{\s+to = (exasol_\w+)\.<name>\s+id = "([^"]+)"\s+\}`).FindAllStringSubmatch(out, -1)
		if len(blocks) == 0 {
			t.Fatalf("the apply after the crash failed without an import block:\n%s", out)
		}
		addr := map[string]string{"exasol_node": "n", "exasol_storage_volume": "v", "exasol_database": "d"}
		var imports strings.Builder
		for _, b := range blocks {
			fmt.Fprintf(&imports, "import {\n  to = %s.%s\n  id = %s\n}\n", b[1], addr[b[1]], strconv.Quote(b[2]))
		}
		t.Logf("the apply after the crash asked for:\n%s", imports.String())
		writeFile(t, filepath.Join(dir, "imports.tf"), imports.String())
		if out, code := run("apply", "-auto-approve", "-no-color"); code != 0 {
			t.Fatalf("the apply with the printed import blocks failed (exit %d):\n%s\n%s", code, imports.String(), out)
		}
	}
	if out, code := run("plan", "-detailed-exitcode", "-no-color"); code != 0 {
		t.Fatalf("after recovery the plan is not clean (exit %d):\n%s", code, out)
	}
	if out, code := run("destroy", "-auto-approve", "-no-color"); code != 0 {
		t.Fatalf("destroy failed (exit %d):\n%s", code, out)
	}
	left := fmt.Sprint(acctest.Exec(t, s, "st_volume_list", nil)["result_output"], acctest.Exec(t, s, "db_list", nil)["result_output"],
		acctest.Exec(t, s, "node_list", nil)["result_output"])
	for _, name := range []string{"KILLVOL", "KILLDB", "10.10.10.14"} {
		if strings.Contains(left, name) {
			t.Errorf("%s left on the cluster after destroy", name)
		}
	}
}

// killChild sends SIGKILL to the child of parent whose command is name.
func killChild(parent int, name string) bool {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm is cut at 15 characters.
		open, closing := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
		if open < 0 || closing < open {
			continue
		}
		fields := strings.Fields(string(b[closing+1:]))
		if len(fields) < 2 || !strings.HasPrefix(name, string(b[open+1:closing])) {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid != parent {
			continue
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:open])))
		return syscall.Kill(pid, syscall.SIGKILL) == nil
	}
	return false
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
