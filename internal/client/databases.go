package client

import (
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"
)

// Database states and operations. fact: the db_state page names the states
// 'Running', 'Setup', 'Startup', 'Shutdown'; the community examples
// (../shared/seeds) show 'running' and 'setup'. Every state read is turned
// into these spellings by CanonicalDBState, the one place that compares
// states without regard to case; everything else compares with ==.
const (
	DBStateRunning  = "running"
	DBStateSetup    = "setup"
	DBStateStartup  = "Startup"
	DBStateShutdown = "Shutdown"
	OperationNone   = "None"
	DefaultDBPort   = confd.DefaultDBPort
)

// Database is db_info, typed.
type Database struct {
	Name             string
	State            string
	Operation        string
	Connectible      bool
	ConnectionString string
	Info             string
	ActiveNodes      []string
	ReserveNodes     []string
	FailedNodes      []string
	PersistentVolume string
	TemporaryVolume  string
	Quota            int64
	Config           DatabaseConfig
}

// DatabaseConfig is the stored configuration of a database (db_info → config).
type DatabaseConfig struct {
	Version         string
	MemSize         string
	Port            int64
	Owner           []int64
	Params          string
	AutoStart       bool
	DataVolumeName  string
	Nodes           []int64 // active first, then reserve
	NumActiveNodes  int64
	EnableAuditing  bool
	VolumeQuota     int64
	VolumeMoveDelay int64
	LDAPServer      string
	Interfaces      string
	DBUUID          string
	Backups         []BackupSchedule
	// MaxSystemHeapMemory is db_info's config.max_system_heap_memory, e.g.
	// "64 GiB", or "default"; empty where the interface has no such setting.
	MaxSystemHeapMemory string
	// SnapshotSchedules are the database's snapshot schedules (snapshots.go);
	// nil when db_info does not report them.
	SnapshotSchedules []SnapshotSchedule
	// SnapshotSyncVolume is config.snapshot_sync_volume ("" = none).
	SnapshotSyncVolume string
}

// CanonicalDBState spells a database state as the constants above do,
// whatever case the cluster wrote it in; an unknown state is kept as it is.
func CanonicalDBState(s string) string {
	for _, c := range []string{DBStateRunning, DBStateSetup, DBStateStartup, DBStateShutdown} {
		if strings.EqualFold(strings.TrimSpace(s), c) {
			return c
		}
	}
	return s
}

// Idle reports whether no backup, restore or other operation is running.
func (d *Database) Idle() bool { return d.Operation == "" || d.Operation == OperationNone }

// Running reports whether the database is up or on its way up.
func (d *Database) Running() bool { return d.State == DBStateRunning || d.State == DBStateStartup }

// DatabaseSpec is what db_create takes. Optional values are pointers: nil
// leaves the choice to the cluster.
type DatabaseSpec struct {
	Name            string
	Version         string
	DataVolumeName  string
	MemSize         string
	Nodes           []int64
	NumActiveNodes  int64
	Port            *int64
	Owner           []int64
	Params          *string
	AutoStart       *bool
	EnableAuditing  *bool
	VolumeQuota     *int64
	VolumeMoveDelay *int64
	LDAPServer      *string
	Interfaces      *string
	DBUUID          *string
	// SnapshotSyncVolume is the volume snapshots of the database go
	// through (db_create's snapshot_sync_volume; snapshot schedules need
	// one). db_configure takes none: it is set only at creation.
	SnapshotSyncVolume *string
}

// DatabaseChange is what db_configure takes; only non-nil fields are sent.
type DatabaseChange struct {
	Version         *string
	DataVolumeName  *string
	MemSize         *string
	Port            *int64
	Owner           []int64
	Params          *string
	AutoStart       *bool
	EnableAuditing  *bool
	VolumeQuota     *int64
	VolumeMoveDelay *int64
	LDAPServer      *string
	Interfaces      *string
	// MaxSystemHeapMemory: a size in MiB or GiB, or "default" to return to
	// the database's default (https://docs.exasol.com/db/latest/confd/jobs/db_configure.htm).
	MaxSystemHeapMemory *string

	// Scaling in place, apart from db_configure: these reserve nodes are
	// removed (db_remove_reserve_nodes), then these added
	// (db_add_reserve_nodes, appended in order), then Enlarge reserve
	// nodes, the first in the node list, made active (db_enlarge), all
	// before db_configure.
	RemoveReserve, AddReserve []int64
	Enlarge                   int64
}

// Empty reports whether the change would send nothing.
func (c DatabaseChange) Empty() bool {
	return len(c.params()) == 0 && len(c.RemoveReserve) == 0 && len(c.AddReserve) == 0 && c.Enlarge == 0
}

// needsStop reports whether the database must be stopped for the change:
// db_configure and db_enlarge need it (their pages); reserve nodes are
// added and removed on a running database (their pages ask nothing).
func (c DatabaseChange) needsStop() bool { return len(c.params()) > 0 || c.Enlarge > 0 }

func (c DatabaseChange) params() Params {
	p := Params{}
	setOpt(p, "version", c.Version)
	setOpt(p, "data_volume_name", c.DataVolumeName)
	setOpt(p, "mem_size", c.MemSize)
	setOpt(p, "port", c.Port)
	setOpt(p, "params", c.Params)
	setOpt(p, "auto_start", c.AutoStart)
	setOpt(p, "enable_auditing", c.EnableAuditing)
	if c.VolumeQuota != nil {
		// fact: db_configure types volume_quota as a string size
		// (https://docs.exasol.com/db/latest/confd/jobs/db_configure.htm), db_create as an integer.
		p["volume_quota"] = quotaText(*c.VolumeQuota)
	}
	setOpt(p, "volume_move_delay", c.VolumeMoveDelay)
	setOpt(p, "ldap_server", c.LDAPServer)
	setOpt(p, "interfaces", c.Interfaces)
	setOpt(p, "max_system_heap_memory", c.MaxSystemHeapMemory)
	if len(c.Owner) > 0 {
		p["owner"] = c.Owner
	}
	return p
}

// quotaText is a volume quota in GiB as db_configure takes it ("100 GiB").
func quotaText(gib int64) string { return strconv.FormatInt(gib, 10) + " GiB" }

func setOpt[T any](p Params, key string, v *T) {
	if v != nil {
		p[key] = *v
	}
}

func parseDatabase(name string, f fields) *Database {
	nodes := f.sub("nodes")
	d := &Database{
		Name:             f.str("name"),
		State:            CanonicalDBState(f.str("state")),
		Operation:        f.str("operation"),
		Connectible:      f.flag("connectible"),
		ConnectionString: f.str("connection string"),
		Info:             f.str("info"),
		ActiveNodes:      nodes.strs("active"),
		ReserveNodes:     nodes.strs("reserve"),
		FailedNodes:      nodes.strs("failed"),
		PersistentVolume: f.str("persistent volume"),
		TemporaryVolume:  f.str("temporary volume"),
		Quota:            f.num("quota"),
	}
	if d.Name == "" {
		d.Name = name
	}
	cfg := f.sub("config")
	d.Config = DatabaseConfig{
		Version:         cfg.str("version"),
		MemSize:         cfg.str("mem_size"),
		Port:            cfg.num("port"),
		Owner:           cfg.nums("owner"),
		Params:          cfg.str("params"),
		AutoStart:       cfg.flag("auto_start"),
		DataVolumeName:  cfg.str("data_volume_name"),
		Nodes:           cfg.nums("nodes"),
		NumActiveNodes:  cfg.num("num_active_nodes"),
		EnableAuditing:  cfg.flag("enable_auditing"),
		VolumeQuota:     cfg.num("volume_quota"),
		VolumeMoveDelay: cfg.num("volume_move_delay"),
		LDAPServer:      cfg.str("ldap_server"),
		Interfaces:      cfg.str("interfaces"),
		DBUUID:          cfg.str("db_uuid"),
		Backups:         parseSchedules(cfg.list("backups")),

		MaxSystemHeapMemory: cfg.str("max_system_heap_memory"),
		SnapshotSchedules:   parseSnapshotSchedules(cfg),
		SnapshotSyncVolume:  cfg.str("snapshot_sync_volume"),
	}
	// Derive what a release without the config dict still tells us.
	if d.Config.DataVolumeName == "" {
		d.Config.DataVolumeName = d.PersistentVolume
	}
	if len(d.Config.Nodes) == 0 {
		for _, n := range append(append([]string{}, d.ActiveNodes...), d.ReserveNodes...) {
			d.Config.Nodes = append(d.Config.Nodes, NodeID(n))
		}
		d.Config.NumActiveNodes = int64(len(d.ActiveNodes))
	}
	if d.Config.Port == 0 {
		if i := strings.LastIndexByte(d.ConnectionString, ':'); i >= 0 {
			d.Config.Port, _ = strconv.ParseInt(d.ConnectionString[i+1:], 10, 64)
		}
	}
	return d
}

// NodeID turns a node name ("n11") into its id (11).
func NodeID(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(name), "n"), 10, 64)
	return n
}

// NodeName turns a node id (11) into its name ("n11").
func NodeName(id int64) string { return "n" + strconv.FormatInt(id, 10) }
