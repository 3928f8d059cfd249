package exaop

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
)

// This file renders model objects in EXAoperation's shapes. Which keys are
// facts and which are guesses is said per function.

func nodeList(ids []int) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, NodeName(id))
	}
	return out
}

// volumeInfo is getVolumeInfo. guess as a whole (the reference gives no
// example): the keys of addStorageVolume, so that a client reads back what
// it set, plus name, vid, state, app_io, int_io and database (the database
// whose data or temporary volume it is, ” for none).
func volumeInfo(x *call, v *cluster.Volume) map[string]any {
	labels := []string{}
	for _, l := range v.Labels {
		if !isSystemLabel(v, l) {
			labels = append(labels, l)
		}
	}
	// the EXAoperation users' ids (users.go); other entries of the model's
	// access list (its service user) are not EXAoperation's to show
	allowed, readonly := []int{}, []int{}
	for _, u := range v.Users {
		switch {
		case x.s.usersLocked().byID(u.ID) == nil:
		case u.ReadOnly:
			readonly = append(readonly, u.ID)
		default:
			allowed = append(allowed, u.ID)
		}
	}
	db := v.TempOf
	for _, d := range x.st.Databases {
		if d.Config.DataVolumeID == v.ID {
			db = d.Name
		}
	}
	return map[string]any{
		"name": VolumeName(v.ID), "vid": v.ID, "volume_type": volumeTypeName(v.Type), "size": gib(v.Size),
		"hdd_type": v.Disk, "block_size": int(v.BlockSize >> 10), "masternodes": v.NumMasterNodes,
		"nodes_list": nodeList(v.Nodes), "redundancy": v.Redundancy, "priority": v.Priority, "labels": labels,
		"allowed_users": allowed, "readonly_users": readonly, "state": v.State, "app_io": v.AppIO,
		"int_io": v.IntIO, "database": db,
	}
}

// dbInfo is getDatabaseInfo (fact: the keys and value shapes of Exasol's
// README example, the same keys as ConfD's db_info without the ConfD
// face's 'config'). guess: usage values are 0 (nothing is stored).
func dbInfo(st *cluster.State, d *cluster.Database) map[string]any {
	var active, failed []int
	for _, id := range d.Config.ActiveNodes() {
		if n := st.Node(id); slices.Contains(d.Suspended, id) || n == nil || n.State != cluster.NodeOnline {
			failed = append(failed, id)
		} else {
			active = append(active, id)
		}
	}
	yes := "No"
	if d.Connectible() {
		yes = "Yes"
	}
	return map[string]any{
		"connectible": yes, "connection string": connectionString(st, d), "info": d.Info, "name": d.Name,
		"nodes":     map[string]any{"active": nodeList(active), "failed": nodeList(failed), "reserve": nodeList(d.Config.ReserveNodes())},
		"operation": d.Operation, "persistent volume": VolumeName(d.Config.DataVolumeID), "quota": d.Config.VolumeQuota,
		"state": d.State, "temporary volume": temporaryVolume(d), "usage persistent": 0, "usage temporary": 0,
	}
}

// dbProperties is a database's getProperties (fact: the keys of
// editDatabase). guess: nodes_list_deactivate lists the deactivated
// nodes, the other nodes_list_* keys are empty; extra keys database_name,
// nodes_list (active, then reserve) and nodes_number (active) as addDatabase
// takes them.
func dbProperties(d *cluster.Database) map[string]any {
	cfg := &d.Config
	// a text set through the ConfD face may separate them by commas too
	vlans := append([]string{}, strings.FieldsFunc(cfg.Interfaces, func(r rune) bool { return r == ' ' || r == ',' })...)
	return map[string]any{
		"clients_port_number": cfg.Port, "data_volume": VolumeName(cfg.DataVolumeID), "database_comment": cfg.Comment,
		"database_version": cfg.Version, "enable_auditing": cfg.EnableAuditing, "extra_params": cfg.Params,
		"ldap_server": cfg.LDAPServer, "memory_usage": gib(cfg.MemSize),
		"nodes_list_add_reserve": []string{}, "nodes_list_remove_reserve": []string{},
		"nodes_list_deactivate": nodeList(d.Suspended), "nodes_list_reactivate": []string{},
		"vlan_list": vlans, "volume_quota": cfg.VolumeQuota, "volume_restore_delay": formatDelay(cfg.VolumeMoveDelay),
		"database_name": d.Name, "nodes_list": nodeList(cfg.Nodes), "nodes_number": cfg.NumActiveNodes,
	}
}

// backupItem is one entry of getBackups: ConfD's db_backup_list entry (fact:
// EXAoperation's getBackups shares its keys; the restore id has three
// space-separated fields), with the archive volume's object name as volume.
func backupItem(st *cluster.State, b *cluster.Backup) map[string]any {
	item := confd.BackupItem(st, b)
	item["volume"] = archiveName(st, b.VolumeID)
	return item
}

// scheduleDict is one entry of getBackupSchedule (see guesses.go, "Schedules").
func scheduleDict(st *cluster.State, s *cluster.Schedule) map[string]any {
	return map[string]any{
		"backup_name": s.Name, "volume": archiveName(st, s.VolumeID), "level": s.Level, "expire": s.Expire,
		"minute": s.Minute, "hour": s.Hour, "day": s.Day, "month": s.Month, "weekday": s.Weekday, "enabled": s.Enabled,
	}
}

// nodeProperties are a node's stored properties (see nodeProps).
func nodeProperties(n *cluster.Node) map[string]any {
	out := map[string]any{}
	for k, typ := range nodeProps {
		if v, ok := n.Props[k]; ok {
			out[k] = propOut(typ, v)
		}
	}
	return out
}

// nodeInfo is getNodeInfo. guess as a whole: name, number, status, mode,
// addresses, uuid, booted (ctime format like the ConfD face, ” while
// down), and the node's properties.
func nodeInfo(st *cluster.State, id int) map[string]any {
	if id == LicenseServerID {
		return map[string]any{"name": NodeName(id), "number": id, "status": nodeRunning, "mode": nodeActive, "license_server": true}
	}
	n := st.Node(id)
	out := nodeProperties(n)
	booted := ""
	if !n.Booted.IsZero() {
		booted = n.Booted.In(cluster.Zone).Format("Mon Jan _2 15:04:05 2006")
	}
	mode := nodeActive
	if m, ok := n.Props[nodeModeProp]; ok {
		mode, _ = propOut("str", m).(string)
	}
	maps.Copy(out, map[string]any{
		"name": NodeName(id), "number": id, "status": nodeStatus(n), "mode": mode, "private_ip": n.PrivateIP(),
		"private_net": n.PrivateNet, "public_net": n.PublicNet, "uuid": n.UUID, "booted": booted, "license_server": false,
	})
	return out
}

// remoteProperties is a remote volume's getProperties (fact: the keys).
// guess: the password is shown as stored, like the ConfD face's
// remote_volume_info. A volume named otherwise than by its object name
// (by a '#Name#' label here, or by ConfD's remote_volume_add) shows its
// '#Name#' label first, as storage volumes do; the option that says the
// type where the URL does not (see remoteType) is shown among the options.
func remoteProperties(x *call, v *cluster.RemoteVolume) map[string]any {
	labels := orEmpty(v.Labels)
	if v.Name != RemoteName(v.ID) {
		labels = append([]string{volumeNameLabel + v.Name}, labels...)
	}
	opts := slices.Clone(v.Options)
	if remoteType(v.URL, opts) != v.Type && isTypeOption(v.Type) {
		opts = append(opts, v.Type)
	}
	return map[string]any{
		"allowed_users": x.userIDs(v.AllowedUsers), "readonly_users": x.userIDs(v.ReadOnlyUsers), "labels": labels,
		"options": strings.Join(opts, ","), "password": v.Password, "url": v.URL, "user": v.Username, "vid": v.ID,
	}
}

// isTypeOption: the options that give an http(s) URL its type.
func isTypeOption(o string) bool { return o == "s3" || o == "webdav" || o == "webhdfs" }

// withoutTypeOption leaves out the option that only says the type of an
// http(s) volume: the model keeps the type instead.
func withoutTypeOption(url, typ string, opts []string) []string {
	scheme, _, _ := strings.Cut(strings.ToLower(url), "://")
	if scheme != "http" && scheme != "https" {
		return opts
	}
	return slices.DeleteFunc(slices.Clone(opts), func(o string) bool { return o == typ && isTypeOption(o) })
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// logEntry is one entry of logEntries (fact: the keys).
func logEntry(e cluster.Event) map[string]any {
	node := ""
	if e.Node != 0 {
		node = NodeName(e.Node)
	}
	return map[string]any{"strtime": e.At.In(cluster.Zone).Format(logTimeFormat), "system": e.System, "node": node, "message": e.Message}
}

// changed lists the requested fields whose shown value differs between
// before and after; fields maps a request key to the key it changes.
func changed(before, after map[string]any, fields map[string]string, requested map[string]any) []string {
	out := []string{}
	for k, shown := range fields {
		if _, ok := requested[k]; ok && !reflect.DeepEqual(before[shown], after[shown]) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
