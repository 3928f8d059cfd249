package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// When the answer to a change job is lost (the master failed while the job
// was in flight), the job may or may not have taken effect. The job runner
// then reads back with the job's verifier below, and repeats the job only if
// it did not take effect: nothing is created twice, nothing is lost from the
// state. A job without a verifier is not repeated; it fails with an
// OutcomeUnknownError that says what to check. THE one table of read-backs:
// the typed methods (CreateDatabase, CreateRemoteVolume, …) rely on it.

// verifier reads back whether a change job took effect.
type verifier struct {
	what string // what is read back, for the error when that fails
	// prepare, if set, reads what check compares with, before the job runs.
	prepare func(ctx context.Context, c readBacker, p Params) (any, error)
	// check reports whether the job took effect and, if so, the output the
	// job would have returned (nil when it has none, or none is needed).
	check func(ctx context.Context, c readBacker, p Params, before any) (done bool, output any, err error)
}

// notSentError is a failure before a change job was sent (its read-back's
// preparing read): the job did not run.
type notSentError struct{ error }

func (e *notSentError) Unwrap() error { return e.error }

// OutcomeUnknownError says that a change job may or may not have taken
// effect: its answer was lost and reading back could not tell.
type OutcomeUnknownError struct {
	API     string // "" (ConfD) or APIEXAoperation
	Job     string
	What    string // what the user can check
	Err     error  // the failure that lost the answer
	ReadErr error  // why reading back failed, if it did
}

func (e *OutcomeUnknownError) Error() string {
	what := "ConfD job"
	if e.API == APIEXAoperation {
		what = "EXAoperation call"
	}
	msg := fmt.Sprintf("%s %s: the answer was lost (%s), so whether the job took effect is unknown", what, e.Job, transport.MessageOf(e.Err))
	if e.ReadErr != nil {
		msg += "; reading back failed: " + e.ReadErr.Error()
	}
	return msg + ". It was not repeated, so that it is not applied twice: check " + e.What
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err says that a change may or may not
// have taken effect.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}

// readBacker is what read-backs read: the ConfD dialect's typed reads. The
// verifiers reach them through this interface, so that the job table can
// hold them without an initialisation cycle (the reads run through the
// runner, which reads the table).
type readBacker interface {
	DBList(ctx context.Context) ([]string, error)
	DBInfo(ctx context.Context, name string) (*Database, error)
	BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error)
	VolumeList(ctx context.Context) ([]*Volume, error)
	VolumeInfo(ctx context.Context, name string) (*Volume, error)
	NodeList(ctx context.Context) ([]Node, error)
	NodeGet(ctx context.Context, id int64) (*Node, error)
	RemoteVolumeList(ctx context.Context) ([]string, error)
	RemoteVolumeInfo(ctx context.Context, ref RemoteVolumeRef) (*RemoteVolume, error)
	MasterName(ctx context.Context) (string, error)
	forgetMaster()
	// Issue 22's objects (verify_bucketfs_users.go).
	BucketFSList(ctx context.Context) ([]string, error)
	BucketFSInfo(ctx context.Context, name string) (*BucketFS, error)
	BucketInfo(ctx context.Context, service, name string) (*Bucket, error)
	SysUsers(ctx context.Context) (map[string]*SysUser, error)
	SysUser(ctx context.Context, name string) (*SysUser, error)
	SysGroups(ctx context.Context) (map[string]int64, error)
	ClusterSettings(ctx context.Context) (map[string]string, error)
}

// The read-backs of the job table (verifiers, jobtable.go).
var (
	dbCreated = verifier{what: "db_list and db_info of the database", prepare: dbNames, check: dbCreatedCheck}
	dbDeleted = verifier{what: "db_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.DBInfo(ctx, pstr(p, "db_name")))
	}}
	dbStarted = verifier{what: "the database's state (db_info)", check: dbCheck(func(d *Database, _ Params) (bool, error) {
		return d.Running(), nil
	})}
	dbStopped = verifier{what: "the database's state (db_info)", check: dbCheck(func(d *Database, _ Params) (bool, error) {
		return d.State == DBStateSetup || d.State == DBStateShutdown, nil
	})}
	dbConfigured     = verifier{what: "the database's configuration (db_info)", check: dbCheck(configTookEffect)}
	scheduleAdded    = verifier{what: "the database's backup schedules (db_info)", check: scheduleCheck(true)}
	scheduleRemoved  = verifier{what: "the database's backup schedules (db_info)", check: scheduleCheck(false)}
	scheduleModified = verifier{what: "the database's backup schedules (db_info)", check: scheduleModifiedCheck}
	volumeCreated    = verifier{what: "st_volume_list", prepare: volumeNames, check: volumeCreatedCheck}
	volumeDeleted    = verifier{what: "st_volume_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.VolumeInfo(ctx, pstr(p, "vname")))
	}}
	labelAdded = verifier{what: "the volume's labels (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool {
		return slices.Contains(v.Labels, pstr(p, "label"))
	})}
	labelRemoved = verifier{what: "the volume's labels (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool {
		return !slices.Contains(v.Labels, pstr(p, "label"))
	})}
	ioStatusSet = verifier{what: "the volume's I/O status (st_volume_info)", check: volumeCheck(func(v *Volume, p Params) bool {
		return v.AppIO == pbool(p, "app_io") && v.IntIO == pbool(p, "int_io")
	})}
	nodeAdded   = verifier{what: "node_list", prepare: nodeIDs, check: nodeAddedCheck}
	nodeRemoved = verifier{what: "node_list", check: func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		return gone(c.NodeGet(ctx, pint(p, "nid")))
	}}
	nodeSuspended = verifier{what: "the node's state (node_state)", check: nodeCheck((*Node).Suspended)}
	nodeResumed   = verifier{what: "the node's state (node_state)", check: nodeCheck(func(n *Node) bool { return !n.Suspended() })}
	remoteAdded   = verifier{what: "remote_volume_list and remote_volume_info", prepare: remoteNames, check: remoteAddedCheck}
	remoteRemoved = verifier{what: "remote_volume_list", check: remoteRemovedCheck}
	masterChanged = verifier{what: "GET /master?info_type=name", prepare: masterName, check: masterChangedCheck}
)

// exists and gone turn a read into a verdict: found / not found / cannot tell.
func exists[T any](_ T, err error) (bool, any, error) {
	if IsNotFound(err) {
		return false, nil, nil
	}
	return err == nil, nil, err
}

func gone[T any](_ T, err error) (bool, any, error) {
	if IsNotFound(err) {
		return true, nil, nil
	}
	return false, nil, err
}

func pstr(p Params, k string) string { return asString(p[k]) }
func pint(p Params, k string) int64  { return asInt(p[k]) }
func pbool(p Params, k string) bool  { return asBool(p[k]) }

func dbCheck(ok func(*Database, Params) (bool, error)) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		d, err := c.DBInfo(ctx, pstr(p, "db_name"))
		if err != nil {
			return false, nil, err
		}
		done, err := ok(d, p)
		return done, nil, err
	}
}

// configTookEffect compares what db_configure sent with db_info's config.
// A repeat of db_configure is harmless, so a value that reads differently
// (a release that normalises it) only costs one more db_configure.
func configTookEffect(d *Database, p Params) (bool, error) {
	cfg := d.Config
	reported := map[string]any{
		"version": cfg.Version, "port": cfg.Port, "owner": cfg.Owner, "params": cfg.Params, "auto_start": cfg.AutoStart,
		"data_volume_name": cfg.DataVolumeName, "enable_auditing": cfg.EnableAuditing, "volume_quota": cfg.VolumeQuota,
		"volume_move_delay": cfg.VolumeMoveDelay, "ldap_server": cfg.LDAPServer, "interfaces": cfg.Interfaces,
	}
	for k, want := range p {
		switch k {
		case "db_name":
			continue
		case "mem_size":
			if !units.SameSize(cfg.MemSize, asString(want)) {
				return false, nil
			}
			continue
		case "volume_quota":
			if quotaText(cfg.VolumeQuota) != asString(want) {
				return false, nil
			}
			continue
		case "max_system_heap_memory":
			if !sameHeap(cfg.MaxSystemHeapMemory, asString(want)) {
				return false, nil
			}
			continue
		}
		got, ok := reported[k]
		if !ok {
			return false, fmt.Errorf("db_info does not show %s", k)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return false, nil
		}
	}
	return true, nil
}

func scheduleCheck(wantExists bool) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		s, err := c.BackupSchedule(ctx, pstr(p, "db_name"), pstr(p, "backup_name"))
		if wantExists {
			return exists(s, err)
		}
		return gone(s, err)
	}
}

func scheduleModifiedCheck(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
	s, err := c.BackupSchedule(ctx, pstr(p, "db_name"), pstr(p, "backup_name"))
	if err != nil {
		return false, nil, err
	}
	reported := map[string]any{"expire": s.Expire, "minute": s.Minute, "hour": s.Hour, "day": s.Day,
		"month": s.Month, "weekday": s.Weekday, "enabled": s.Enabled}
	for k, want := range p {
		if got, ok := reported[k]; ok && fmt.Sprint(got) != fmt.Sprint(want) {
			return false, nil, nil
		}
	}
	return true, nil, nil
}

func volumeCheck(ok func(*Volume, Params) bool) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
		if err != nil {
			return false, nil, err
		}
		return ok(v, p), nil, nil
	}
}

// volumeResize compares the size with the one before the job.
func volumeResize(sign int64) *verifier {
	return &verifier{what: "the volume's size (st_volume_info)",
		prepare: func(ctx context.Context, c readBacker, p Params) (any, error) {
			v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
			if err != nil {
				return nil, err
			}
			return v.SizeBytes, nil
		},
		check: func(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
			v, err := c.VolumeInfo(ctx, pstr(p, "vname"))
			if err != nil {
				return false, nil, err
			}
			return (v.SizeBytes-asInt(before))*sign > 0, nil, nil
		}}
}

func nodeCheck(ok func(*Node) bool) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		n, err := c.NodeGet(ctx, pint(p, "nid"))
		if err != nil {
			return false, nil, err
		}
		return ok(n), nil, nil
	}
}

// Read-back of a create by identity (issue 20): before the job, note what
// exists; after a lost answer, take an object as the one the job created
// only if it did not exist before and matches what the job asked for. An
// object of that name that existed before is another's: it is never taken.

// ForeignObjectError says that an object a create named existed before the
// create was sent, so it is not the one the create asked for.
type ForeignObjectError struct {
	Job, Kind, Name string
}

func (e *ForeignObjectError) Error() string {
	return fmt.Sprintf("ConfD job %s: %s %s already existed before the job was sent, so it is not the one this create asked for; "+
		"it was left alone", e.Job, e.Kind, e.Name)
}

// names is what a prepare notes: the names (or ids) that existed before.
func dbNames(ctx context.Context, c readBacker, _ Params) (any, error) { return c.DBList(ctx) }

// dbCreatedCheck accepts the database only if db_list did not list it
// before and db_info shows the version, volume, memory and nodes asked for.
func dbCreatedCheck(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
	name := pstr(p, "db_name")
	if old, _ := before.([]string); slices.Contains(old, name) {
		return false, nil, &ForeignObjectError{Job: "db_create", Kind: "database", Name: name}
	}
	d, err := c.DBInfo(ctx, name)
	if IsNotFound(err) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	cfg := d.Config
	match := cfg.Version == pstr(p, "version") && cfg.DataVolumeName == pstr(p, "data_volume_name") &&
		units.SameSize(cfg.MemSize, pstr(p, "mem_size")) && fmt.Sprint(cfg.Nodes) == fmt.Sprint(p["nodes"]) &&
		cfg.NumActiveNodes == pint(p, "num_active_nodes")
	if port, given := p["port"]; given && cfg.Port != asInt(port) {
		match = false
	}
	if !match {
		return false, nil, fmt.Errorf("a database %s appeared meanwhile with other settings than db_create asked for", name)
	}
	return true, nil, nil
}

func volumeNames(ctx context.Context, c readBacker, _ Params) (any, error) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, v := range vols {
		names = append(names, v.Name)
	}
	return names, nil
}

// volumeCreatedCheck accepts the volume only if st_volume_list did not
// list it before and it has the disk, nodes and redundancy asked for.
func volumeCreatedCheck(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
	name := pstr(p, "name")
	if old, _ := before.([]string); slices.Contains(old, name) {
		return false, nil, &ForeignObjectError{Job: "st_volume_create", Kind: "storage volume", Name: name}
	}
	v, err := c.VolumeInfo(ctx, name)
	if IsNotFound(err) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	if v.Disk != pstr(p, "disk") || fmt.Sprint(v.Nodes) != fmt.Sprint(p["nodes"]) || v.Redundancy != pint(p, "redundancy") ||
		(v.Type != "" && v.Type != pstr(p, "type")) {
		return false, nil, fmt.Errorf("a storage volume %s appeared meanwhile with other settings than st_volume_create asked for", name)
	}
	return true, v.ID, nil
}

// nodeIDs lists the node ids before a node_add.
func nodeIDs(ctx context.Context, c readBacker, _ Params) (any, error) {
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, n := range nodes {
		ids = append(ids, n.ID)
	}
	return ids, nil
}

// nodeAddedCheck finds the node node_add created: a node that was not
// listed before, with the private address given (and the id, when given).
func nodeAddedCheck(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
	old, _ := before.([]int64)
	_, idGiven := p["nid"]
	if idGiven && slices.Contains(old, pint(p, "nid")) {
		return false, nil, &ForeignObjectError{Job: "node_add", Kind: "node", Name: NodeName(pint(p, "nid"))}
	}
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return false, nil, err
	}
	ip, _, _ := strings.Cut(pstr(p, "priv_net"), "/")
	var found []int64
	for _, n := range nodes {
		if n.PrivateIP == ip && !slices.Contains(old, n.ID) && (!idGiven || n.ID == pint(p, "nid")) {
			found = append(found, n.ID)
		}
	}
	switch len(found) {
	case 0:
		return false, nil, nil
	case 1:
		return true, found[0], nil
	}
	return false, nil, fmt.Errorf("nodes %v all have private address %s", found, ip)
}

func remoteRef(p Params) RemoteVolumeRef {
	return RemoteVolumeRef{Name: pstr(p, "remote_volume_name"), ID: pint(p, "remote_volume_id")}
}

// remoteNames lists the remote volumes (by name, with their ids) before a
// remote_volume_add.
func remoteNames(ctx context.Context, c readBacker, _ Params) (any, error) {
	names, err := c.RemoteVolumeList(ctx)
	if err != nil {
		return nil, err
	}
	return names, nil
}

// remoteAddedCheck finds the volume remote_volume_add created: one that
// remote_volume_list did not list before, with the type and URL asked for
// (and the name or id, when given).
func remoteAddedCheck(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
	row := func(v *RemoteVolume) any { return []any{[]any{v.Name, v.Owner, ""}} }
	old, _ := before.([]string)
	ref := remoteRef(p)
	if ref.Name != "" && slices.Contains(old, ref.Name) {
		return false, nil, &ForeignObjectError{Job: "remote_volume_add", Kind: "remote volume", Name: ref.Name}
	}
	names, err := c.RemoteVolumeList(ctx)
	if err != nil {
		return false, nil, err
	}
	var found *RemoteVolume
	for _, n := range names {
		if slices.Contains(old, n) || (ref.Name != "" && n != ref.Name) {
			continue
		}
		v, err := c.RemoteVolumeInfo(ctx, RemoteVolumeRef{Name: n})
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return false, nil, err
		}
		if v.Type != pstr(p, "vol_type") || v.URL != pstr(p, "url") || (ref.ID != 0 && v.ID != ref.ID) {
			if ref.Name != "" {
				return false, nil, fmt.Errorf("a remote volume %s appeared meanwhile with another type, URL or id", ref.Name)
			}
			continue
		}
		if found != nil {
			return false, nil, fmt.Errorf("remote volumes %s and %s were both added with URL %s meanwhile", found.Name, v.Name, v.URL)
		}
		found = v
	}
	if found == nil {
		return false, nil, nil
	}
	return true, row(found), nil
}

func remoteRemovedCheck(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
	return gone(c.RemoteVolumeInfo(ctx, remoteRef(p)))
}

func masterName(ctx context.Context, c readBacker, _ Params) (any, error) { return c.MasterName(ctx) }

// masterChangedCheck: the master is one of the nodes master_change chose
// from, and (when it could choose among several) not the one before.
func masterChangedCheck(ctx context.Context, c readBacker, p Params, before any) (bool, any, error) {
	c.forgetMaster()
	name, err := c.MasterName(ctx)
	if err != nil {
		return false, nil, err
	}
	ids, _ := p["nids"].([]int64)
	if len(ids) == 1 {
		return name == NodeName(ids[0]), nil, nil
	}
	return name != before, nil, nil
}

// sameHeap compares two max_system_heap_memory values: "default", or equal
// sizes in any unit.
func sameHeap(a, b string) bool {
	if a == "default" || b == "default" {
		return a == b
	}
	return units.SameSize(a, b)
}

// Read-backs of the snapshot schedule jobs (db_snapshot_backup_*_schedule):
// the database's snapshot schedules as db_info lists them.
var (
	snapshotScheduleAdded    = verifier{what: "the database's snapshot schedules (db_info)", check: snapshotScheduleCheck(true)}
	snapshotScheduleRemoved  = verifier{what: "the database's snapshot schedules (db_info)", check: snapshotScheduleCheck(false)}
	snapshotScheduleModified = verifier{what: "the database's snapshot schedules (db_info)", check: snapshotScheduleModifiedCheck}
)

func readSnapshotSchedule(ctx context.Context, c readBacker, p Params) (*SnapshotSchedule, error) {
	db := pstr(p, "db_name")
	l, err := snapshotSchedules(ctx, c, db)
	if err != nil {
		return nil, err
	}
	return findSnapshotSchedule(l, db, pstr(p, "backup_name"))
}

func snapshotScheduleCheck(wantExists bool) func(context.Context, readBacker, Params, any) (bool, any, error) {
	return func(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
		s, err := readSnapshotSchedule(ctx, c, p)
		if wantExists {
			return exists(s, err)
		}
		return gone(s, err)
	}
}

func snapshotScheduleModifiedCheck(ctx context.Context, c readBacker, p Params, _ any) (bool, any, error) {
	s, err := readSnapshotSchedule(ctx, c, p)
	if err != nil {
		return false, nil, err
	}
	reported := map[string]any{"minute": s.Minute, "hour": s.Hour, "day": s.Day, "month": s.Month,
		"weekday": s.Weekday, "enabled": s.Enabled}
	for k, want := range p {
		if got, ok := reported[k]; ok && fmt.Sprint(got) != fmt.Sprint(want) {
			return false, nil, nil
		}
	}
	return true, nil, nil
}
