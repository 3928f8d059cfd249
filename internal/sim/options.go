// Package sim assembles the cluster simulator: the cluster model, the ConfD
// front end and an HTTPS listener with authentication. Go tests start it
// in-process with Start; the exasol-sim command wraps it.
package sim

import (
	"fmt"
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
)

// Options configure a simulator. The zero value is a usable 3-node cluster
// with instant transitions.
type Options struct {
	Listen    string   // default "127.0.0.1:0"
	Nodes     int      // default 3; ids 11, 12, … named n11, n12, …
	Username  string   // default "admin"
	Password  string   // default "exasol"
	AuthToken string   // optional; when set, "Authorization: Bearer <token>" is accepted too
	Versions  []string // installed database versions; default ["7.1.30", "8.29.0"]
	// TimeScale multiplies every default transition duration
	// (cluster.DefaultDurations); 0 = instant.
	TimeScale float64
	// Durations overrides single transitions (keys: cluster.TransitionKinds).
	// They are absolute: TimeScale does not apply to them, so that a test can
	// run everything instantly except, say, a 2 s backup.
	Durations map[string]time.Duration
	// Bare starts without volumes. Otherwise the cluster has DataVolume1
	// (id 0, data, disk1, 10 GiB, redundancy 1) on all nodes with
	// num_master_nodes = number of nodes, so that a database on all nodes
	// can use it, like a fresh Exasol docker cluster.
	Bare bool
	// StateDir receives ca.pem. Default: a temporary directory removed on
	// Close; a given directory is left in place.
	StateDir string
	// StateFile, if set, persists the cluster (see persist.go): loaded at
	// start when the file exists (Nodes, Versions, Bare and Plugins are then
	// what the file says; Cold power-cycles the loaded cluster), else created;
	// rewritten after every committed change and on Close.
	StateFile string
	// OnJob, if set, sees every job after it ran (the command logs with it).
	OnJob func(JobRecord)

	// Cluster start and stop (issue 4; see cluster/cold.go).
	// Cold starts the cluster as if just powered on: the master is online,
	// the other nodes boot (transition node_boot), each volume is OFFLINE
	// until its nodes are online (then storage_start), databases are
	// stopped until started. Server.Cluster().ColdBoot() does the same later.
	Cold bool
	// Plugins are the names of the installed plugins (plugin_list).
	Plugins []string

	// Failover (issue 6; see failover.go).
	// NodeAddresses gives every node its own address: 127.0.0.1, 127.0.0.2,
	// … on one port when Listen is on 127.0.0.1 and the system allows it,
	// else one port per node. Each answers GET /master; a node that is not
	// the master answers job calls with 302 to the master. Without it, one
	// address serves whichever node is the master, like a moving virtual IP.
	NodeAddresses bool
	// Failover, when set, is armed at start (see FailMaster; AtJob 0 fails
	// the master at once).
	Failover *FailoverOptions

	// Fault injection (issue 7; see faults.go).
	// Faults are armed at start (Server.InjectFaults arms others later).
	Faults []Fault
	// FaultSeed seeds the faults' random draws (Fault.Probability); 0 picks
	// one, which Server.FaultSeed reports so that a run can be replayed.
	FaultSeed uint64
	// OnFault, if set, sees every fault that fires (the command logs with it).
	OnFault func(FaultRecord)
	// MasterAnswer, when set, is what GET /master answers instead of the
	// master's address: a bare IP, as ConfD answers behind a port forward or
	// a load balancer, where the client combines it with the endpoint's
	// port and may not reach it (faults.go).
	MasterAnswer string
	// ConfigLockHold makes every change job hold ConfD's configuration lock
	// this long after it is submitted: another change arriving meanwhile is
	// refused as busy without running (confd/busy.go). 0: jobs never collide.
	ConfigLockHold time.Duration

	// API is the management interface served: APIConfD ("" too) or
	// APIEXAoperation (issue 5; see exaop_http.go): XML-RPC objects under
	// /cluster1, nodes named n0011, a license server n0010, and a cold boot
	// that leaves the nodes powered off and the storage service stopped.
	API string

	// Release is the Exasol release the ConfD face answers as: "8" (the
	// default, the job pages' release) or "7.1" (confd.Releases), which
	// names some parameters differently and refuses the other's names.
	Release string

	// Latency holds every XML-RPC request this long before serving it, as a
	// real cluster's round trip and job scheduler would (latency.go);
	// JobLatency does so for the calls of one job (ConfD) or method (an
	// EXAoperation method, job_wait, …) instead. Server.SetLatency changes
	// both later.
	Latency    time.Duration
	JobLatency map[string]time.Duration
}

// The management interfaces Options.API selects.
const (
	APIConfD        = "confd"
	APIEXAoperation = "exaoperation"
)

// JobRecord is one executed job: ID, Name, Params, Code, Source ("rpc" or
// "oob"), At.
type JobRecord = confd.JobRecord

// Defaults.
const (
	DefaultListen   = "127.0.0.1:0"
	DefaultNodes    = 3
	DefaultUsername = "admin"
	DefaultPassword = "exasol"
)

// DefaultVersions are the database versions installed unless told otherwise.
var DefaultVersions = []string{"7.1.30", "8.29.0"}

func (o Options) withDefaults() Options {
	if o.Listen == "" {
		o.Listen = DefaultListen
	}
	if o.Nodes == 0 {
		o.Nodes = DefaultNodes
	}
	if o.Username == "" {
		o.Username = DefaultUsername
	}
	if o.Password == "" {
		o.Password = DefaultPassword
	}
	if len(o.Versions) == 0 {
		o.Versions = slices.Clone(DefaultVersions)
	}
	if o.Release == "" {
		o.Release = confd.Release8
	}
	return o
}

func (o Options) clusterConfig() (cluster.Config, error) {
	if o.Nodes < 1 || o.Nodes > 200 {
		return cluster.Config{}, fmt.Errorf("nodes must be between 1 and 200, got %d", o.Nodes)
	}
	if err := confd.CheckRelease(o.Release); err != nil {
		return cluster.Config{}, err
	}
	cfg := cluster.Config{
		Nodes: o.Nodes, Versions: o.Versions, Bare: o.Bare, Cold: o.Cold, Plugins: o.Plugins,
		Timing: cluster.Timing{Scale: o.TimeScale, Overrides: o.Durations},
	}
	switch o.API {
	case "", APIConfD:
	case APIEXAoperation:
		if o.NodeAddresses || o.Failover != nil {
			return cluster.Config{}, fmt.Errorf("node addresses and failover are ConfD's; EXAoperation runs on one license server")
		}
		cfg.ManualStart, cfg.NodeNameFormat = true, "n%04d"
	default:
		return cluster.Config{}, fmt.Errorf("api must be %q or %q, got %q", APIConfD, APIEXAoperation, o.API)
	}
	return cfg, nil
}
