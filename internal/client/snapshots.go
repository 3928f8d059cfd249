package client

// Database snapshots (Exasol 8): snapshot schedules and taking a snapshot.
// The ConfD jobs are confd_snapshots.go's, EXAoperation's refusals
// exaop_snapshots.go's; what lacks snapshots is in the capability tables
// (capabilities.go, ObjectSnapshotSchedule and ObjectSnapshot).
// Pages: https://docs.exasol.com/db/latest/confd/jobs/db_snapshot_backup_add_schedule.htm,
// db_snapshot_backup_modify_schedule.htm, db_snapshot_backup_remove_schedule.htm,
// db_snapshot_backup_start.htm, db_snapshot_backup_list.htm.

// SnapshotSchedule is one snapshot schedule of a database.
type SnapshotSchedule struct {
	BackupName string
	Expire     string // "" = the snapshots never expire
	Minute     string
	Hour       string
	Day        string
	Month      string
	Weekday    string
	Enabled    bool
}

// guess: db_info's config lists snapshot schedules under "snapshot_backups"
// as it lists backup schedules under "backups", each keyed by the parameter
// names of db_snapshot_backup_add_schedule (no page lists snapshot
// schedules; the simulator's guesses.go says the same). nil: the cluster
// does not report them.
func parseSnapshotSchedules(cfg fields) []SnapshotSchedule {
	if !cfg.has("snapshot_backups") {
		return nil
	}
	out := []SnapshotSchedule{}
	for _, it := range cfg.list("snapshot_backups") {
		f := asFields(it)
		if f == nil {
			continue
		}
		out = append(out, SnapshotSchedule{BackupName: f.str("backup_name"), Expire: f.str("expire"),
			Minute: f.str("minute"), Hour: f.str("hour"), Day: f.str("day"), Month: f.str("month"),
			Weekday: f.str("weekday"), Enabled: f.flag("enabled")})
	}
	return out
}

// SnapshotScheduleSpec is what db_snapshot_backup_add_schedule takes; nil
// optional fields leave the choice to the cluster.
type SnapshotScheduleSpec struct {
	DBName     string
	BackupName string
	Expire     *string
	Minute     *string
	Hour       *string
	Day        *string
	Month      *string
	Weekday    *string
	Enabled    *bool
}

// SnapshotScheduleChange is what db_snapshot_backup_modify_schedule takes;
// only non-nil fields are sent. It has no expiry: the job takes none.
type SnapshotScheduleChange struct {
	Minute  *string
	Hour    *string
	Day     *string
	Month   *string
	Weekday *string
	Enabled *bool
}

// Empty reports whether the change would send nothing.
func (ch SnapshotScheduleChange) Empty() bool { return len(ch.params()) == 0 }

func (ch SnapshotScheduleChange) params() Params {
	p := Params{}
	setOpt(p, "minute", ch.Minute)
	setOpt(p, "hour", ch.Hour)
	setOpt(p, "day", ch.Day)
	setOpt(p, "month", ch.Month)
	setOpt(p, "weekday", ch.Weekday)
	setOpt(p, "enabled", ch.Enabled)
	return p
}
