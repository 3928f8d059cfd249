package client

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
