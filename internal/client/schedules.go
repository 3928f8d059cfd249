package client

import (
	"context"
	"fmt"
)

// BackupSchedule is one entry of db_info → config.backups: ConfD has no job
// that lists schedules, so they are read from the database's configuration.
type BackupSchedule struct {
	BackupName       string
	BackupVolumeName string
	// BackupVolumeID is nil when the cluster does not report it.
	BackupVolumeID *int64
	Level          int64
	Expire         string // "" = the backups never expire
	Minute         string
	Hour           string
	Day            string
	Month          string
	Weekday        string
	Enabled        bool
}

// guess: the keys of a config.backups entry are the parameter names of
// db_backup_add_schedule [kb3 shows only that the list exists]; job_help's
// older wording names the volume "volume", which is read as a fallback.
func parseSchedules(items []any) []BackupSchedule {
	out := []BackupSchedule{}
	for _, it := range items {
		f := asFields(it)
		if f == nil {
			continue
		}
		s := BackupSchedule{
			BackupName:       f.str("backup_name"),
			BackupVolumeName: f.str("backup_volume_name"),
			Level:            f.num("level"),
			Expire:           f.str("expire"),
			Minute:           f.str("minute"),
			Hour:             f.str("hour"),
			Day:              f.str("day"),
			Month:            f.str("month"),
			Weekday:          f.str("weekday"),
			Enabled:          f.flag("enabled"),
		}
		if s.BackupVolumeName == "" {
			s.BackupVolumeName = f.str("volume")
		}
		if f.has("backup_volume_id") && f.str("backup_volume_id") != "" {
			id := f.num("backup_volume_id")
			s.BackupVolumeID = &id
		}
		out = append(out, s)
	}
	return out
}

// ScheduleSpec is what db_backup_add_schedule takes. The backup volume is
// named by BackupVolumeName or BackupVolumeID (exactly one); nil optional
// fields leave the choice to the cluster.
type ScheduleSpec struct {
	DBName           string
	BackupName       string
	BackupVolumeName string
	BackupVolumeID   *int64
	Level            int64
	Expire           *string
	Minute           *string
	Hour             *string
	Day              *string
	Month            *string
	Weekday          *string
	Enabled          *bool
}

// ScheduleChange is what db_backup_modify_schedule takes; only non-nil
// fields are sent. guess: an Expire of "" makes future backups never expire
// (the docs only say that without expire "the backup will not expire"; an
// empty expire is how db_info reports such a schedule).
type ScheduleChange struct {
	Expire  *string
	Minute  *string
	Hour    *string
	Day     *string
	Month   *string
	Weekday *string
	Enabled *bool
}

// Empty reports whether the change would send nothing.
func (ch ScheduleChange) Empty() bool { return len(ch.params()) == 0 }

func (ch ScheduleChange) params() Params {
	p := Params{}
	setOpt(p, "expire", ch.Expire)
	setOpt(p, "minute", ch.Minute)
	setOpt(p, "hour", ch.Hour)
	setOpt(p, "day", ch.Day)
	setOpt(p, "month", ch.Month)
	setOpt(p, "weekday", ch.Weekday)
	setOpt(p, "enabled", ch.Enabled)
	return p
}

// BackupSchedule reads one schedule of a database. A missing database or
// schedule is an error for which IsNotFound holds.
func (c *Client) BackupSchedule(ctx context.Context, db, name string) (*BackupSchedule, error) {
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

// dbBackupAddSchedule runs db_backup_add_schedule.
func (c *Client) dbBackupAddSchedule(ctx context.Context, s ScheduleSpec) error {
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
func (c *Client) DBBackupModifySchedule(ctx context.Context, db, name string, ch ScheduleChange) error {
	p := ch.params()
	p["db_name"], p["backup_name"] = db, name
	_, err := c.exec(ctx, "db_backup_modify_schedule", p)
	return err
}

// dbBackupRemoveSchedule runs db_backup_remove_schedule.
func (c *Client) dbBackupRemoveSchedule(ctx context.Context, db, name string) error {
	_, err := c.exec(ctx, "db_backup_remove_schedule", Params{"db_name": db, "backup_name": name})
	return err
}

// CreateBackupSchedule adds a schedule. When the answer is lost, the job
// runner reads back (db_info → config.backups) before it reports a failure
// or repeats the job (verify.go), so that a schedule the cluster did add is
// not reported as failed (a second add would be refused as a duplicate).
func (c *Client) CreateBackupSchedule(ctx context.Context, s ScheduleSpec) error {
	return c.dbBackupAddSchedule(ctx, s)
}

// DeleteBackupSchedule removes a schedule; one that is already gone (or
// whose database is gone) counts as removed.
func (c *Client) DeleteBackupSchedule(ctx context.Context, db, name string) error {
	err := c.dbBackupRemoveSchedule(ctx, db, name)
	if err != nil && refused(err) {
		// Gone only when db_info's schedules (or db_list) say so.
		if _, ierr := c.BackupSchedule(Fresh(ctx), db, name); IsNotFound(ierr) {
			return nil
		}
	}
	return err
}
