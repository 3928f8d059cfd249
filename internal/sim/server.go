package sim

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/exasol-labs/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exasol-labs/terraform-provider-exasol/internal/sim/confd"
	"github.com/exasol-labs/terraform-provider-exasol/internal/sim/rpc"
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
	doors    []*door
	calls    atomic.Int64
	closed   atomic.Bool
}

// door is one HTTPS listener. Today there is one, answering for whichever
// node is the master (node 0). Per-node doors (failover tests) set node:
// a door whose node is not the master redirects RPCs to the master's door.
type door struct {
	node int
	ln   net.Listener
	srv  *http.Server
	url  string
	host string
}

// Start builds the cluster and starts serving.
func Start(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	cfg, err := opts.clusterConfig()
	if err != nil {
		return nil, err
	}
	c, err := cluster.New(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, cluster: c, confd: confd.New(c, opts.OnJob)}
	if err := s.prepareStateDir(); err != nil {
		return nil, err
	}
	host, _, err := net.SplitHostPort(opts.Listen)
	if err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, fmt.Errorf("listen address %q: %w", opts.Listen, err)
	}
	if s.certs, err = newCerts(host); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
	}
	s.caFile = filepath.Join(s.stateDir, "ca.pem")
	if err := writeFileAtomic(s.caFile, s.certs.caPEM, 0o644); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
	}
	if err := s.openDoor(0, opts.Listen); err != nil {
		_ = s.cleanup() // the start error is the one to report
		return nil, err
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

func (s *Server) openDoor(node int, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	d := &door{node: node, ln: ln}
	tcp := ln.Addr().(*net.TCPAddr)
	d.host = tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		d.host = "127.0.0.1"
	}
	d.url = "https://" + net.JoinHostPort(d.host, fmt.Sprint(tcp.Port))
	d.srv = &http.Server{
		Handler:           s.handler(d),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{s.certs.server}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          quietLog(),
	}
	s.doors = append(s.doors, d)
	go func() { _ = d.srv.ServeTLS(ln, "", "") }()
	return nil
}

// Close stops serving and removes the state directory if it was temporary.
func (s *Server) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var errs []error
	for _, d := range s.doors {
		if err := d.srv.Shutdown(ctx); err != nil {
			errs = append(errs, err, d.srv.Close())
		}
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

// Endpoints are the URLs of the listeners, e.g. ["https://127.0.0.1:41234"].
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
