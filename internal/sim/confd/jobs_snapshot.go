package confd

import (
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Database snapshots (Exasol 8). Each job as its page declares it; what no
// page states (how schedules are listed, the list's shape, 7.1) is in the
// snapshot part of guesses.go.
func init() {
	register(
		&job{name: "db_snapshot_backup_add_schedule", desc: "Add a snapshot schedule to a database.", commits: true,
			page: docPage("db_snapshot_backup_add_schedule"), mandatory: "db_name:str backup_name:str",
			optional: "expire:str/int enabled:bool minute:str/int hour:str/int day:str/int month:str/int weekday:str/int",
			run: func(x *execution) (any, error) {
				p := x.p
				return noOutput, x.c.AddSnapshotSchedule(p.str("db_name"), cluster.SnapshotSchedule{
					Name: p.str("backup_name"), Expire: p.text("expire"),
					Minute: p.text("minute"), Hour: p.text("hour"), Day: p.text("day"),
					Month: p.text("month"), Weekday: p.text("weekday"),
					Enabled: p.bool("enabled", scheduleEnabledDefault),
				})
			}},
		// No expire: the page's optional parameters are the times and enabled.
		&job{name: "db_snapshot_backup_modify_schedule", desc: "Modify a snapshot schedule.", commits: true,
			page: docPage("db_snapshot_backup_modify_schedule"), mandatory: "db_name:str backup_name:str",
			optional: "minute:str/int hour:str/int day:str/int month:str/int weekday:str/int enabled:bool",
			run: func(x *execution) (any, error) {
				p := x.p
				return noOutput, x.c.ModifySnapshotSchedule(p.str("db_name"), p.str("backup_name"), cluster.SnapshotScheduleEdit{
					Minute: optional(p, "minute", p.text), Hour: optional(p, "hour", p.text),
					Day: optional(p, "day", p.text), Month: optional(p, "month", p.text),
					Weekday: optional(p, "weekday", p.text),
					Enabled: optional(p, "enabled", func(n string) bool { return p.bool(n, false) }),
				})
			}},
		&job{name: "db_snapshot_backup_remove_schedule", desc: "Remove a snapshot schedule.", commits: true,
			page: docPage("db_snapshot_backup_remove_schedule"), mandatory: "db_name:str backup_name:str",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.RemoveSnapshotSchedule(x.p.str("db_name"), x.p.str("backup_name"))
			}},
		// expire is "string" only on this page (the schedule pages say "string, integer").
		&job{name: "db_snapshot_backup_start", desc: "Start a snapshot of a running database.",
			page: docPage("db_snapshot_backup_start"), mandatory: "db_name:str", optional: "expire:str",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.StartSnapshot(x.p.str("db_name"), x.p.str("expire"))
			}},
		&job{name: "db_snapshot_backup_list", desc: "Return the available snapshots of a database.",
			page: docPage("db_snapshot_backup_list"), mandatory: "db_name:str",
			run: func(x *execution) (any, error) {
				st := x.c.Snapshot()
				d, err := st.FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				out := []map[string]any{}
				for _, s := range st.Snapshots {
					if s.System == d.Name {
						out = append(out, snapshotItem(st, s))
					}
				}
				return out, nil
			}},
	)
}
