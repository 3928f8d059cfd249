package client

import (
	"context"
	"time"
)

// Backend is everything the provider needs of a cluster's management
// interface. Resources, data sources and actions hold a Backend and never
// know which interface serves it: the ConfD speaks ConfD (Exasol 7.1/8),
// EXAoperation speaks the older object interface (Exasol 6.x). Both share
// the transport, the error type and the waiter.
//
// Where one interface cannot do what a resource asks, its method returns an
// *UnsupportedError (and Limits lists it, so that plans fail first).
type Backend interface {
	ClusterBackend

	// API is "confd" or "exaoperation", as the provider's api setting spells it.
	API() string
	// Limits lists what this interface cannot do, for plan-time checks.
	Limits() []Limit

	// Databases.
	CreateDatabase(ctx context.Context, s DatabaseSpec) error
	ReconfigureDatabase(ctx context.Context, name string, ch DatabaseChange, force, runAfter bool) error
	SetDatabaseRunning(ctx context.Context, name string, running, force bool) error
	DeleteDatabase(ctx context.Context, name string, force bool) error

	// Backups and schedules.
	DBBackupStart(ctx context.Context, s BackupStart) error
	RunBackup(ctx context.Context, s BackupStart, report func(msg string)) (*Backup, error)
	DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error)
	RestoreDatabase(ctx context.Context, s RestoreSpec, report func(msg string)) error
	AbortBackup(ctx context.Context, db string, report func(msg string)) error
	DeleteBackups(ctx context.Context, db string, ids []string, unusable bool, report func(msg string)) error
	ChangeBackupExpiration(ctx context.Context, db, backupID string, at time.Time) error
	BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error)
	CreateBackupSchedule(ctx context.Context, s ScheduleSpec) error
	DBBackupModifySchedule(ctx context.Context, db, name string, ch ScheduleChange) error
	DeleteBackupSchedule(ctx context.Context, db, name string) error

	// Supports refuses an object kind (Object*) the interface or the
	// cluster's release cannot manage at all (capabilities.go), for
	// plan-time checks.
	Supports(ctx context.Context, object string) error

	// Database snapshots (Exasol 8; snapshots.go).
	SnapshotSchedule(ctx context.Context, db, name string) (*SnapshotSchedule, error)
	SnapshotSchedules(ctx context.Context, db string) ([]SnapshotSchedule, error)
	CreateSnapshotSchedule(ctx context.Context, s SnapshotScheduleSpec) error
	ModifySnapshotSchedule(ctx context.Context, db, name string, ch SnapshotScheduleChange) error
	DeleteSnapshotSchedule(ctx context.Context, db, name string) error
	StartSnapshot(ctx context.Context, db, expire string) error

	// Storage volumes.
	VolumeInfo(ctx context.Context, name string) (*Volume, error)
	VolumeList(ctx context.Context) ([]*Volume, error)
	CreateVolume(ctx context.Context, s VolumeSpec, after VolumeChange) (created bool, err error)
	ChangeVolume(ctx context.Context, name string, ch VolumeChange) error
	DeleteVolume(ctx context.Context, name string) error

	// Remote volumes.
	RemoteVolumeList(ctx context.Context) ([]string, error)
	RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error)
	RemoteVolumeState(ctx context.Context, ref RemoteVolumeRef) ([]string, error)
	CreateRemoteVolume(ctx context.Context, s RemoteVolumeSpec) (string, error)
	DeleteRemoteVolume(ctx context.Context, ref RemoteVolumeRef) error

	// Nodes.
	NodeList(ctx context.Context) ([]Node, error)
	NodeGet(ctx context.Context, id int64) (*Node, error)
	CreateNode(ctx context.Context, s NodeSpec) (int64, error)
	SetNodeSuspended(ctx context.Context, id int64, suspended bool) error
	DeleteNode(ctx context.Context, id int64) error

	// The cluster.
	ClusterState(ctx context.Context) (*ClusterState, error)
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

	// PreflightSource is what plan-time checks read (through a Preflight).
	PreflightSource
}

// PreflightSource is the read side a Preflight caches.
type PreflightSource interface {
	NodeList(ctx context.Context) ([]Node, error)
	VolumeList(ctx context.Context) ([]*Volume, error)
	DBList(ctx context.Context) ([]string, error)
	DBInfo(ctx context.Context, name string) (*Database, error)
	RemoteVolumeList(ctx context.Context) ([]string, error)
	RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error)
	// InstalledVersions lists the database versions the cluster can run.
	InstalledVersions(ctx context.Context) ([]string, error)
	// FreeSpace is the free space of every node's disks, by node name.
	FreeSpace(ctx context.Context) (map[string]DiskFree, error)
}

// API names ConfD as the provider's api setting spells it.
func (c *ConfD) API() string { return APIConfD }

var _ Backend = (*ConfD)(nil)
