package confd

import (
	"fmt"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(
		&job{name: "db_backup_start", desc: "Start a backup of a running database to an archive volume.",
			mandatory: fields("db_name backup_volume_id|backup_volume_name level"),
			// expire_time: the name the seed uses (older releases)
			optional: fields("expire expire_time"),
			run: func(x *execution) (any, error) {
				vol, err := x.p.ref("backup_volume_id", "backup_volume_name")
				if err != nil {
					return nil, err
				}
				expire := x.p.text("expire")
				if !x.p.has("expire") {
					expire = x.p.text("expire_time")
				}
				return noOutput, x.c.StartBackup(x.p.str("db_name"), vol, x.p.int("level"), expire)
			}},
		&job{name: "db_backup_list", desc: "List the backups of a database.", mandatory: fields("db_name"),
			optional: fields("show_foreign"),
			run: func(x *execution) (any, error) {
				st := x.c.Snapshot()
				d, err := st.FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				out := []map[string]any{}
				for _, b := range st.Backups {
					if b.System == d.Name || x.p.bool("show_foreign", false) {
						out = append(out, BackupItem(st, b))
					}
				}
				return out, nil
			}},
		&job{name: "db_backup_abort", desc: "Abort the running backup of a database.", mandatory: fields("db_name"),
			run: func(x *execution) (any, error) { return noOutput, x.c.AbortBackup(x.p.str("db_name")) }},
		&job{name: "db_backup_progress", desc: "Return the progress of the running backup of a database.",
			mandatory: fields("db_name"), run: backupProgress},
		&job{name: "db_backup_delete_unusable", desc: "Delete all unusable backups of a database.",
			mandatory: fields("db_name"),
			run: func(x *execution) (any, error) {
				_, err := x.c.DeleteUnusableBackups(x.p.str("db_name"))
				return noOutput, err
			}},
		&job{name: "db_backups_delete", desc: "Delete backups of a database.",
			mandatory: fields("db_name backup_list"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.DeleteBackups(x.p.str("db_name"), x.p.strs("backup_list"))
			}},
		&job{name: "db_backup_change_expiration", desc: "Change the expiration time of backups.",
			mandatory: fields("backup_volume_id|backup_volume_name backup_files expire_time"),
			run: func(x *execution) (any, error) {
				vol, err := x.p.ref("backup_volume_id", "backup_volume_name")
				if err != nil {
					return nil, err
				}
				var at time.Time
				if s := strings.TrimSpace(x.p.str("expire_time")); s != "" {
					if at, err = time.ParseInLocation(time.DateTime, s, cluster.Zone); err != nil {
						return nil, fmt.Errorf("expire_time '%s' must look like 'YYYY-MM-DD hh:mm:ss'", s)
					}
				}
				return noOutput, x.c.SetBackupExpiry(vol, x.p.str("backup_files"), at)
			}},
		&job{name: "db_restore", desc: "Restore a stopped database from a backup.",
			mandatory: fields("db_name backup_id restore_type"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.Restore(x.p.str("db_name"), x.p.text("backup_id"), x.p.str("restore_type"))
			}},
		&job{name: "db_backup_add_schedule", desc: "Add a backup schedule to a database.", commits: true,
			mandatory: fields("db_name backup_name backup_volume_id|backup_volume_name level"),
			optional:  fields("expire enabled minute hour day month weekday"),
			run: func(x *execution) (any, error) {
				vol, err := x.p.ref("backup_volume_id", "backup_volume_name")
				if err != nil {
					return nil, err
				}
				p := x.p
				return noOutput, x.c.AddSchedule(p.str("db_name"), cluster.Schedule{
					Name: p.str("backup_name"), Level: p.int("level"), Expire: p.text("expire"),
					Minute: p.text("minute"), Hour: p.text("hour"), Day: p.text("day"),
					Month: p.text("month"), Weekday: p.text("weekday"),
					Enabled: p.bool("enabled", scheduleEnabledDefault),
				}, vol)
			}},
		&job{name: "db_backup_modify_schedule", desc: "Modify a backup schedule.", commits: true,
			mandatory: fields("db_name backup_name"),
			optional:  fields("expire minute hour day month weekday enabled"),
			run: func(x *execution) (any, error) {
				p := x.p
				return noOutput, x.c.ModifySchedule(p.str("db_name"), p.str("backup_name"), cluster.ScheduleEdit{
					Expire: optional(p, "expire", p.text), Minute: optional(p, "minute", p.text),
					Hour: optional(p, "hour", p.text), Day: optional(p, "day", p.text),
					Month: optional(p, "month", p.text), Weekday: optional(p, "weekday", p.text),
					Enabled: optional(p, "enabled", func(n string) bool { return p.bool(n, false) }),
				})
			}},
		&job{name: "db_backup_remove_schedule", desc: "Remove a backup schedule.", commits: true,
			mandatory: fields("db_name backup_name"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.RemoveSchedule(x.p.str("db_name"), x.p.str("backup_name"))
			}},
	)
}

func backupProgress(x *execution) (any, error) {
	st := x.c.Snapshot()
	d, err := st.FindDatabase(x.p.str("db_name"))
	if err != nil {
		return nil, err
	}
	return progressOutput(st, d), nil
}
