// Command exasol-sim runs a simulated Exasol cluster that speaks ConfD (or,
// with --api exaoperation, EXAoperation) XML-RPC over HTTPS, for acceptance
// tests and CI.
//
// Its command line is a contract other tools rely on:
//
//	--listen HOST:PORT   address to serve on; port 0 picks a free one (default 127.0.0.1:0)
//	--nodes N            number of nodes (default 3)
//	--user, --password   HTTP Basic credentials (default admin / exasol)
//	--auth-token T       also accept "Authorization: Bearer T"
//	--versions A,B       installed database versions (default 7.1.30,8.29.0)
//	--time-scale F       multiplies transition durations; 0 = instant (default 1)
//	--duration K=D       absolute duration of one transition kind, repeatable (e.g. backup=2s)
//	--api NAME           management interface: confd (default) or exaoperation (XML-RPC objects under
//	                     /cluster1, license server n0010; a cold boot leaves nodes off and storage stopped)
//	--release R          Exasol release of the ConfD face: 8 (default) or 7.1 (node jobs take node_id, …)
//	--plugins A,B        installed plugins (ConfD plugin_list, EXAoperation showPluginList and callPlugin)
//	--bare               start without volumes
//	--cold               start as if just powered on: nodes boot, volumes come ONLINE after them, databases stay stopped
//	--state-dir DIR      where ca.pem is written (default: a temporary directory)
//	--state-file PATH    keep the cluster in this JSON file: loaded at start if it exists (then --nodes,
//	                     --versions and --bare are ignored), else created; rewritten after every change
//	--ready-file PATH    once serving, write {"endpoints", "username", "password", "ca_cert_file", "api", "url"}
//	                     as JSON (url: where a client starts, e.g. https://127.0.0.1:PORT/cluster1)
//	--env-file PATH      once serving, write the provider's EXASOL_* variables as shell exports
//	--node-addresses     every node listens on its own address (127.0.0.1, .2, …; one port each where
//	                     the system has no spare loopback addresses); default: one address follows the master
//	--failover-delay D   how long the cluster has no master after it failed (default 500ms)
//	--failover-mode M    how the failed master behaves: refuse (connections refused) or hang
//	--failover-at-job N  the master fails while the N-th change job is in flight (0 = not armed)
//	--failover-job NAME  with --failover-at-job, count only jobs of this name
//	--failover-lose-response  the struck job commits before the master fails (default: it never runs)
//	--failover-stay-down the failed node does not come back as a follower
//	--fault SPEC         inject a fault, repeatable: KIND[,key=value...] with KIND 5xx, drop, slow, lost,
//	                     error, 401, busy or redirect, e.g. "5xx,job=db_create,call=2", "lost,job=change,p=0.1,times=all"
//	                     or "redirect,method=*,to=http://elsewhere/" (see --help and sim.FaultSpecHelp); each
//	                     fault that fires is logged
//	--master-answer ADDR GET /master answers ADDR instead of the master's address, e.g. a bare IP as ConfD
//	                     answers behind a port forward or load balancer (the client adds the endpoint's port)
//	--latency D          hold every call D before answering, as a real cluster's round trip would (e.g. 20ms);
//	                     JOB=D holds only one job's or method's calls (e.g. db_info=50ms); repeatable
//	--fault-seed N       seed of the faults' random draws (p=); default: picked and printed at start
//	--config-lock-hold D every change job holds ConfD's configuration lock for D; a change arriving
//	                     meanwhile is refused as busy without running (default 0: no collisions)
//
// Two subcommands change a running simulator behind Terraform's back (drift
// tests), reading its ready file (job.go):
//
//	exasol-sim job [--ready-file PATH] JOB [KEY=VALUE ...]     one ConfD job
//	exasol-sim call [--ready-file PATH] OBJECT METHOD [ARG ...] one EXAoperation call
//
// It runs until SIGINT or SIGTERM and logs one line per job (EXAoperation:
// per call, as object.method) to stderr.
// SIGUSR1 makes the master fail now (with the --failover-delay, -mode and
// -stay-down settings): another node takes over after the delay.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func main() {
	var err error
	if len(os.Args) > 1 && (os.Args[1] == "job" || os.Args[1] == "call") {
		err = runClientCommand(os.Args[1], os.Args[2:], os.Stdout, os.Stderr)
	} else {
		err = run(os.Args[1:], os.Stderr)
	}
	os.Exit(exitCode(err))
}

// exitCode is 0 for success and for --help (asked for, and given), else 1.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	default:
		fmt.Fprintln(os.Stderr, "exasol-sim:", err)
		return 1
	}
}

func run(args []string, logw io.Writer) error {
	opts, files, fail, err := parseCommandLine(args)
	if err != nil {
		return err
	}
	opts.OnJob = func(r sim.JobRecord) { fmt.Fprintln(logw, formatJob(r)) }
	opts.OnFault = func(r sim.FaultRecord) { fmt.Fprintln(logw, formatFault(r)) }
	srv, err := sim.Start(opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	// Signals are caught before the ready file appears, so that a tool that
	// stops us right after reading it gets a clean shutdown.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGUSR1)
	// The env file comes first: whoever waits for the ready file may read both.
	if files.env != "" {
		if err := srv.WriteEnvFile(files.env); err != nil {
			return fmt.Errorf("env file: %w", err)
		}
	}
	if files.ready != "" {
		if err := srv.WriteReadyFile(files.ready); err != nil {
			return fmt.Errorf("ready file: %w", err)
		}
	}
	fmt.Fprintf(logw, "exasol-sim: serving %s (%s at %s, user %q, CA %s)\n", strings.Join(srv.Endpoints(), " "),
		srv.Ready().API, srv.Ready().URL, srv.Username(), srv.CACertFile())
	logFaults(logw, opts, srv.FaultSeed())
	if opts.Latency > 0 || len(opts.JobLatency) > 0 {
		fmt.Fprintf(logw, "exasol-sim: latency per call %s\n", opts.LatencyString())
	}
	for s := range sig {
		if s == syscall.SIGUSR1 {
			master := srv.Cluster().Master()
			if err := srv.FailMaster(fail); err != nil {
				fmt.Fprintf(logw, "exasol-sim: %s: %v\n", s, err)
			} else {
				fmt.Fprintf(logw, "exasol-sim: %s: master n%d fails (%s), another node takes over in %s\n", s, master, fail.Mode, fail.Delay)
			}
			continue
		}
		fmt.Fprintf(logw, "exasol-sim: %s, shutting down\n", s)
		break
	}
	return srv.Close()
}

// outputFiles are where the command tells other tools how to connect.
type outputFiles struct{ ready, env string }

func parseFlags(args []string) (sim.Options, outputFiles, error) {
	o, files, _, err := parseCommandLine(args)
	return o, files, err
}

// parseCommandLine returns the options, the output files and the failure
// that SIGUSR1 causes.
func parseCommandLine(args []string) (sim.Options, outputFiles, sim.FailoverOptions, error) {
	fs := flag.NewFlagSet("exasol-sim", flag.ContinueOnError)
	var o sim.Options
	var versions, mode, plugins string
	var files outputFiles
	var fail sim.FailoverOptions
	durations := map[string]time.Duration{}
	fs.StringVar(&o.Listen, "listen", sim.DefaultListen, "HOST:PORT to serve on (port 0 picks a free one)")
	fs.IntVar(&o.Nodes, "nodes", sim.DefaultNodes, "number of cluster nodes")
	fs.StringVar(&o.Username, "user", sim.DefaultUsername, "user name for HTTP Basic authentication")
	fs.StringVar(&o.Password, "password", sim.DefaultPassword, "password for HTTP Basic authentication")
	fs.StringVar(&o.AuthToken, "auth-token", "", "also accept this bearer token")
	fs.StringVar(&versions, "versions", strings.Join(sim.DefaultVersions, ","), "installed database versions, comma-separated")
	fs.Float64Var(&o.TimeScale, "time-scale", 1, "factor for transition durations; 0 = instant")
	fs.Func("duration", "KIND=DURATION: absolute duration of one transition ("+strings.Join(cluster.TransitionKinds(), ", ")+"); repeatable",
		func(v string) error {
			k, d, ok := strings.Cut(v, "=")
			dur, err := time.ParseDuration(d)
			if !ok || err != nil {
				return fmt.Errorf("want KIND=DURATION, e.g. backup=2s")
			}
			durations[k] = dur
			return nil
		})
	fs.StringVar(&o.API, "api", sim.APIConfD, "management interface: confd, or exaoperation (objects under /cluster1)")
	fs.StringVar(&o.Release, "release", "8", "Exasol release the ConfD face answers as: 8, or 7.1 (node jobs take node_id, db_create needs port)")
	fs.StringVar(&plugins, "plugins", "", "installed plugins, comma-separated (EXAoperation names, e.g. Administration.vmware-tools)")
	fs.BoolVar(&o.Bare, "bare", false, "start without storage volumes")
	fs.BoolVar(&o.Cold, "cold", false, "start as if just powered on: nodes boot (duration node_boot), volumes come ONLINE after them (storage_start), databases stay stopped")
	fs.StringVar(&o.StateDir, "state-dir", "", "directory for ca.pem (default: a temporary directory removed on exit)")
	fs.StringVar(&o.StateFile, "state-file", "", "keep the cluster in this JSON file across restarts: loaded at start if it exists (--nodes, --versions, --bare are then ignored), else created; rewritten after every change")
	fs.StringVar(&files.ready, "ready-file", "", "write connection details as JSON here once serving")
	fs.StringVar(&files.env, "env-file", "", "write EXASOL_* shell exports for the provider here once serving")
	fs.BoolVar(&o.NodeAddresses, "node-addresses", false, "every node listens on its own address (127.0.0.1, .2, …)")
	fs.DurationVar(&fail.Delay, "failover-delay", sim.DefaultFailoverDelay, "how long the cluster has no master after it failed")
	fs.StringVar(&mode, "failover-mode", string(sim.FailRefuse), "how a failed master behaves: refuse or hang")
	fs.IntVar(&fail.AtJob, "failover-at-job", 0, "the master fails while the N-th change job is in flight (0 = not armed)")
	fs.StringVar(&fail.Job, "failover-job", "", "with --failover-at-job, count only jobs of this name")
	fs.BoolVar(&fail.LoseResponse, "failover-lose-response", false, "the struck job commits before the master fails")
	fs.BoolVar(&fail.StayDown, "failover-stay-down", false, "the failed node does not come back")
	faultFlags(fs, &o)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: exasol-sim [FLAG ...]          serve a simulated cluster\n"+
			"       exasol-sim job|call ...         change a running one (exasol-sim job --help)\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, files, fail, err
	}
	if fs.NArg() > 0 {
		return o, files, fail, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	fail.Mode = sim.FailMode(mode)
	if fail.Job != "" && fail.AtJob == 0 {
		return o, files, fail, fmt.Errorf("--failover-job needs --failover-at-job")
	}
	if fail.AtJob > 0 {
		armed := fail
		o.Failover = &armed
	}
	// SIGUSR1 fails the master at once, whatever job is running.
	fail.AtJob, fail.Job, fail.LoseResponse = 0, "", false
	for _, p := range strings.Split(plugins, ",") {
		if p = strings.TrimSpace(p); p != "" {
			o.Plugins = append(o.Plugins, p)
		}
	}
	for _, v := range strings.Split(versions, ",") {
		if v = strings.TrimSpace(v); v != "" {
			o.Versions = append(o.Versions, v)
		}
	}
	if len(durations) > 0 {
		o.Durations = durations
	}
	return o, files, fail, nil
}

// formatJob renders one log line; values of keys that mention a password or
// token are redacted.
func formatJob(r sim.JobRecord) string {
	name := r.Name
	if r.Object != "" { // an EXAoperation call: object.method
		name = r.Object + "." + r.Name
	}
	line := fmt.Sprintf("job %s %s %s %s code=%d", r.ID, r.Source, name, formatValue(redact(r.Params)), r.Code)
	switch {
	case r.Dropped:
		line += " dropped: the master failed before running it"
	case r.Lost:
		line += " answer lost: the master failed after running it"
	}
	return line
}

func redact(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			lk := strings.ToLower(k)
			if strings.Contains(lk, "password") || strings.Contains(lk, "token") {
				out[k] = "***"
			} else {
				out[k] = redact(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = redact(e)
		}
		return out
	}
	return v
}

// formatValue prints maps with sorted keys so that log lines are stable.
func formatValue(v any) string {
	switch t := v.(type) {
	case map[string]any:
		ks := make([]string, 0, len(t))
		for k := range t {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		parts := make([]string, len(ks))
		for i, k := range ks {
			parts[i] = k + "=" + formatValue(t[k])
		}
		return "{" + strings.Join(parts, " ") + "}"
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = formatValue(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case string:
		return fmt.Sprintf("%q", t)
	case nil:
		return "None"
	}
	return fmt.Sprint(v)
}
