package cluster

import (
	"slices"
	"strings"
	"time"
)

// Powering nodes and the storage service, as EXAoperation does it
// (startupNode, shutdownNode, startEXAStorage, stopEXAStorage). ConfD has
// no such jobs. The rules that are guesses are listed in guesses.go
// ("EXAoperation").

// StartupNode powers a node on: a node that is powered off boots (the
// node_boot transition). A node that is online or booting is left alone.
func (c *Cluster) StartupNode(id int) error {
	return c.do(false, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		switch {
		case n.State == NodeSuspended:
			return conflict("node '%s' is suspended; resume it before starting it", n.Name)
		case n.State == NodeOnline || n.Pending != nil:
			return nil
		}
		n.Pending = c.transition(TransNodeBoot, NodeOnline, now)
		st.logEvent(Event{At: now, System: EventSystemCluster, Node: n.ID, Message: nodeStartupMsg})
		return nil
	})
}

// ShutdownNode powers a node off; it stays offline until StartupNode. The
// node's plugin services stop with it.
func (c *Cluster) ShutdownNode(id int) error {
	return c.do(false, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		switch {
		case n.State == NodeSuspended:
			return conflict("node '%s' is suspended and cannot be shut down", n.Name)
		case n.State == NodeOffline && n.Pending == nil:
			return nil
		}
		if err := nodeNeeded(st, n); err != nil {
			return err
		}
		n.State, n.Booted, n.Pending = NodeOffline, time.Time{}, nil
		for p, ids := range st.PluginServices {
			st.PluginServices[p] = slices.DeleteFunc(ids, func(x int) bool { return x == id })
		}
		st.logEvent(Event{At: now, System: EventSystemCluster, Node: n.ID, Message: nodeShutdownMsg})
		return nil
	})
}

// nodeNeeded refuses to power off a node that a database which is not
// stopped runs on, or that holds a storage volume while the storage service
// runs, naming them.
func nodeNeeded(st *State, n *Node) error {
	var why []string
	for _, d := range st.Databases {
		if slices.Contains(d.Config.ActiveNodes(), n.ID) && !stopped(d) && !slices.Contains(d.Suspended, n.ID) {
			why = append(why, "serves database '"+d.Name+"', which is "+d.State+" (stop it first)")
		}
	}
	if !st.StorageStopped || st.StorageStart != nil {
		var vols []string
		for _, v := range st.Volumes {
			if slices.Contains(v.Nodes, n.ID) {
				vols = append(vols, "'"+v.Name+"'")
			}
		}
		if len(vols) > 0 {
			why = append(why, "is a node of storage volume "+strings.Join(vols, ", ")+" while EXAStorage runs (stop EXAStorage first)")
		}
	}
	if len(why) > 0 {
		return conflict("node '%s' %s", n.Name, strings.Join(why, " and "))
	}
	return nil
}

// stopped tells whether a database is stopped or not created yet.
func stopped(d *Database) bool { return d.State == DBSetup || d.State == DBNone }

// StartStorage starts the storage service; it runs after the storage_start
// transition. Every node must be online, except suspended ones and those
// in ignored. Starting a running (or starting) service does nothing.
func (c *Cluster) StartStorage(ignored []int) error {
	return c.do(false, func(st *State, now time.Time) error {
		if !st.StorageStopped || st.StorageStart != nil {
			return nil
		}
		for _, id := range ignored {
			if _, err := st.FindNode(id); err != nil {
				return err
			}
		}
		var down []string
		for _, n := range st.Nodes {
			if n.State != NodeOnline && n.State != NodeSuspended && !slices.Contains(ignored, n.ID) {
				down = append(down, "'"+n.Name+"' is "+n.State)
			}
		}
		if len(down) > 0 {
			return conflict("EXAStorage cannot start: node %s (start the nodes first or ignore them)", strings.Join(down, ", node "))
		}
		st.StorageStart = c.transition(TransStorageStart, "running", now)
		return nil
	})
}

// StopStorage stops the storage service: every volume is OFFLINE until it
// runs again. It is refused while a database is not stopped. Stopping a
// stopped service does nothing.
func (c *Cluster) StopStorage() error {
	return c.do(false, func(st *State, now time.Time) error {
		if st.StorageStopped && st.StorageStart == nil {
			return nil
		}
		var running []string
		for _, d := range st.Databases {
			if !stopped(d) {
				running = append(running, "'"+d.Name+"' is "+d.State)
			}
		}
		if len(running) > 0 {
			return conflict("EXAStorage cannot stop while databases run: database %s (stop them first)", strings.Join(running, ", database "))
		}
		st.StorageStopped, st.StorageStart = true, nil
		for _, v := range st.Volumes {
			if !v.Locked {
				v.State, v.Pending = VolumeOffline, nil
			}
		}
		st.logEvent(Event{At: now, System: EventSystemStorage, Message: storageStopped})
		return nil
	})
}

// StorageRunning tells whether the storage service runs.
func (s *State) StorageRunning() bool { return !s.StorageStopped }
