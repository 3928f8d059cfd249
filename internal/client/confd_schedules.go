package client

import (
	"context"
	"fmt"
)

// ConfD's backup schedule jobs (db_backup_*_schedule); the types are schedules.go's.

// BackupSchedules lists a database's schedules: db_info's config.backups.
func (c *ConfD) BackupSchedules(ctx context.Context, db string) ([]BackupSchedule, error) {
	d, err := c.DBInfo(ctx, db)
	if err != nil {
		return nil, err
	}
	return d.Config.Backups, nil
}

// BackupSchedule reads one schedule of a database. A missing database or
// schedule is an error for which IsNotFound holds.
func (c *ConfD) BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error) {
	d, err := c.DBInfo(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := range d.Config.Backups {
		if d.Config.Backups[i].BackupName == name {
			return &d.Config.Backups[i], nil
		}
	}
	return nil, &Error{Kind: KindNotFound, Job: "db_info", Message: fmt.Sprintf("backup schedule '%s' of database '%s' does not exist", name, db)}
}

// CreateBackupSchedule runs db_backup_add_schedule. When the answer is
// lost, the job runner reads back (db_info → config.backups) before it
// reports a failure or repeats the job (verify.go), so that a schedule the
// cluster did add is not reported as failed (a second add would be refused
// as a duplicate).
func (c *ConfD) CreateBackupSchedule(ctx context.Context, s ScheduleSpec) error {
	p := Params{"db_name": s.DBName, "backup_name": s.BackupName, "level": s.Level}
	if s.BackupVolumeID != nil {
		p["backup_volume_id"] = *s.BackupVolumeID
	} else {
		p["backup_volume_name"] = s.BackupVolumeName
	}
	for k, v := range (ScheduleChange{Expire: s.Expire, Minute: s.Minute, Hour: s.Hour, Day: s.Day,
		Month: s.Month, Weekday: s.Weekday, Enabled: s.Enabled}).params() {
		p[k] = v
	}
	_, err := c.exec(ctx, "db_backup_add_schedule", p)
	return err
}

// DBBackupModifySchedule runs db_backup_modify_schedule with the changed fields.
func (c *ConfD) DBBackupModifySchedule(ctx context.Context, db, name string, ch ScheduleChange) error {
	p := ch.params()
	p["db_name"], p["backup_name"] = db, name
	_, err := c.exec(ctx, "db_backup_modify_schedule", p)
	return err
}

// dbBackupRemoveSchedule runs db_backup_remove_schedule.
func (c *ConfD) dbBackupRemoveSchedule(ctx context.Context, db, name string) error {
	_, err := c.exec(ctx, "db_backup_remove_schedule", Params{"db_name": db, "backup_name": name})
	return err
}
