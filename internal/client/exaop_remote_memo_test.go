package client_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Adding, reading back and deleting M remote volumes on EXAoperation costs
// calls in proportion to M: each create checks the names against the
// objects read so far instead of reading every object again (which cost
// about M² getProperties, 158,000 calls in an apply of 450 volumes).
func TestExaopRemoteVolumeCallsGrowLinearly(t *testing.T) {
	const m = 40
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	acctest.Log(s).Reset()
	for i := range m {
		name := fmt.Sprintf("rv%02d", i)
		if _, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: fmt.Sprintf("ftp://10.0.0.1/%d", i), Name: name}); err != nil {
			t.Fatal(err)
		}
		// what the provider reads after a create
		ref := client.RemoteVolumeRef{Name: name}
		if v, err := x.RemoteVolumeInfo(ctx(t), ref); err != nil || v.Name != name {
			t.Fatalf("%s read back: %+v %v", name, v, err)
		}
		if _, err := x.RemoteVolumeState(ctx(t), ref); err != nil {
			t.Fatal(err)
		}
	}
	calls := acctest.Log(s).Calls()
	// per create: the object list (getAllArchiveVolumes, getVolumeList)
	// before the create and again for the read-back, the create, the new
	// object's properties, its state, and the user lookups
	if n := count(calls, ".getProperties"); n > 2*m {
		t.Errorf("%d creates read getProperties %d times (want at most %d)", m, n, 2*m)
	}
	if len(calls) > 10*m {
		t.Errorf("%d creates cost %d calls (want at most %d)", m, len(calls), 10*m)
	}

	acctest.Log(s).Reset()
	for i := range m {
		if err := x.DeleteRemoteVolume(ctx(t), client.RemoteVolumeRef{Name: fmt.Sprintf("rv%02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(acctest.Log(s).Calls(), ".getProperties"); n > m {
		t.Errorf("%d deletes read getProperties %d times (want at most %d)", m, n, m)
	}
	if l, err := x.RemoteVolumeList(ctx(t)); err != nil || len(l) != 0 {
		t.Fatalf("after the deletes: %v %v", l, err)
	}
}

// What the memo holds does not hide a change made out of band from a fresh
// read, nor from the next run (a new client).
func TestExaopRemoteVolumeMemoFreshReads(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	x, _ := newExaop(t, s)
	if _, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://10.0.0.1/a", Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	url := "ftp://10.0.0.2/moved"
	if err := s.Cluster().EditRemoteVolume(cluster.ByName("a"), cluster.RemoteEdit{URL: &url}); err != nil {
		t.Fatal(err)
	}
	if v, err := x.RemoteVolumeInfo(client.Fresh(ctx(t)), client.RemoteVolumeRef{Name: "a"}); err != nil || v.URL != url {
		t.Errorf("a fresh read after an out-of-band change: %+v %v", v, err)
	}
	next, _ := newExaop(t, s)
	if v, err := next.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: "a"}); err != nil || v.URL != url {
		t.Errorf("the next run after an out-of-band change: %+v %v", v, err)
	}
}

// Creates at once (an apply's -parallelism) read each object added
// meanwhile once, not once per create that lists it.
func TestExaopRemoteVolumeConcurrentCreates(t *testing.T) {
	const workers, each = 20, 3
	s := acctest.Start(t, acctest.Pinned(sim.APIEXAoperation), acctest.Nodes(2))
	s.SetLatency(0, map[string]time.Duration{"getProperties": 20 * time.Millisecond})
	x, _ := newExaop(t, s)
	acctest.Log(s).Reset()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				name := fmt.Sprintf("rv%d-%d", w, i)
				if _, err := x.CreateRemoteVolume(ctx(t), client.RemoteVolumeSpec{Type: "ftp", URL: "ftp://10.0.0.1/" + name, Name: name}); err != nil {
					t.Error(err)
					return
				}
				if _, err := x.RemoteVolumeInfo(ctx(t), client.RemoteVolumeRef{Name: name}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	n, m := count(acctest.Log(s).Calls(), ".getProperties"), workers*each
	t.Logf("%d creates, %d at once: getProperties ×%d", m, workers, n)
	if n > 2*m {
		t.Errorf("%d creates, %d at once, read getProperties %d times (want at most %d)", m, workers, n, 2*m)
	}
}
