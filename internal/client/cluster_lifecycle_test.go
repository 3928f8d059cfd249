package client_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

type reports struct {
	mu  sync.Mutex
	all []string
}

func (r *reports) add(m string) { r.mu.Lock(); r.all = append(r.all, m); r.mu.Unlock() }

func stepStrings(steps []client.Step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.String()
	}
	return out
}

// A cold 4-node cluster comes up in the runbook's order: nodes, storage,
// databases (in parallel), plugins; and the steps say what happened.
func TestRunbookColdStart(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(4), acctest.Plugins([]string{"Administration.vmware-tools"}...), acctest.Durations(map[string]time.Duration{"node_boot": 300 * time.Millisecond, "storage_start": 100 * time.Millisecond}))
	acctest.SeedDatabases(t, s, []int{11, 12, 13, 14}, "DB1", "DB2", "DB3")
	s.Cluster().ColdBoot()
	acctest.Log(s).Reset()
	c, _ := newClient(t, s)

	var rep reports
	rb := &client.Runbook{Backend: c, Report: rep.add}
	if err := rb.Start(ctx(t), client.Selection{}); err != nil {
		t.Fatalf("start: %v\nsteps: %q", err, stepStrings(rb.Steps()))
	}
	steps := strings.Join(stepStrings(rb.Steps()), "\n")
	for _, want := range []string{
		"nodes: ConfD cannot power nodes on: waiting for n12, n13, n14 to boot",
		"nodes: 4/4 online",
		"storage: 6/6 volumes ONLINE (ConfD has no job that starts the storage service",
		"database DB1: started, connectible at", "database DB2: started", "database DB3: started",
		"plugins: Administration.vmware-tools installed; ConfD has no job that starts plugin services",
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("steps lack %q:\n%s", want, steps)
		}
	}
	jobs := acctest.Log(s).All()
	first := func(job string) int { return slices.Index(jobs, job) }
	lastOf := func(job string) int {
		for i := len(jobs) - 1; i >= 0; i-- {
			if jobs[i] == job {
				return i
			}
		}
		return -1
	}
	inOrder := first("node_state") < first("node_wait_ready") && first("node_wait_ready") < first("st_volume_list") &&
		lastOf("st_volume_list") < first("db_start") && lastOf("db_start") < first("plugin_list") &&
		first("plugin_list") < first("plugin_info")
	if !inOrder {
		t.Errorf("jobs out of the runbook's order: %v", jobs)
	}
	if n := countOf(jobs, "db_start"); n != 3 {
		t.Errorf("%d db_start jobs, want 3: %v", n, jobs)
	}
	// a wait was reported while the storage came up (or the nodes booted)
	if !slices.ContainsFunc(rep.all, func(m string) bool { return strings.HasPrefix(m, "waiting for") || strings.Contains(m, "starting") }) {
		t.Errorf("no progress reported: %q", rep.all)
	}
	o, err := client.Observe(ctx(t), c, nil)
	if err != nil || !o.Running() || o.Stopped() {
		t.Fatalf("after the start: running=%v stopped=%v err=%v", o.Running(), o.Stopped(), err)
	}

	// a second start finds everything up and sends no change
	acctest.Log(s).Reset()
	rb = &client.Runbook{Backend: c}
	if err := rb.Start(ctx(t), client.Selection{}); err != nil {
		t.Fatal(err)
	}
	for _, j := range acctest.Log(s).All() {
		if j == "db_start" || j == "node_wait_ready" {
			t.Errorf("a start of a running cluster sent %s", j)
		}
	}
}

func countOf(l []string, x string) int {
	n := 0
	for _, y := range l {
		if y == x {
			n++
		}
	}
	return n
}

// A stop reports the master, stops the databases and says plainly that
// ConfD leaves the storage and the nodes up.
func TestRunbookStop(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(2))
	acctest.SeedDatabases(t, s, []int{11, 12}, "DB1", "DB2")
	c, _ := newClient(t, s)

	// only DB1: the storage stays because DB2 still runs
	rb := &client.Runbook{Backend: c}
	if err := rb.Stop(ctx(t), client.Selection{Databases: []string{"DB1"}}); err != nil {
		t.Fatal(err)
	}
	got := stepStrings(rb.Steps())
	want := []string{"master: n11 runs ConfD", "database DB1: stopped", "storage: left running: databases not selected are still up (DB2 running)",
		"nodes: left online: ConfD has no job that shuts nodes down"}
	checkPrefixes(t, got, want)

	rb = &client.Runbook{Backend: c}
	if err := rb.Stop(ctx(t), client.Selection{}); err != nil {
		t.Fatal(err)
	}
	steps := rb.Steps()
	checkPrefixes(t, stepStrings(steps), []string{"master: n11 runs ConfD", "database DB1: already stopped (setup)",
		"database DB2: stopped", "storage: left running: ConfD has no job that stops the storage service",
		"nodes: left online: ConfD has no job that shuts nodes down"})
	if !steps[3].Warning || !steps[4].Warning || steps[2].Warning {
		t.Errorf("warnings: %+v", steps)
	}
	o, err := client.Observe(ctx(t), c, nil)
	if err != nil || !o.Stopped() || o.Running() {
		t.Fatalf("after the stop: stopped=%v running=%v err=%v", o.Stopped(), o.Running(), err)
	}
}

// checkPrefixes asserts the steps in order; databases stop in parallel, so
// their lines are compared as a set.
func checkPrefixes(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("steps %q, want %d like %q", got, len(want), want)
	}
	norm := func(l []string) []string {
		out := slices.Clone(l)
		slices.SortStableFunc(out, func(a, b string) int {
			if strings.HasPrefix(a, "database ") && strings.HasPrefix(b, "database ") {
				return strings.Compare(a, b)
			}
			return 0
		})
		return out
	}
	g, w := norm(got), norm(want)
	for i := range w {
		if !strings.HasPrefix(g[i], w[i]) {
			t.Errorf("step %d = %q, want it to start with %q (all: %q)", i, g[i], w[i], got)
		}
	}
}

// A backup holds a stop back until it ends; when the wait runs out the stop
// fails with a BusyError naming the operation, and nothing goes further.
func TestRunbookStopRespectsBackup(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Durations(map[string]time.Duration{"backup": 600 * time.Millisecond}))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example.com", "remote_volume_name": "Backups"})
	acctest.Exec(t, s, "db_backup_start", map[string]any{"db_name": "DB1", "backup_volume_name": "Backups", "level": 0})
	c, _ := newClient(t, s)

	short, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	rb := &client.Runbook{Backend: c}
	err := rb.Stop(short, client.Selection{})
	var busy *client.BusyError
	if !errors.As(err, &busy) || busy.Operation != "Backup" || !strings.Contains(err.Error(), "database DB1") {
		t.Fatalf("stop under a backup: %v", err)
	}
	if slices.Contains(acctest.Log(s).All(), "db_stop") {
		t.Fatal("db_stop was sent while the backup ran")
	}

	var rep reports
	rb = &client.Runbook{Backend: c, Report: rep.add}
	if err := rb.Stop(ctx(t), client.Selection{}); err != nil {
		t.Fatal(err)
	}
	if steps := stepStrings(rb.Steps()); !strings.Contains(steps[1], `waited for operation "Backup" to end first`) {
		t.Errorf("steps %q", steps)
	}
	if !slices.ContainsFunc(rep.all, func(m string) bool { return strings.Contains(m, `waiting for operation "Backup"`) }) {
		t.Errorf("progress %q", rep.all)
	}
}

// RunBackup waits for the backup, reports its progress, and returns the
// backup it added.
func TestRunBackup(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Durations(map[string]time.Duration{"backup": 800 * time.Millisecond}))
	acctest.SeedDatabases(t, s, []int{11}, "DB1")
	acctest.Exec(t, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example.com", "remote_volume_name": "Backups"})
	c, _ := newClient(t, s)
	var rep reports
	b, err := c.RunBackup(ctx(t), client.BackupStart{Database: "DB1", VolumeName: "Backups", Level: 0, Expire: "1w"}, rep.add)
	if err != nil {
		t.Fatal(err)
	}
	if b.Level != 0 || b.System != "DB1" || b.ID == "" {
		t.Errorf("backup %+v", b)
	}
	msgs := strings.Join(rep.all, "\n")
	// The finish names the backup as a list shows it, not by its raw id.
	if !strings.Contains(msgs, "% done") || !strings.Contains(msgs, "finished: level 0 of "+b.Timestamp+" on "+b.Volume) || strings.Contains(msgs, b.ID) {
		t.Errorf("progress messages:\n%s", msgs)
	}
	if jobs := acctest.Log(s).All(); !slices.Contains(jobs, "db_backup_progress") || indexOf(jobs, "db_backup_start") > indexOf(jobs, "db_backup_progress") {
		t.Errorf("jobs %v", jobs)
	}
	// a second run's timeout leaves the backup running and says so
	short, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err = c.RunBackup(short, client.BackupStart{Database: "DB1", VolumeName: "Backups", Level: 1}, nil)
	if err == nil || !strings.Contains(err.Error(), "goes on on the cluster") {
		t.Fatalf("timeout: %v", err)
	}
}

func indexOf(l []string, x string) int { return slices.Index(l, x) }

// node_wait_ready is given the time left as its own timeout, and a node
// that does not come up is named.
func TestWaitNodesOnlineNamesTheLateNode(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3), acctest.Cold(), acctest.Durations(map[string]time.Duration{"node_boot": time.Hour}))
	c, _ := newClient(t, s)
	short, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	rb := &client.Runbook{Backend: c}
	err := rb.Start(short, client.Selection{})
	if err == nil || !strings.Contains(err.Error(), "1/3 online, not online: n12, n13") {
		t.Fatalf("start of nodes that do not boot: %v", err)
	}
	for _, r := range acctest.Log(s).Records() {
		if r.Name == "node_wait_ready" && fmt.Sprint(r.Params["timeout"]) != "2" {
			t.Errorf("node_wait_ready params %v, want the 1.5 s left rounded up as timeout", r.Params)
		}
	}
	if slices.Contains(acctest.Log(s).All(), "st_volume_list") {
		t.Error("the storage was checked although the nodes were not up")
	}
}
