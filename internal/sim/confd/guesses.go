package confd

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// This file collects the ConfD behavior no public source states. Each
// choice is marked "guess:"; facts are marked "fact:". Change them here.
// Outputs that are guesses as a whole are rendered here too; keys that are
// guesses inside fact-shaped outputs are added by the add*Extras functions.
// The model's own guesses are in ../cluster/guesses.go.

// Job failure envelope. guess: no failure envelope has ever been published;
// a non-zero code, a name, and the message in both result_desc and
// result_output.
const (
	failCode = 1
	failName = "ERROR"
)

// Success envelope (fact).
const (
	okCode = 0
	okName = "OK"
	okDesc = "Success"
)

// XML-RPC fault codes for protocol misuse. guess: Python's SimpleXMLRPCServer
// uses 1 for everything; distinct codes help clients and tests.
const (
	faultUnknownMethod = 1 // no such XML-RPC method
	faultBadArguments  = 2 // wrong number or type of arguments to a method
	faultUnknownJob    = 3 // job name not in the job table
	faultUnknownJobID  = 4 // job id never issued (or forgotten)
	faultNotFinished   = 5 // job_result of a job that is still running
)

// Parameter names that differ between releases (fact: "node_id" on older
// releases, "nid" on newer). Both are accepted as substitutes of each other.
const nodeIDParams = "nid|node_id"

// guess: db_start and db_stop finish (job_wait true, job_exec returns) only
// when the database has reached running / setup. The seed runs db_state
// right after db_start and sees 'running'. Other readers see the
// transitional state meanwhile. db_create's auto start does not wait.
const startStopWaits = true

// guess: a new schedule is disabled unless enabled=true is given (the docs:
// "When set to True, the schedule is enabled immediately. Otherwise, the
// schedule will not run until it is enabled").
const scheduleEnabledDefault = false

// Rendering details of node_list (fact: shapes from the seed; values guess).
const dockerVolumeFmt = "/exa/etc/%s" // docker_volume, by node name

// guess: the container ports a docker node exposes, as [container, host].
var exposedPorts = [][]int{{8563, 8563}, {443, 443}}

// bootedFormat is Python's time.ctime() (fact: 'Tue Jul  7 14:14:07 2020').
const bootedFormat = "Mon Jan _2 15:04:05 2006"

// Backup listing formats (fact).
const (
	backupTimeFormat = "2006-01-02 15:04"
	backupTSFormat   = "200601021504"
)

// guess: "used" of a volume in db_info's usage lists; nothing is stored.
const usageUsed = "0 B"

// Where remote_volume_add says it wrote the volume's configuration (fact:
// '/exa/etc/remote_volumes/root.0.conf'; the index counts the owner's
// volumes from 0 — guess).
const remoteConfFmt = "/exa/etc/remote_volumes/%s.%d.conf"

// guess: the job stages reported by job_info (fact: the stage names).
const (
	stageExecuted  = "executed"
	stageFinished  = "finished"  // read-only jobs end here
	stageCommitted = "committed" // config-changing jobs end here
)

// guess: license_info output.
var licenseInfo = map[string]any{
	"license_type": "Developer", "valid": true, "expiration_date": "unlimited",
	"dbram_limit": "unlimited", "raw_data_limit": "10 GiB", "customer": "exasol-sim",
}

// pluginInfoOutput is plugin_info's result. guess: the docs show no output;
// ConfD plugins are packages in a bucket, with no run state of their own.
func pluginInfoOutput(name string) map[string]any {
	return map[string]any{"name": name, "installed": true}
}

// guess: node_info's extended fields.
const (
	nodePlatform = "Docker"
	nodeLoad     = "0.00 0.00 0.00"
)

// splitList reads a list parameter given as one string. guess: items are
// separated by commas and/or blanks, as EXAoperation-era option strings are.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// volumeIDOutput is st_volume_create's result. guess: the docs only say
// "returns the volume ID"; it is text like every id ConfD renders ('0').
func volumeIDOutput(id int) any { return strconv.Itoa(id) }

// connectionString is db_info's 'connection string'. guess: the first
// active node's private address and the port; real multi-node clusters
// write a range such as 10.10.10.11..13:8563.
func connectionString(st *cluster.State, d *cluster.Database) string {
	if n := st.Node(d.Config.ActiveNodes()[0]); n != nil {
		return fmt.Sprintf("%s:%d", n.PrivateIP(), d.Config.Port)
	}
	return ""
}

// remoteStateOn is remote_volume_state's entry for one node (fact: values
// Online / Unmounted / Connection problem). guess: online nodes see the
// volume 'Online', the others 'Unmounted'; connections never fail.
func remoteStateOn(n *cluster.Node) string {
	if n.State == cluster.NodeOnline {
		return "Online"
	}
	return "Unmounted"
}

// versionListJob lists the installed database versions. guess: no public
// source names a ConfD job for it (EXAoperation had
// getListValues('EXASolutionVersions')); the output is a list of version
// strings like db_list's list of names. The client knows the name too.
const versionListJob = "db_version_list"

// st_node_list (fact: docs, "Create Local Archive Volume": storage nodes
// keyed '0', '1', …, each with its name, hdd_free_space per disk written
// like '93.5566 GiB', and hdds entries with a device name and the disk as
// type). guess: the keys count the nodes in id order from 0; free space is
// always written in GiB with four decimals; nothing beyond these keys.
const freeSpaceFormat = "%.4f GiB"

// guess: volume dicts carry "volume_type" (the 'data'/'archive' given to
// st_volume_create), which the seed does not show, so that a client can
// tell data from archive volumes. See volume() in render.go.
const volumeTypeKey = "volume_type"

// addNodeExtras: guess: node_list entries of nodes with a public network
// carry "public_net" (the seed's node has none).
func addNodeExtras(m map[string]any, n *cluster.Node) {
	if n.PublicNet != "" {
		m["public_net"] = n.PublicNet
	}
}

// addRemoteExtras: guess: remote_volume_info also shows labels, options and
// allowed_users, so that a client can read back what it set.
func addRemoteExtras(m map[string]any, v *cluster.RemoteVolume) {
	m["labels"], m["options"], m["allowed_users"] = orEmpty(v.Labels), orEmpty(v.Options), orEmpty(v.AllowedUsers)
}

// dbConfig is db_info's "config". guess: the stored configuration under the
// parameter names of db_create (mem_size canonical, owner [uid, gid], nodes
// as ids, active first), so that a client can read back what it set; plus
// data_volume_id, db_uuid, and "backups": the schedules [kb3].
func dbConfig(st *cluster.State, d *cluster.Database) map[string]any {
	cfg := &d.Config
	backups := []map[string]any{}
	for _, s := range d.Schedules {
		backups = append(backups, schedule(st, s))
	}
	return map[string]any{
		"version": cfg.Version, "mem_size": cluster.FormatSize(cfg.MemSize), "port": cfg.Port,
		"owner": []int{cfg.Owner[0], cfg.Owner[1]}, "params": cfg.Params, "auto_start": cfg.AutoStart,
		"data_volume_name": volumeName(st.Volume(cfg.DataVolumeID)), "data_volume_id": strconv.Itoa(cfg.DataVolumeID),
		"nodes": slices.Clone(cfg.Nodes), "num_active_nodes": cfg.NumActiveNodes,
		"enable_auditing": cfg.EnableAuditing, "volume_quota": cfg.VolumeQuota,
		"volume_move_delay": cfg.VolumeMoveDelay, "ldap_server": cfg.LDAPServer,
		"interfaces": cfg.Interfaces, "db_uuid": d.UUID, "backups": backups,
	}
}

// schedule renders a backup schedule. guess: keys are the parameter names
// of db_backup_add_schedule; the volume id is text like every id ConfD
// renders.
func schedule(st *cluster.State, s *cluster.Schedule) map[string]any {
	return map[string]any{
		"backup_name": s.Name, "backup_volume_name": st.ArchiveName(s.VolumeID),
		"backup_volume_id": strconv.Itoa(s.VolumeID), "level": s.Level, "expire": s.Expire,
		"minute": s.Minute, "hour": s.Hour, "day": s.Day, "month": s.Month, "weekday": s.Weekday,
		"enabled": s.Enabled,
	}
}

// progressOutput is db_backup_progress's result. guess: the docs give no
// example; this says what runs, how far it is (percent) and when it should
// end. Without a running backup it reports the current operation and
// running=false.
func progressOutput(st *cluster.State, d *cluster.Database) map[string]any {
	if d.Operation != cluster.OpBackup || d.Backup == nil || d.OpChange == nil {
		return map[string]any{"operation": d.Operation, "running": false, "progress": 0}
	}
	return map[string]any{
		"operation": d.Operation, "running": true,
		"progress": int(math.Floor(d.OpChange.Progress(st.Now) * 100)),
		"level":    d.Backup.Level, "volume": st.ArchiveName(d.Backup.VolumeID),
		"started":       d.OpChange.Since.In(cluster.Zone).Format(time.DateTime),
		"estimated_end": d.OpChange.Due.In(cluster.Zone).Format(time.DateTime),
	}
}

// nodeInfoOutput is node_info's result. guess: the docs point to
// cosnodeinfo's output; this is its gist.
func nodeInfoOutput(st *cluster.State, n *cluster.Node) map[string]any {
	booted := ""
	if !n.Booted.IsZero() {
		booted = n.Booted.In(cluster.Zone).Format(bootedFormat)
	}
	return map[string]any{
		"id": strconv.Itoa(n.ID), "name": n.Name, "state": n.State, "platform": nodePlatform,
		"load": nodeLoad, "private_ip": n.PrivateIP(), "uuid": n.UUID, "booted": booted,
		"master": n.ID == st.Master,
	}
}
