package sim

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
)

// An unplanned failover: the master stops answering, and after a delay
// another node becomes the master (cluster.ChangeMaster). The cluster's data
// is shared by all nodes, as ConfD replicates it, so nothing else changes.
// A job in flight when the master fails either ran (and committed) with its
// answer lost, or never ran; the job log says which (JobRecord.Lost,
// JobRecord.Dropped).
//
// guess: what a real cluster does here is not documented. The simulator's
// choices, all in this file and doors.go: the new master knows the jobs
// of the old one (job_wait / job_result by id keep working; a client must
// cope with either); during the election the other nodes still name the
// failed master (GET /master, 302); the failed node comes back as a
// follower when the new master is elected (unless StayDown).

// FailMode is how a failed master treats its clients.
type FailMode string

const (
	// FailRefuse: the node is down, connections are refused (and open
	// ones closed).
	FailRefuse FailMode = "refuse"
	// FailHang: the node accepts connections and never answers, until the
	// client gives up.
	FailHang FailMode = "hang"
)

// DefaultFailoverDelay is how long the cluster is without a master unless
// FailoverOptions.Delay says otherwise.
const DefaultFailoverDelay = 500 * time.Millisecond

// FailoverOptions describe one loss of the master.
type FailoverOptions struct {
	// Delay: how long the cluster has no master before another node takes
	// over (0 = DefaultFailoverDelay). Meanwhile the other nodes still name
	// the failed master in GET /master and redirect to it. guess: what a
	// real cluster's nodes answer during the election is not documented.
	Delay time.Duration
	// Mode: FailRefuse (default) or FailHang.
	Mode FailMode
	// AtJob: 0 = the master fails now. n >= 1 = it fails while the n-th
	// change job (job_start or job_exec of a job that is not a read) that
	// reaches it from now on is in flight.
	AtJob int
	// Job, with AtJob, counts only jobs of this name.
	Job string
	// LoseResponse, with AtJob: the job runs (and commits) and then the
	// master fails before answering. Otherwise the master fails as the job
	// arrives, and the job never runs.
	LoseResponse bool
	// StayDown: with NodeAddresses, the failed node stays down. By default
	// it comes back as a follower once the new master is elected. (The one
	// address without NodeAddresses always comes back: it moves to the new
	// master, like a virtual IP.)
	StayDown bool
}

func (o FailoverOptions) check() (FailoverOptions, error) {
	switch o.Mode {
	case "":
		o.Mode = FailRefuse
	case FailRefuse, FailHang:
	default:
		return o, fmt.Errorf("failover mode %q: want %q or %q", o.Mode, FailRefuse, FailHang)
	}
	if o.Delay < 0 || o.AtJob < 0 {
		return o, errors.New("failover delay and job number must not be negative")
	}
	if o.Delay == 0 {
		o.Delay = DefaultFailoverDelay
	}
	if o.Job != "" && !confd.IsChange(o.Job) {
		return o, fmt.Errorf("failover job %q is not a job that changes the cluster", o.Job)
	}
	return o, nil
}

// failoverState is the server's failover bookkeeping.
type failoverState struct {
	mu        sync.Mutex
	armed     *FailoverOptions
	seen      int // matching change jobs since armed
	timers    []*time.Timer
	stopped   bool
	elections int
	errs      []error
}

// FailMaster makes the master fail now (AtJob 0) or arms the failure for a
// later job, replacing one armed before. It fails while a failure is in
// progress (the master is down and no other node has taken over yet).
func (s *Server) FailMaster(o FailoverOptions) error {
	o, err := o.check()
	if err != nil {
		return err
	}
	if s.closed.Load() {
		return errors.New("the simulator is closed")
	}
	if o.AtJob > 0 {
		s.fo.mu.Lock()
		s.fo.armed, s.fo.seen = &o, 0
		s.fo.mu.Unlock()
		return nil
	}
	if !s.failDoor(s.masterDoor(), o, s.cluster.Master()) {
		return errors.New("the master is already down; wait for the new master (Failovers)")
	}
	return nil
}

// Failovers is how many times another node has taken over the master role
// after a failure. Errors of those takeovers (a node that cannot listen
// again) are returned too.
func (s *Server) Failovers() (int, error) {
	s.fo.mu.Lock()
	defer s.fo.mu.Unlock()
	return s.fo.elections, errors.Join(s.fo.errs...)
}

// strike reports the armed failure if this call is the job it waits for.
func (s *Server) strike(d *door, method string, params []any) *FailoverOptions {
	name := jobNameOf(method, params)
	if name == "" || !confd.IsChange(name) {
		return nil
	}
	s.fo.mu.Lock()
	defer s.fo.mu.Unlock()
	a := s.fo.armed
	if a == nil || (a.Job != "" && a.Job != name) {
		return nil
	}
	s.fo.seen++
	if s.fo.seen < a.AtJob {
		return nil
	}
	s.fo.armed = nil
	o := *a
	return &o
}

// errMasterFailed is never seen by a client: the door is down by the time
// an answer could be sent.
var errMasterFailed = errors.New("the master failed")

// strikeCall is the job in flight when the master fails.
func (s *Server) strikeCall(ctx context.Context, d *door, o FailoverOptions, user, method string, params []any, call *inflight) (any, error) {
	master := s.cluster.Master()
	if !o.LoseResponse {
		s.confd.Drop(jobNameOf(method, params), jobParamsOf(params))
		s.failDoor(d, o, master)
		return nil, errMasterFailed
	}
	v, err := s.confd.Call(ctx, user, method, params)
	call.noteJob(method, v)
	s.failDoor(d, o, master)
	return v, err
}

// failDoor takes the master's door down and schedules the election; false
// when the door is down already. master is the node that failed.
func (s *Server) failDoor(d *door, o FailoverOptions, master int) bool {
	s.fo.mu.Lock()
	defer s.fo.mu.Unlock()
	if s.fo.stopped || !d.fail(o.Mode == FailHang) {
		return false
	}
	s.fo.timers = append(s.fo.timers, time.AfterFunc(o.Delay, func() { s.elect(d, o, master) }))
	return true
}

// elect gives the master role to the next online node whose door is up,
// and brings the failed door back unless it is to stay down.
func (s *Server) elect(failed *door, o FailoverOptions, master int) {
	s.fo.mu.Lock()
	defer s.fo.mu.Unlock()
	if s.fo.stopped {
		return
	}
	// A master_change that was the job in flight may have moved the role already.
	if s.cluster.Master() == master {
		if _, err := s.cluster.ChangeMaster(s.nextMaster()); err != nil {
			s.fo.errs = append(s.fo.errs, fmt.Errorf("no node took over the master role: %w", err))
			return
		}
	}
	if failed.node == 0 || !o.StayDown {
		if err := failed.revive(s.certs.server); err != nil {
			s.fo.errs = append(s.fo.errs, err)
		}
	}
	s.fo.elections++
}

// nextMaster is the first online node after the master whose door is up;
// 0 lets the cluster pick the next online node.
func (s *Server) nextMaster() int {
	st := s.cluster.Snapshot()
	up := map[int]bool{}
	for _, d := range s.doors {
		if down, _, _ := d.state(); !down && d.node != 0 {
			up[d.node] = true
		}
	}
	for i, n := range st.Nodes {
		if n.ID != st.Master {
			continue
		}
		for j := 1; j < len(st.Nodes); j++ {
			if m := st.Nodes[(i+j)%len(st.Nodes)]; m.State == cluster.NodeOnline && up[m.ID] {
				return m.ID
			}
		}
	}
	return 0
}

func (s *Server) stopFailovers() {
	s.fo.mu.Lock()
	defer s.fo.mu.Unlock()
	s.fo.stopped = true
	for _, t := range s.fo.timers {
		t.Stop()
	}
}

// stopIfDown ends a request that reaches a failed door: at once when it
// refuses (the connection is closed without an answer), or when the client
// gives up, the door comes back or the server closes when it hangs.
func (s *Server) stopIfDown(d *door, r *http.Request) {
	down, hang, back := d.state()
	if !down {
		return
	}
	if hang {
		select {
		case <-r.Context().Done():
		case <-back:
		case <-s.quit:
		}
	}
	panic(http.ErrAbortHandler)
}

// answer sends a buffered answer while the door is up; once it is down the
// answer is lost, and the job log says so.
func (s *Server) answer(d *door, w http.ResponseWriter, r *http.Request, buf *bufferedResponse, call *inflight) {
	d.gate.RLock()
	if !d.down {
		buf.sendTo(w)
		d.gate.RUnlock()
		return
	}
	d.gate.RUnlock()
	s.confd.MarkLost(call.jobID)
	s.stopIfDown(d, r)
	panic(http.ErrAbortHandler) // it came back meanwhile: the answer is lost all the same
}

// inflight is what a call did, for the job log should its answer be lost.
type (
	callKey  struct{}
	inflight struct{ jobID string }
)

func (c *inflight) noteJob(method string, v any) {
	if c == nil {
		return
	}
	switch method {
	case "job_start":
		c.jobID, _ = v.(string)
	case "job_exec":
		if env, ok := v.(map[string]any); ok {
			c.jobID, _ = env["result_jobid"].(string)
		}
	}
}

// jobNameOf is the job a job_start / job_exec call names, else "".
func jobNameOf(method string, params []any) string {
	if (method != "job_start" && method != "job_exec") || len(params) == 0 {
		return ""
	}
	name, _ := params[0].(string)
	return name
}

// jobParamsOf is the {'params': {...}} of a job call.
func jobParamsOf(params []any) map[string]any {
	if len(params) < 2 {
		return nil
	}
	wrap, _ := params[1].(map[string]any)
	p, _ := wrap["params"].(map[string]any)
	return p
}
