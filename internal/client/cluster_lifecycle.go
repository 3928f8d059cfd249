package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// The ordered start and stop of a whole cluster, as
// ../shared/reference/lifecycle.md §1 and the runbook of
// ../shared/seeds/exaoperation-cluster-start-stop.txt describe them:
//
//	start: nodes online → storage up (every volume ONLINE) → databases
//	       started, in parallel, each until connectible → plugin services
//	stop:  report the management master → each database stopped once its
//	       operation is idle → storage stopped once every database is down →
//	       nodes shut down, license servers last
//
// The Runbook owns the order and records every step; a ClusterBackend
// (the Backend) carries each step out on one management interface. ConfD
// has no job that powers nodes, starts or stops the storage service, or
// starts plugin services (its Offers are all false): there the runbook
// checks and waits instead (start) or records that the layer was left
// running (stop). EXAoperation offers them as calls (startupNode,
// startEXAStorage, callPlugin …).

// ErrUnsupported is what a backend returns when asked for a step it does
// not offer; the runbook asks only for offered steps.
var ErrUnsupported = errors.New("not offered by this management interface")

// Offers says which steps a management interface carries out itself.
type Offers struct {
	PowerNodes     bool // power nodes on and shut them down
	StorageService bool // start and stop the storage service
	PluginServices bool // start plugin services
}

// ClusterBackend is what the runbook needs of a management interface.
type ClusterBackend interface {
	// Interface names the management interface in steps ("ConfD").
	Interface() string
	Offers() Offers
	// MasterName names the node that runs the management service.
	MasterName(ctx context.Context) (string, error)
	// ClusterNodes lists every node with its state, sorted by id.
	ClusterNodes(ctx context.Context) ([]NodeStatus, error)
	PowerOnNodes(ctx context.Context, nodes []NodeStatus) error
	// WaitNodesOnline waits until the nodes are online or ctx ends.
	WaitNodesOnline(ctx context.Context, nodes []NodeStatus) error
	PowerOffNodes(ctx context.Context, nodes []NodeStatus) error
	// StorageVolumes lists every storage volume with its state.
	StorageVolumes(ctx context.Context) ([]VolumeStatus, error)
	// StartStorage and StopStorage report whether they had to act: a
	// service already in the wanted state is left alone.
	StartStorage(ctx context.Context) (started bool, err error)
	StopStorage(ctx context.Context) (stopped bool, err error)
	DBList(ctx context.Context) ([]string, error)
	DBInfo(ctx context.Context, name string) (*Database, error)
	// StartDatabase starts a database and waits until it is connectible.
	StartDatabase(ctx context.Context, name string) (*Database, error)
	// StopDatabase waits for the database's operation to end (unless
	// force), stops it and waits for setup; *BusyError when the operation
	// outlasts ctx.
	StopDatabase(ctx context.Context, name string, force bool) (*Database, error)
	// Plugins lists the installed plugins.
	Plugins(ctx context.Context) ([]Plugin, error)
	StartPlugins(ctx context.Context, plugins []Plugin) error
}

// NodeStatus is a node and its state.
type NodeStatus struct {
	ID            int64
	Name          string
	State         string // NodeState*
	LicenseServer bool   // shut down last (EXAoperation; ConfD has none)
}

// Waited reports whether a start waits for the node: suspended nodes are
// permanently offline and deactivated ones are out of service on purpose.
func (n NodeStatus) Waited() bool {
	return n.State != NodeStateSuspended && n.State != NodeStateDeactivated
}

// VolumeStatus is a storage volume and its state.
type VolumeStatus struct {
	Name  string
	State string
}

// VolumeStateLocked is the state of a volume locked with st_volume_lock.
// guess: the simulator's spelling; the docs name no state but ONLINE. A lock
// is an operator's decision and does not end by itself, so a start does not
// wait for a locked volume (the database on it then fails to start, naming it).
const VolumeStateLocked = "LOCKED"

// Plugin is an installed plugin; Info is what plugin_info says about it.
type Plugin struct {
	Name string
	Info map[string]string
}

// Step is one recorded step of a start or stop: "nodes: 4/4 online".
type Step struct {
	Layer  string // "master", "nodes", "storage", "database DB1", "plugins"
	Detail string
	// Failed: the step did not reach its goal; the run stopped there (or,
	// for databases started in parallel, the others went on).
	Failed bool
	// Warning: the step could not be carried out on this management
	// interface or left the cluster short of the goal; the user should know.
	Warning bool
}

func (s Step) String() string { return s.Layer + ": " + s.Detail }

// Runbook runs the ordered start and stop on a backend.
type Runbook struct {
	Backend ClusterBackend
	// Report, if set, is told every step as it is recorded and every
	// progress message of a wait. Calls never overlap.
	Report func(msg string)

	mu    sync.Mutex
	steps []Step
}

// Selection chooses the databases of a run (nil: all) and whether a stop
// cuts running operations off.
type Selection struct {
	Databases []string
	Force     bool
}

func (r *Runbook) record(s Step) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.steps = append(r.steps, s)
	if r.Report != nil {
		r.Report(s.String())
	}
}

func (r *Runbook) progress(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.Report != nil {
		r.Report(msg)
	}
}

// Steps returns the steps recorded so far.
func (r *Runbook) Steps() []Step {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.steps)
}

func (r *Runbook) done(layer, format string, args ...any) {
	r.record(Step{Layer: layer, Detail: fmt.Sprintf(format, args...)})
}

func (r *Runbook) warn(layer, format string, args ...any) {
	r.record(Step{Layer: layer, Detail: fmt.Sprintf(format, args...), Warning: true})
}

// fail records a failed step and returns an error that names the layer.
func (r *Runbook) fail(layer string, err error, format string, args ...any) error {
	return r.failStep(layer, fmt.Sprintf(format, args...)+": "+err.Error(), err)
}

// failStep records a failed step with its whole detail; the error wraps
// err, so that callers can still tell what it was (errors.As).
func (r *Runbook) failStep(layer, detail string, err error) error {
	r.record(Step{Layer: layer, Detail: detail, Failed: true})
	return &StepError{Layer: layer, Detail: detail, Err: err}
}

// StepError is the failure of one step.
type StepError struct {
	Layer, Detail string
	Err           error
}

func (e *StepError) Error() string { return e.Layer + ": " + e.Detail }
func (e *StepError) Unwrap() error { return e.Err }

// waiter reports the progress of the runbook's own waits.
func (r *Runbook) waiter() wait.Waiter {
	return wait.Waiter{Backoff: wait.DefaultBackoff, Progress: func(what, state string, attempt int, elapsed time.Duration) {
		r.progress(fmt.Sprintf("waiting for %s: %s (%s, check %d)", what, state, elapsed.Round(time.Second), attempt))
	}}
}

// Start brings the cluster up in order. It stops at the first layer that
// does not come up; databases start in parallel and each one's outcome is
// recorded. A repeated Start continues where a failed one stopped.
func (r *Runbook) Start(ctx context.Context, sel Selection) error {
	ctx = Fresh(ctx)
	if err := r.startNodes(ctx); err != nil {
		return err
	}
	if err := r.startStorage(ctx); err != nil {
		return err
	}
	dbs, err := r.selected(ctx, sel.Databases)
	if err != nil {
		return r.fail("databases", err, "cannot list the databases")
	}
	if err := r.eachDatabase(ctx, dbs, r.startDatabase); err != nil {
		return err
	}
	r.checkPlugins(ctx)
	return nil
}

// selected returns the named databases, or all of them, sorted.
func (r *Runbook) selected(ctx context.Context, names []string) ([]string, error) {
	if names != nil {
		return slices.Sorted(slices.Values(names)), nil
	}
	all, err := r.Backend.DBList(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Sorted(slices.Values(all)), nil
}

// eachDatabase runs fn for every database in parallel: databases on a
// started storage layer do not depend on each other. Every outcome is
// recorded by fn; the error names every database that failed.
func (r *Runbook) eachDatabase(ctx context.Context, names []string, fn func(context.Context, string) error) error {
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn(ctx, name)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func names(nodes []NodeStatus) string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Name
	}
	return strings.Join(out, ", ")
}

func countNodes(nodes []NodeStatus) (online, waited int, down []NodeStatus) {
	for _, n := range nodes {
		switch {
		case !n.Waited():
		case n.State == NodeStateOnline:
			online++
			waited++
		default:
			waited++
			down = append(down, n)
		}
	}
	return online, waited, down
}

func (r *Runbook) startNodes(ctx context.Context) error {
	b := r.Backend
	nodes, err := b.ClusterNodes(ctx)
	if err != nil {
		return r.fail("nodes", err, "cannot read the node states")
	}
	_, _, down := countNodes(nodes)
	if len(down) > 0 {
		if !b.Offers().PowerNodes {
			r.done("nodes", "%s cannot power nodes on: waiting for %s to boot", b.Interface(), names(down))
		} else if err := b.PowerOnNodes(ctx, down); err != nil {
			return r.fail("nodes", err, "cannot power on %s", names(down))
		} else {
			r.done("nodes", "powered on %s", names(down))
		}
		werr := b.WaitNodesOnline(ctx, down)
		// read again: the truth after the wait, whatever it returned
		if nodes, err = b.ClusterNodes(context.WithoutCancel(ctx)); err != nil {
			return r.fail("nodes", err, "cannot read the node states")
		}
		if online, waited, still := countNodes(nodes); len(still) > 0 {
			if werr == nil {
				werr = errors.New("the nodes are still not online")
			}
			return r.fail("nodes", werr, "%d/%d online, not online: %s", online, waited, names(still))
		}
	}
	online, waited, _ := countNodes(nodes)
	detail := fmt.Sprintf("%d/%d online", online, waited)
	if skipped := len(nodes) - waited; skipped > 0 {
		var s []string
		for _, n := range nodes {
			if !n.Waited() {
				s = append(s, n.Name+" "+n.State)
			}
		}
		detail += " (not waited for: " + strings.Join(s, ", ") + ")"
	}
	r.done("nodes", "%s", detail)
	return nil
}

// storageState counts the volumes; locked ones are not waited for.
func storageState(vols []VolumeStatus) (online, waited int, down, locked []string) {
	for _, v := range vols {
		switch v.State {
		case VolumeStateLocked:
			locked = append(locked, v.Name)
		case VolumeStateOnline:
			online++
			waited++
		default:
			waited++
			down = append(down, v.Name+" "+v.State)
		}
	}
	return online, waited, down, locked
}

func (r *Runbook) startStorage(ctx context.Context) error {
	b := r.Backend
	how := b.Interface() + " has no job that starts the storage service: checked, not started"
	if b.Offers().StorageService {
		started, err := b.StartStorage(ctx)
		if err != nil {
			return r.fail("storage", err, "cannot start the storage service")
		}
		how = "the storage service was running"
		if started {
			how = "started the storage service"
		}
	}
	var vols []VolumeStatus
	err := r.waiter().Until(ctx, "every storage volume to be ONLINE", func(ctx context.Context) (bool, string, error) {
		var err error
		if vols, err = b.StorageVolumes(ctx); err != nil {
			return false, "", err
		}
		online, waited, down, _ := storageState(vols)
		return len(down) == 0, fmt.Sprintf("%d/%d ONLINE, not yet: %s", online, waited, strings.Join(down, ", ")), nil
	})
	online, waited, down, locked := storageState(vols)
	if err != nil {
		return r.fail("storage", err, "%d/%d volumes ONLINE, not ONLINE: %s", online, waited, strings.Join(down, ", "))
	}
	r.done("storage", "%d/%d volumes ONLINE (%s)", online, waited, how)
	if len(locked) > 0 {
		r.warn("storage", "%s locked (st_volume_lock), not waited for", strings.Join(locked, ", "))
	}
	return nil
}

func (r *Runbook) startDatabase(ctx context.Context, name string) error {
	layer := "database " + name
	before, err := r.Backend.DBInfo(ctx, name)
	if err != nil {
		return r.fail(layer, err, "cannot read it")
	}
	if before.State == DBStateRunning && before.Connectible {
		r.done(layer, "already running, connectible at %s", before.ConnectionString)
		return nil
	}
	r.progress(fmt.Sprintf("%s: starting (state %s)", layer, before.State))
	start := time.Now()
	d, err := r.Backend.StartDatabase(ctx, name)
	if err != nil {
		return r.fail(layer, err, "not started")
	}
	r.done(layer, "started, connectible at %s (%s)", d.ConnectionString, time.Since(start).Round(time.Millisecond))
	return nil
}

func (r *Runbook) checkPlugins(ctx context.Context) {
	b := r.Backend
	ps, err := b.Plugins(ctx)
	if err != nil {
		r.warn("plugins", "not checked: %v", err)
		return
	}
	if len(ps) == 0 {
		r.done("plugins", "none installed")
		return
	}
	list := make([]string, len(ps))
	for i, p := range ps {
		list[i] = p.Name
		if v := p.Info["version"]; v != "" {
			list[i] += " " + v
		}
	}
	switch {
	case !b.Offers().PluginServices:
		r.warn("plugins", "%s installed; %s has no job that starts plugin services: not started, check them on the nodes",
			strings.Join(list, ", "), b.Interface())
	default:
		if err := b.StartPlugins(ctx, ps); err != nil {
			r.warn("plugins", "%s installed; starting their services failed: %v", strings.Join(list, ", "), err)
			return
		}
		r.done("plugins", "%s installed and started", strings.Join(list, ", "))
	}
}
