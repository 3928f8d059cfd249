package cluster

import "time"

// A cold cluster: nodes that boot, storage that comes up once they have,
// databases that wait to be started. The choices are guesses, explained in
// guesses.go ("Cold start").

// ColdBoot simulates a power failure followed by power-on: every node but
// the master (and suspended ones) boots again, every volume that is not
// locked is OFFLINE until its nodes are online, and every database is
// stopped with no operation (a running backup or restore is lost).
func (c *Cluster) ColdBoot() {
	_ = c.do(false, func(st *State, now time.Time) error {
		coldBoot(c, st, now)
		return nil
	})
}

// With Config.ManualStart (EXAoperation) no node boots by itself: every one
// is powered off until StartupNode, and the storage service is stopped
// until StartStorage (see power.go).
func coldBoot(c *Cluster, st *State, now time.Time) {
	for _, n := range st.Nodes {
		switch {
		case n.State == NodeSuspended:
		case c.manual:
			n.State, n.Booted, n.Pending = NodeOffline, time.Time{}, nil
		case n.ID == st.Master:
			n.State, n.Booted, n.Pending = NodeOnline, now, nil
		default:
			n.State, n.Booted = NodeOffline, time.Time{}
			n.Pending = c.transition(TransNodeBoot, NodeOnline, now)
		}
	}
	for _, v := range st.Volumes {
		if !v.Locked {
			v.State, v.Pending = VolumeOffline, nil
		}
	}
	st.PluginServices = nil
	st.StorageStart = nil
	if c.manual {
		st.StorageStopped = true
	}
	for _, d := range st.Databases {
		d.State, d.StateChange, d.Maintenance = DBSetup, nil, false
		d.Operation, d.OpChange, d.Backup, d.RestoreType = OpNone, nil, nil, ""
	}
}

// startStorage brings OFFLINE volumes ONLINE storage_start after the last of
// their nodes booted, but not before the storage service came up (it always
// runs on ConfD). Called by advance after the nodes and the service are up
// to date, so the moment does not depend on when the state is looked at.
func (c *Cluster) startStorage(st *State, now time.Time) {
	if st.StorageStopped {
		return
	}
	for _, v := range st.Volumes {
		if v.State != VolumeOffline {
			continue
		}
		at, ok := storageUpAt(st, v)
		if ok && !now.Before(maxTime(at.Add(c.timing.Duration(TransStorageStart)), st.StorageSince)) {
			v.State = VolumeOnline
		}
	}
}

// storageUpAt is when the last of the volume's nodes booted; false while one
// of them is not online. Suspended nodes do not hold the volume back.
func storageUpAt(st *State, v *Volume) (time.Time, bool) {
	var at time.Time
	for _, id := range v.Nodes {
		n := st.Node(id)
		switch {
		case n == nil || n.State == NodeSuspended:
		case n.State != NodeOnline:
			return time.Time{}, false
		default:
			at = maxTime(at, n.Booted)
		}
	}
	return at, true
}
