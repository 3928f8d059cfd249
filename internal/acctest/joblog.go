package acctest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// JobLog is the one view of a simulator's job log that tests read: what the
// provider (or any client over HTTPS) sent, in order, in ConfD's vocabulary
// on both faces, so that one test body checks both interfaces. An
// EXAoperation call is named as the ConfD job it stands for (exaopJobs), or
// "read:<method>" for a read, or by its method where ConfD has no such job.
type JobLog struct{ s *sim.Server }

// Log is s's job log.
func Log(s *sim.Server) JobLog { return JobLog{s} }

// Reset empties the log.
func (l JobLog) Reset() { l.s.ResetJobLog() }

// Records are the log's records as the simulator keeps them (out-of-band
// jobs included, EXAoperation calls by their methods).
func (l JobLog) Records() []sim.JobRecord { return l.s.JobLog() }

// Sent are the jobs sent over HTTPS, in order, in ConfD's vocabulary; only
// the config- or state-changing ones unless reads is set.
func (l JobLog) Sent(reads bool) []sim.JobRecord {
	var out []sim.JobRecord
	for _, r := range l.s.JobLog() {
		if r.Object != "" {
			if r.Name = confdEquivalent(r); r.Name == "" {
				continue
			}
		}
		if r.Source == "rpc" && (reads || !ReadJob(r.Name)) {
			out = append(out, r)
		}
	}
	return out
}

// Changes names the changing jobs sent, in order.
func (l JobLog) Changes() []string { return names(l.Sent(false)) }

// All names every job sent, reads included, in order.
func (l JobLog) All() []string { return names(l.Sent(true)) }

// ChangesFor names each changing job with the object it acted on
// ("db_delete STAGING", "node_remove 14"), in order.
func (l JobLog) ChangesFor() []string {
	var out []string
	for _, r := range l.Sent(false) {
		obj := ""
		if r.Object != "" {
			obj = exaopCallObject(r)
		}
		for _, k := range []string{"db_name", "vname", "name", "remote_volume_name", "nid", "node_id", "id"} {
			if v, ok := r.Params[k]; ok {
				obj = fmt.Sprint(v)
				break
			}
		}
		out = append(out, r.Name+" "+obj)
	}
	return out
}

// Count is how often job was sent (reads included).
func (l JobLog) Count(job string) int {
	n := 0
	for _, j := range l.All() {
		if j == job {
			n++
		}
	}
	return n
}

// Ran is how often the simulator ran job (by its own name): sent or out of
// band, a dropped one (lost in a failover before it ran) not counted.
func (l JobLog) Ran(job string) int {
	n := 0
	for _, r := range l.s.JobLog() {
		if r.Name == job && !r.Dropped {
			n++
		}
	}
	return n
}

// Succeeded is how often job ran and took effect (result code 0).
func (l JobLog) Succeeded(job string) int {
	n := 0
	for _, r := range l.s.JobLog() {
		if r.Name == job && r.Code == 0 && !r.Dropped {
			n++
		}
	}
	return n
}

// Lost names, in order, the jobs whose answer never reached the client
// ("db_create"), and those that never ran ("db_create dropped").
func (l JobLog) Lost() []string {
	var out []string
	for _, r := range l.s.JobLog() {
		switch {
		case r.Dropped:
			out = append(out, r.Name+" dropped")
		case r.Lost:
			out = append(out, r.Name)
		}
	}
	return out
}

// Databases lists, sorted, the database of every occurrence of job (an
// EXAoperation call on db_<name> names it by its object).
func (l JobLog) Databases(job string) []string {
	var out []string
	for _, r := range l.Sent(true) {
		if r.Name != job {
			continue
		}
		if db, ok := strings.CutPrefix(r.Object, "db_"); ok {
			out = append(out, db)
		} else {
			out = append(out, fmt.Sprint(r.Params["db_name"]))
		}
	}
	slices.Sort(out)
	return out
}

// Named are the records of job (or EXAoperation method) job sent over
// HTTPS, in order, by the simulator's own name for it.
func (l JobLog) Named(job string) []sim.JobRecord {
	var out []sim.JobRecord
	for _, r := range l.s.JobLog() {
		if r.Source == "rpc" && r.Name == job {
			out = append(out, r)
		}
	}
	return out
}

// Calls are the EXAoperation calls as "object.method", in order, as the
// simulator recorded them.
func (l JobLog) Calls() []string {
	var out []string
	for _, r := range l.s.JobLog() {
		if r.Object != "" {
			out = append(out, r.Object+"."+r.Name)
		}
	}
	return out
}

// CheckChanges asserts that the changing jobs sent since the last reset are
// exactly want (ConfD's names, see ExpectJobs).
func (l JobLog) CheckChanges(want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		want := ExpectJobs(want)
		if got := l.Changes(); !slices.Equal(got, want) {
			return fmt.Errorf("jobs sent: %v, want exactly %v", got, want)
		}
		return nil
	}
}

// CheckCount asserts how often job was sent.
func (l JobLog) CheckCount(job string, want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := l.Count(job); got != want {
			return fmt.Errorf("%s sent %d times, want %d: %v", job, got, want, l.All())
		}
		return nil
	}
}

func names(rs []sim.JobRecord) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

// ReadJob tells a read by its (ConfD) name.
func ReadJob(name string) bool {
	if strings.HasPrefix(name, "read:") {
		return true
	}
	for _, p := range []string{"_info", "_list", "_state", "_progress", "_list_details"} {
		if strings.HasSuffix(name, p) {
			return true
		}
	}
	return false
}

// exaopJobs names the ConfD job an EXAoperation method stands for. "" leaves
// the call out: it is part of a job already named (createDatabase follows
// addDatabase, and the two are ConfD's db_create).
var exaopJobs = map[string]string{
	"addDatabase": "db_create", "createDatabase": "", "startDatabase": "db_start",
	"stopDatabase": "db_stop", "shutdownDatabase": "db_stop", "forceShutdownDatabase": "db_stop",
	"editDatabase": "db_configure", "enlargeDatabase": "db_enlarge",
	"backupDatabase": "db_backup_start", "abortBackup": "db_backup_abort", "restoreDatabase": "db_restore",
	"deleteBackups": "db_backups_delete", "deleteUnusableBackups": "db_backup_delete_unusable", "changeBackupExpiration": "db_backup_change_expiration",
	"addStorageVolume": "st_volume_create", "volumeRemove": "st_volume_delete", "resizeVolume": "st_volume_enlarge",
	"setIoState":      "st_volume_set_io_status",
	"addRemoteVolume": "remote_volume_add", "editRemoteVolume": "remote_volume_edit",
	"addNode": "node_add", "suspendNode": "node_suspend", "resumeNode": "node_resume",
}

// confdEquivalent is the ConfD job name of an EXAoperation call r, "" to
// leave it out, or the method itself where ConfD has no such job
// (startupNode, startEXAStorage, callPlugin, setBackupSchedule, …).
func confdEquivalent(r sim.JobRecord) string {
	if r.Name == "deleteSubObject" {
		obj := FirstArg(r)
		switch {
		case strings.HasPrefix(obj, "db_"):
			return "db_delete"
		case strings.HasPrefix(obj, "r"):
			return "remote_volume_remove"
		case strings.HasPrefix(obj, "n"):
			return "node_remove"
		}
	}
	if j, ok := exaopJobs[r.Name]; ok {
		return j
	}
	if exaopRead(r.Name) {
		return "read:" + r.Name // ReadJob's suffix rule does not know these
	}
	return r.Name
}

// FirstArg is an EXAoperation call's first argument ("" if none).
func FirstArg(r sim.JobRecord) string {
	if args, ok := r.Params["args"].([]any); ok && len(args) > 0 {
		return fmt.Sprint(args[0])
	}
	return ""
}

// exaopRead tells EXAoperation's reads by their names.
func exaopRead(method string) bool {
	for _, p := range []string{"get", "list", "show", "state", "serviceIsOnline", "storageHasQuorum", "method", "exist", "running", "logEntries", "logFetch"} {
		if strings.HasPrefix(method, p) {
			return true
		}
	}
	return false
}

// exaopCallObject names what an EXAoperation call acted on as ChangesFor
// names ConfD's: the database ('db_X' → X), the node ('n0014' → 14), else
// the object ('v0001', 'r0001'); for calls on the cluster or the storage
// object (deleteSubObject, volumeRemove) the first argument is the object.
func exaopCallObject(r sim.JobRecord) string {
	obj := r.Object
	if i := strings.LastIndexByte(obj, '/'); i >= 0 {
		obj = obj[i+1:]
	}
	if obj == "" || obj == "cluster1" || obj == "storage" {
		obj = FirstArg(r)
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(obj, "n")); err == nil && strings.HasPrefix(obj, "n") {
		return strconv.Itoa(n)
	}
	return strings.TrimPrefix(obj, "db_")
}

// ExpectJobs turns the ConfD jobs a test expects into what the EXAoperation
// client sends for the same change: one setBackupSchedule per schedule job
// (the list is replaced whole), and a volume's labels set with the volume or
// with one editStorageVolume instead of a job per label.
func ExpectJobs(want []string) []string {
	if !EXAoperation() {
		return want
	}
	out := []string{}
	for _, w := range want {
		switch {
		case strings.HasPrefix(w, "db_backup_") && strings.HasSuffix(w, "_schedule"):
			out = append(out, "setBackupSchedule")
		case w == "st_volume_add_label" || w == "st_volume_remove_label":
			if n := len(out); n > 0 && (out[n-1] == "st_volume_create" || out[n-1] == "editStorageVolume") {
				continue
			}
			out = append(out, "editStorageVolume")
		default:
			out = append(out, w)
		}
	}
	return out
}

// APIJob is the name under which the interface under test runs ConfD job j,
// as its errors and log lines name it: node_add is addNode on EXAoperation,
// every removal deleteSubObject, remote_volume_info the volume's getProperties.
func APIJob(j string) string {
	if !EXAoperation() {
		return j
	}
	switch j {
	case "db_delete", "node_remove", "remote_volume_remove":
		return "deleteSubObject"
	case "db_stop":
		return "shutdownDatabase"
	case "db_list":
		return "getDatabaseList"
	case "remote_volume_info":
		return "getProperties"
	}
	if strings.HasPrefix(j, "db_backup_") && strings.HasSuffix(j, "_schedule") {
		return "setBackupSchedule" // the whole list is replaced (ExpectJobs)
	}
	for m, cj := range exaopJobs {
		if cj == j {
			return m
		}
	}
	return j
}
