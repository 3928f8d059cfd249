package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
)

func TestFailoverFlags(t *testing.T) {
	o, _, fail, err := parseCommandLine([]string{"--node-addresses", "--failover-at-job", "2", "--failover-job", "db_create",
		"--failover-lose-response", "--failover-mode", "hang", "--failover-delay", "2s"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.NodeAddresses || o.Failover == nil || o.Failover.AtJob != 2 || o.Failover.Job != "db_create" ||
		!o.Failover.LoseResponse || o.Failover.Mode != "hang" || o.Failover.Delay != 2*time.Second {
		t.Fatalf("options %+v, armed %+v", o, o.Failover)
	}
	// SIGUSR1 fails the master at once, whatever job runs
	if fail.AtJob != 0 || fail.Job != "" || fail.LoseResponse || fail.Mode != "hang" || fail.Delay != 2*time.Second {
		t.Fatalf("SIGUSR1 failure %+v", fail)
	}
	if o, _, _, _ := parseCommandLine(nil); o.Failover != nil || o.NodeAddresses {
		t.Fatalf("failover armed by default: %+v", o)
	}
	if _, _, _, err := parseCommandLine([]string{"--failover-job", "db_create"}); err == nil {
		t.Fatal("--failover-job without --failover-at-job accepted")
	}
}

// SIGUSR1 makes the running simulator lose its master; another node takes over.
func TestSignalFailsMaster(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "exasol-sim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ready := filepath.Join(dir, "ready.json")
	cmd := exec.Command(bin, "--nodes", "3", "--node-addresses", "--failover-delay", "100ms", "--ready-file", ready)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	var info struct {
		Endpoints  []string `json:"endpoints"`
		CACertFile string   `json:"ca_cert_file"`
	}
	poll(t, "the ready file", func() bool {
		data, err := os.ReadFile(ready)
		return err == nil && json.Unmarshal(data, &info) == nil
	})
	if len(info.Endpoints) != 3 {
		t.Fatalf("endpoints %v, want one per node", info.Endpoints)
	}
	pem, _ := os.ReadFile(info.CACertFile)
	hc := acctest.HTTPClient(pem, time.Second)
	master := func() string {
		resp, err := hc.Get(info.Endpoints[2] + "/master?info_type=name")
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if m := master(); m != "n11" {
		t.Fatalf("master %q", m)
	}
	if err := cmd.Process.Signal(syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	poll(t, "the new master", func() bool { return master() == "n12" })
	if !strings.Contains(stderr.String(), "master n11 fails (refuse)") {
		t.Errorf("stderr does not report the failure:\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v\n%s", err, stderr.String())
	}
}

func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
