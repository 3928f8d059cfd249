package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// The acceptance suite runs once per management interface (testAPI): the
// same test bodies, with the job log of the EXAoperation face read in ConfD's
// vocabulary. Tests of what only one interface has say so (onlyOn).

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
		obj := firstArg(r)
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
		return "read:" + r.Name // readJob's suffix rule does not know these
	}
	return r.Name
}

func firstArg(r sim.JobRecord) string {
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

// onlyOn skips a test that exercises what only api has, saying why.
func onlyOn(t *testing.T, api, why string) {
	t.Helper()
	if testAPI() != api {
		t.Skipf("%s only: %s", apiNames[api], why)
	}
}

// expectJobs turns the ConfD jobs a test expects into what the EXAoperation
// client sends for the same change: one setBackupSchedule per schedule job
// (the list is replaced whole), and a volume's labels set with the volume or
// with one editStorageVolume instead of a job per label.
func expectJobs(want []string) []string {
	if testAPI() != client.APIEXAoperation {
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

// nodeName is how the interface under test names node id: n11 (ConfD),
// n0011 (EXAoperation).
func nodeName(id int) string {
	if testAPI() == client.APIEXAoperation {
		return fmt.Sprintf("n%04d", id)
	}
	return fmt.Sprintf("n%d", id)
}

// onlyOnSteps returns the steps when the suite runs against api, else none:
// for steps about what only one interface has (say why at the call).
func onlyOnSteps(api string, s ...resource.TestStep) []resource.TestStep {
	if testAPI() != api {
		return nil
	}
	return s
}

// steps joins step lists.
func steps(lists ...[]resource.TestStep) []resource.TestStep {
	var out []resource.TestStep
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// perAPI is what the interface under test has: the ConfD value or the
// EXAoperation one.
func perAPI[T any](confd, exaop T) T {
	if testAPI() == client.APIEXAoperation {
		return exaop
	}
	return confd
}

// onlyOnItems returns the items (checks, steps, …) when the suite runs
// against api, else none: for what only one interface has (say why at the call).
func onlyOnItems[T any](api string, items ...T) []T {
	if testAPI() != api {
		return nil
	}
	return items
}

// apiJob is the name under which the interface under test runs ConfD job j,
// as its errors and log lines name it: node_add is addNode on EXAoperation,
// every removal deleteSubObject, remote_volume_info the volume's getProperties.
func apiJob(j string) string {
	if testAPI() != client.APIEXAoperation {
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
		return "setBackupSchedule" // the whole list is replaced (expectJobs)
	}
	for m, cj := range exaopJobs {
		if cj == j {
			return m
		}
	}
	return j
}

// exaopCallObject names what an EXAoperation call acted on as changeJobsFor
// names ConfD's: the database ('db_X' → X), the node ('n0014' → 14), else
// the object ('v0001', 'r0001'); for calls on the cluster or the storage
// object (deleteSubObject, volumeRemove) the first argument is the object.
func exaopCallObject(r sim.JobRecord) string {
	obj := r.Object
	if i := strings.LastIndexByte(obj, '/'); i >= 0 {
		obj = obj[i+1:]
	}
	if obj == "" || obj == "cluster1" || obj == "storage" {
		obj = firstArg(r)
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(obj, "n")); err == nil && strings.HasPrefix(obj, "n") {
		return strconv.Itoa(n)
	}
	return strings.TrimPrefix(obj, "db_")
}
