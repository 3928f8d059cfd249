// Package cluster is the state model of a simulated Exasol cluster: nodes,
// storage and remote volumes, databases, backups and schedules, with the
// relationships Exasol enforces between them. It knows nothing about XML-RPC
// or job names, so that more than one management front end (ConfD,
// EXAoperation) can share it.
//
// Changes that take time (a database start, a backup, …) are transitions
// applied lazily: each object remembers where it is heading and when it gets
// there, and every access first brings the state up to the current time.
package cluster

import (
	"crypto/sha1"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// Config sets up a new cluster.
type Config struct {
	Nodes    int      // number of nodes, ids 11, 12, …
	Versions []string // installed database versions
	Timing   Timing
	// Bare leaves the cluster without volumes; otherwise it starts like a
	// fresh docker cluster with DataVolume1 on all nodes.
	Bare bool
	// Now is the clock; nil means time.Now. Tests pass a fake.
	Now func() time.Time
	// Cold starts the cluster as if just powered on (see ColdBoot): nodes
	// boot, storage follows, databases wait to be started.
	Cold bool
	// Plugins are the names of the installed plugins.
	Plugins []string
	// ManualStart is EXAoperation's cold boot: every node stays powered off
	// until StartupNode and the storage service stays stopped until
	// StartStorage. Without it (ConfD) nodes boot and storage starts by
	// themselves (see cold.go).
	ManualStart bool
	// NodeNameFormat names the initial nodes from their ids; "" is "n%d"
	// (ConfD's n11). EXAoperation's are "n%04d" (n0011).
	NodeNameFormat string
	// DataVolumeName names the initial data volume; "" is
	// DefaultDataVolumeName.
	DataVolumeName string
}

// Cluster is the goroutine-safe cluster. One mutex guards all state: the
// state is small and the relationships cross every object.
type Cluster struct {
	mu     sync.Mutex
	st     *State
	timing Timing
	now    func() time.Time
	manual bool // Config.ManualStart
	// committed, if set, sees the state after every change that commits
	// (see OnCommit in persist.go).
	committed func(st *State)
}

// New builds a cluster in its initial state.
func New(cfg Config) (*Cluster, error) {
	if err := cfg.Timing.Validate(); err != nil {
		return nil, err
	}
	if cfg.Nodes < 1 {
		return nil, fmt.Errorf("a cluster needs at least one node, got %d", cfg.Nodes)
	}
	if len(cfg.Versions) == 0 {
		return nil, fmt.Errorf("at least one database version must be installed")
	}
	c := &Cluster{timing: cfg.Timing, now: cfg.Now, manual: cfg.ManualStart}
	if c.now == nil {
		c.now = time.Now
	}
	now := c.now()
	st := &State{Versions: slices.Clone(cfg.Versions), Settings: maps.Clone(DefaultSettings), nextBackupID: 1,
		Plugins: append([]string{}, cfg.Plugins...)}
	nameFormat := cfg.NodeNameFormat
	if nameFormat == "" {
		nameFormat = "n%d"
	}
	for i := range cfg.Nodes {
		id := FirstNodeID + i
		st.Nodes = append(st.Nodes, newNode(id, fmt.Sprintf(nameFormat, id), fmt.Sprintf("10.10.10.%d/24", id), NodeOnline, now))
	}
	st.Master = FirstNodeID
	c.st = st
	if !cfg.Bare {
		var ids []int
		for _, n := range st.Nodes {
			ids = append(ids, n.ID)
		}
		// num_master_nodes = all nodes, so that a database on every node
		// (the docker default) can use it.
		name := cfg.DataVolumeName
		if name == "" {
			name = DefaultDataVolumeName
		}
		v := newVolume(st, VolumeSpec{
			Name: name, Type: VolumeData, Disk: DefaultDiskName,
			Size: DefaultDataVolumeSize, Nodes: ids, NumMasterNodes: len(ids), Redundancy: 1,
		})
		v.State = VolumeOnline
		st.Volumes = append(st.Volumes, v)
		st.BucketFS = []*BucketFS{cloneBucketFS(&defaultBucketFS)}
		st.SysGroups = cloneAll(ptrs(defaultSysGroups), func(g *SysGroup) *SysGroup { h := *g; return &h })
		st.SysUsers = cloneAll(ptrs(defaultSysUsers), cloneSysUser)
	}
	st.Revision = 1
	if cfg.Cold {
		coldBoot(c, st, now)
	}
	return c, nil
}

func newNode(id int, name, privNet, state string, now time.Time) *Node {
	n := &Node{
		ID: id, Name: name, PrivateNet: privNet, State: state,
		UUID: fmt.Sprintf("%X", sha1.Sum([]byte(fmt.Sprintf("exasol-sim node %d", id)))),
		Disks: []Disk{{
			Name: DefaultDiskName, Devices: []string{"dev.1"}, Size: DefaultDiskSize,
			Component: "exastorage", DirectIO: true,
		}},
	}
	if state == NodeOnline {
		n.Booted = now
	}
	return n
}

// Snapshot returns a deep copy of the current state.
func (c *Cluster) Snapshot() *State {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(c.now())
	return c.st.clone()
}

// Revision is the current configuration revision.
func (c *Cluster) Revision() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.Revision
}

// Now is the cluster's clock.
func (c *Cluster) Now() time.Time { return c.now() }

// do runs one change under the lock after bringing the state up to date.
// fn must validate everything before it modifies anything, so that a refusal
// leaves the state untouched. config marks changes of the stored
// configuration: they advance the revision.
func (c *Cluster) do(config bool, fn func(st *State, now time.Time) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	c.advance(now)
	if err := fn(c.st, now); err != nil {
		return err
	}
	if config {
		c.st.Revision++
	}
	if c.committed != nil {
		c.committed(c.st)
	}
	return nil
}

// advance applies every transition that is due at now. A database never has
// a state change and an operation pending at once (starting, stopping and
// operations exclude each other), so the order of application is immaterial.
func (c *Cluster) advance(now time.Time) {
	st := c.st
	st.Now = now
	for _, n := range st.Nodes {
		if due(n.Pending, now) {
			t := n.Pending
			n.State, n.Booted, n.Pending = t.To, t.Due, nil
			st.logEvent(Event{At: t.Due, System: EventSystemCluster, Node: n.ID, Message: bootFinished(t)})
		}
	}
	for _, v := range st.Volumes {
		if due(v.Pending, now) {
			v.State, v.Pending = v.Pending.To, nil
		}
	}
	if due(st.StorageStart, now) {
		st.StorageStopped, st.StorageSince, st.StorageStart = false, st.StorageStart.Due, nil
		st.logEvent(Event{At: st.StorageSince, System: EventSystemStorage, Message: storageStarted})
	}
	c.startStorage(st, now)
	for _, d := range st.Databases {
		if due(d.StateChange, now) {
			t := d.StateChange
			d.State, d.StateChange = t.To, nil
			st.logEvent(Event{At: t.Due, System: d.Name, Message: databaseReached(d.Name, t.To)})
		}
		if due(d.OpChange, now) {
			c.finishOperation(st, d)
		}
	}
}

// finishOperation ends the database's operation at its due time: a backup
// becomes listed, a restore simply ends.
func (c *Cluster) finishOperation(st *State, d *Database) {
	t := d.OpChange
	if d.Operation == OpBackup && d.Backup != nil {
		b := &Backup{
			ID: st.nextBackupID, System: d.Name, VolumeID: d.Backup.VolumeID,
			Level: d.Backup.Level, Base: d.Backup.Base, Started: t.Since,
			Size: BackupSize,
		}
		if d.Backup.Expire > 0 {
			b.Expires = t.Since.Add(d.Backup.Expire)
		}
		st.nextBackupID++
		st.Backups = append(st.Backups, b)
	}
	d.Operation, d.OpChange, d.Backup, d.RestoreType = OpNone, nil, nil, ""
}

// Master is the id of the current master node.
func (c *Cluster) Master() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.Master
}

// ChangeSettings changes general cluster settings, keyed "Section.Key" like
// DefaultSettings; unknown keys are refused.
func (c *Cluster) ChangeSettings(changes map[string]string) error {
	return c.do(true, func(st *State, now time.Time) error {
		for k := range changes {
			if _, ok := DefaultSettings[k]; !ok {
				return invalid("unknown setting '%s'", k)
			}
		}
		maps.Copy(st.Settings, changes)
		return nil
	})
}
