package sim

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/exaop"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Server is a running simulator.
type Server struct {
	opts     Options
	cluster  *cluster.Cluster
	confd    *confd.Service
	certs    *certs
	stateDir string
	ownDir   bool // stateDir was created by us and goes on Close
	caFile   string
	doors    []*door // see doors.go
	calls    atomic.Int64
	closed   atomic.Bool
	quit     chan struct{}  // closed by Close: ends hung requests
	fo       failoverState  // see failover.go
	faults   faultState     // see faults.go
	latency  latencyState   // see latency.go
	saver    *stateSaver    // nil without Options.StateFile; see persist.go
	exaop    *exaop.Service // nil unless Options.API is EXAoperation; see exaop_http.go
}

// Start builds the cluster and starts serving.
func Start(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	cfg, err := opts.clusterConfig()
	if err != nil {
		return nil, err
	}
	c, saver, err := newCluster(opts, cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, cluster: c, saver: saver, confd: confd.New(c, opts.OnJob), quit: make(chan struct{})}
	if err := s.confd.SetRelease(opts.Release); err != nil {
		return nil, err
	}
	s.startEXAoperation()
	s.SetLatency(opts.Latency, opts.JobLatency)
	if err := s.initFaults(); err != nil {
		return nil, err
	}
	if err := s.prepareStateDir(); err != nil {
		return nil, err
	}
	host, _, err := net.SplitHostPort(opts.Listen)
	if err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, fmt.Errorf("listen address %q: %w", opts.Listen, err)
	}
	hosts := []string{host}
	if opts.NodeAddresses {
		// The cluster's nodes, not opts.Nodes: a loaded state may have more.
		hosts = append(hosts, loopbackHosts(len(c.Snapshot().Nodes))...)
	}
	if s.certs, err = newCerts(hosts...); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
	}
	s.caFile = filepath.Join(s.stateDir, "ca.pem")
	if err := writeFileAtomic(s.caFile, s.certs.caPEM, 0o644); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
	}
	if err := s.openDoors(); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
	}
	if opts.Failover != nil {
		if err := s.FailMaster(*opts.Failover); err != nil {
			_ = s.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *Server) prepareStateDir() error {
	if s.opts.StateDir != "" {
		s.stateDir = s.opts.StateDir
		return os.MkdirAll(s.stateDir, 0o755)
	}
	dir, err := os.MkdirTemp("", "exasol-sim-")
	if err != nil {
		return err
	}
	s.stateDir, s.ownDir = dir, true
	return nil
}

// Close stops serving and removes the state directory if it was temporary.
func (s *Server) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	close(s.quit)
	s.stopFailovers()
	// Jobs are quick, so a short grace suffices; it matters because
	// http.Server.Shutdown treats a connection that a client pool opened but
	// never used as active for 5 s, which would slow every test's cleanup.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var errs []error
	for _, d := range s.doors {
		errs = append(errs, d.shutdown(func(srv *http.Server) error {
			if err := srv.Shutdown(ctx); err != nil {
				return errors.Join(err, srv.Close())
			}
			return nil
		}))
	}
	if s.saver != nil {
		errs = append(errs, s.saver.close(s.cluster))
	}
	errs = append(errs, s.cleanup())
	return errors.Join(errs...)
}

func (s *Server) cleanup() error {
	if s.ownDir {
		return os.RemoveAll(s.stateDir)
	}
	return nil
}

// Endpoints are the URLs of the listeners, e.g. ["https://127.0.0.1:41234"],
// one per node with NodeAddresses, in node order.
func (s *Server) Endpoints() []string {
	out := make([]string, len(s.doors))
	for i, d := range s.doors {
		out[i] = d.url
	}
	return out
}

// CACertPEM is the PEM of the simulator's CA; CACertFile is where it lies.
func (s *Server) CACertPEM() []byte  { return append([]byte(nil), s.certs.caPEM...) }
func (s *Server) CACertFile() string { return s.caFile }

// Username and Password are the accepted credentials.
func (s *Server) Username() string { return s.opts.Username }
func (s *Server) Password() string { return s.opts.Password }

// Cluster is the model behind the server, for tests that inspect state.
func (s *Server) Cluster() *cluster.Cluster { return s.cluster }

// Exec runs a job out of band (as the configured user, not over XML-RPC)
// through the same job table, and returns its envelope. It is recorded in
// the job log with Source "oob". Params take Go values (int, []int,
// []string, map[string]any, …).
func (s *Server) Exec(job string, params map[string]any) (map[string]any, error) {
	raw := map[string]any{}
	if params != nil {
		v, err := rpc.Normalize(params)
		if err != nil {
			return nil, fmt.Errorf("params: %w", err)
		}
		raw = v.(map[string]any)
	}
	env, err := s.confd.Exec(context.Background(), s.opts.Username, job, raw)
	if err != nil {
		return nil, err
	}
	// Hand back exactly what a client decodes off the wire ([]any, int64,
	// map[string]any), not the job's Go values.
	v, err := rpc.Normalize(env)
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	return v.(map[string]any), nil
}

// JobLog returns the jobs run so far, oldest first; ResetJobLog clears it.
func (s *Server) JobLog() []JobRecord { return s.confd.JobLog() }
func (s *Server) ResetJobLog()        { s.confd.ResetJobLog() }

// Calls is the number of XML-RPC calls served (authenticated requests).
func (s *Server) Calls() int64 { return s.calls.Load() }

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
