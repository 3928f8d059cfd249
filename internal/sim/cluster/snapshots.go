package cluster

import (
	"time"
)

// Database snapshots (Exasol 8): snapshot schedules of a database and the
// snapshots taken. Sources: the ConfD pages
// https://docs.exasol.com/db/latest/confd/jobs/db_snapshot_backup_add_schedule.htm,
// ..._modify_schedule.htm, ..._remove_schedule.htm, db_snapshot_backup_start.htm
// and db_snapshot_backup_list.htm. Like backup schedules, snapshot schedules
// are stored configuration only: the simulator never fires them.

// SnapshotSchedule is a snapshot schedule of a database; times use cron
// syntax. Unlike a backup schedule it names no archive volume: snapshots go
// through the database's snapshot_sync_volume.
type SnapshotSchedule struct {
	Name    string
	Expire  string
	Minute  string
	Hour    string
	Day     string
	Month   string
	Weekday string
	Enabled bool
}

// DBSnapshot is a snapshot taken of a database.
type DBSnapshot struct {
	ID      int
	System  string // database name
	Taken   time.Time
	Expires time.Time // zero = never
}

// SnapshotSchedule returns the database's snapshot schedule of that name, or nil.
func (d *Database) SnapshotSchedule(name string) *SnapshotSchedule {
	for _, s := range d.SnapshotSchedules {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// AddSnapshotSchedule adds a snapshot schedule. fact: "The database must be
// configured with a snapshot_sync_volume, which is used for the schedule."
// Empty time fields take the page's defaults (minute "0", the others "*").
// guess: weekday defaults to "*" like day and month (the page's row is cut
// short in the excerpt we have; see ../confd/guesses.go).
func (c *Cluster) AddSnapshotSchedule(db string, s SnapshotSchedule) error {
	return c.editDB(db, func(st *State, d *Database) error {
		if s.Name == "" {
			return invalid("backup_name must not be empty")
		}
		if d.Config.SnapshotSyncVolume == "" {
			return conflict("database '%s' has no snapshot_sync_volume; a snapshot schedule needs one", d.Name)
		}
		if d.SnapshotSchedule(s.Name) != nil {
			return conflict("snapshot schedule '%s' already exists for database '%s'", s.Name, d.Name)
		}
		for _, f := range []*string{&s.Hour, &s.Day, &s.Month, &s.Weekday} {
			if *f == "" {
				*f = "*"
			}
		}
		if s.Minute == "" {
			s.Minute = "0"
		}
		if err := checkSnapshotSchedule(&s); err != nil {
			return err
		}
		d.SnapshotSchedules = append(d.SnapshotSchedules, &s)
		return nil
	})
}

// SnapshotScheduleEdit changes a snapshot schedule; nil fields stay. The
// modify job has no expire (fact: its page lists minute, hour, day, month,
// weekday and enabled only).
type SnapshotScheduleEdit struct {
	Minute, Hour, Day, Month, Weekday *string
	Enabled                           *bool
}

// ModifySnapshotSchedule applies an edit. fact: "The database must be
// running to run this job."
func (c *Cluster) ModifySnapshotSchedule(db, name string, e SnapshotScheduleEdit) error {
	return c.editDB(db, func(st *State, d *Database) error {
		if d.State != DBRunning {
			return conflict("database '%s' is %s; modifying a snapshot schedule needs a running database", d.Name, d.State)
		}
		s := d.SnapshotSchedule(name)
		if s == nil {
			return notFound("snapshot schedule '%s' of database '%s'", name, d.Name)
		}
		n := *s
		set(&n.Minute, e.Minute)
		set(&n.Hour, e.Hour)
		set(&n.Day, e.Day)
		set(&n.Month, e.Month)
		set(&n.Weekday, e.Weekday)
		set(&n.Enabled, e.Enabled)
		if err := checkSnapshotSchedule(&n); err != nil {
			return err
		}
		*s = n
		return nil
	})
}

// RemoveSnapshotSchedule removes a snapshot schedule.
func (c *Cluster) RemoveSnapshotSchedule(db, name string) error {
	return c.editDB(db, func(st *State, d *Database) error {
		for i, s := range d.SnapshotSchedules {
			if s.Name == name {
				d.SnapshotSchedules = append(d.SnapshotSchedules[:i], d.SnapshotSchedules[i+1:]...)
				return nil
			}
		}
		return notFound("snapshot schedule '%s' of database '%s'", name, d.Name)
	})
}

// checkSnapshotSchedule checks expiry and times as a backup schedule's
// (the pages describe them in the same words).
func checkSnapshotSchedule(s *SnapshotSchedule) error {
	return checkSchedule(&Schedule{Expire: s.Expire, Minute: s.Minute, Hour: s.Hour, Day: s.Day,
		Month: s.Month, Weekday: s.Weekday})
}

// StartSnapshot takes a snapshot of a database. fact: "The database must be
// running to run this job." guess: the snapshot is complete at once (no page
// describes its progress) and does not need a snapshot_sync_volume (the
// start page, unlike the schedule page, does not ask for one).
func (c *Cluster) StartSnapshot(db, expire string) error {
	exp, err := ParseExpire(expire)
	if err != nil {
		return err
	}
	return c.do(false, func(st *State, now time.Time) error {
		d, err := st.FindDatabase(db)
		if err != nil {
			return err
		}
		if d.State != DBRunning {
			return conflict("database '%s' is %s; a snapshot needs a running database", d.Name, d.State)
		}
		id := 1
		for _, s := range st.Snapshots {
			id = max(id, s.ID+1)
		}
		s := &DBSnapshot{ID: id, System: d.Name, Taken: now}
		if exp > 0 {
			s.Expires = now.Add(exp)
		}
		st.Snapshots = append(st.Snapshots, s)
		return nil
	})
}
