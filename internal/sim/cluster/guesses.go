package cluster

import (
	"fmt"
	"regexp"
	"time"
)

// This file collects every choice of the model that no public source states.
// Each is marked "guess:"; facts from the reference are marked "fact:". Keep
// them here so that a better source changes one place.
//
// Rules that are guesses but live in code, where they are enforced (the
// place is named in brackets):
//   - a volume's Size is per master node; mirrors of segment i lie on the
//     next nodes of the volume's node list (Volume.Segments);
//   - node_remove's force does not override the master's refusal
//     (RemoveNode);
//   - a node added suspended (ConfD's default, NodeSpec.Initial) stays so
//     until resumed; one added offline boots like a powered-on machine
//     (within the node_add transition) (AddNode);
//   - suspending a suspended node, resuming an unsuspended one, and
//     suspending or removing the master are refused (nodes.go);
//   - db_start needs state setup; db_stop needs running or Startup
//     (databases.go);
//   - a backup of level > 0 needs a usable lower-level backup of the same
//     database on the same volume to build on (StartBackup);
//   - a data volume serves at most one database; a database's temporary
//     volume is created on its active nodes with the database (CreateDatabase);
//   - schedules are stored, never fired (schedules.go).

// Database runtime states.
const (
	DBSetup   = "setup"   // fact: a stopped (configured) database
	DBRunning = "running" // fact
	// guess: spelling of the transitional states the docs mention by name.
	DBStartup  = "Startup"
	DBShutdown = "Shutdown"
)

// Database operations (db_info "operation", EXAoperation getDatabaseOperation).
const (
	OpNone = "None" // fact: idle
	// guess: names of the operations that keep a database busy.
	OpBackup  = "Backup"
	OpRestore = "Restore"
)

// Storage volume and segment states and types.
const (
	VolumeOnline = "ONLINE" // fact
	// guess: state of a volume while its segments are being created.
	VolumeCreating = "INITIALIZING"
	// guess: state of a volume locked with st_volume_lock.
	VolumeLocked = "LOCKED"
	// guess: state of a volume while the storage service is down on one of
	// its nodes (after a cold boot, until every node of the volume is online).
	VolumeOffline = "OFFLINE"

	SegmentMaster = "MASTER" // fact: the volume type and primary segments
	// guess: type of the mirror segments a redundancy > 1 adds.
	SegmentRedundant = "REDUNDANT"
)

// Volume kinds accepted by st_volume_create (fact).
const (
	VolumeData    = "data"
	VolumeArchive = "archive"
)

// Node states (fact: online / offline / deactivated / suspended).
const (
	NodeOnline    = "online"
	NodeOffline   = "offline"
	NodeSuspended = "suspended"
)

// Restore types (fact).
var RestoreTypes = []string{"blocking", "nonblocking", "virtual access"}

// RemoteVolumeTypes are the vol_type values remote_volume_add accepts (fact).
var RemoteVolumeTypes = []string{"smb", "ftp", "sftp", "webhdfs", "webdav", "file", "s3", "gs", "azure"}

// Transition kinds: the keys of DefaultDurations and Timing.Overrides.
const (
	TransDBStart      = "db_start"      // Startup → running
	TransDBStop       = "db_stop"       // Shutdown → setup
	TransBackup       = "backup"        // operation Backup → None, then the backup is listed
	TransRestore      = "restore"       // operation Restore → None
	TransVolumeCreate = "volume_create" // INITIALIZING → ONLINE
	TransNodeAdd      = "node_add"      // a new node: offline → online
	TransNodeResume   = "node_resume"   // suspended → offline → online
	// Cold start (Config.Cold, Cluster.ColdBoot):
	TransNodeBoot     = "node_boot"     // a powered-on node: offline → online
	TransStorageStart = "storage_start" // a volume: OFFLINE → ONLINE once all its nodes are online
)

// DefaultDurations are realistic durations of each transition at TimeScale 1.
// guess: orders of magnitude seen on small clusters; nothing documents them.
var DefaultDurations = map[string]time.Duration{
	TransDBStart:      8 * time.Second,
	TransDBStop:       4 * time.Second,
	TransBackup:       20 * time.Second,
	TransRestore:      30 * time.Second,
	TransVolumeCreate: 2 * time.Second,
	TransNodeAdd:      5 * time.Second,
	TransNodeResume:   3 * time.Second,
	TransNodeBoot:     60 * time.Second,
	TransStorageStart: 10 * time.Second,
}

const (
	// FirstNodeID: node ids start at 11 like a docker or on-premise cluster (fact).
	FirstNodeID = 11
	// DefaultDiskName is the storage disk every simulated node has (fact: "disk1").
	DefaultDiskName = "disk1"
	// guess: capacity of that disk.
	DefaultDiskSize int64 = 100 << 30
	// DefaultDataVolumeName and its size, as a fresh docker cluster has (fact).
	DefaultDataVolumeName       = "DataVolume1"
	DefaultDataVolumeSize int64 = 10 << 30
	// guess: the temporary volume of a database is 1 GiB per active node (the
	// seed shows 1 GiB on a one-node cluster), created with the database and
	// deleted with it.
	TempVolumeSize int64 = 1 << 30
	// DefaultPort of a database (fact).
	DefaultPort = 8563
	// Remote volume ids are ≥ 10000; the first automatic id is 10001 (fact:
	// the first remote volume is 'r0001', vid '10001').
	RemoteVolumeIDBase = 10000
	// Storage volume defaults (fact: the seed's st_volume_list).
	DefaultBlockSize   int64 = 4096
	DefaultStripeSize  int64 = 256 << 10
	DefaultPermissions       = "rwx------"
	DefaultPriority          = 10
	// guess: what every simulated backup occupies (the seed lists "0.001 GiB").
	BackupSize int64 = 1 << 20
)

// DefaultOwner is the (uid, gid) of exadefusr/exausers (fact: [500, 500]).
var DefaultOwner = [2]int{500, 500}

// OwnerIDs maps the user and group names an owner may be given as to ids.
// fact: the group ids of group_list's example output on the add_users page
// (defaultSysGroups below: exaadm 499, exadbadm 498, exabfsadm 496, ...).
// guess: only the standard Exasol accounts are known, and a user named like
// a standard group has its id (as exadefusr and exausers share 500).
var OwnerIDs = map[string]int{"root": 0, "exadefusr": 500, "exausers": 500, "exaadm": 499, "exadbadm": 498,
	"exabfsadm": 496, "exastoradm": 497, "exasaasadm": 495}

// DefaultVolumeUsers is the users list of a new volume (fact: [[30, False]]
// in the seed; what 30 is, is a guess: an internal service user).
var DefaultVolumeUsers = []VolumeUser{{ID: 30, ReadOnly: false}}

// Cold start (Config.Cold, Cluster.ColdBoot). guess, as a whole: nothing
// documents how ConfD sees a cluster that is being powered on. The model:
//   - the master node is online at once: ConfD runs on it, so a client can
//     only talk to a cluster whose master has booted;
//   - every other node (except suspended ones) boots by itself: offline,
//     then online after the node_boot transition. ConfD has no job that
//     powers a node on; node_wait_ready only waits;
//   - the storage service needs no job either (ConfD has none): a volume is
//     OFFLINE until every one of its nodes (suspended ones aside) is online,
//     and ONLINE storage_start after the last of them booted. Locked volumes
//     stay LOCKED;
//   - databases are stopped (setup) with no operation and stay so until
//     db_start: auto_start is not applied after a cold boot, so that a
//     client shows the whole ordered start (EXAoperation's runbook starts
//     every database itself, too).

// guess: db_create with auto_start (default true) starts the database right
// away; the reference only says that it creates it in state setup.
const AutoStartOnCreate = true

// guess: a restore boots the database (Exasol restores into a running
// database), so db_restore leaves it running with operation Restore until the
// restore ends. A blocking restore keeps it not connectible meanwhile.
const RestoreLeavesRunning = true

// guess: a bare number as an expiry is seconds. The units of "1w 3d" (a
// month of 30 days is a guess, too) are units.ExpireUnits, shared with the
// provider's plan-time check.

// guess: database names are identifiers (they become path components of
// backups and labels like "pub:DB1_persistent").
var dbNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// guess: the time zone of every rendered timestamp (backup paths, listings,
// boot times). UTC keeps runs reproducible whatever the host's zone.
var Zone = time.UTC

// DefaultSettings are the general cluster settings (EXAConf entries, keyed
// "Section.Key") and their initial values. fact: the changeable entries are
// the ones general_settings allows (see confd's settingsAllowed; docs,
// overview_other_jobs.htm); XMLRPCPort 20003 is the pages' only example
// value. guess: the initial values, and ClusterName as a listed entry that
// general_settings cannot change.
var DefaultSettings = map[string]string{
	"Global.ClusterName": "exasol-sim", "Global.SSHPort": "22", "Global.XMLRPCPort": "443",
	"Global.WebUIBackendPort": "4444", "Global.WebUIDomain": "", "Global.EnableLoadBalancer": "False",
	"Global.Networks": "private", "Global.NameServers": "8.8.8.8", "Global.SearchDomains": "",
	"Global.LicenseRAWMEMWarnThreshold": "90", "Global.Hugepages": "auto", "Global.IssueTracker": "",
	"Global.StorageConnectionThreads": "", "Global.StorageMaxConnections": "",
	"Global.ExaMonitorUserName": "", "Global.ExaMonitorUserPassword": "",
	"Logging.LogRotationTypes": "", "Logging.RemoteLogRotationVolume": "", "Logging.RemoteLogRotationPrefix": "",
}

// MaxSystemHeapLimit is the largest maximum system heap a database takes
// (fact: db_configure's page, "The supported maximum is \"128 GiB\"").
const MaxSystemHeapLimit = 128 << 30

// EXAoperation (issue 5): behavior that only its face uses. See power.go,
// plugins.go and events.go.

// DBNone is the state of a database that is defined but not created yet
// (fact: EXAoperation's getDatabaseState answers 'none' between addDatabase
// and createDatabase). ConfD never shows it.
const DBNone = "none"

// guess: startEXAStorage takes the storage_start transition before the
// service runs; volumes are ONLINE from then on (if their nodes are online).
// stopEXAStorage is instant. Starting needs every node online unless the
// caller names it in ignored_nodes (fact: startEXAStorage(ignored_nodes)).
//
// guess: shutting a node down is refused while a database that is not
// stopped runs on it, and while the storage service runs and the node is a
// node of a storage volume (the runbook stops databases and storage first).
// A node that is powered off or booting is shut down without complaint; a
// node that is online or booting is started up without complaint (both are
// no-ops then); suspended nodes cannot be powered either way.
//
// guess: a plugin's service runs on no node until it is started; a node's
// services stop when the node is shut down or the cluster cold-boots.

// MaxEvents bounds the event log. guess: enough for a day of a small
// cluster; older entries are dropped.
const MaxEvents = 1000

// Event systems. fact: EXAoperation's logservices show the EXAClusterOS
// services 'EXAoperation', 'DWAd', 'Lockd', 'Load', 'Storage' and database
// systems by name. guess: which service reports which event.
const (
	EventSystemCluster = "EXAoperation"
	EventSystemStorage = "Storage"
)

// Event messages. fact: the runbook watches for 'Boot process finished after
// XXX seconds' per node and for a database accepting connections; the exact
// wording of the others is a guess.
const (
	storageStarted  = "EXAStorage started."
	storageStopped  = "EXAStorage stopped."
	nodeShutdownMsg = "Node was shut down."
	nodeStartupMsg  = "Node is being started."
)

func bootFinished(t *Transition) string {
	return fmt.Sprintf("Boot process finished after %d seconds.", int(t.Due.Sub(t.Since).Round(time.Second)/time.Second))
}

func databaseReached(db, state string) string {
	switch state {
	case DBRunning:
		return fmt.Sprintf("Database %s is accepting connections.", db)
	case DBSetup:
		return fmt.Sprintf("Database %s was shut down.", db)
	}
	return fmt.Sprintf("Database %s is %s.", db, state)
}

// BucketFS (issue 22). fact: "Each configured data disk in Exasol has a
// preinstalled default BucketFS service" with "a default bucket that
// contains preinstalled script languages" (create_new_bucketfs_service.htm);
// its name bfsdefault (create_new_bucketfs_bucket.htm). guess: its ports
// (https 2581, the bucketfs_add example's; http 0), its owner (root), and
// the default bucket's name "default", public, with the script languages as
// an additional file pattern like the pages' example.
var defaultBucketFS = BucketFS{Name: "bfsdefault", HTTPSPort: 2581, Mode: "BucketFS",
	Buckets: map[string]*Bucket{"default": {Name: "default", Public: true,
		AdditionalFiles: []string{"EXAClusterOS:/opt/exasol/slc-*/ScriptLanguages-*"}}},
	BucketOrder: []string{"default"}}

// BucketFSModes are bucketfs_add's modes (fact: "BucketFS, rsync or SDFS").
var BucketFSModes = []string{"BucketFS", "rsync", "SDFS"}

// guess: service and bucket names are identifiers with dashes allowed (they
// become URL path components).
var bucketNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// System groups a cluster starts with. fact: group_list's example output on
// https://docs.exasol.com/db/latest/administration/aws/access_management/add_users.htm
// (exaadm 499, exabfsadm 496, exadbadm 498, exasaasadm 495, exastoradm
// 497, exausers 500, root 0); OwnerIDs above takes the same ids. guess:
// the one user a cluster starts with is root (id 0, group root).
var defaultSysGroups = []SysGroup{{"root", 0}, {"exasaasadm", 495}, {"exabfsadm", 496}, {"exastoradm", 497},
	{"exadbadm", 498}, {"exaadm", 499}, {"exausers", 500}}

var defaultSysUsers = []SysUser{{Name: "root", ID: 0, Password: "*", Group: "root", LoginEnabled: true}}

// guess: user and group names are Unix names.
var sysNamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)
