package client_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Concurrent readers of a Preflight share one read of each list; Invalidate
// makes the next read fresh.
func TestPreflightSharesReads(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	c, _ := newClient(t, s)
	p := client.NewPreflight(c)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range []func() error{
				func() error { _, err := p.Nodes(ctx(t)); return err },
				func() error { _, err := p.Volumes(ctx(t)); return err },
				func() error { _, err := p.DatabaseNames(ctx(t)); return err },
				func() error { _, err := p.FreeSpace(ctx(t)); return err },
				func() error { _, err := p.InstalledVersions(ctx(t)); return err },
				func() error { _, err := p.RemoteVolumes(ctx(t)); return err },
			} {
				if err := f(); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	count := acctest.Log(s).Count
	for _, job := range []string{"node_list", "node_state", "st_volume_list", "db_list", "st_node_list", "db_version_list", "remote_volume_list"} {
		if n := count(job); n != 1 {
			t.Errorf("%s read %d times by 16 concurrent readers, want once", job, n)
		}
	}

	free, _ := p.FreeSpace(ctx(t))
	if d := free["n12"]["disk1"]; d.Free != 90<<30 || d.Slack <= 0 || d.Slack > 1<<20 {
		t.Errorf("free space of n12: %+v, want 90 GiB (100 GiB less DataVolume1's 10) and a small slack", d)
	}
	if v, _ := p.InstalledVersions(ctx(t)); !slices.Equal(v, sim.DefaultVersions) {
		t.Errorf("installed versions %v, want %v", v, sim.DefaultVersions)
	}
	if d, err := p.Database(ctx(t), "NOPE"); d != nil || err != nil {
		t.Errorf("a missing database: %v, %v; want nil, nil", d, err)
	}

	acctest.Exec(t, s, "st_volume_create", map[string]any{"name": "V1", "type": "data", "disk": "disk1", "size": "1 GiB", "nodes": []int{11}, "redundancy": 1})
	if vols, _ := p.Volumes(ctx(t)); len(vols) != 1 {
		t.Fatalf("cached volume list changed without Invalidate: %d volumes", len(vols))
	}
	p.Invalidate()
	if vols, _ := p.Volumes(ctx(t)); len(vols) != 2 || count("st_volume_list") != 2 {
		t.Errorf("after Invalidate: %d volumes, %d reads; want the new volume from a second read", len(vols), count("st_volume_list"))
	}
}

// A cluster that cannot be reached is tried once: the other reads fail at
// once with the same error.
func TestPreflightUnreachable(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := newClient(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	p := client.NewPreflight(c)
	_, err := p.Nodes(ctx(t))
	if err == nil || !client.Unreachable(err) {
		t.Fatalf("reading a closed cluster: %v, want an error for which Unreachable holds", err)
	}
	start := time.Now()
	if _, err2 := p.Volumes(ctx(t)); err2 != err {
		t.Errorf("second read: %v, want the first error again", err2)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("the second read took %v: it went to the network again", d)
	}
}
