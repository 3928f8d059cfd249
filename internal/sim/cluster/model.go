package cluster

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// State is the whole cluster at one instant. The Cluster owns one; Snapshot
// hands out deep copies so that a front end renders without holding the lock.
type State struct {
	Now       time.Time // the instant this state describes
	Revision  int       // configuration revision, +1 per committed change
	Master    int       // id of the node that executes management jobs
	Versions  []string  // installed database versions
	Nodes     []*Node   // sorted by ID
	Volumes   []*Volume // storage volumes, sorted by ID
	Remotes   []*RemoteVolume
	Databases []*Database   // in creation order
	Backups   []*Backup     // in creation order
	Snapshots []*DBSnapshot // database snapshots taken (snapshots.go), in order
	Settings  map[string]string
	Plugins   []string    // installed plugins (ConfD plugin_list), by name
	BucketFS  []*BucketFS // BucketFS services, in creation order (bucketfs.go)
	SysUsers  []*SysUser  // ConfD's system users (sysusers.go)
	SysGroups []*SysGroup // and groups
	// TLSCertChain and TLSCA are what cert_update uploaded (tlscert.go).
	TLSCertChain, TLSCA string
	// License is the license file's contents (license_upload); "" for the
	// simulator's own (see confd's licenseFile).
	License string

	// The storage service, which EXAoperation starts and stops
	// (startEXAStorage, stopEXAStorage; see power.go). ConfD has no job for
	// it: on a ConfD cluster it always runs.
	StorageStopped bool        // the service is down: volumes are OFFLINE
	StorageStart   *Transition // a start under way
	StorageSince   time.Time   // when the service last came up; zero: it always ran
	// PluginServices: plugin name → ids of the nodes where the plugin's
	// service runs (EXAoperation callPlugin), sorted. Any id the front end
	// uses, the license server's too.
	PluginServices map[string][]int
	// Events is the cluster's log (EXAoperation's logservice), oldest first,
	// at most MaxEvents.
	Events []Event

	nextVolumeID int
	nextBackupID int
}

// Node is a cluster node.
type Node struct {
	ID                 int
	Name               string
	PrivateNet         string // CIDR, e.g. "10.10.10.11/24"
	PublicNet          string
	UUID               string
	Disks              []Disk
	State              string
	Booted             time.Time // zero while not booted
	SpaceWarnThreshold int
	BgRecLimit         int
	Pending            *Transition // towards NodeOnline; offline without one: powered off
	// Props are node properties the model stores but does not interpret
	// (EXAoperation's MAC addresses, idstring, …), by property name.
	Props map[string]string
}

// PrivateIP is the address part of PrivateNet.
func (n *Node) PrivateIP() string { ip, _, _ := strings.Cut(n.PrivateNet, "/"); return ip }

// Disk is a storage disk of a node.
type Disk struct {
	Name      string
	Devices   []string
	Size      int64
	Component string
	DirectIO  bool
	Ephemeral bool
}

// VolumeUser is an entry of a volume's access list.
type VolumeUser struct {
	ID       int
	ReadOnly bool
}

// Volume is an EXAStorage volume. Size is per master node (guess: ConfD's
// st_volume_enlarge counts blocks per node); Nodes lists the volume's nodes,
// the first NumMasterNodes of which hold the master segments.
type Volume struct {
	ID             int
	Name           string
	Type           string // VolumeData or VolumeArchive
	Disk           string
	Size           int64
	Redundancy     int
	NumMasterNodes int
	Nodes          []int
	Owner          [2]int // uid, gid
	Permissions    string
	Priority       int
	Labels         []string
	AppIO, IntIO   bool
	Shared         bool
	BlockSize      int64
	StripeSize     int64
	Users          []VolumeUser
	Locked         bool
	State          string
	TempOf         string      // database whose temporary volume this is, or ""
	Pending        *Transition // towards VolumeOnline
}

// Segment is one stripe of a volume on one node. Copy 0 is the master copy.
type Segment struct {
	SID, Index, NID, PhysNID int
	StartBlock, EndBlock     int64
	Type, State              string
	VID                      int
}

// Blocks is the number of blocks of each segment.
func (v *Volume) Blocks() int64 { return v.Size / v.BlockSize }

// Segments lays the volume out: master segment i on Nodes[i], its k-th mirror
// on Nodes[(i+k) % len(Nodes)] (guess: a simple ring, like EXAStorage's
// neighbor mirroring).
func (v *Volume) Segments() []Segment {
	var segs []Segment
	state := VolumeOnline
	if v.State == VolumeCreating || v.State == VolumeOffline {
		state = v.State
	}
	for k := 0; k < v.Redundancy; k++ {
		for i := 0; i < v.NumMasterNodes; i++ {
			typ := SegmentMaster
			if k > 0 {
				typ = SegmentRedundant
			}
			segs = append(segs, Segment{
				SID: k*v.NumMasterNodes + i, Index: i, NID: i,
				PhysNID:    v.Nodes[(i+k)%len(v.Nodes)],
				StartBlock: 0, EndBlock: v.Blocks() - 1,
				Type: typ, State: state, VID: v.ID,
			})
		}
	}
	return segs
}

// MasterNodes are the nodes holding the master segments.
func (v *Volume) MasterNodes() []int { return v.Nodes[:v.NumMasterNodes] }

// RemoteVolume is a remote archive volume (S3, FTP, …).
type RemoteVolume struct {
	ID       int
	Name     string
	Type     string
	URL      string
	Username string
	Password string
	Owner    string
	// OwnerIDs is the owner as (uid, gid) where the volume was added with
	// one (ConfD's remote_volume_add); nil: Owner's ids, if known.
	OwnerIDs     *[2]int
	Labels       []string
	Options      []string
	AllowedUsers []string
	// ReadOnlyUsers may read the volume (EXAoperation readonly_users).
	ReadOnlyUsers []string
}

// DatabaseConfig is a database's stored configuration.
type DatabaseConfig struct {
	Version         string
	MemSize         int64
	Port            int
	Owner           [2]int
	Params          string
	AutoStart       bool
	DataVolumeID    int
	Nodes           []int // active nodes first, then reserve nodes
	NumActiveNodes  int
	EnableAuditing  bool
	VolumeQuota     int // guess: GiB, 0 = none
	VolumeMoveDelay int // guess: seconds
	LDAPServer      string
	Interfaces      string
	Comment         string // EXAoperation database_comment
	// MaxSystemHeapMemory limits the database's system heap (bytes; 0: the
	// database's default). ConfD's db_configure max_system_heap_memory.
	MaxSystemHeapMemory int64
	// SnapshotSyncVolume is db_create's snapshot_sync_volume ("" = none),
	// which snapshot schedules need (snapshots.go).
	SnapshotSyncVolume string
}

// ActiveNodes and ReserveNodes split Nodes.
func (c *DatabaseConfig) ActiveNodes() []int  { return c.Nodes[:c.NumActiveNodes] }
func (c *DatabaseConfig) ReserveNodes() []int { return c.Nodes[c.NumActiveNodes:] }

// Database is a database with its configuration and runtime state.
type Database struct {
	Name        string
	UUID        string
	Config      DatabaseConfig
	State       string // DBSetup, DBRunning, DBStartup, DBShutdown
	Operation   string // OpNone, OpBackup, OpRestore
	Maintenance bool   // started in maintenance mode: running, not connectible
	RestoreType string // while Operation is OpRestore
	Info        string
	TempVolume  int   // id of the temporary volume, -1 if none
	Suspended   []int // nodes suspended for this database (db_suspend_nodes)
	Schedules   []*Schedule
	// SnapshotSchedules are the database's snapshot schedules (snapshots.go).
	SnapshotSchedules []*SnapshotSchedule
	StateChange       *Transition // pending Startup → running or Shutdown → setup
	OpChange          *Transition // pending end of Operation
	Backup            *BackupRun  // the backup under way while Operation is OpBackup
}

// Connectible tells whether clients can connect now.
func (d *Database) Connectible() bool {
	if d.State != DBRunning || d.Maintenance {
		return false
	}
	return d.Operation != OpRestore || d.RestoreType != "blocking"
}

// BackupRun describes a backup that has started but not finished.
type BackupRun struct {
	VolumeID int
	Level    int
	Expire   time.Duration // 0 = never
	Base     int           // bid of the backup this one builds on, 0 for none
}

// Backup is a finished backup on an archive volume.
type Backup struct {
	ID       int    // bid
	System   string // database name
	VolumeID int    // remote (≥ 10000) or storage archive volume
	Level    int
	Base     int // bid of the backup this one depends on, 0 for a full backup
	Started  time.Time
	Expires  time.Time // zero = never
	Size     int64
}

// Schedule is a backup schedule of a database; times use cron syntax.
type Schedule struct {
	Name     string
	VolumeID int
	Level    int
	Expire   string
	Minute   string
	Hour     string
	Day      string
	Month    string
	Weekday  string
	Enabled  bool
}

// Event is one entry of the cluster's log. Node is a node id, 0 for none.
type Event struct {
	At      time.Time
	System  string
	Node    int
	Message string
}

func (s *State) clone() *State {
	n := *s
	n.StorageStart = cloneT(s.StorageStart)
	n.Events = slices.Clone(s.Events)
	if s.PluginServices != nil {
		n.PluginServices = map[string][]int{}
		for k, v := range s.PluginServices {
			n.PluginServices[k] = slices.Clone(v)
		}
	}
	n.Versions = slices.Clone(s.Versions)
	n.Settings = maps.Clone(s.Settings)
	n.Plugins = slices.Clone(s.Plugins)
	n.BucketFS = cloneAll(s.BucketFS, cloneBucketFS)
	n.SysUsers = cloneAll(s.SysUsers, cloneSysUser)
	n.SysGroups = cloneAll(s.SysGroups, func(g *SysGroup) *SysGroup { h := *g; return &h })
	n.Nodes = cloneAll(s.Nodes, func(x *Node) *Node {
		y := *x
		y.Disks = slices.Clone(x.Disks)
		for i := range y.Disks {
			y.Disks[i].Devices = slices.Clone(x.Disks[i].Devices)
		}
		y.Pending = cloneT(x.Pending)
		y.Props = maps.Clone(x.Props)
		return &y
	})
	n.Volumes = cloneAll(s.Volumes, func(x *Volume) *Volume {
		y := *x
		y.Nodes, y.Labels, y.Users = slices.Clone(x.Nodes), slices.Clone(x.Labels), slices.Clone(x.Users)
		y.Pending = cloneT(x.Pending)
		return &y
	})
	n.Remotes = cloneAll(s.Remotes, func(x *RemoteVolume) *RemoteVolume {
		y := *x
		y.Labels, y.Options, y.AllowedUsers = slices.Clone(x.Labels), slices.Clone(x.Options), slices.Clone(x.AllowedUsers)
		y.ReadOnlyUsers = slices.Clone(x.ReadOnlyUsers)
		return &y
	})
	n.Databases = cloneAll(s.Databases, func(x *Database) *Database {
		y := *x
		y.Config.Nodes = slices.Clone(x.Config.Nodes)
		y.Suspended = slices.Clone(x.Suspended)
		y.Schedules = cloneAll(x.Schedules, func(s *Schedule) *Schedule { t := *s; return &t })
		y.SnapshotSchedules = cloneAll(x.SnapshotSchedules, func(s *SnapshotSchedule) *SnapshotSchedule { t := *s; return &t })
		y.StateChange, y.OpChange = cloneT(x.StateChange), cloneT(x.OpChange)
		if x.Backup != nil {
			b := *x.Backup
			y.Backup = &b
		}
		return &y
	})
	n.Backups = cloneAll(s.Backups, func(x *Backup) *Backup { y := *x; return &y })
	n.Snapshots = cloneAll(s.Snapshots, func(x *DBSnapshot) *DBSnapshot { y := *x; return &y })
	return &n
}

func cloneAll[T any](xs []*T, f func(*T) *T) []*T {
	if xs == nil {
		return nil
	}
	out := make([]*T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func cloneT(t *Transition) *Transition {
	if t == nil {
		return nil
	}
	u := *t
	return &u
}
