package exaop

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// guess: startDatabase, stopDatabase and the like return at once; the state
// changes over time (the runbook polls for it, and Exasol's README shows
// 'setup' right after startDatabase).

func init() {
	read := func(f func(x *call, d *cluster.Database) any) func(*call) (any, error) {
		return func(x *call) (any, error) { return f(x, x.st.Database(x.obj.db)), nil }
	}
	register(kindDatabase, map[string]*method{
		"createDatabase": {change: true, help: "Create a fresh database, must not exist yet.",
			run: func(x *call) (any, error) { return done, x.s.c.InitDatabase(x.obj.db) }},
		"startDatabase": {change: true, help: "Startup the database, must exists and must not be running.",
			run: func(x *call) (any, error) { return done, x.s.c.StartDatabase(x.obj.db, false) }},
		"startDatabaseMaintenance": {change: true, help: "Start database in maintenance mode, must exist and must not be running.",
			run: func(x *call) (any, error) { return done, x.s.c.StartDatabase(x.obj.db, true) }},
		"stopDatabase": {change: true, help: "Stop an EXASolution instance.",
			run: func(x *call) (any, error) { return done, x.s.c.StopDatabase(x.obj.db, false) }},
		"shutdownDatabase": {change: true, help: "Shutdown the database, must be running.",
			run: func(x *call) (any, error) { return done, x.s.c.StopDatabase(x.obj.db, false) }},
		// guess: force aborts a running backup or restore
		"forceShutdownDatabase": {change: true, help: "Force shutdown of database, must be running.",
			run: func(x *call) (any, error) { return done, x.s.c.StopDatabase(x.obj.db, true) }},
		"restartDatabase": {change: true, help: "Restart database which must be running.",
			run: func(x *call) (any, error) { return done, x.s.c.RestartDatabase(x.obj.db) }},
		"getDatabaseState": {help: "Get the runtime state of an EXASolution instance.",
			run: read(func(x *call, d *cluster.Database) any { return d.State })},
		"stateDatabase": {help: "Return human-readable state of database.",
			run: read(func(x *call, d *cluster.Database) any { return d.State })},
		"runningDatabase": {help: "Return whether the database is started.",
			run: read(func(x *call, d *cluster.Database) any { return d.State == cluster.DBRunning })},
		"existDatabase": {help: "Return whether the database exists or not.",
			run: read(func(x *call, d *cluster.Database) any { return d.State != cluster.DBNone })},
		"maintenanceDatabase": {help: "Get maintenance state of database.",
			run: read(func(x *call, d *cluster.Database) any { return d.Maintenance })},
		"getDatabaseOperation": {help: "Get current operation of an EXASolution instance.",
			run: read(func(x *call, d *cluster.Database) any { return d.Operation })},
		"operationGetCurrent": {help: "Return the current operation.",
			run: read(func(x *call, d *cluster.Database) any { return d.Operation })},
		"getDatabaseConnectionState": {help: "Get connection state of an EXASolution instance.",
			run: read(func(x *call, d *cluster.Database) any { return dbInfo(x.st, d)["connectible"] })},
		"getDatabaseConnectionString": {help: "Return the connection string of an EXASolution instance.",
			run: read(func(x *call, d *cluster.Database) any { return connectionString(x.st, d) })},
		"getDatabaseInfo": {help: "Return information about an EXASolution instance.",
			run: read(func(x *call, d *cluster.Database) any { return dbInfo(x.st, d) })},
		"getDatabaseVersion": {help: "Return current database version.",
			run: read(func(x *call, d *cluster.Database) any { return d.Config.Version })},
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: read(func(x *call, d *cluster.Database) any { return dbProperties(d) })},
		"editDatabase": {sig: "properties:dict", change: true, help: "Edits object.", run: editDatabase},
		"enlargeDatabase": {sig: "count_of_added_active_nodes:int", change: true,
			help: "Enlarge an existing database. Precondition: the database should be stopped.",
			run:  func(x *call) (any, error) { return done, x.s.c.EnlargeDatabase(x.obj.db, x.int(0)) }},
		"backupDatabase": {sig: "volume:str level:int expire:str", change: true,
			help: "Start backup to given storage volume with given level and expiration time.",
			run: func(x *call) (any, error) {
				r, err := x.archiveRef(x.str(0))
				if err != nil {
					return nil, err
				}
				return done, x.s.c.StartBackup(x.obj.db, r, x.int(1), x.str(2))
			}},
		"abortBackup": {change: true, help: "Abort running database backup.",
			run: func(x *call) (any, error) { return done, x.s.c.AbortBackup(x.obj.db) }},
		"getBackups": {sig: "[show_all_databases:bool] [show_expired_backups:bool]",
			help: "Return a list of available backups for this database.", run: getBackups},
		"getBackupInfo": {sig: "backup_id:any", help: "Return a backup info.\n\nDUPLICATE OF: `backupInfo`", run: backupInfo},
		"backupInfo":    {sig: "backup_id:any", help: "Return information for a backup.", run: backupInfo},
		"deleteBackups": {sig: "backup_list:list", change: true, help: "Delete given backups.",
			run: func(x *call) (any, error) {
				ids, err := strs(x.list(0))
				if err != nil {
					return nil, err
				}
				return done, x.s.c.DeleteBackups(x.obj.db, ids)
			}},
		"deleteUnusableBackups": {sig: "[use_all_databases:bool]", change: true, help: "Delete all unusable backups for current database.",
			run: func(x *call) (any, error) {
				_, err := x.s.c.DeleteUnusableBackups(x.obj.db)
				return done, err
			}},
		"restoreDatabase": {sig: "backup_id:str restore_type:str", change: true,
			help: "Start restore from given backup ID and restore type.",
			run: func(x *call) (any, error) {
				if len(strings.Fields(x.str(0))) != 3 {
					return nil, usage("restoreDatabase: the backup id must have three values separated by space, got '%s'", x.str(0))
				}
				return done, x.s.c.Restore(x.obj.db, x.str(0), x.str(1))
			}},
		"getBackupSchedule": {help: "Return a list of scheduled backups.",
			run: read(func(x *call, d *cluster.Database) any {
				out := []map[string]any{}
				for _, s := range d.Schedules {
					e := map[string]any{}
					maps.Copy(e, x.s.scheduleExtras[d.Name][s.Name])
					maps.Copy(e, scheduleDict(x.st, s))
					out = append(out, e)
				}
				return out
			})},
		"setBackupSchedule": {sig: "schedules:list", change: true, help: "Set a list of all scheduled backups.", run: setBackupSchedule},
	})
}

func getBackups(x *call) (any, error) {
	all, expired := false, true
	if len(x.args) > 0 {
		all = x.args[0].(bool)
	}
	if len(x.args) > 1 {
		expired = x.args[1].(bool)
	}
	out := []map[string]any{}
	for _, b := range x.st.Backups {
		item := backupItem(x.st, b)
		if (all || b.System == x.obj.db) && (expired || item["expired"] == false) {
			out = append(out, item)
		}
	}
	return out, nil
}

// backupInfo: example.md, getBackupInfo's parameter is a backup's id, a
// timestamp or a tuple (BackupID, VolumeID). The answer: getBackups' item
// (guess) with the keys Exasol's download_backupset3.py reads (fact there):
// 'expire date' ('%Y-%m-%d %H:%M'), 'volume' (a list whose [0] is the
// archive volume, 'v0010'), 'files' (paths <db>/id_<n>/level_<n>/node_<n>/…)
// and 'dependencies' (the ids of the backups it builds on).
func backupInfo(x *call) (any, error) {
	key := x.args[0]
	if t, ok := key.([]any); ok && len(t) == 2 { // (BackupID, VolumeID)
		key = t[0]
	}
	s, err := convert("str", key)
	if err != nil {
		return nil, usage("getBackupInfo: give a backup id, a timestamp or (backup id, volume id)")
	}
	b, err := x.st.FindBackup(s.(string))
	if err != nil {
		b = nil
		for _, c := range x.st.Backups {
			if c.Started.In(cluster.Zone).Format("2006-01-02 15:04") == s.(string) {
				b = c
			}
		}
		if b == nil {
			return nil, err
		}
	}
	item := backupItem(x.st, b)
	item["expire date"] = item["expire"]
	item["volume"] = []string{archiveName(x.st, b.VolumeID)}
	item["files"] = []string{b.Path(), b.Prefix() + "/node_0/metadata_0"}
	deps := []int{}
	for base := b.Base; base != 0; {
		deps = append(deps, base)
		if bb := x.st.Backup(base); bb != nil {
			base = bb.Base
		} else {
			base = 0
		}
	}
	item["dependencies"] = deps
	return item, nil
}

// editDatabaseSpec: editDatabase's keys (EXAoperation_XMLRPC.md, Database
// editDatabase); clients_port_number, data_volume, database_version and
// memory_usage are not optional.
var editDatabaseSpec = dictSpec{
	"clients_port_number": "!int", "data_volume": "!str", "database_comment": "str", "database_version": "!str",
	"enable_auditing": "bool", "extra_params": "str", "ldap_server": "str", "memory_usage": "!int",
	"nodes_list_add_reserve": "list", "nodes_list_remove_reserve": "list", "nodes_list_deactivate": "list",
	"nodes_list_reactivate": "list", "vlan_list": "list", "volume_quota": "int", "volume_restore_delay": "str",
}

// dbEditFields: editDatabase's keys → the getProperties key each changes.
var dbEditFields = map[string]string{
	"nodes_list_add_reserve": "nodes_list", "nodes_list_remove_reserve": "nodes_list",
	"nodes_list_deactivate": "nodes_list_deactivate", "nodes_list_reactivate": "nodes_list_deactivate",
}

func init() {
	for k := range editDatabaseSpec {
		if _, ok := dbEditFields[k]; !ok {
			dbEditFields[k] = k
		}
	}
}

// editDatabase applies the changes all or nothing and returns the fields
// that changed (fact). guess: any key but the nodes_list_* ones needs a
// stopped database, like ConfD's db_configure.
func editDatabase(x *call) (any, error) {
	p, err := x.fields(x.dict(0), editDatabaseSpec)
	if err != nil {
		return nil, err
	}
	var nodes cluster.DatabaseNodesEdit
	for k, dst := range map[string]*[]int{
		"nodes_list_add_reserve": &nodes.AddReserve, "nodes_list_remove_reserve": &nodes.RemoveReserve,
		"nodes_list_deactivate": &nodes.Suspend, "nodes_list_reactivate": &nodes.Resume,
	} {
		if *dst, err = x.nodeIDs(p, k); err != nil {
			return nil, err
		}
	}
	before := dbProperties(x.st.Database(x.obj.db))
	e, err := x.dbEdit(unchangedOut(p, before))
	if err != nil {
		return nil, err
	}
	if err := x.s.c.EditDatabase(x.obj.db, e, nodes); err != nil {
		return nil, err
	}
	return changed(before, dbProperties(x.s.c.Snapshot().Database(x.obj.db)), dbEditFields, p), nil
}

// unchangedOut drops the configuration keys whose value is the current one,
// so that a client may send back what it read (guess: only a real change
// needs a stopped database).
func unchangedOut(p, current map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		cur := current[k]
		if k == "volume_restore_delay" {
			if a, err := parseDelay(strOf(p, k)); err == nil {
				b, _ := parseDelay(cur.(string))
				v, cur = a, b
			}
		}
		if l, ok := v.([]any); ok && !strings.HasPrefix(k, "nodes_list_") {
			v = fmt.Sprint(l)
			cur = fmt.Sprint(cur)
		}
		if k == "data_volume" {
			if n, err := strconv.Atoi(strOf(p, k)); err == nil {
				v = VolumeName(n)
			}
		}
		if strings.HasPrefix(k, "nodes_list_") || !reflect.DeepEqual(v, cur) {
			out[k] = p[k]
		}
	}
	return out
}

// dbEdit reads the configuration keys; nil when there are none.
func (x *call) dbEdit(p map[string]any) (*cluster.DatabaseEdit, error) {
	var e cluster.DatabaseEdit
	some := false
	str := func(k string, dst **string) {
		if _, ok := p[k]; ok {
			v := strOf(p, k)
			*dst, some = &v, true
		}
	}
	num := func(k string, dst **int) {
		if _, ok := p[k]; ok {
			v := intOf(p, k)
			*dst, some = &v, true
		}
	}
	str("database_version", &e.Version)
	str("database_comment", &e.Comment)
	str("extra_params", &e.Params)
	str("ldap_server", &e.LDAPServer)
	num("clients_port_number", &e.Port)
	num("volume_quota", &e.VolumeQuota)
	if _, ok := p["enable_auditing"]; ok {
		v := boolOf(p, "enable_auditing")
		e.EnableAuditing, some = &v, true
	}
	if _, ok := p["memory_usage"]; ok {
		if intOf(p, "memory_usage") < 1 {
			return nil, usage("memory_usage must be at least 1 (GiB)")
		}
		v := int64(intOf(p, "memory_usage")) << 30
		e.MemSize, some = &v, true
	}
	if _, ok := p["data_volume"]; ok {
		r, err := x.volumeRef(p["data_volume"])
		if err != nil {
			return nil, err
		}
		e.DataVolume, some = &r, true
	}
	if _, ok := p["vlan_list"]; ok {
		vlans, err := strsOf(p, "vlan_list")
		if err != nil {
			return nil, err
		}
		v := strings.Join(vlans, vlanSeparator)
		e.Interfaces, some = &v, true
	}
	if _, ok := p["volume_restore_delay"]; ok {
		d, err := parseDelay(strOf(p, "volume_restore_delay"))
		if err != nil {
			return nil, usage("%v", err)
		}
		e.VolumeMoveDelay, some = &d, true
	}
	if !some {
		return nil, nil
	}
	return &e, nil
}

var scheduleSpec = dictSpec{
	"backup_name": "str", "volume": "!str", "level": "!int", "expire": "str", "minute": "str", "hour": "str",
	"day": "str", "month": "str", "weekday": "str", "enabled": "bool",
}

// setBackupSchedule replaces all schedules (fact: "Set a list of all
// scheduled backups"); guesses.go ("Schedules") describes the entries.
func setBackupSchedule(x *call) (any, error) {
	var specs []cluster.ScheduleSpec
	extras := map[string]map[string]any{}
	for i, raw := range x.list(0) {
		d, ok := raw.(map[string]any)
		if !ok {
			return nil, usage("setBackupSchedule: entry %d must be a dict", i+1)
		}
		known, extra := map[string]any{}, map[string]any{}
		for k, v := range d {
			if _, ok := scheduleSpec[k]; ok {
				known[k] = v
			} else {
				extra[k] = v
			}
		}
		p, err := x.fields(known, scheduleSpec)
		if err != nil {
			return nil, err
		}
		r, err := x.archiveRef(strOf(p, "volume"))
		if err != nil {
			return nil, err
		}
		s := cluster.Schedule{
			Name: strOf(p, "backup_name"), Level: intOf(p, "level"), Expire: strOf(p, "expire"),
			Minute: strOf(p, "minute"), Hour: strOf(p, "hour"), Day: strOf(p, "day"), Month: strOf(p, "month"),
			Weekday: strOf(p, "weekday"), Enabled: true,
		}
		if s.Name == "" {
			s.Name = "schedule" + strconv.Itoa(i+1)
		}
		if _, ok := p["enabled"]; ok {
			s.Enabled = boolOf(p, "enabled")
		}
		specs = append(specs, cluster.ScheduleSpec{Schedule: s, Target: r})
		extras[s.Name] = extra
	}
	if err := x.s.c.ReplaceSchedules(x.obj.db, specs); err != nil {
		return nil, err
	}
	if x.s.scheduleExtras == nil {
		x.s.scheduleExtras = map[string]map[string]map[string]any{}
	}
	x.s.scheduleExtras[x.obj.db] = extras
	return done, nil
}
