package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// The stop half of the Runbook (see cluster_lifecycle.go): master, then
// the databases once idle, then storage and nodes as far as the backend
// offers calls for them, license servers last.

// Stop takes the selected databases down in order and, once every database
// of the cluster is down, the storage and the nodes, as far as the backend
// offers calls for them.
func (r *Runbook) Stop(ctx context.Context, sel Selection) error {
	ctx = Fresh(ctx)
	// The master, the nodes and the databases are read at once: three
	// independent reads, each a round trip to the cluster.
	var (
		master           string
		nodes            []NodeStatus
		dbs              []string
		mErr, nErr, dErr error
		wg               sync.WaitGroup
	)
	wg.Add(3)
	go func() { defer wg.Done(); master, mErr = r.Backend.MasterName(ctx) }()
	go func() { defer wg.Done(); nodes, nErr = r.Backend.ClusterNodes(ctx) }()
	go func() { defer wg.Done(); dbs, dErr = r.selected(ctx, sel.Databases) }()
	wg.Wait()
	if mErr != nil {
		return r.fail("master", mErr, "cannot ask which node runs %s", r.Backend.Interface())
	}
	if nErr != nil {
		return r.fail("nodes", nErr, "cannot read the node states")
	}
	r.reportMaster(master, nodes)
	if dErr != nil {
		return r.fail("databases", dErr, "cannot list the databases")
	}
	if err := r.eachDatabase(ctx, dbs, func(ctx context.Context, name string) error {
		return r.stopDatabase(ctx, name, sel.Force)
	}); err != nil {
		r.warn("storage", "left running: not every selected database is stopped")
		return err
	}
	if r.stopStorage(ctx) {
		r.powerOff(ctx, nodes, master)
	} else if r.Backend.Offers().PowerNodes {
		r.done("nodes", "left online: the storage service is still running")
	} else {
		r.warn("nodes", "left online: %s has no job that shuts nodes down", r.Backend.Interface())
	}
	return nil
}

func (r *Runbook) reportMaster(master string, nodes []NodeStatus) {
	if master == "" {
		master = "(the cluster does not name it)"
	}
	var ls []string
	for _, n := range nodes {
		if n.LicenseServer {
			ls = append(ls, n.Name)
		}
	}
	if len(ls) > 0 && !slices.Contains(ls, master) {
		r.warn("master", "%s runs %s, not a license server (%s): move it there before the nodes are shut down",
			master, r.Backend.Interface(), strings.Join(ls, ", "))
		return
	}
	r.done("master", "%s runs %s", master, r.Backend.Interface())
}

func (r *Runbook) stopDatabase(ctx context.Context, name string, force bool) error {
	layer := "database " + name
	before, err := r.Backend.DBInfo(ctx, name)
	if err != nil {
		return r.fail(layer, err, "cannot read it")
	}
	if before.State == DBStateSetup {
		r.done(layer, "already stopped (setup)")
		return nil
	}
	if !before.Idle() && !force {
		r.progress(fmt.Sprintf("%s: waiting for operation %q to end before stopping it", layer, before.Operation))
	}
	start := time.Now()
	_, err = r.Backend.StopDatabase(ctx, name, force)
	var busy *BusyError
	switch {
	case errors.As(err, &busy):
		return r.failStep(layer, fmt.Sprintf("not stopped: operation %q still running: %v", busy.Operation, busy.Err), err)
	case err != nil:
		return r.fail(layer, err, "not stopped")
	}
	detail := fmt.Sprintf("stopped (setup, %s)", time.Since(start).Round(time.Millisecond))
	if !before.Idle() {
		if force {
			detail += fmt.Sprintf("; operation %q was cut off (a forced stop)", before.Operation)
		} else {
			detail += fmt.Sprintf("; waited for operation %q to end first", before.Operation)
		}
	}
	r.done(layer, "%s", detail)
	return nil
}

// stopStorage stops the storage once every database of the cluster is
// down; it reports whether the storage is stopped.
func (r *Runbook) stopStorage(ctx context.Context) bool {
	b := r.Backend
	all, err := b.DBList(ctx)
	if err != nil {
		r.warn("storage", "left running: cannot list the databases: %v", err)
		return false
	}
	sort.Strings(all)
	var up []string
	for _, name := range all {
		d, err := b.DBInfo(ctx, name)
		if err != nil && !IsNotFound(err) {
			r.warn("storage", "left running: cannot read database %s: %v", name, err)
			return false
		}
		if err == nil && d.State != DBStateSetup {
			up = append(up, name+" "+d.State)
		}
	}
	if len(up) > 0 {
		r.done("storage", "left running: databases not selected are still up (%s)", strings.Join(up, ", "))
		return false
	}
	if !b.Offers().StorageService {
		r.warn("storage", "left running: %s has no job that stops the storage service (every database is stopped)", b.Interface())
		return false
	}
	stopped, err := b.StopStorage(ctx)
	if err != nil {
		r.warn("storage", "left running: stopping it failed: %v", err)
		return false
	}
	if stopped {
		r.done("storage", "stopped")
	} else {
		r.done("storage", "already stopped")
	}
	return true
}

// powerOff shuts the nodes down, license servers last. The node that runs
// the management interface (the master; on EXAoperation the license
// server) is left up with a warning: shutting it down ends the interface
// the run talks to, so that nothing could report or undo what follows.
func (r *Runbook) powerOff(ctx context.Context, nodes []NodeStatus, master string) {
	var others, ls []NodeStatus
	kept := ""
	for _, n := range nodes {
		if n.State != NodeStateOnline {
			continue
		}
		if n.Name == master && r.Backend.Offers().PowerNodes {
			kept = n.Name
			continue
		}
		if n.LicenseServer {
			ls = append(ls, n)
		} else {
			others = append(others, n)
		}
	}
	if kept != "" { // recorded last, also after a failure: it is the node the user shuts down last
		defer r.warn("nodes", "left online: %s runs %s; shut it down last, by hand, when nothing needs %s any more",
			kept, r.Backend.Interface(), r.Backend.Interface())
	}
	for _, group := range [][]NodeStatus{others, ls} {
		if len(group) == 0 {
			continue
		}
		if !r.Backend.Offers().PowerNodes {
			r.warn("nodes", "left online: %s has no job that shuts nodes down (%s)", r.Backend.Interface(), names(group))
			return
		}
		if err := r.Backend.PowerOffNodes(ctx, group); err != nil {
			r.warn("nodes", "left online: shutting down %s failed: %v", names(group), err)
			return
		}
		r.done("nodes", "shut down %s", names(group))
	}
}
