package client

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// Backups and backup schedules over EXAoperation: the database object
// starts and lists backups (backupDatabase, getBackups) and holds the
// schedule list (getBackupSchedule, setBackupSchedule, which replaces the
// whole list, fact). Archive volumes are named by object ('v0002',
// 'r0001') there and by name here.

// DBBackupStart starts a backup (backupDatabase(volume, level, expire),
// fact). A start whose answer is lost is not repeated: a second backup is
// not harmless, and a finished first one cannot be told from none.
func (x *EXAoperation) DBBackupStart(ctx context.Context, s BackupStart) error {
	obj, err := x.archiveTarget(ctx, s.VolumeName, nil)
	if err != nil {
		return err
	}
	_, err = x.change(ctx, nil, exaop.DBObject(s.Database), "backupDatabase", obj, s.Level, s.Expire)
	return err
}

// DBBackupProgress: EXAoperation's getPddProgress has no documented answer,
// so a backup run reports the database's operation only (Percent -1).
func (x *EXAoperation) DBBackupProgress(context.Context, string) (*BackupProgress, error) {
	return &BackupProgress{Percent: -1}, nil
}

// DBBackupList lists a database's backups (getBackups(show_all_databases,
// show_expired_backups), fact; the entries have db_backup_list's keys,
// guess), their volumes by name.
func (x *EXAoperation) DBBackupList(ctx context.Context, db string, showForeign bool) ([]Backup, error) {
	v, err := x.call(ctx, exaop.DBObject(db), "getBackups", showForeign, true)
	if err != nil {
		return nil, notFoundAs(err, "database '"+db+"'")
	}
	out := []Backup{}
	var names map[string]archiveVolume
	for _, it := range anyList(v) {
		f := asFields(it)
		if f == nil {
			continue
		}
		b := parseBackup(f)
		if b.Volume != "" { // an object name ('v0002', a remote volume's), as names gives them
			if names == nil {
				if names, err = x.archiveNames(ctx); err != nil {
					return nil, err
				}
			}
			if a, ok := names[b.Volume]; ok {
				b.Volume = a.name
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// scheduleLock serializes the read-modify-write of one database's schedule
// list within this provider (two schedules of a database applied in
// parallel must not overwrite each other).
func (x *EXAoperation) scheduleLock(db string) func() {
	m, _ := x.schedules.LoadOrStore(db, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// rawSchedules reads getBackupSchedule as the dicts it answers, to be sent
// back unchanged but for the one entry a change concerns.
func (x *EXAoperation) rawSchedules(ctx context.Context, db string) ([]map[string]any, error) {
	v, err := x.call(ctx, exaop.DBObject(db), "getBackupSchedule")
	if err != nil {
		return nil, notFoundAs(err, "database '"+db+"'")
	}
	out := []map[string]any{}
	for _, it := range anyList(v) {
		if f := asFields(it); f != nil {
			out = append(out, f)
		}
	}
	return out, nil
}

// schedulesOf types the entries. guess (the simulator's): the keys of
// db_backup_add_schedule, the volume as its object name under "volume".
func (x *EXAoperation) schedulesOf(ctx context.Context, raw []map[string]any) ([]BackupSchedule, error) {
	items := make([]any, len(raw))
	for i, r := range raw {
		items[i] = r
	}
	out := parseSchedules(items)
	var names map[string]archiveVolume
	for i := range out {
		obj := out[i].BackupVolumeName
		if obj == "" {
			continue
		}
		if names == nil {
			var err error
			if names, err = x.archiveNames(ctx); err != nil {
				return nil, err
			}
		}
		if a, ok := names[obj]; ok {
			id := a.id
			out[i].BackupVolumeName, out[i].BackupVolumeID = a.name, &id
		}
	}
	return out, nil
}

// sharedSchedules is rawSchedules for reads: the schedules of one database
// are read once per refresh and shared by the Reads of all of them (the
// read cache, renewed by every change). Changes read rawSchedules fresh.
func (x *EXAoperation) sharedSchedules(ctx context.Context, db string) ([]map[string]any, error) {
	return shareCall(ctx, x, exaop.DBObject(db), "getBackupSchedule", func(ctx context.Context) ([]map[string]any, error) {
		return x.rawSchedules(ctx, db)
	})
}

// BackupSchedules reads every schedule of a database (getBackupSchedule:
// EXAoperation's database info has none, unlike ConfD's db_info).
func (x *EXAoperation) BackupSchedules(ctx context.Context, db string) ([]BackupSchedule, error) {
	raw, err := x.sharedSchedules(ctx, db)
	if err != nil {
		return nil, err
	}
	return x.schedulesOf(ctx, raw)
}

// BackupSchedule reads one schedule of a database.
func (x *EXAoperation) BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error) {
	raw, err := x.sharedSchedules(ctx, db)
	if err != nil {
		return nil, err
	}
	i := scheduleIndex(raw, name)
	if i < 0 {
		return nil, notFound(exaop.CallLabel(exaop.DBObject(db), "getBackupSchedule"), "backup schedule '%s' of database '%s' does not exist", name, db)
	}
	s, err := x.schedulesOf(ctx, raw[i:i+1])
	if err != nil {
		return nil, err
	}
	return &s[0], nil
}

func scheduleIndex(raw []map[string]any, name string) int {
	return slices.IndexFunc(raw, func(m map[string]any) bool { return asString(m["backup_name"]) == name })
}

// setSchedules replaces the list (setBackupSchedule); a lost answer is read
// back: the change took effect when done says so of the list read.
func (x *EXAoperation) setSchedules(ctx context.Context, db string, list []map[string]any, done func([]map[string]any) bool) error {
	items := make([]any, len(list))
	for i, m := range list {
		items[i] = m
	}
	rb := &readBack{what: "the database's backup schedules (getBackupSchedule)", check: func(ctx context.Context) (bool, any, error) {
		now, err := x.rawSchedules(ctx, db)
		return err == nil && done(now), nil, err
	}}
	_, err := x.change(ctx, rb, exaop.DBObject(db), "setBackupSchedule", items)
	return err
}

// CreateBackupSchedule adds a schedule to the database's list.
func (x *EXAoperation) CreateBackupSchedule(ctx context.Context, s ScheduleSpec) error {
	defer x.scheduleLock(s.DBName)()
	raw, err := x.rawSchedules(ctx, s.DBName)
	if err != nil {
		return err
	}
	if scheduleIndex(raw, s.BackupName) >= 0 {
		return &Error{Kind: KindJob, API: APIEXAoperation, Job: exaop.CallLabel(exaop.DBObject(s.DBName), "setBackupSchedule"),
			Message: fmt.Sprintf("backup schedule '%s' already exists for database '%s'", s.BackupName, s.DBName)} // ConfD's words
	}
	obj, err := x.archiveTarget(ctx, s.BackupVolumeName, s.BackupVolumeID)
	if err != nil {
		return err
	}
	entry := map[string]any{"backup_name": s.BackupName, "volume": obj, "level": s.Level}
	for k, v := range (ScheduleChange{Expire: s.Expire, Minute: s.Minute, Hour: s.Hour, Day: s.Day,
		Month: s.Month, Weekday: s.Weekday, Enabled: s.Enabled}).params() {
		entry[k] = v
	}
	return x.setSchedules(ctx, s.DBName, append(raw, entry), func(now []map[string]any) bool {
		return scheduleIndex(now, s.BackupName) >= 0
	})
}

// DBBackupModifySchedule changes the given fields of one schedule.
func (x *EXAoperation) DBBackupModifySchedule(ctx context.Context, db, name string, ch ScheduleChange) error {
	defer x.scheduleLock(db)()
	raw, err := x.rawSchedules(ctx, db)
	if err != nil {
		return err
	}
	i := scheduleIndex(raw, name)
	if i < 0 {
		return notFound(exaop.CallLabel(exaop.DBObject(db), "getBackupSchedule"), "backup schedule '%s' of database '%s' does not exist", name, db)
	}
	p := ch.params()
	for k, v := range p {
		raw[i][k] = v
	}
	return x.setSchedules(ctx, db, raw, func(now []map[string]any) bool {
		j := scheduleIndex(now, name)
		if j < 0 {
			return false
		}
		for k, v := range p {
			if fmt.Sprint(now[j][k]) != fmt.Sprint(v) {
				return false
			}
		}
		return true
	})
}

// dbBackupRemoveSchedule removes a schedule (the database's schedule list
// written back without it); one that is gone (or whose database is gone)
// counts as removed.
func (x *EXAoperation) dbBackupRemoveSchedule(ctx context.Context, db, name string) error {
	defer x.scheduleLock(db)()
	raw, err := x.rawSchedules(ctx, db)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	i := scheduleIndex(raw, name)
	if i < 0 {
		return nil
	}
	return x.setSchedules(ctx, db, slices.Delete(raw, i, i+1), func(now []map[string]any) bool {
		return scheduleIndex(now, name) < 0
	})
}

// archiveTarget is the object name of the archive volume a backup or a
// schedule goes to, given by name or by id ('r0001' for a remote volume,
// 'v0002' for a storage volume). One that does not exist is worded as
// ConfD words it; whether it is an archive volume is the cluster's to say.
func (x *EXAoperation) archiveTarget(ctx context.Context, name string, id *int64) (string, error) {
	if id == nil {
		obj, err := x.archiveObject(ctx, name)
		if IsNotFound(err) {
			return "", notFound("getAllArchiveVolumes", "archive volume '%s' does not exist", name)
		}
		return obj, err
	}
	names, err := x.archiveNames(ctx)
	if err != nil {
		return "", err
	}
	for obj, a := range names {
		if a.id == *id {
			return obj, nil
		}
	}
	return "", notFound("getAllArchiveVolumes", "archive volume with id %d does not exist", *id)
}
