package confd

// This file collects the ConfD behaviour no public source states. Each
// choice is marked "guess:"; facts are marked "fact:". Change them here.

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

// guess: plugins installed on a fresh cluster.
var installedPlugins = []string{}

// guess: node_info's extended fields.
const (
	nodePlatform = "Docker"
	nodeLoad     = "0.00 0.00 0.00"
)
