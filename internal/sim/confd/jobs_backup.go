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
			page: docPage("db_backup_start"), mandatory: "db_name:str backup_volume_id:int|backup_volume_name:str level:int",
			optional: "expire:str",
			run: func(x *execution) (any, error) {
				vol, err := x.p.ref("backup_volume_id", "backup_volume_name")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.StartBackup(x.p.str("db_name"), vol, x.p.int("level"), x.p.str("expire"))
			}},
		&job{name: "db_backup_list", desc: "Return the available backups of a database.", page: docPage("db_backup_list"),
			mandatory: "db_name:str", optional: "show_foreign:bool",
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
		&job{name: "db_backup_abort", desc: "Abort the running backup of a database.", page: docPage("db_backup_abort"),
			mandatory: "db_name:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.AbortBackup(x.p.str("db_name")) }},
		&job{name: "db_backup_progress", desc: "Return the progress of the running backup of a database.",
			page: docPage("db_backup_progress"), mandatory: "db_name:str", run: backupProgress},
		&job{name: "db_backup_delete_unusable", desc: "Delete all unusable backups of a database.",
			page: docPage("db_backup_delete_unusable"), mandatory: "db_name:str",
			run: func(x *execution) (any, error) {
				_, err := x.c.DeleteUnusableBackups(x.p.str("db_name"))
				return noOutput, err
			}},
		&job{name: "db_backups_delete", desc: "Delete the given backups.", page: docPage("db_backups_delete"),
			mandatory: "db_name:str backup_list:list[str]",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.DeleteBackups(x.p.str("db_name"), x.p.strs("backup_list"))
			}},
		&job{name: "db_backup_change_expiration", desc: "Change the expiration time of a backup.",
			page:      docPage("db_backup_change_expiration"),
			mandatory: "backup_volume_id:int|backup_volume_name:str backup_files:str expire_time:str",
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
		&job{name: "db_restore", desc: "Restore a stopped database from a backup.", page: docPage("db_restore"),
			mandatory: "db_name:str backup_id:str restore_type:str",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.Restore(x.p.str("db_name"), x.p.str("backup_id"), x.p.str("restore_type"))
			}},
		&job{name: "db_backup_add_schedule", desc: "Add a backup schedule to a database.", commits: true,
			page:      docPage("db_backup_add_schedule"),
			mandatory: "db_name:str backup_name:str backup_volume_id:int|backup_volume_name:str level:int",
			optional:  "expire:str/int enabled:bool minute:str/int hour:str/int day:str/int month:str/int weekday:str/int",
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
			page: docPage("db_backup_modify_schedule"), mandatory: "db_name:str backup_name:str",
			optional: "expire:str/int minute:str/int hour:str/int day:str/int month:str/int weekday:str/int enabled:bool",
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
			page: docPage("db_backup_remove_schedule"), mandatory: "db_name:str backup_name:str",
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
