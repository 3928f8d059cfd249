package cluster

import (
	"regexp"
	"strconv"
	"strings"
)

// Schedules are stored configuration only: the simulator never fires them
// (a real cluster would start backups at the given times).

// AddSchedule adds a backup schedule to a database. Empty time fields take
// the defaults (minute "0", the others "*").
func (c *Cluster) AddSchedule(db string, s Schedule, target Ref) error {
	return c.editDB(db, func(st *State, d *Database) error {
		if s.Name == "" {
			return invalid("backup_name must not be empty")
		}
		if d.Schedule(s.Name) != nil {
			return conflict("backup schedule '%s' already exists for database '%s'", s.Name, d.Name)
		}
		n, err := newSchedule(st, s, target)
		if err != nil {
			return err
		}
		d.Schedules = append(d.Schedules, n)
		return nil
	})
}

// newSchedule resolves the target, fills in default times and checks the
// schedule.
func newSchedule(st *State, s Schedule, target Ref) (*Schedule, error) {
	vid, _, err := st.FindArchive(target)
	if err != nil {
		return nil, err
	}
	s.VolumeID = vid
	for _, f := range []*string{&s.Hour, &s.Day, &s.Month, &s.Weekday} {
		if *f == "" {
			*f = "*"
		}
	}
	if s.Minute == "" {
		s.Minute = "0"
	}
	if err := checkSchedule(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

// ScheduleSpec is a schedule with its target archive volume.
type ScheduleSpec struct {
	Schedule Schedule
	Target   Ref
}

// ReplaceSchedules replaces all of a database's schedules at once
// (EXAoperation's setBackupSchedule); nothing changes if one of them is
// refused. Schedules are added and removed in any database state; one that
// is changed needs a running database, as ModifySchedule does (guess: the
// same rule as ConfD's db_backup_modify_schedule, see exaop/guesses.go).
func (c *Cluster) ReplaceSchedules(db string, specs []ScheduleSpec) error {
	return c.editDB(db, func(st *State, d *Database) error {
		var out []*Schedule
		for _, sp := range specs {
			if sp.Schedule.Name == "" {
				return invalid("backup_name must not be empty")
			}
			for _, o := range out {
				if o.Name == sp.Schedule.Name {
					return conflict("backup schedule '%s' is given twice", o.Name)
				}
			}
			n, err := newSchedule(st, sp.Schedule, sp.Target)
			if err != nil {
				return err
			}
			if o := d.Schedule(n.Name); o != nil && *o != *n && d.State != DBRunning {
				return conflict("database '%s' is %s; modifying a backup schedule needs a running database", d.Name, d.State)
			}
			out = append(out, n)
		}
		d.Schedules = out
		return nil
	})
}

// ScheduleEdit changes a schedule; nil fields stay.
type ScheduleEdit struct {
	Expire, Minute, Hour, Day, Month, Weekday *string
	Enabled                                   *bool
}

// ModifySchedule applies an edit to a schedule. fact: "The database must be
// running to run this job" (docs of db_backup_modify_schedule).
func (c *Cluster) ModifySchedule(db, name string, e ScheduleEdit) error {
	return c.editDB(db, func(st *State, d *Database) error {
		if d.State != DBRunning {
			return conflict("database '%s' is %s; modifying a backup schedule needs a running database", d.Name, d.State)
		}
		s := d.Schedule(name)
		if s == nil {
			return notFound("backup schedule '%s' of database '%s'", name, d.Name)
		}
		n := *s
		set(&n.Expire, e.Expire)
		set(&n.Minute, e.Minute)
		set(&n.Hour, e.Hour)
		set(&n.Day, e.Day)
		set(&n.Month, e.Month)
		set(&n.Weekday, e.Weekday)
		set(&n.Enabled, e.Enabled)
		if err := checkSchedule(&n); err != nil {
			return err
		}
		*s = n
		return nil
	})
}

// RemoveSchedule removes a schedule.
func (c *Cluster) RemoveSchedule(db, name string) error {
	return c.editDB(db, func(st *State, d *Database) error {
		for i, s := range d.Schedules {
			if s.Name == name {
				d.Schedules = append(d.Schedules[:i], d.Schedules[i+1:]...)
				return nil
			}
		}
		return notFound("backup schedule '%s' of database '%s'", name, d.Name)
	})
}

func checkSchedule(s *Schedule) error {
	if s.Level < 0 || s.Level > 9 {
		return invalid("backup level must be between 0 and 9, got %d", s.Level)
	}
	if _, err := ParseExpire(s.Expire); err != nil {
		return err
	}
	fields := []struct {
		name, val string
		lo, hi    int
	}{
		{"minute", s.Minute, 0, 59}, {"hour", s.Hour, 0, 23}, {"day", s.Day, 1, 31},
		{"month", s.Month, 1, 12}, {"weekday", weekdayNumbers(s.Weekday), 0, 7},
	}
	for _, f := range fields {
		if !cronField(f.val, f.lo, f.hi) {
			return invalid("%s %q is not a cron field for values %d-%d (e.g. \"*\", \"*/15\", \"1,3-5\")", f.name, f.val, f.lo, f.hi)
		}
	}
	return nil
}

// WeekdayNames are the day names weekday accepts besides 0-7 (fact: "0 - 7
// or the english name of the day or *"). guess: full names and their
// three-letter abbreviations, in any case, wherever a number may stand.
var WeekdayNames = map[string]int{
	"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var dayNameRE = regexp.MustCompile(`[A-Za-z]+`)

// weekdayNumbers replaces day names by their numbers; unknown words stay
// and fail the cron check.
func weekdayNumbers(v string) string {
	return dayNameRE.ReplaceAllStringFunc(v, func(w string) string {
		if n, ok := WeekdayNames[strings.ToLower(w)]; ok {
			return strconv.Itoa(n)
		}
		return w
	})
}

// cronField accepts "*", "*/n", and comma lists of "a", "a-b", "a-b/n".
func cronField(v string, lo, hi int) bool {
	num := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= lo && n <= hi
	}
	for _, part := range strings.Split(v, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return false
			}
		}
		if rng == "*" {
			continue
		}
		a, b, isRange := strings.Cut(rng, "-")
		x, ok := num(a)
		if !ok {
			return false
		}
		if isRange {
			y, ok := num(b)
			if !ok || y < x {
				return false
			}
		} else if hasStep {
			return false
		}
	}
	return true
}
