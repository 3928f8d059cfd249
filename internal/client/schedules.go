package client

// BackupSchedule is one entry of db_info → config.backups: ConfD has no job
// that lists schedules, so they are read from the database's configuration.
type BackupSchedule struct {
	BackupName       string
	BackupVolumeName string
	BackupVolumeID   string
	Level            int64
	Expire           string
	Minute           string
	Hour             string
	Day              string
	Month            string
	Weekday          string
	Enabled          bool
}

func parseSchedules(items []any) []BackupSchedule {
	out := []BackupSchedule{}
	for _, it := range items {
		f := asFields(it)
		if f == nil {
			continue
		}
		out = append(out, BackupSchedule{
			BackupName:       f.str("backup_name"),
			BackupVolumeName: f.str("backup_volume_name"),
			BackupVolumeID:   f.str("backup_volume_id"),
			Level:            f.num("level"),
			Expire:           f.str("expire"),
			Minute:           f.str("minute"),
			Hour:             f.str("hour"),
			Day:              f.str("day"),
			Month:            f.str("month"),
			Weekday:          f.str("weekday"),
			Enabled:          f.flag("enabled"),
		})
	}
	return out
}
