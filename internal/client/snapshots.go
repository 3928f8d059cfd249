package client

import (
	"context"
	"fmt"
)

// Database snapshots (Exasol 8): snapshot schedules and taking a snapshot.
// Pages: https://docs.exasol.com/db/latest/confd/jobs/db_snapshot_backup_add_schedule.htm,
// db_snapshot_backup_modify_schedule.htm, db_snapshot_backup_remove_schedule.htm,
// db_snapshot_backup_start.htm, db_snapshot_backup_list.htm.

// snapshotJobs are the snapshot jobs' entries of the job table (jobtable.go
// adds them). A lost answer of add, modify or remove is read back from
// db_info; one of start is not repeated (a snapshot cannot be told apart
// from one taken by a schedule).
var snapshotJobs = map[string]jobSpec{
	"db_snapshot_backup_add_schedule": {change: true, readBack: &snapshotScheduleAdded, params: []string{"db_name",
		"backup_name", "expire", "minute", "hour", "day", "month", "weekday", "enabled"}},
	// No expire: the page lists only the times and enabled.
	"db_snapshot_backup_modify_schedule": {change: true, readBack: &snapshotScheduleModified, params: []string{"db_name",
		"backup_name", "minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_snapshot_backup_remove_schedule": {change: true, readBack: &snapshotScheduleRemoved, params: []string{"db_name", "backup_name"}},
	"db_snapshot_backup_start":           {change: true, params: []string{"db_name", "expire"}},
}

// withJobs adds entries to the job table; it reports true (for a package
// level declaration in jobtable.go).
func withJobs(m map[string]jobSpec) bool {
	for k, v := range m {
		jobTable[k] = v
	}
	return true
}

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

// SnapshotSupport refuses what lacks snapshots: Exasol 7.1 (guess: snapshots
// came with Exasol 8; the pages are Exasol 8's and no 7.1 page has them).
// It reads the release (cached per Client), so it can run at plan time.
func (c *Client) SnapshotSupport(ctx context.Context) error {
	r, err := c.Release(ctx)
	if err != nil {
		return err
	}
	if r == Release71 {
		return &UnsupportedError{API: "ConfD", What: "manage database snapshots on Exasol " + string(r),
			Hint: "the db_snapshot_* jobs came with Exasol 8"}
	}
	return nil
}

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
func (c *Client) SnapshotSchedule(ctx context.Context, db, name string) (*SnapshotSchedule, error) {
	l, err := snapshotSchedules(ctx, c, db)
	if err != nil {
		return nil, err
	}
	return findSnapshotSchedule(l, db, name)
}

// SnapshotSchedules lists a database's snapshot schedules.
func (c *Client) SnapshotSchedules(ctx context.Context, db string) ([]SnapshotSchedule, error) {
	return snapshotSchedules(ctx, c, db)
}

// CreateSnapshotSchedule runs db_snapshot_backup_add_schedule. A lost
// answer is read back from db_info before the job is repeated.
func (c *Client) CreateSnapshotSchedule(ctx context.Context, s SnapshotScheduleSpec) error {
	if err := c.SnapshotSupport(ctx); err != nil {
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
func (c *Client) ModifySnapshotSchedule(ctx context.Context, db, name string, ch SnapshotScheduleChange) error {
	if err := c.SnapshotSupport(ctx); err != nil {
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
func (c *Client) DeleteSnapshotSchedule(ctx context.Context, db, name string) error {
	if err := c.SnapshotSupport(ctx); err != nil {
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
func (c *Client) StartSnapshot(ctx context.Context, db, expire string) error {
	if err := c.SnapshotSupport(ctx); err != nil {
		return err
	}
	p := Params{"db_name": db}
	if expire != "" {
		p["expire"] = expire
	}
	_, err := c.exec(ctx, "db_snapshot_backup_start", p)
	return err
}

// Read-backs of the schedule jobs (see verify.go).
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

// Snapshots on EXAoperation: Exasol 6.x has none.
func (x *EXAoperation) SnapshotSupport(context.Context) error { return x.noSnapshots() }
func (x *EXAoperation) SnapshotSchedule(context.Context, string, string) (*SnapshotSchedule, error) {
	return nil, x.noSnapshots()
}
func (x *EXAoperation) SnapshotSchedules(context.Context, string) ([]SnapshotSchedule, error) {
	return nil, x.noSnapshots()
}
func (x *EXAoperation) CreateSnapshotSchedule(context.Context, SnapshotScheduleSpec) error {
	return x.noSnapshots()
}
func (x *EXAoperation) ModifySnapshotSchedule(context.Context, string, string, SnapshotScheduleChange) error {
	return x.noSnapshots()
}
func (x *EXAoperation) DeleteSnapshotSchedule(context.Context, string, string) error {
	return x.noSnapshots()
}
func (x *EXAoperation) StartSnapshot(context.Context, string, string) error { return x.noSnapshots() }

func (x *EXAoperation) noSnapshots() error {
	return &UnsupportedError{API: "EXAoperation", What: "manage database snapshots",
		Hint: "snapshots came with Exasol 8, which is managed through ConfD"}
}

// snapshotLimits are EXAoperation's Limits for snapshots (exaop_limits.go).
var snapshotLimits = []Limit{
	{Resource: "exasol_snapshot_schedule", Why: "Exasol 6.x has no database snapshots; they came with Exasol 8 (ConfD's db_snapshot_* jobs)."},
}
