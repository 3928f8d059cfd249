package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// node addresses, master discovery and the 302 from a non-master.

func startNodes(t *testing.T) *Server {
	t.Helper()
	s := start(t, Options{Nodes: 3, NodeAddresses: true})
	eps := s.Endpoints()
	if len(eps) != 3 {
		t.Fatalf("endpoints %v, want one per node", eps)
	}
	return s
}

func rpcAt(t *testing.T, s *Server, url string) *rpc.Client {
	return &rpc.Client{URL: url, HTTP: httpClient(t, s), User: s.Username(), Password: s.Password()}
}

func getMaster(t *testing.T, s *Server, url string) (string, error) {
	t.Helper()
	hc := httpClient(t, s)
	hc.Timeout = time.Second
	resp, err := hc.Get(url + "/master")
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), nil
}

func TestNodeAddresses(t *testing.T) {
	s := startNodes(t)
	eps := s.Endpoints()
	port := eps[0][strings.LastIndexByte(eps[0], ':'):]
	for i, ep := range eps {
		// one port on 127.0.0.1, .2, .3 where the system allows it
		if want := fmt.Sprintf("https://127.0.0.%d%s", i+1, port); ep != want && !strings.HasPrefix(ep, "https://127.0.0.1:") {
			t.Errorf("endpoint %d = %s, want %s", i, ep, want)
		}
		// the certificate covers every node: httpClient verifies it
		if m, err := getMaster(t, s, ep); err != nil || !strings.HasPrefix(m, "127.0.0.1") {
			t.Errorf("GET %s/master = %q, %v", ep, m, err)
		}
	}
	// a non-master redirects job calls to the master
	_, err := rpcAt(t, s, eps[1]).Call(context.Background(), "job_exec", "db_list")
	var he *rpc.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusFound {
		t.Fatalf("job call at a non-master: %v, want 302", err)
	}
	ok(t, rpcAt(t, s, eps[0]), "master_change", map[string]any{"nids": []int{12}})
	if m, _ := getMaster(t, s, eps[0]); m != strings.TrimPrefix(strings.TrimSuffix(eps[1], port), "https://") {
		t.Errorf("after master_change, /master = %q, want the address of %s", m, eps[1])
	}
	if env := job(t, rpcAt(t, s, eps[1]), "db_list", nil); !strings.HasPrefix(env["result_jobid"].(string), "12.") {
		t.Errorf("job at the new master: %v", env)
	}
}

func TestFailMasterRefuses(t *testing.T) {
	s := startNodes(t)
	eps := s.Endpoints()
	if err := s.FailMaster(FailoverOptions{Delay: 200 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if err := s.FailMaster(FailoverOptions{}); err == nil {
		t.Error("a second failure while the master is down was accepted")
	}
	_, err := getMaster(t, s, eps[0])
	if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("the failed master answered: %v", err)
	}
	// meanwhile the others still name the failed master
	if m, _ := getMaster(t, s, eps[1]); !strings.HasPrefix(m, "127.0.0.1") {
		t.Errorf("during the election /master = %q", m)
	}
	eventually(t, "a new master", func() bool { n, _ := s.Failovers(); return n == 1 })
	if s.Cluster().Master() != 12 {
		t.Fatalf("master %d after the failover, want 12", s.Cluster().Master())
	}
	// the failed node is back as a follower
	eventually(t, "the old master back", func() bool { _, err := getMaster(t, s, eps[0]); return err == nil })
	_, err = rpcAt(t, s, eps[0]).Call(context.Background(), "job_exec", "db_list")
	var he *rpc.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusFound {
		t.Fatalf("the old master now: %v, want 302", err)
	}
}

func TestFailMasterHangs(t *testing.T) {
	s := startNodes(t)
	if err := s.FailMaster(FailoverOptions{Mode: FailHang, Delay: time.Hour, StayDown: true}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := getMaster(t, s, s.Endpoints()[0])
	if err == nil || time.Since(start) < 900*time.Millisecond {
		t.Fatalf("a hanging master answered after %s: %v", time.Since(start), err)
	}
	// Close ends hung requests at once.
	done := make(chan struct{})
	go func() {
		hc := httpClient(t, s)
		_, _ = hc.Get(s.Endpoints()[0] + "/master")
		close(done)
	}()
	time.Sleep(50 * time.Millisecond) // let the request reach the hanging door
	_ = s.Close()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close left a request hanging")
	}
}

// A job in flight when the master fails either committed or did not, and
// the job log says which.
func TestFailMasterInFlightJob(t *testing.T) {
	for _, lose := range []bool{true, false} {
		s := startNodes(t)
		eps := s.Endpoints()
		c := rpcAt(t, s, eps[0])
		if err := s.FailMaster(FailoverOptions{AtJob: 2, LoseResponse: lose, Delay: 100 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		ok(t, c, "db_list", nil) // a read does not count
		ok(t, c, "remote_volume_add", map[string]any{"vol_type": "ftp", "url": "ftp://a"})
		_, err := c.Call(context.Background(), "job_start", "remote_volume_add",
			map[string]any{"params": map[string]any{"vol_type": "ftp", "url": "ftp://b"}})
		if err == nil {
			t.Fatal("the struck job was answered")
		}
		eventually(t, "a new master", func() bool { n, _ := s.Failovers(); return n == 1 })
		log := s.JobLog()
		last := log[len(log)-1]
		names := ok(t, rpcAt(t, s, eps[1]), "remote_volume_list", nil).([]any)
		switch {
		case lose && (!last.Lost || last.Dropped || last.ID == "" || len(names) != 2):
			t.Errorf("committed, answer lost: record %+v, volumes %v", last, names)
		case !lose && (!last.Lost || !last.Dropped || last.Code != -1 || len(names) != 1):
			t.Errorf("dropped: record %+v, volumes %v", last, names)
		}
		if log[len(log)-2].Lost {
			t.Errorf("the job before was answered, yet marked lost: %+v", log[len(log)-2])
		}
	}
}

func TestFailoverOptionsChecked(t *testing.T) {
	s := startNodes(t)
	for _, o := range []FailoverOptions{{Mode: "crash"}, {Delay: -1}, {AtJob: -1}, {AtJob: 1, Job: "db_list"}} {
		if err := s.FailMaster(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// Without node addresses the one address follows the master: it goes down
// and comes back serving the new master, like a virtual IP.
func TestFailMasterSingleAddress(t *testing.T) {
	s := start(t, Options{Nodes: 2})
	if err := s.FailMaster(FailoverOptions{Delay: 50 * time.Millisecond, StayDown: true}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a new master", func() bool { n, _ := s.Failovers(); return n == 1 })
	if env := job(t, client(t, s), "db_list", nil); !strings.HasPrefix(env["result_jobid"].(string), "12.") {
		t.Errorf("job after the failover: %v", env)
	}
}
