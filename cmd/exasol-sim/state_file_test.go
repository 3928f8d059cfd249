package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

func TestStateFileFlag(t *testing.T) {
	o, _, err := parseFlags([]string{"--state-file", "demo/cluster.json"})
	if err != nil {
		t.Fatal(err)
	}
	if o.StateFile != "demo/cluster.json" {
		t.Fatalf("options %+v", o)
	}
	if o, _, _ := parseFlags(nil); o.StateFile != "" {
		t.Fatal("a state file by default")
	}
}

// A database created over XML-RPC is there again after the command was
// stopped with SIGTERM and started with the same --state-file.
func TestStateFileAcrossRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "exasol-sim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "cluster.json")
	run := func(name string, job string, params map[string]any) map[string]any {
		t.Helper()
		ready := filepath.Join(dir, name+".ready.json")
		cmd := exec.Command(bin, "--time-scale", "0", "--state-file", state, "--ready-file", ready)
		var stderr syncBuffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		var info struct {
			Endpoints  []string `json:"endpoints"`
			Username   string   `json:"username"`
			Password   string   `json:"password"`
			CACertFile string   `json:"ca_cert_file"`
		}
		poll(t, "the ready file", func() bool {
			data, err := os.ReadFile(ready)
			return err == nil && json.Unmarshal(data, &info) == nil
		})
		pem, err := os.ReadFile(info.CACertFile)
		if err != nil {
			t.Fatal(err)
		}
		hc := acctest.HTTPClient(pem, 5*time.Second)
		c := &rpc.Client{URL: info.Endpoints[0], HTTP: hc, User: info.Username, Password: info.Password}
		res, err := c.Call(context.Background(), "job_exec", job, map[string]any{"params": params})
		if err != nil {
			t.Fatalf("%s: %v", job, err)
		}
		env := res.(map[string]any)
		if env["result_code"] != int64(0) {
			t.Fatalf("%s: %v", job, env["result_desc"])
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
		return env
	}
	run("first", "db_create", map[string]any{
		"db_name": "DEMO", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "2048 MiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "port": 8563,
	})
	env := run("second", "db_info", map[string]any{"db_name": "DEMO"})
	if info := env["result_output"].(map[string]any); info["state"] != "Running" {
		t.Fatalf("DEMO after the restart: %v", info)
	}
}
