package client

import (
	"context"
	"fmt"
)

// ConfD's database snapshot jobs (db_snapshot_backup_*); the types are
// snapshots.go's. Every method first refuses what the capability table
// says the cluster's release lacks (Exasol 7.1), before anything is sent.

// snapshotSchedules reads the snapshot schedules of a database from db_info.
func snapshotSchedules(ctx context.Context, c interface {
	DBInfo(context.Context, string) (*Database, error)
}, db string) ([]SnapshotSchedule, error) {
	d, err := c.DBInfo(ctx, db)
	if err != nil {
		return nil, err
	}
	if d.Config.SnapshotSchedules == nil {
		return nil, &Error{Kind: KindDecode, Job: "db_info", Message: fmt.Sprintf(
			"database '%s': db_info does not report snapshot schedules (config.snapshot_backups)", db)}
	}
	return d.Config.SnapshotSchedules, nil
}

func findSnapshotSchedule(l []SnapshotSchedule, db, name string) (*SnapshotSchedule, error) {
	for i := range l {
		if l[i].BackupName == name {
			return &l[i], nil
		}
	}
	return nil, &Error{Kind: KindNotFound, Job: "db_info", Message: fmt.Sprintf("snapshot schedule '%s' of database '%s' does not exist", name, db)}
}

// SnapshotSchedule reads one snapshot schedule. A missing database or
// schedule is an error for which IsNotFound holds; gone means db_info
// (or db_list) says so.
func (c *ConfD) SnapshotSchedule(ctx context.Context, db, name string) (*SnapshotSchedule, error) {
	if err := c.Supports(ctx, ObjectSnapshotSchedule); err != nil {
		return nil, err
	}
	l, err := snapshotSchedules(ctx, c, db)
	if err != nil {
		return nil, err
	}
	return findSnapshotSchedule(l, db, name)
}

// SnapshotSchedules lists a database's snapshot schedules.
func (c *ConfD) SnapshotSchedules(ctx context.Context, db string) ([]SnapshotSchedule, error) {
	if err := c.Supports(ctx, ObjectSnapshotSchedule); err != nil {
		return nil, err
	}
	return snapshotSchedules(ctx, c, db)
}

// CreateSnapshotSchedule runs db_snapshot_backup_add_schedule. A lost
// answer is read back from db_info before the job is repeated (verify.go).
func (c *ConfD) CreateSnapshotSchedule(ctx context.Context, s SnapshotScheduleSpec) error {
	if err := c.Supports(ctx, ObjectSnapshotSchedule); err != nil {
		return err
	}
	p := SnapshotScheduleChange{Minute: s.Minute, Hour: s.Hour, Day: s.Day, Month: s.Month, Weekday: s.Weekday,
		Enabled: s.Enabled}.params()
	p["db_name"], p["backup_name"] = s.DBName, s.BackupName
	setOpt(p, "expire", s.Expire)
	_, err := c.exec(ctx, "db_snapshot_backup_add_schedule", p)
	return err
}

// ModifySnapshotSchedule runs db_snapshot_backup_modify_schedule with the
// changed fields.
func (c *ConfD) ModifySnapshotSchedule(ctx context.Context, db, name string, ch SnapshotScheduleChange) error {
	if err := c.Supports(ctx, ObjectSnapshotSchedule); err != nil {
		return err
	}
	p := ch.params()
	p["db_name"], p["backup_name"] = db, name
	_, err := c.exec(ctx, "db_snapshot_backup_modify_schedule", p)
	return err
}

// DeleteSnapshotSchedule runs db_snapshot_backup_remove_schedule; a
// schedule that db_info no longer lists (or whose database db_list no
// longer lists) counts as removed.
func (c *ConfD) DeleteSnapshotSchedule(ctx context.Context, db, name string) error {
	if err := c.Supports(ctx, ObjectSnapshotSchedule); err != nil {
		return err
	}
	_, err := c.exec(ctx, "db_snapshot_backup_remove_schedule", Params{"db_name": db, "backup_name": name})
	if err != nil && refused(err) {
		if _, ierr := c.SnapshotSchedule(Fresh(ctx), db, name); IsNotFound(ierr) {
			return nil
		}
	}
	return err
}

// StartSnapshot runs db_snapshot_backup_start: a snapshot of a running
// database, expiring after expire ("" = never; the page's format "1w 3d").
func (c *ConfD) StartSnapshot(ctx context.Context, db, expire string) error {
	if err := c.Supports(ctx, ObjectSnapshot); err != nil {
		return err
	}
	p := Params{"db_name": db}
	if expire != "" {
		p["expire"] = expire
	}
	_, err := c.exec(ctx, "db_snapshot_backup_start", p)
	return err
}
