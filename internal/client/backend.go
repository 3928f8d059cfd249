package client

import (
	"context"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// Backend is everything the provider needs of a cluster's management
// interface. Resources, data sources and actions hold a Backend and never
// know which interface serves it. It has one implementation, Cluster: the
// orchestration written once (orchestrated) over a dialect, ConfD (Exasol
// 7.1/8) or EXAoperation (Exasol 6.x), which maps the objects to its own
// jobs or method calls (objects). Both dialects share the session (the
// transport's connection and the read cache), the runner, the error type
// and the waiter.
//
// Where one interface cannot do what a resource asks, its method returns an
// *UnsupportedError (and Limits lists it, so that plans fail first).
type Backend interface {
	// The runbook (cluster_lifecycle.go) and the plan-time checks
	// (Preflight) run over any Backend.
	ClusterBackend
	PreflightSource

	orchestrated
	objects
}

// orchestrated is the part of the Backend written once for both interfaces
// (orchestration.go, orchestration_objects.go): orders of calls, waits and
// read-backs over the dialect's primitives.
type orchestrated interface {
	// Limits lists what this interface cannot do, for plan-time checks.
	Limits() []Limit
	Offers() Offers

	// Databases.
	StartDatabase(ctx context.Context, name string) (*Database, error)
	StopDatabase(ctx context.Context, name string, force bool) (*Database, error)
	ReconfigureDatabase(ctx context.Context, name string, ch DatabaseChange, force, runAfter bool) error
	SetDatabaseRunning(ctx context.Context, name string, running, force bool) error
	DeleteDatabase(ctx context.Context, name string, force bool) error

	// Backups and schedules.
	RunBackup(ctx context.Context, s BackupStart, report func(msg string)) (*Backup, error)
	RestoreDatabase(ctx context.Context, s RestoreSpec, report func(msg string)) error
	AbortBackup(ctx context.Context, db string, report func(msg string)) error
	DeleteBackups(ctx context.Context, db string, ids []string, unusable bool, report func(msg string)) error
	ChangeBackupExpiration(ctx context.Context, db, backupID string, at time.Time) error
	DeleteBackupSchedule(ctx context.Context, db, name string) error

	// Storage volumes.
	CreateVolume(ctx context.Context, s VolumeSpec, after VolumeChange) (created bool, err error)
	ChangeVolume(ctx context.Context, name string, ch VolumeChange) error
	DeleteVolume(ctx context.Context, name string) error

	// Remote volumes.
	DeleteRemoteVolume(ctx context.Context, ref RemoteVolumeRef) error

	// Nodes.
	CreateNode(ctx context.Context, s NodeSpec) (int64, error)
	SetNodeSuspended(ctx context.Context, id int64, suspended bool) error
	DeleteNode(ctx context.Context, id int64) error

	// The cluster.
	ClusterState(ctx context.Context) (*ClusterState, error)
}

// objects is the part of the Backend each dialect maps to its own jobs or
// method calls (confd_<object>.go, exaop_<object>.go): reads, changes that
// are one call, and the few flows whose shape differs per interface (each
// says why where it is written). Cluster embeds the dialect as this
// interface, so these methods need no hand-written delegation.
type objects interface {
	PreflightSource

	// API is "confd" or "exaoperation", as the provider's api setting spells it.
	API() string
	// Supports refuses an object kind (Object*) the interface or the
	// cluster's release cannot manage at all (capabilities.go), for
	// plan-time checks.
	Supports(ctx context.Context, object string) error

	// The runbook's steps (cluster_lifecycle.go).
	Interface() string
	MasterName(ctx context.Context) (string, error)
	ClusterNodes(ctx context.Context) ([]NodeStatus, error)
	PowerOnNodes(ctx context.Context, nodes []NodeStatus) error
	WaitNodesOnline(ctx context.Context, nodes []NodeStatus) error
	PowerOffNodes(ctx context.Context, nodes []NodeStatus) error
	StorageVolumes(ctx context.Context) ([]VolumeStatus, error)
	StartStorage(ctx context.Context) (started bool, err error)
	StopStorage(ctx context.Context) (stopped bool, err error)
	Plugins(ctx context.Context) ([]Plugin, error)
	StartPlugins(ctx context.Context, plugins []Plugin) error

	// Databases.
	CreateDatabase(ctx context.Context, s DatabaseSpec) error

	// Backups and schedules.
	DBBackupStart(ctx context.Context, s BackupStart) error
	DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error)
	BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error)
	CreateBackupSchedule(ctx context.Context, s ScheduleSpec) error
	DBBackupModifySchedule(ctx context.Context, db, name string, ch ScheduleChange) error

	// Database snapshots (Exasol 8; snapshots.go).
	SnapshotSchedule(ctx context.Context, db, name string) (*SnapshotSchedule, error)
	SnapshotSchedules(ctx context.Context, db string) ([]SnapshotSchedule, error)
	CreateSnapshotSchedule(ctx context.Context, s SnapshotScheduleSpec) error
	ModifySnapshotSchedule(ctx context.Context, db, name string, ch SnapshotScheduleChange) error
	DeleteSnapshotSchedule(ctx context.Context, db, name string) error
	StartSnapshot(ctx context.Context, db, expire string) error

	// Storage volumes.
	VolumeInfo(ctx context.Context, name string) (*Volume, error)

	// Remote volumes.
	RemoteVolumeState(ctx context.Context, ref RemoteVolumeRef) ([]string, error)
	CreateRemoteVolume(ctx context.Context, s RemoteVolumeSpec) (string, error)

	// Nodes.
	NodeGet(ctx context.Context, id int64) (*Node, error)

	// The cluster.
	MasterChange(ctx context.Context, nodeID int64) error

	// Cluster settings (issue 22, settings.go): EXAConf entries keyed
	// "Section.Entry".
	ClusterSettings(ctx context.Context) (map[string]string, error)
	ChangeClusterSettings(ctx context.Context, changes map[string]any) error
	// BucketFS services and buckets (issue 22, bucketfs.go).
	BucketFSList(ctx context.Context) ([]string, error)
	BucketFSInfo(ctx context.Context, name string) (*BucketFS, error)
	BucketInfo(ctx context.Context, service, name string) (*Bucket, error)
	CreateBucketFS(ctx context.Context, s BucketFSSpec) error
	ChangeBucketFS(ctx context.Context, name string, ch BucketFSChange) error
	DeleteBucketFS(ctx context.Context, name string) error
	CreateBucket(ctx context.Context, s BucketSpec) error
	ChangeBucket(ctx context.Context, s BucketSpec) error
	DeleteBucket(ctx context.Context, service, name string) error
	BucketURL(b *BucketFS, bucket string) string
	// ConfD's system users and groups (issue 22, sysusers.go).
	SysUsers(ctx context.Context) (map[string]*SysUser, error)
	SysUser(ctx context.Context, name string) (*SysUser, error)
	CreateSysUser(ctx context.Context, u SysUser, password string) error
	ChangeSysUser(ctx context.Context, name string, ch SysUserChange) error
	SetSysUserPassword(ctx context.Context, name, password string) error
	DeleteSysUser(ctx context.Context, name string) error
	SysGroups(ctx context.Context) (map[string]int64, error)
	CreateSysGroup(ctx context.Context, name string, id int64) error
	DeleteSysGroup(ctx context.Context, name string) error
	// The license (issue 22, license.go).
	LicenseInfo(ctx context.Context) (map[string]string, error)
	UploadLicense(ctx context.Context, contents string) error
	DownloadLicense(ctx context.Context) (string, error)
	// The TLS certificate (issue 22, tlscert.go).
	UpdateCertificate(ctx context.Context, s CertificateSpec) error
}

// PreflightSource is the read side a Preflight caches.
type PreflightSource interface {
	NodeList(ctx context.Context) ([]Node, error)
	VolumeList(ctx context.Context) ([]*Volume, error)
	DBList(ctx context.Context) ([]string, error)
	DBInfo(ctx context.Context, name string) (*Database, error)
	RemoteVolumeList(ctx context.Context) ([]string, error)
	RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error)
	// BackupSchedules lists a database's backup schedules.
	BackupSchedules(ctx context.Context, db string) ([]BackupSchedule, error)
	// InstalledVersions lists the database versions the cluster can run.
	InstalledVersions(ctx context.Context) ([]string, error)
	// FreeSpace is the free space of every node's disks, by node name.
	FreeSpace(ctx context.Context) (map[string]DiskFree, error)
}

// Cluster is the one Backend: one cluster's management interface. It is
// the orchestration written once (embedded: its flows are the Backend's)
// over the dialect the configuration names (embedded as objects: its
// mappings are the Backend's). It is safe for concurrent use and does no
// network work until the first call.
type Cluster struct {
	orchestration
	objects
}

// dialectOf is what a dialect is to Cluster: the primitives the
// orchestration orders and the object mappings it passes on.
type dialectOf interface {
	dialect
	objects
}

var (
	_ Backend   = (*Cluster)(nil)
	_ dialectOf = (*ConfD)(nil)
	_ dialectOf = (*EXAoperation)(nil)
)

// New checks the configuration and prepares the connection to the
// interface cfg.API names: EXAoperation, or ConfD when it names none.
func New(cfg Config) (*Cluster, error) {
	conn, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	s := &session{conn: conn}
	var d dialectOf = &ConfD{session: s}
	if cfg.API == APIEXAoperation {
		d = &EXAoperation{t: s}
	}
	return &Cluster{orchestration: orchestration{d: d, s: s}, objects: d}, nil
}

// NewEXAoperation is New for a cluster managed through EXAoperation.
func NewEXAoperation(cfg Config) (*Cluster, error) {
	cfg.API = APIEXAoperation
	return New(cfg)
}

// DialectAs is b's dialect as T, for what only one interface offers and
// the Backend therefore does not carry (EXAoperation's log and plugin
// commands, ConfD's release rules): ok is false when b's dialect has no
// such methods.
func DialectAs[T any](b Backend) (T, bool) {
	if c, ok := b.(*Cluster); ok {
		t, ok := c.objects.(T)
		return t, ok
	}
	t, ok := b.(T)
	return t, ok
}

// API names ConfD as the provider's api setting spells it.
func (c *ConfD) API() string { return APIConfD }
