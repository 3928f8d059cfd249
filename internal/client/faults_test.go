package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// What the client makes of each fault the simulator injects (sim/faults.go):
// reads are repeated, changes are read back before they are repeated, a
// refusal because the configuration is locked waits its turn, and what
// cannot be ridden out fails with an error that names the job.

func armFaults(t *testing.T, s *sim.Server, specs ...string) {
	t.Helper()
	var fs []sim.Fault
	for _, spec := range specs {
		f, err := sim.ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	if err := s.InjectFaults(fs...); err != nil {
		t.Fatal(err)
	}
}

// faultClient gives up on a held answer after 300 ms.
func faultClient(t *testing.T, s *sim.Server) (*client.Cluster, *logSink) {
	return newClient(t, s, func(c *client.Config) {
		c.RequestTimeout = 300 * time.Millisecond
		c.FailoverTimeout = 10 * time.Second
	})
}

var faultVolume = client.VolumeSpec{Name: "V1", Type: "data", Disk: "disk1", Size: "1 GiB", Nodes: []int64{11}, Redundancy: 1}

func fired(t *testing.T, s *sim.Server, n int) {
	t.Helper()
	if got := len(s.FaultLog()); got != n {
		t.Fatalf("%d faults fired, want %d: %+v", got, n, s.FaultLog())
	}
}

func TestReadsRideOutFaults(t *testing.T) {
	for _, spec := range []string{"5xx", "5xx,status=500", "drop", "slow", "lost", "5xx,method=job_exec,times=3"} {
		t.Run(spec, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
			c, _ := faultClient(t, s)
			armFaults(t, s, spec)
			if names, err := c.DBList(ctx(t)); err != nil || len(names) != 0 {
				t.Fatalf("db_list: %v, %v", names, err)
			}
			if len(s.FaultLog()) == 0 {
				t.Fatal("no fault fired")
			}
		})
	}
}

// A change whose answer never came is read back: it ran once, whether the
// fault struck before (5xx, drop) or after (lost, slow) it took effect.
func TestChangesReadBackAfterFaults(t *testing.T) {
	for _, spec := range []string{"5xx,job=st_volume_create", "drop,job=st_volume_create", "lost,job=st_volume_create",
		"slow,job=st_volume_create", "drop,method=job_wait", "5xx,method=job_result", "lost,job=st_volume_create,times=2"} {
		t.Run(spec, func(t *testing.T) {
			s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
			c, sink := faultClient(t, s)
			armFaults(t, s, spec)
			if _, err := c.CreateVolume(ctx(t), faultVolume, client.VolumeChange{}); err != nil {
				t.Fatalf("create: %v\n%s", err, sink.all())
			}
			if n := acctest.Log(s).Succeeded("st_volume_create"); n != 1 {
				t.Fatalf("st_volume_create took effect %d times", n)
			}
			if _, err := c.VolumeInfo(ctx(t), "V1"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A busy refusal proves that the job did not run: it is sent again, after a
// pause, until ConfD takes it.
func TestLockedChangeIsQueued(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, sink := faultClient(t, s)
	armFaults(t, s, "busy,job=st_volume_create,times=3")
	if _, err := c.CreateVolume(ctx(t), faultVolume, client.VolumeChange{}); err != nil {
		t.Fatal(err)
	}
	fired(t, s, 3)
	if n := acctest.Log(s).Succeeded("st_volume_create"); n != 1 {
		t.Fatalf("st_volume_create took effect %d times", n)
	}
	if !strings.Contains(sink.all(), "the job is queued") {
		t.Errorf("the queueing is not logged:\n%s", sink.all())
	}

	// Two changes that collide on a held lock: the second waits for it.
	s = acctest.Start(t, acctest.Pinned(sim.APIConfD), func(o *sim.Options) { o.ConfigLockHold = 400 * time.Millisecond })
	c, _ = faultClient(t, s)
	if _, err := c.CreateVolume(ctx(t), faultVolume, client.VolumeChange{}); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := c.DeleteVolume(ctx(t), "V1"); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(began); waited < 200*time.Millisecond {
		t.Errorf("the delete did not wait for the lock (%v)", waited)
	}
	refused := 0
	for _, r := range acctest.Log(s).Records() {
		if r.Name == "st_volume_delete" && r.Code != 0 {
			refused++
		}
	}
	if refused == 0 || acctest.Log(s).Succeeded("st_volume_delete") != 1 {
		t.Fatalf("st_volume_delete refused %d times, ran %d times", refused, acctest.Log(s).Succeeded("st_volume_delete"))
	}
}

// A lock that outlasts the deadline fails with an error that names the job,
// says that it did not run, and what to do; also when the deadline ends
// while the create's preparing read (st_volume_list, slow here) runs.
func TestLockedUntilDeadline(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD), acctest.Latency(0, map[string]time.Duration{"st_volume_list": 250 * time.Millisecond}))
	// No held answer here: a request timeout that a loaded machine cannot
	// trip, so that only the deadline ends the queue.
	c, _ := newClient(t, s, func(c *client.Config) { c.RequestTimeout = 5 * time.Second })
	armFaults(t, s, "busy,times=all")
	cx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, err := c.CreateVolume(cx, faultVolume, client.VolumeChange{})
	if !client.IsLocked(err) {
		t.Fatalf("got %v, want a locked refusal", err)
	}
	// "apply again" and "timeouts" are the provider's wording of the hint
	// (internal/provider TestClientErrorDetail).
	for _, want := range []string{"ConfD job st_volume_create was refused", "is locked by", "the job did not run"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if e := new(*client.Error); !errors.As(err, e) || (*e).Hint != client.HintLockWait {
		t.Errorf("the refusal lacks the hint to wait for the lock: %v", err)
	}
	if acctest.Log(s).Succeeded("st_volume_create") != 0 || len(s.FaultLog()) < 2 {
		t.Fatalf("ran %d times, refused %d times", acctest.Log(s).Succeeded("st_volume_create"), len(s.FaultLog()))
	}
}

// A job error and a 401 are not repeated; their errors name the job.
func TestFaultsThatFail(t *testing.T) {
	s := acctest.Start(t, acctest.Pinned(sim.APIConfD))
	c, _ := faultClient(t, s)
	armFaults(t, s, "error,job=st_volume_create,message=disk1 is degraded")
	_, err := c.CreateVolume(ctx(t), faultVolume, client.VolumeChange{})
	var e *client.Error
	if !errors.As(err, &e) || e.Kind != client.KindJob || !strings.Contains(err.Error(), "ConfD job st_volume_create failed") ||
		!strings.Contains(err.Error(), "disk1 is degraded") {
		t.Fatalf("got %v", err)
	}
	armFaults(t, s, "401,job=st_volume_create")
	_, err = c.CreateVolume(ctx(t), faultVolume, client.VolumeChange{})
	// The advice (which settings to check) is the provider's wording of
	// the hint: internal/provider TestClientErrorDetail.
	if !errors.As(err, &e) || e.Kind != client.KindAuth || !strings.Contains(err.Error(), "st_volume_create") ||
		e.Hint != client.HintCredentials {
		t.Fatalf("got %v", err)
	}
	if acctest.Log(s).Succeeded("st_volume_create") != 0 || len(s.FaultLog()) != 2 {
		t.Fatalf("st_volume_create ran %d times; faults %+v", acctest.Log(s).Succeeded("st_volume_create"), s.FaultLog())
	}
	// A 5xx that persists names the job and what to do.
	armFaults(t, s, "5xx,status=501,times=all")
	_, err = c.DBList(ctx(t))
	if err == nil || !strings.Contains(err.Error(), "db_list") || !strings.Contains(err.Error(), "check its health") {
		t.Fatalf("got %v", err)
	}
}
