package client_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// A refresh of remote volumes read concurrently, in whatever order and
// whichever read ends first, costs the same calls: the first read
// (remote_volume_info), one remote_volume_list_details, and one
// remote_volume_info for the owner the first did not name. The owner of the
// first volume is taken from its read even while that read is under way
// (it used to be read again then, one call more or less from run to run).
func TestBulkRemoteVolumesCallsDoNotDependOnOrder(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3)) // two owners
	seedRemoteVolumes(t, s)
	// the per-object read is slow, so that the list's answer comes first
	s.SetLatency(0, map[string]time.Duration{"remote_volume_info": 200 * time.Millisecond})
	for round := range 3 {
		acctest.Log(s).Reset()
		c, _ := newClient(t, s)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// round 0: RV0 first, then the others; later rounds: all at once
				if round == 0 && i > 0 {
					time.Sleep(50 * time.Millisecond)
				}
				name := fmt.Sprintf("RV%d", (i+round*7)%20)
				v, err := c.RemoteVolumeInfo(context.Background(), client.RemoteVolumeRef{Name: name})
				if err == nil && (v.Name != name || v.Owner == "") {
					err = fmt.Errorf("%s read as %+v", name, *v)
				}
				if err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if jobs := clientJobs(s); jobs["remote_volume_info"] != 2 || jobs["remote_volume_list_details"] != 1 {
			t.Errorf("round %d: jobs %v; want remote_volume_info ×2 and remote_volume_list_details ×1", round, jobs)
		}
	}
}

// Storage volumes created at once (an apply's -parallelism) share the
// st_volume_list that each create reads to prepare its read-back, instead
// of reading and decoding the whole list once per create.
func TestConcurrentCreatesShareTheirPreparingList(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	s.SetLatency(0, map[string]time.Duration{"st_volume_list": 100 * time.Millisecond})
	c, _ := newClient(t, s)
	const n = 10
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.VolumeCreate(context.Background(), client.VolumeSpec{Name: fmt.Sprintf("A%d", i), Type: client.VolumeTypeArchive,
				Disk: "disk1", Size: "16 MiB", Nodes: []int64{11}, Redundancy: 1}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := clientJobs(s); got["st_volume_create"] != n || got["st_volume_list"] > n/2 {
		t.Errorf("%d creates at once: %v; want st_volume_list at most %d times", n, got, n/2)
	}
}
