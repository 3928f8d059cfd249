package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// faultFlags adds --fault, --fault-seed, --master-answer and --config-lock-hold.
func faultFlags(fs *flag.FlagSet, o *sim.Options) {
	fs.Func("fault", "inject a fault, repeatable. "+sim.FaultSpecHelp, func(v string) error {
		f, err := sim.ParseFault(v)
		if err != nil {
			return err
		}
		o.Faults = append(o.Faults, f)
		return nil
	})
	fs.Uint64Var(&o.FaultSeed, "fault-seed", 0, "seed of the faults' random draws (p=); 0 picks one and prints it, to replay a run")
	fs.StringVar(&o.MasterAnswer, "master-answer", "",
		"GET /master answers this instead of the master's address, e.g. a bare IP as ConfD answers behind a port forward or load balancer")
	fs.Func("latency", "hold every XML-RPC call this long before answering, as a real cluster's round trip and job scheduler "+
		"would (e.g. 20ms); JOB=DURATION holds the calls of one job or method instead (e.g. db_info=50ms, getVolumeList=30ms); repeatable",
		func(v string) error { return sim.ParseLatency(v, o) })
	fs.DurationVar(&o.ConfigLockHold, "config-lock-hold", 0,
		"every change job holds ConfD's configuration lock this long; a change arriving meanwhile is refused as busy without running (0: no collisions)")
}

// logFaults names the armed faults and the seed that replays them.
func logFaults(w io.Writer, o sim.Options, seed uint64) {
	if len(o.Faults) == 0 {
		return
	}
	specs := make([]string, len(o.Faults))
	for i, f := range o.Faults {
		specs[i] = f.String()
	}
	fmt.Fprintf(w, "exasol-sim: faults armed: %s; fault seed %d (replay with --fault-seed %d)\n", strings.Join(specs, "; "), seed, seed)
}

func formatFault(r sim.FaultRecord) string {
	what := r.Method
	if r.Job != "" {
		what += " " + r.Job
	}
	return fmt.Sprintf("fault %s struck %s (selected request %d)", r.Kind, what, r.Seq)
}
