package confd

import (
	"fmt"
	"maps"
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

// Releases (see release.go). The pages (db/latest) describe 8.x; no 7.1
// job pages were found. guess, from the community examples (the seed, a
// job_help listing of an Exasol 6.2.7 docker cluster, ConfD's pre-8 line):
// the node jobs name the node id node_id and take one node, node_add names
// it id and has no offline flag; db_create's port was mandatory on older
// releases (issue 15; not confirmed). Every other job is taken as its page
// says.
const (
	release71NodeParam = "node_id"
	release71NodeAddID = "id"
)

// release71NodeAddState: guess: 7.1 adds nodes suspended like 8.x does
// without offline (it has no flag to ask otherwise).
const release71NodeAddState = cluster.NodeSuspended

// releaseVersions is what settings_list reports as Global.ConfVersion, the
// release's software version. guess: EXAConf's [Global] section carries
// the installed version as ConfVersion; no page shows settings_list's
// output. Clients may read it with {'sections': {'Global': ['ConfVersion']}}.
var releaseVersions = map[string]string{Release8: "8.29.0", Release71: "7.1.30"}

// settingsListOutput is settings_list's answer without sections: every
// section as {entry: value}, values as EXAConf text. guess: the shape
// (the page shows only the sections parameter).
func settingsListOutput(st *cluster.State, release string) map[string]any {
	out := settings(st)
	if g, ok := out["Global"].(map[string]any); ok {
		g["ConfVersion"] = releaseVersions[release]
	}
	return out
}

// guessedJobs are the jobs served without an official page, with what they
// rest on. TestEveryJobHasASource keeps this list and the table in step.
var guessedJobs = map[string]string{
	// The community examples (seed, Exasol 6.2.7 job_help output) list
	// "st_volume_shrink: Shrink volume by blocks_per_node (vid,
	// blocks_per_node)"; the current storage overview has no such job.
	"st_volume_shrink": "community examples (6.2.7 job list); no page in the current reference",
	// EXAoperation had getListValues('EXASolutionVersions'); no ConfD job
	// lists the installed versions on any page.
	versionListJob: "no public source; the simulator's own",
}

// Parameters the pages (or the jobs' help text, for rows past what the
// page excerpts showed) list that the model does not keep: accepted and
// type-checked, without effect in the simulation.
const (
	dbCreateUnmodelled = "additional_sys_passwd_hashes:str cache_volume_disk:str cloud_data_volume_name:str " +
		"default_sys_passwd_hash:str initial_sql:str jdbc_urls:list master_database:str oracle_url:str"
	dbConfigureUnmodelled = "additional_sys_passwd_hashes:str cache_volume_disk:str cloud_data_volume_name:str " +
		"create_new_db:bool default_sys_passwd_hash:str initial_sql:str jdbc_urls:list oracle_url:str"
	stVolumeCreatePorts = "ftp_port:int ftps_port:int http_port:int https_port:int sftp_port:int"
)

// quotaGiB reads db_configure's volume_quota, a size with unit ("in MiB,
// GiB, or TiB"; db_create takes whole GiB as an integer). guess: the model
// keeps quotas in whole GiB, so other sizes are refused.
func quotaGiB(s string) (int, error) {
	n, err := cluster.ParseSize(s)
	if err != nil || n%(1<<30) != 0 {
		return 0, fmt.Errorf("volume_quota must be a whole number of GiB such as \"100 GiB\", got '%s'", s)
	}
	return int(n >> 30), nil
}

// masterChoice picks master_change's new master from nids (fact: "selects
// a new master node from a list of nodes"). guess: the first online node of
// the list other than the current master; the current master stays when it
// is the only online node listed; 0 when none is online.
func masterChoice(st *cluster.State, nids []int) int {
	stay := 0
	for _, id := range nids {
		n := st.Node(id)
		if n == nil || n.State != cluster.NodeOnline {
			continue
		}
		if id != st.Master {
			return id
		}
		stay = id
	}
	return stay
}

// dbStateName is a database state as db_state and db_info name it (fact:
// db_state's page: 'Running', 'Setup', 'Startup', 'Shutdown'; the model
// keeps the lower-case names EXAoperation uses). guess: db_info's "state"
// is written the same way.
func dbStateName(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// allVolumes is st_volume_info's vid for every volume (fact: the page).
const allVolumes = "all_volumes"

// allVolumesOutput is st_volume_info's answer for 'all_volumes'. guess: a
// list of what st_volume_info says of each volume, in id order.
func allVolumesOutput(st *cluster.State) []map[string]any {
	out := []map[string]any{}
	for _, v := range st.Volumes {
		out = append(out, volume(v, true))
	}
	return out
}

// remoteDetails is one entry of remote_volume_list_details. guess: the
// page shows no output; this follows a published transcript of the job
// (name, type, url, username, password, owner as [uid, gid], vid as text,
// options as one comma-separated string) plus labels.
func remoteDetails(v *cluster.RemoteVolume) map[string]any {
	return map[string]any{
		"name": v.Name, "type": v.Type, "url": v.URL, "username": v.Username, "password": v.Password,
		"owner": remoteOwnerIDs(v), "vid": strconv.Itoa(v.ID), "options": strings.Join(v.Options, ", "),
		"labels": orEmpty(v.Labels),
	}
}

// remoteOwnerIDs: guess: a volume added without owner is owned by the
// caller's uid (0 for names the model does not know) and the same gid.
func remoteOwnerIDs(v *cluster.RemoteVolume) []int {
	if v.OwnerIDs != nil {
		return []int{v.OwnerIDs[0], v.OwnerIDs[1]}
	}
	id := cluster.OwnerIDs[v.Owner]
	return []int{id, id}
}

// ownerUsers are the user names an owner uid is written back as, in order
// of preference (guess; see cluster.OwnerIDs).
var ownerUsers = []string{"root", "exadefusr", "exaadm", "exadbadm"}

// ownerName writes a uid as a user name where the model knows one.
func ownerName(uid int) string {
	for _, u := range ownerUsers {
		if cluster.OwnerIDs[u] == uid {
			return u
		}
	}
	return strconv.Itoa(uid)
}

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

// guess: license_info output: these fields, each overridden by the leaf
// element of that name of an XML license (cluster.LicenseLeaves; those of
// its features element are left out), and the other leaves added. A
// license that is no XML shows these alone. So both faces report the
// fields of the one license (EXAoperation's getLicense* reads, exaop/guesses.go).
var licenseInfo = map[string]any{
	"license_type": "Developer", "valid": true, "expiration_date": "unlimited",
	"dbram_limit": "unlimited", "raw_data_limit": "10 GiB", "customer": "exasol-sim",
}

func licenseInfoOf(license string) map[string]any {
	out := maps.Clone(licenseInfo)
	leaves, _ := cluster.LicenseLeaves(license)
	for k, v := range leaves {
		if !strings.HasPrefix(k, cluster.LicenseFeatures+"/") {
			out[k] = v
		}
	}
	return out
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

// addRemoteExtras: guess: remote_volume_info also shows labels and
// options, so that a client can read back what it set.
func addRemoteExtras(m map[string]any, v *cluster.RemoteVolume) {
	m["labels"], m["options"] = orEmpty(v.Labels), orEmpty(v.Options)
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
	m := map[string]any{
		"version": cfg.Version, "mem_size": cluster.FormatSize(cfg.MemSize), "port": cfg.Port,
		"owner": []int{cfg.Owner[0], cfg.Owner[1]}, "params": cfg.Params, "auto_start": cfg.AutoStart,
		"data_volume_name": volumeName(st.Volume(cfg.DataVolumeID)), "data_volume_id": strconv.Itoa(cfg.DataVolumeID),
		"nodes": slices.Clone(cfg.Nodes), "num_active_nodes": cfg.NumActiveNodes,
		"enable_auditing": cfg.EnableAuditing, "volume_quota": cfg.VolumeQuota,
		"volume_move_delay": cfg.VolumeMoveDelay, "ldap_server": cfg.LDAPServer,
		"interfaces": cfg.Interfaces, "db_uuid": d.UUID, "backups": backups,
		"max_system_heap_memory": heapSizeText(cfg.MaxSystemHeapMemory),
	}
	addSnapshotConfig(m, d)
	return m
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

// heapSizeText writes max_system_heap_memory back as db_configure takes it.
func heapSizeText(n int64) string {
	if n == 0 {
		return "default"
	}
	return cluster.FormatSize(n)
}

// bucketFSInfoOutput is bucketfs_info's answer. guess: no page shows it
// (the bucket pages say it "returns the full details about the specified
// BucketFS service including all buckets"): the service's parameters under
// their bucketfs_add names, owner as [uid, gid], and "buckets" as
// {bucket_name: {public, additional_files}}. Passwords are never shown.
func bucketFSInfoOutput(b *cluster.BucketFS) map[string]any {
	buckets := map[string]any{}
	for _, name := range b.BucketOrder {
		bk := b.Buckets[name]
		files := []any{}
		for _, f := range bk.AdditionalFiles {
			files = append(files, f)
		}
		buckets[name] = map[string]any{"public": bk.Public, "additional_files": files}
	}
	return map[string]any{
		"bucketfs_name": b.Name, "http_port": int64(b.HTTPPort), "https_port": int64(b.HTTPSPort),
		"owner": []any{int64(b.Owner[0]), int64(b.Owner[1])}, "sync_period": int64(b.SyncPeriod),
		"path": b.Path, "mode": b.Mode, "bucketvolume": b.BucketVolume, "buckets": buckets,
	}
}

// bucketFSListOutput is bucketfs_list's answer. guess: the services' names,
// in creation order (the page says only that it lists them).
func bucketFSListOutput(st *cluster.State) []any {
	out := []any{}
	for _, b := range st.BucketFS {
		out = append(out, b.Name)
	}
	return out
}

// userOutput is one user as user_info and user_list show it. guess: no page
// shows it; the user_create parameters' names (the password never), the
// primary group by name.
func userOutput(u *cluster.SysUser) map[string]any {
	list := func(l []string) []any {
		out := []any{}
		for _, s := range l {
			out = append(out, s)
		}
		return out
	}
	return map[string]any{"username": u.Name, "userid": int64(u.ID), "group": u.Group, "login_enabled": u.LoginEnabled,
		"additional_groups": list(u.AdditionalGroups), "authorized_keys": list(u.AuthorizedKeys)}
}

// userListOutput is user_list's answer. guess: {username: user}, like
// group_list's documented {groupname: {id}}.
func userListOutput(st *cluster.State) map[string]any {
	out := map[string]any{}
	for _, u := range st.SysUsers {
		out[u.Name] = userOutput(u)
	}
	return out
}

// groupListOutput is group_list's answer. fact: the example output on the
// add_users page, {groupname: {id: N}}.
func groupListOutput(st *cluster.State) map[string]any {
	out := map[string]any{}
	for _, g := range st.SysGroups {
		out[g.Name] = map[string]any{"id": int64(g.ID)}
	}
	return out
}

// cert_update's checks beyond the documented chain length. guess: cert is
// PEM certificates, key a PEM private key of the chain's first
// certificate, ca (when given) PEM certificates; verify_cert is accepted
// without effect (the simulator checks no WebPKI rules). The job has no
// output and no job reads the certificate back.

// licenseFile is license_download's answer before any upload. guess: the
// simulator's own text; an uploaded license is kept as sent (any non-empty
// text) and returned as it is; license_info reads the fields of an XML
// license only (licenseInfoOf).
const licenseFile = "[License]\nLicenseType = Developer\nCustomer = exasol-sim\n"

// Snapshots (jobs_snapshot.go). The pages
// (https://docs.exasol.com/db/latest/confd/jobs/db_snapshot_backup_*.htm)
// document add/modify/remove_schedule, start and list; none lists snapshot
// schedules, none shows an output, and none names a release.

// release8OnlyJobs are jobs Exasol 7.1 does not have. guess: snapshots came
// with Exasol 8 (issue 21: "Snapshots (8.x)"; the pages are db/latest and
// no 7.1 page of any db_snapshot_* job was found), so a 7.1 cluster answers
// them as unknown jobs.
var release8OnlyJobs = map[string]bool{
	"db_snapshot_backup_add_schedule": true, "db_snapshot_backup_modify_schedule": true,
	"db_snapshot_backup_remove_schedule": true, "db_snapshot_backup_start": true, "db_snapshot_backup_list": true,
}

// db_snapshot_backup_add_schedule's defaults (cluster.AddSnapshotSchedule):
// fact: minute "0", hour, day and month "*". guess: weekday "*" too (the
// excerpt of the page we have ends before the row's default) and, as for
// backup schedules, a schedule is added disabled unless enabled=true
// (scheduleEnabledDefault; the page's wording is the backup page's).

// served reports whether a release has job name.
func served(release, name string) bool { return release != Release71 || !release8OnlyJobs[name] }

// addSnapshotConfig adds to db_info's "config" the snapshot schedules and
// the snapshot_sync_volume. guess: they are listed like the backup
// schedules ("backups" [kb3]), under "snapshot_backups", each entry keyed
// by db_snapshot_backup_add_schedule's parameter names; the volume under
// db_create's parameter name ("" when none).
func addSnapshotConfig(m map[string]any, d *cluster.Database) {
	l := []map[string]any{}
	for _, s := range d.SnapshotSchedules {
		l = append(l, map[string]any{
			"backup_name": s.Name, "expire": s.Expire, "minute": s.Minute, "hour": s.Hour, "day": s.Day,
			"month": s.Month, "weekday": s.Weekday, "enabled": s.Enabled,
		})
	}
	m["snapshot_backups"], m["snapshot_sync_volume"] = l, d.Config.SnapshotSyncVolume
}

// snapshotItem is one entry of db_snapshot_backup_list. guess (no page shows
// the output): like db_backup_list's entries, an id, the database, when it
// was taken and when it expires ("" = never).
func snapshotItem(st *cluster.State, s *cluster.DBSnapshot) map[string]any {
	expire := ""
	if !s.Expires.IsZero() {
		expire = s.Expires.In(cluster.Zone).Format(backupTimeFormat)
	}
	return map[string]any{
		"id": strconv.Itoa(s.ID), "system": s.System, "expire": expire,
		"expired":   !s.Expires.IsZero() && !st.Now.Before(s.Expires),
		"timestamp": s.Taken.In(cluster.Zone).Format(backupTimeFormat),
	}
}
