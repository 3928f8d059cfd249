package confd

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// The job table: everything the client knows of each ConfD job it sends, in
// one place. The runner (../runner.go) reads it: whether a job only reads
// (sent with job_exec and repeated freely) or changes the cluster
// (job_start / job_wait / job_result, repeated only after a read-back shows
// that a lost answer's job did not take effect: ../verify.go holds the
// read-backs), which parameters it may send (a call with another one is
// refused before it leaves), which parameters name a cached answer
// (../readcache.go), and the page that documents it. Parameters are
// spelled as the current pages spell them; release.go says what older
// releases call otherwise.

// Params are a job's parameters, as ConfD names them.
type Params map[string]any

// Spec is one job of the table.
type Spec struct {
	// Change: the job changes the cluster; otherwise it only reads.
	Change bool
	// Params are the parameters the client may send.
	Params []string
	// Cached: the read cache may keep the answer, under the job's name and
	// the values of CacheBy.
	Cached  bool
	CacheBy []string
	// Bulk is the read job that answers for every object of this job's
	// kind at once: a per-object read in a refresh is served from it
	// (../bulk.go), and falls back to this job where the cluster lacks it.
	Bulk string
	// BulkFromSecond: the bulk job serves only from the second object of a
	// run on (../readcache.go, wantBulk): one object costs one per-object
	// read, many one bulk read.
	BulkFromSecond bool
	// Page is the job's documentation, when it is not the usual page.
	Page string
}

// PageBase is where Exasol documents each ConfD job (<job>.htm).
const PageBase = "https://docs.exasol.com/db/latest/confd/jobs/"

// Jobs the client names in more than one place.
const (
	// JobInstalledVersions lists the database versions installed on the
	// cluster. guess: no public source names a ConfD job for it
	// (EXAoperation had getListValues('EXASolutionVersions')); the
	// simulator serves this name. A cluster that does not know the job
	// answers with a fault, and the check of a database's version is then
	// skipped.
	JobInstalledVersions = "db_version_list"
	JobVolumeList        = "st_volume_list"
	// JobStorageNodes reports the storage nodes with the free space of
	// each disk (fact: docs, "Create Local Archive Volume": st_node_list
	// shows hdd_free_space per disk, e.g. {disk1: '93.5566 GiB'}, and the
	// node's name).
	JobStorageNodes = "st_node_list"
)

// Table lists every job the client sends.
var Table = map[string]Spec{
	// Databases.
	"db_list":  {},
	"db_state": {Params: []string{"db_name"}},
	"db_info":  {Params: []string{"db_name"}, Cached: true, CacheBy: []string{"db_name"}},
	"db_create": {Change: true, Params: []string{"db_name", "version", "data_volume_name", "mem_size",
		"nodes", "num_active_nodes", "port", "params", "auto_start", "enable_auditing", "volume_quota", "volume_move_delay",
		"ldap_server", "interfaces", "db_uuid", "owner", "snapshot_sync_volume"}},
	"db_delete": {Change: true, Params: []string{"db_name"}},
	"db_start":  {Change: true, Params: []string{"db_name"}},
	"db_stop":   {Change: true, Params: []string{"db_name", "force"}},
	"db_configure": {Change: true, Params: []string{"db_name", "version", "data_volume_name",
		"mem_size", "port", "params", "auto_start", "enable_auditing", "volume_quota", "volume_move_delay", "ldap_server",
		"interfaces", "owner", "max_system_heap_memory"}},
	// Scaling in place; a lost answer is not repeated.
	"db_enlarge":              {Change: true, Params: []string{"db_name", "num_new_nodes"}},
	"db_add_reserve_nodes":    {Change: true, Params: []string{"db_name", "node_list"}},
	"db_remove_reserve_nodes": {Change: true, Params: []string{"db_name", "node_list"}},
	// guess: no page names a job that lists the installed database versions;
	// a cluster that does not know it refuses it, and the check is skipped (cache.go).
	JobInstalledVersions: {Page: "(none: guess, see ../cache.go)"},

	// Backups and schedules.
	"db_backup_start":    {Change: true, Params: []string{"db_name", "backup_volume_name", "level", "expire"}},
	"db_backup_list":     {Params: []string{"db_name", "show_foreign"}},
	"db_backup_progress": {Params: []string{"db_name"}},
	// A lost answer is not repeated: a restore cannot be read back apart
	// from one that was already running.
	"db_restore": {Change: true, Params: []string{"db_name", "backup_id", "restore_type"}},
	// Backup control: a lost answer is not repeated (OutcomeUnknownError).
	"db_backup_abort":             {Change: true, Params: []string{"db_name"}},
	"db_backups_delete":           {Change: true, Params: []string{"db_name", "backup_list"}},
	"db_backup_delete_unusable":   {Change: true, Params: []string{"db_name"}},
	"db_backup_change_expiration": {Change: true, Params: []string{"backup_volume_id", "backup_files", "expire_time"}},
	"db_backup_add_schedule": {Change: true, Params: []string{"db_name", "backup_name", "level",
		"backup_volume_id", "backup_volume_name", "expire", "minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_backup_modify_schedule": {Change: true, Params: []string{"db_name", "backup_name",
		"expire", "minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_backup_remove_schedule": {Change: true, Params: []string{"db_name", "backup_name"}},

	// Database snapshots (Exasol 8). The schedule jobs' lost answers are
	// read back from db_info (../verify.go); a lost db_snapshot_backup_start
	// is not repeated: its snapshot cannot be told apart from a schedule's.
	"db_snapshot_backup_add_schedule": {Change: true, Params: []string{"db_name", "backup_name", "expire",
		"minute", "hour", "day", "month", "weekday", "enabled"}},
	// No expire: the page lists only the times and enabled.
	"db_snapshot_backup_modify_schedule": {Change: true, Params: []string{"db_name", "backup_name",
		"minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_snapshot_backup_remove_schedule": {Change: true, Params: []string{"db_name", "backup_name"}},
	"db_snapshot_backup_start":           {Change: true, Params: []string{"db_name", "expire"}},

	// Storage volumes.
	JobVolumeList:    {Cached: true},
	"st_volume_info": {Params: []string{"vname"}, Cached: true, CacheBy: []string{"vname"}, Bulk: JobVolumeList, BulkFromSecond: true},
	JobStorageNodes:  {},
	"st_volume_create": {Change: true, Params: []string{"name", "type", "disk", "size", "nodes",
		"redundancy", "num_master_nodes", "block_size", "stripe_size", "permissions", "priority", "shared", "owner"}},
	"st_volume_delete":  {Change: true, Params: []string{"vname"}},
	"st_volume_enlarge": {Change: true, Params: []string{"vname", "blocks_per_node"}},
	// guess: no current page documents st_volume_shrink (../shared/reference/confd.md).
	"st_volume_shrink": {Change: true, Params: []string{"vname", "blocks_per_node"},
		Page: "(none found: guess)"},
	"st_volume_add_label":     {Change: true, Params: []string{"vname", "label"}},
	"st_volume_remove_label":  {Change: true, Params: []string{"vname", "label"}},
	"st_volume_set_io_status": {Change: true, Params: []string{"vname", "app_io", "int_io"}},

	// Remote volumes.
	"remote_volume_list": {},
	"remote_volume_info": {Params: []string{"remote_volume_name", "remote_volume_id"}, Cached: true,
		CacheBy: []string{"remote_volume_name", "remote_volume_id"}, Bulk: "remote_volume_list_details",
		BulkFromSecond: true},
	"remote_volume_list_details": {Cached: true},
	"remote_volume_state": {Params: []string{"remote_volume_name", "remote_volume_id"}, Cached: true,
		CacheBy: []string{"remote_volume_name", "remote_volume_id"}},
	"remote_volume_add": {Change: true, Params: []string{"vol_type", "url", "remote_volume_id",
		"remote_volume_name", "username", "password", "labels", "options", "owner", "allowed_users"}},
	"remote_volume_remove": {Change: true, Params: []string{"remote_volume_name", "remote_volume_id"}},

	// Nodes.
	"node_list":  {Cached: true},
	"node_state": {},
	"node_info":  {Params: []string{"nid"}},
	"node_add": {Change: true, Params: []string{"priv_net", "nid", "name", "pub_net",
		"space_warn_threshold", "bg_rec_limit"}},
	"node_remove":  {Change: true, Params: []string{"nid"}},
	"node_suspend": {Change: true, Params: []string{"nid"}},
	"node_resume":  {Change: true, Params: []string{"nid"}},
	// node_wait_ready only waits, but as long as its timeout says: it runs in
	// the asynchronous form of a change, and is not repeated.
	"node_wait_ready": {Change: true, Params: []string{"nids", "timeout"}},

	// The cluster.
	"master_change":    {Change: true, Params: []string{"nids"}},
	"general_settings": {Change: true, Params: []string{"changes"}},
	"plugin_list":      {},
	"plugin_info":      {Params: []string{"plugin_name"}},
	"license_info":     {},
	"settings_list":    {Params: []string{"sections"}},

	// BucketFS services and buckets (overview:
	// https://docs.exasol.com/db/latest/confd/overview_bucketfs_jobs.htm).
	"bucketfs_list": {},
	"bucketfs_info": {Params: []string{"bucketfs_name"}},
	"bucketfs_add": {Change: true, Params: []string{"bucketfs_name", "http_port", "https_port", "owner", "sync_key",
		"sync_period", "path", "mode", "bucketvolume"}},
	"bucketfs_modify": {Change: true, Params: []string{"bucketfs_name", "http_port", "https_port", "sync_period", "owner"}},
	"bucketfs_delete": {Change: true, Params: []string{"bucketfs_name"}},
	"bucket_add": {Change: true, Params: []string{"bucket_name", "bucketfs_name", "public", "read_password",
		"write_password", "additional_files"}},
	"bucket_modify": {Change: true, Params: []string{"bucketfs_name", "bucket_name", "public", "read_password",
		"write_password", "additional_files"}},
	"bucket_delete": {Change: true, Params: []string{"bucketfs_name", "bucket_name"}},

	// ConfD's system users and groups (overviews:
	// https://docs.exasol.com/db/latest/confd/overview_user_jobs.htm,
	// https://docs.exasol.com/db/latest/confd/overview_group_jobs.htm).
	"user_list": {},
	"user_info": {Params: []string{"username", "userid"}},
	"user_create": {Change: true, Params: []string{"username", "userid", "password", "group", "login_enabled",
		"additional_groups", "authorized_keys", "encode_passwd"}},
	"user_modify":  {Change: true, Params: []string{"username", "group", "login_enabled", "additional_groups", "authorized_keys"}},
	"user_passwd":  {Change: true, Params: []string{"username", "password", "encode_passwd"}},
	"user_delete":  {Change: true, Params: []string{"username"}},
	"group_list":   {},
	"group_info":   {Params: []string{"groupname"}},
	"group_create": {Change: true, Params: []string{"groupname", "groupid"}},
	"group_delete": {Change: true, Params: []string{"groupname"}},

	// The TLS certificate (no job reads it back) and the license.
	"cert_update":      {Change: true, Params: []string{"key", "cert", "ca", "verify_cert"}},
	"license_upload":   {Change: true, Params: []string{"license"}},
	"license_download": {},
}

// Lookup returns the table's entry of job and refuses parameters the table
// does not list for it: the client sends only documented forms.
func Lookup(job string, p Params) (Spec, error) {
	spec, ok := Table[job]
	if !ok {
		return spec, &transport.Error{Kind: transport.KindDecode, Job: job, Message: "the client does not know this job (not in its job table)"}
	}
	var extra []string
	for k := range p {
		if !spec.Takes(k) {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return spec, &transport.Error{Kind: transport.KindDecode, Job: job, Message: fmt.Sprintf("the client would send parameters its job table does not list for this job: %s (%s)",
			strings.Join(extra, ", "), PageOf(job))}
	}
	return spec, nil
}

// Takes reports whether the table lists param for the job.
func (s Spec) Takes(param string) bool { return slices.Contains(s.Params, param) }

// PageOf is the page that documents job.
func PageOf(job string) string {
	if p := Table[job].Page; p != "" {
		return p
	}
	return PageBase + job + ".htm"
}

// ReadOnly reports whether job only reads.
func ReadOnly(job string) bool {
	spec, ok := Table[job]
	return ok && !spec.Change
}

// CacheKey names the answer of job with parameters p in the read cache.
func CacheKey(job string, p Params) string {
	var b strings.Builder
	b.WriteString(job)
	for _, k := range Table[job].CacheBy {
		if v, ok := p[k]; ok {
			fmt.Fprintf(&b, "\x00%s=%v", k, v)
		}
	}
	return b.String()
}

// JobParams lists, per job, the parameters the client may send, spelled as
// the current pages spell them (for conformance tests).
func JobParams() map[string][]string {
	out := map[string][]string{}
	for job, s := range Table {
		out[job] = append([]string(nil), s.Params...)
	}
	return out
}
