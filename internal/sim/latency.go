package sim

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Latency (issue 19): a real cluster answers each call after a network round
// trip and, on ConfD, a pass through the job scheduler; the simulator
// answers in microseconds, which hides what a call costs. With a latency set
// every XML-RPC request is held that long before it is served: one duration
// for every call, and optionally another per job (ConfD) or per method
// (EXAoperation, or ConfD's job_wait and the like).

type latencyState struct {
	mu     sync.RWMutex
	all    time.Duration
	perJob map[string]time.Duration
}

// SetLatency replaces the latency: all for every call, perJob for calls of
// the jobs or methods it names (they win over all).
func (s *Server) SetLatency(all time.Duration, perJob map[string]time.Duration) {
	cp := make(map[string]time.Duration, len(perJob))
	for k, v := range perJob {
		cp[k] = v
	}
	s.latency.mu.Lock()
	s.latency.all, s.latency.perJob = all, cp
	s.latency.mu.Unlock()
}

// ParseLatency reads one --latency value: a duration for every call, or
// NAME=DURATION for the calls of one job or method.
func ParseLatency(v string, o *Options) error {
	name, d, named := strings.Cut(v, "=")
	if !named {
		d = v
	}
	dur, err := time.ParseDuration(d)
	if err != nil || dur < 0 || (named && name == "") {
		return fmt.Errorf("want DURATION or JOB=DURATION (e.g. 20ms, db_info=50ms), got %q", v)
	}
	if !named {
		o.Latency = dur
		return nil
	}
	if o.JobLatency == nil {
		o.JobLatency = map[string]time.Duration{}
	}
	o.JobLatency[name] = dur
	return nil
}

// LatencyString renders the options' latencies for a log line.
func (o Options) LatencyString() string {
	parts := []string{o.Latency.String()}
	names := make([]string, 0, len(o.JobLatency))
	for k := range o.JobLatency {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		parts = append(parts, k+"="+o.JobLatency[k].String())
	}
	return strings.Join(parts, ", ")
}

// withLatency holds every XML-RPC request for its latency, then serves it.
func (s *Server) withLatency(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.latency.mu.RLock()
		d, perJob := s.latency.all, s.latency.perJob
		s.latency.mu.RUnlock()
		if r.Method == http.MethodPost && len(perJob) > 0 {
			// Only read the call when a job or method has its own latency.
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rpc.MaxBody))
			if err != nil {
				http.Error(w, "cannot read request: "+err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if call, err := rpc.DecodeCall(body); err == nil {
				if v, ok := perJob[jobNameOf(call.Method, call.Params)]; ok {
					d = v
				} else if v, ok := perJob[call.Method]; ok {
					d = v
				}
			}
		}
		if r.Method == http.MethodPost && d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
