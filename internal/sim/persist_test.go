package sim

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// A simulator with a state file survives a restart: what was created over
// XML-RPC is there again, and the file is current after every change, not
// only after a clean shutdown.
func TestStateFileSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cluster.json")
	s, err := Start(Options{StateFile: path, TimeScale: 0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no state file right after start: %v", err)
	}
	c := client(t, s)
	createDB(t, c, "DB1", []int{11, 12, 13}, 8563)
	ok(t, c, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://bucket", "password": "remote-pw"})

	// Written after the commit, before any shutdown: a killed simulator
	// leaves this behind.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := cluster.Load(cluster.Config{}, data)
	if err != nil {
		t.Fatal(err)
	}
	if st := onDisk.Snapshot(); st.Database("DB1") == nil || len(st.Remotes) != 1 {
		t.Fatalf("state file after the jobs lacks them: %d databases, %d remote volumes", len(st.Databases), len(st.Remotes))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v (%v), want 0600: it holds remote volume passwords", fi.Mode(), err)
	}
	rev := s.Cluster().Revision()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Options that describe a new cluster give way to the saved one.
	s2 := start(t, Options{StateFile: path, Nodes: 5, Bare: true})
	c2 := client(t, s2)
	info := ok(t, c2, "db_info", map[string]any{"db_name": "DB1"}).(map[string]any)
	if info["state"] != "Running" || info["connectible"] != "Yes" {
		t.Fatalf("DB1 after restart: %v %v", info["state"], info["connectible"])
	}
	if n := len(ok(t, c2, "node_list", nil).(map[string]any)); n != 3 {
		t.Fatalf("%d nodes after restart, want the saved 3", n)
	}
	if got := s2.Cluster().Revision(); got != rev {
		t.Fatalf("revision %d after restart, want %d", got, rev)
	}
	// Changes go on from there and are saved again.
	ok(t, c2, "db_stop", map[string]any{"db_name": "DB1"})
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	s3 := start(t, Options{StateFile: path})
	if d := s3.Cluster().Snapshot().Database("DB1"); d == nil || d.State != cluster.DBSetup {
		t.Fatalf("DB1 after the second restart: %+v", d)
	}
}

// A state file that cannot be read stops the start and is left as it is:
// the simulator never overwrites a demo it could not load.
func TestStateFileRefusedWhenCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cluster.json")
	junk := []byte(`{"format": 1, "state": `)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := Start(Options{StateFile: path}); err == nil {
		_ = s.Close()
		t.Fatal("started from a truncated state file")
	}
	if data, _ := os.ReadFile(path); string(data) != string(junk) {
		t.Fatalf("the unreadable state file was changed: %q", data)
	}
}

// With node addresses, every saved node gets a door and the certificate
// covers it, also when the saved cluster has more nodes than Options.Nodes.
func TestStateFileNodeAddresses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cluster.json")
	s, err := Start(Options{StateFile: path, Nodes: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := start(t, Options{StateFile: path, Nodes: 1, NodeAddresses: true})
	eps := s2.Endpoints()
	if len(eps) != 2 {
		t.Fatalf("endpoints %v, want one per saved node", eps)
	}
	resp, err := httpClient(t, s2).Get(eps[1] + "/master")
	if err != nil {
		t.Fatalf("second node's address: %v", err)
	}
	_ = resp.Body.Close()
}
