package client

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The job table: everything the client knows of each ConfD job it sends, in
// one place. The runner (jobs.go) reads it: whether a job only reads (sent
// with job_exec and repeated freely) or changes the cluster (job_start /
// job_wait / job_result, repeated only after a read-back shows that a lost
// answer's job did not take effect), which parameters it may send (a call
// with another one is refused before it leaves), how a lost answer is read
// back (verify.go), which parameters name a cached answer (readcache.go), and
// the page that documents it. Parameters are spelled as the current pages
// spell them; release.go says what older releases call otherwise.

// jobSpec is one job of the table.
type jobSpec struct {
	// change: the job changes the cluster; otherwise it only reads.
	change bool
	// params are the parameters the client may send.
	params []string
	// readBack reads back whether a change job whose answer was lost took
	// effect; nil: such a job is not repeated (OutcomeUnknownError).
	readBack *verifier
	// cached: the read cache may keep the answer, under the job's name and
	// the values of cacheBy.
	cached  bool
	cacheBy []string
	// bulk is the read job that answers for every object of this job's
	// kind at once: a per-object read in a refresh is served from it
	// (bulk.go), and falls back to this job where the cluster lacks it.
	bulk string
	// bulkFromSecond: the bulk job serves only from the second object of a
	// run on (readcache.go, wantBulk): one object costs one per-object read,
	// many one bulk read.
	bulkFromSecond bool
	// page is the job's documentation, when it is not the usual page.
	page string
}

// pageBase is where Exasol documents each ConfD job (<job>.htm).
const pageBase = "https://docs.exasol.com/db/latest/confd/jobs/"

// jobTable lists every job the client sends.
var jobTable = map[string]jobSpec{
	// Databases.
	"db_list":  {},
	"db_state": {params: []string{"db_name"}},
	"db_info":  {params: []string{"db_name"}, cached: true, cacheBy: []string{"db_name"}},
	"db_create": {change: true, readBack: &dbCreated, params: []string{"db_name", "version", "data_volume_name", "mem_size",
		"nodes", "num_active_nodes", "port", "params", "auto_start", "enable_auditing", "volume_quota", "volume_move_delay",
		"ldap_server", "interfaces", "db_uuid", "owner"}},
	"db_delete": {change: true, readBack: &dbDeleted, params: []string{"db_name"}},
	"db_start":  {change: true, readBack: &dbStarted, params: []string{"db_name"}},
	"db_stop":   {change: true, readBack: &dbStopped, params: []string{"db_name", "force"}},
	"db_configure": {change: true, readBack: &dbConfigured, params: []string{"db_name", "version", "data_volume_name",
		"mem_size", "port", "params", "auto_start", "enable_auditing", "volume_quota", "volume_move_delay", "ldap_server",
		"interfaces", "owner", "max_system_heap_memory"}},
	// Scaling in place; a lost answer is not repeated.
	"db_enlarge":              {change: true, params: []string{"db_name", "num_new_nodes"}},
	"db_add_reserve_nodes":    {change: true, params: []string{"db_name", "node_list"}},
	"db_remove_reserve_nodes": {change: true, params: []string{"db_name", "node_list"}},
	// guess: no page names a job that lists the installed database versions;
	// a cluster that does not know it refuses it, and the check is skipped (cache.go).
	installedVersionsJob: {page: "(none: guess, see cache.go)"},

	// Backups and schedules.
	"db_backup_start":    {change: true, params: []string{"db_name", "backup_volume_name", "level", "expire"}},
	"db_backup_list":     {params: []string{"db_name", "show_foreign"}},
	"db_backup_progress": {params: []string{"db_name"}},
	// A lost answer is not repeated: a restore cannot be read back apart
	// from one that was already running.
	"db_restore": {change: true, params: []string{"db_name", "backup_id", "restore_type"}},
	// Backup control: a lost answer is not repeated (OutcomeUnknownError).
	"db_backup_abort":             {change: true, params: []string{"db_name"}},
	"db_backups_delete":           {change: true, params: []string{"db_name", "backup_list"}},
	"db_backup_delete_unusable":   {change: true, params: []string{"db_name"}},
	"db_backup_change_expiration": {change: true, params: []string{"backup_volume_id", "backup_files", "expire_time"}},
	"db_backup_add_schedule": {change: true, readBack: &scheduleAdded, params: []string{"db_name", "backup_name", "level",
		"backup_volume_id", "backup_volume_name", "expire", "minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_backup_modify_schedule": {change: true, readBack: &scheduleModified, params: []string{"db_name", "backup_name",
		"expire", "minute", "hour", "day", "month", "weekday", "enabled"}},
	"db_backup_remove_schedule": {change: true, readBack: &scheduleRemoved, params: []string{"db_name", "backup_name"}},

	// Storage volumes.
	volumeListJob:    {cached: true},
	"st_volume_info": {params: []string{"vname"}, cached: true, cacheBy: []string{"vname"}, bulk: volumeListJob, bulkFromSecond: true},
	storageNodesJob:  {},
	"st_volume_create": {change: true, readBack: &volumeCreated, params: []string{"name", "type", "disk", "size", "nodes",
		"redundancy", "num_master_nodes", "block_size", "stripe_size", "permissions", "priority", "shared", "owner"}},
	"st_volume_delete":  {change: true, readBack: &volumeDeleted, params: []string{"vname"}},
	"st_volume_enlarge": {change: true, readBack: volumeResize(1), params: []string{"vname", "blocks_per_node"}},
	// guess: no current page documents st_volume_shrink (../shared/reference/confd.md).
	"st_volume_shrink": {change: true, readBack: volumeResize(-1), params: []string{"vname", "blocks_per_node"},
		page: "(none found: guess)"},
	"st_volume_add_label":     {change: true, readBack: &labelAdded, params: []string{"vname", "label"}},
	"st_volume_remove_label":  {change: true, readBack: &labelRemoved, params: []string{"vname", "label"}},
	"st_volume_set_io_status": {change: true, readBack: &ioStatusSet, params: []string{"vname", "app_io", "int_io"}},

	// Remote volumes.
	"remote_volume_list": {},
	"remote_volume_info": {params: []string{"remote_volume_name", "remote_volume_id"}, cached: true,
		cacheBy: []string{"remote_volume_name", "remote_volume_id"}, bulk: "remote_volume_list_details",
		bulkFromSecond: true},
	"remote_volume_list_details": {cached: true},
	"remote_volume_state": {params: []string{"remote_volume_name", "remote_volume_id"}, cached: true,
		cacheBy: []string{"remote_volume_name", "remote_volume_id"}},
	"remote_volume_add": {change: true, readBack: &remoteAdded, params: []string{"vol_type", "url", "remote_volume_id",
		"remote_volume_name", "username", "password", "labels", "options", "owner", "allowed_users"}},
	"remote_volume_remove": {change: true, readBack: &remoteRemoved, params: []string{"remote_volume_name", "remote_volume_id"}},

	// Nodes.
	"node_list":  {cached: true},
	"node_state": {},
	"node_info":  {params: []string{"nid"}},
	"node_add": {change: true, readBack: &nodeAdded, params: []string{"priv_net", "nid", "name", "pub_net",
		"space_warn_threshold", "bg_rec_limit"}},
	"node_remove":  {change: true, readBack: &nodeRemoved, params: []string{"nid"}},
	"node_suspend": {change: true, readBack: &nodeSuspended, params: []string{"nid"}},
	"node_resume":  {change: true, readBack: &nodeResumed, params: []string{"nid"}},
	// node_wait_ready only waits, but as long as its timeout says: it runs in
	// the asynchronous form of a change, and is not repeated.
	"node_wait_ready": {change: true, params: []string{"nids", "timeout"}},

	// The cluster.
	"master_change":    {change: true, readBack: &masterChanged, params: []string{"nids"}},
	"general_settings": {change: true, params: []string{"changes"}},
	"plugin_list":      {},
	"plugin_info":      {params: []string{"plugin_name"}},
	"license_info":     {},
	"settings_list":    {params: []string{"sections"}},
}

var _ = withJobs(snapshotJobs) // database snapshots (snapshots.go)

// specOf returns the table's entry of job and refuses parameters the table
// does not list for it: the client sends only documented forms.
func specOf(job string, p Params) (jobSpec, error) {
	spec, ok := jobTable[job]
	if !ok {
		return spec, &Error{Kind: KindDecode, Job: job, Message: "the client does not know this job (not in its job table)"}
	}
	var extra []string
	for k := range p {
		if !spec.takes(k) {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return spec, &Error{Kind: KindDecode, Job: job, Message: fmt.Sprintf("the client would send parameters its job table does not list for this job: %s (%s)",
			strings.Join(extra, ", "), pageOf(job))}
	}
	return spec, nil
}

func (s jobSpec) takes(param string) bool { return slices.Contains(s.params, param) }

// pageOf is the page that documents job.
func pageOf(job string) string {
	if p := jobTable[job].page; p != "" {
		return p
	}
	return pageBase + job + ".htm"
}

// readOnly reports whether job only reads.
func readOnly(job string) bool {
	spec, ok := jobTable[job]
	return ok && !spec.change
}

// readKey names the answer of job with parameters p in the read cache.
func readKey(job string, p Params) string {
	var b strings.Builder
	b.WriteString(job)
	for _, k := range jobTable[job].cacheBy {
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
	for job, s := range jobTable {
		out[job] = append([]string(nil), s.params...)
	}
	return out
}
