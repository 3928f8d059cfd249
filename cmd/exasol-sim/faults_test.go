package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// --fault, --fault-seed and --config-lock-hold arm the simulator; the seed
// is printed and every fault that fires is logged.
func TestFaultFlags(t *testing.T) {
	o, _, err := parseFlags([]string{"--nodes", "1", "--fault", "5xx,job=db_list,status=500", "--fault", "lost,p=0.5,times=all",
		"--fault-seed", "9", "--config-lock-hold", "1s"})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Faults) != 2 || o.Faults[0].String() != "5xx,job=db_list,status=500" || o.FaultSeed != 9 || o.ConfigLockHold != time.Second {
		t.Fatalf("options: %+v", o)
	}
	var log bytes.Buffer
	o.OnFault = func(r sim.FaultRecord) { log.WriteString(formatFault(r) + "\n") }
	srv := acctest.Start(t, acctest.Options(o))
	logFaults(&log, o, srv.FaultSeed())

	c := acctest.RPC(srv, "")
	var he *rpc.HTTPError
	if _, err := c.Call(context.Background(), "job_exec", "db_list"); !errors.As(err, &he) || he.Status != 500 {
		t.Fatalf("db_list: %v, want HTTP 500", err)
	}
	for _, want := range []string{
		"faults armed: 5xx,job=db_list,status=500; lost,times=all,p=0.5; fault seed 9 (replay with --fault-seed 9)",
		"fault 5xx struck job_exec db_list (selected request 1)",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
	if _, _, err := parseFlags([]string{"--fault", "5xx,status=200"}); err == nil || !strings.Contains(err.Error(), "not a 5xx status") {
		t.Errorf("bad fault accepted: %v", err)
	}
}
