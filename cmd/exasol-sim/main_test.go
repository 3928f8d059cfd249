package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// syncBuffer collects the child's stderr while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestReadyFile builds the command, runs it, connects with what the ready
// file says, and stops it with SIGTERM.
func TestReadyFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "exasol-sim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ready, stateDir, envFile := filepath.Join(dir, "ready.json"), filepath.Join(dir, "state"), filepath.Join(dir, "sim.env")
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0", "--nodes", "2", "--user", "root",
		"--password", "pw-SECRET", "--auth-token", "tok-SECRET", "--versions", "8.29.0",
		"--time-scale", "0", "--duration", "backup=50ms", "--state-dir", stateDir, "--ready-file", ready, "--env-file", envFile)
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
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(ready)
		if err == nil {
			if err := json.Unmarshal(data, &info); err != nil {
				t.Fatalf("ready file is not complete JSON: %v\n%s", err, data)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no ready file; stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(info.Endpoints) != 1 || !strings.HasPrefix(info.Endpoints[0], "https://127.0.0.1:") ||
		info.Username != "root" || info.Password != "pw-SECRET" || info.CACertFile != filepath.Join(stateDir, "ca.pem") {
		t.Fatalf("ready file %+v", info)
	}

	// The env file, sourced by a shell, gives the provider the same connection.
	out, err := exec.Command("bash", "-c", `. "$1" && echo "$EXASOL_ENDPOINTS|$EXASOL_USERNAME|$EXASOL_PASSWORD|$EXASOL_CA_CERT_FILE"`, "_", envFile).CombinedOutput()
	if want := strings.Join([]string{info.Endpoints[0], "root", "pw-SECRET", info.CACertFile}, "|"); err != nil || strings.TrimSpace(string(out)) != want {
		t.Fatalf("env file gives %q (%v), want %q", out, err, want)
	}

	pem, err := os.ReadFile(info.CACertFile)
	if err != nil {
		t.Fatal(err)
	}
	hc := acctest.HTTPClient(pem, 5*time.Second)
	c := &rpc.Client{URL: info.Endpoints[0], HTTP: hc, User: info.Username, Password: info.Password}
	ctx := context.Background()
	res, err := c.Call(ctx, "job_exec", "node_list")
	if err != nil {
		t.Fatal(err)
	}
	if nodes := res.(map[string]any)["result_output"].(map[string]any); len(nodes) != 2 {
		t.Fatalf("node_list with --nodes 2: %v", nodes)
	}
	if _, err := c.Call(ctx, "job_exec", "remote_volume_add", map[string]any{"params": map[string]any{
		"vol_type": "s3", "url": "https://bucket", "password": "remote-SECRET"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&rpc.Client{URL: info.Endpoints[0], HTTP: hc, BearerToken: "tok-SECRET"}).Call(ctx, "job_exec", "db_list"); err != nil {
		t.Fatalf("bearer token: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}

	log := stderr.String()
	for _, want := range []string{"node_list", "remote_volume_add", `password="***"`, "code=0"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	for _, secret := range []string{"pw-SECRET", "tok-SECRET", "remote-SECRET"} {
		if strings.Contains(log, secret) {
			t.Errorf("log leaks %q:\n%s", secret, log)
		}
	}
	if _, err := os.Stat(info.CACertFile); err != nil {
		t.Errorf("the given state dir was not kept: %v", err)
	}
}

func TestParseFlags(t *testing.T) {
	o, files, err := parseFlags([]string{"--versions", "7.1.30, 8.29.0", "--duration", "db_start=1s", "--bare", "--ready-file", "r.json", "--env-file", "sim.env"})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Versions) != 2 || o.Versions[1] != "8.29.0" || o.Durations["db_start"] != time.Second ||
		!o.Bare || files.ready != "r.json" || files.env != "sim.env" || o.TimeScale != 1 || o.Nodes != 3 {
		t.Fatalf("options %+v %+v", o, files)
	}
	if _, _, err := parseFlags([]string{"--duration", "backup"}); err == nil {
		t.Fatal("bad --duration accepted")
	}
}
