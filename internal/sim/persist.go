package sim

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Persisted state (Options.StateFile): the cluster model is loaded from the
// file at start and written back after every committed change and on Close,
// each time atomically (temporary file and rename), so that a simulator
// killed at any moment leaves the last committed state behind. The job table
// and job log are not saved: a job in flight at a stop is forgotten, its
// change is kept if it committed. The CA is new on every start.

// stateSaver writes the cluster state file and remembers the first failure,
// which Close reports (a failed write must not fail the job that committed).
type stateSaver struct {
	path string
	mu   sync.Mutex
	err  error
}

// newCluster loads the cluster from opts.StateFile if that file exists, else
// builds a fresh one (and, with a state file, writes it at once so that the
// file exists from the start).
func newCluster(opts Options, cfg cluster.Config) (*cluster.Cluster, *stateSaver, error) {
	if opts.StateFile == "" {
		c, err := cluster.New(cfg)
		return c, nil, err
	}
	saver := &stateSaver{path: opts.StateFile}
	data, err := os.ReadFile(opts.StateFile)
	var c *cluster.Cluster
	switch {
	case err == nil:
		if c, err = cluster.Load(cfg, data); err != nil {
			return nil, nil, fmt.Errorf("state file %s: %w", opts.StateFile, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		if c, err = cluster.New(cfg); err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("state file: %w", err)
	}
	if err := saver.save(c); err != nil {
		return nil, nil, err
	}
	c.OnCommit(saver.write)
	return c, saver, nil
}

// write is the cluster's commit hook.
func (p *stateSaver) write(data []byte, err error) {
	if err == nil {
		err = writeFileAtomic(p.path, data, 0o600)
	}
	if err != nil {
		p.mu.Lock()
		p.err = cmpOr(p.err, fmt.Errorf("state file %s: %w", p.path, err))
		p.mu.Unlock()
	}
}

// save writes the current state now (at start and on Close).
func (p *stateSaver) save(c *cluster.Cluster) error {
	data, err := c.MarshalState()
	if err == nil {
		err = writeFileAtomic(p.path, data, 0o600)
	}
	if err != nil {
		return fmt.Errorf("state file %s: %w", p.path, err)
	}
	return nil
}

// close stops the commit hook, writes the final state and reports the first
// failure of the run.
func (p *stateSaver) close(c *cluster.Cluster) error {
	c.OnCommit(nil)
	err := p.save(c)
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.err, err)
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
