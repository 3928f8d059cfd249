package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
)

// The fault matrix (issue 7): every resource type is created, updated and
// destroyed while each fault the simulator can inject strikes a job call of
// the operation; afterwards the state and the cluster agree, or the run
// failed with an error naming the struck job and a re-apply converged
// (fault_matrix_helpers_test.go).
//
// `make test` runs a representative subset: every fault × every resource ×
// every operation, struck at the operation's first change job. The full
// matrix (EXASOL_FAULT_MATRIX=full, `make test-faults`) strikes every job
// call of every operation in turn (the busy refusal: every change job) and
// fails unless its figures are those published in the reliability guide;
// `make fault-matrix` (EXASOL_FAULT_MATRIX=write) runs it and rewrites them.

const faultMatrixEnv = "EXASOL_FAULT_MATRIX"

// matrixKinds are the faults of the matrix; slow holds the answer until the
// provider gives up on it (request_timeout).
var matrixKinds = []sim.FaultKind{sim.FaultHTTP, sim.FaultDrop, sim.FaultSlow, sim.FaultLost, sim.FaultError, sim.FaultAuth, sim.FaultBusy}

// The guide the full matrix's figures are published in, between markers.
const (
	reliabilityGuide = "../../templates/guides/reliability.md.tmpl"
	matrixBegin      = "<!-- fault-matrix:begin (make fault-matrix rewrites this part) -->\n"
	matrixEnd        = "<!-- fault-matrix:end -->\n"
)

func TestAccFaultMatrix(t *testing.T) {
	onlyOn(t, client.APIConfD, "the matrix strikes ConfD's jobs, and ConfD's busy refusal and job errors")
	mode := os.Getenv(faultMatrixEnv)
	if mode != "" && mode != "full" && mode != "write" {
		t.Fatalf("%s=%q: want full or write", faultMatrixEnv, mode)
	}
	var cases []*matrixCase
	if mode == "" {
		cases = matrixSubset(t)
	} else {
		cases = matrixFull(t)
	}
	byRes, byKind := &matrixTally{}, &matrixTally{}
	complete := len(cases) > 0
	for _, c := range cases {
		if c.outcome == "" { // not run (-run)
			complete = false
			continue
		}
		byRes.add(fmt.Sprintf("%s %s", c.res, c.op), c.outcome)
		byKind.add(string(c.fault.Kind), c.outcome)
	}
	tables := byRes.table("resource, operation") + "\n" + byKind.table("fault") + matrixFailures(cases)
	t.Logf("fault matrix (%s):\n\n%s", matrixScope(mode), tables)
	for _, c := range cases {
		if c.err != "" {
			t.Logf("%s: %s", c.name(), c.err)
		}
	}
	// Published as measured, failures included; a failed case fails the test anyway.
	if mode != "" && complete {
		publishMatrix(t, tables, mode == "write")
	}
}

func matrixScope(mode string) string {
	if mode == "" {
		return "subset: every fault at the first change job of every operation"
	}
	return "full: every fault at every job call of every operation"
}

// matrixSubset strikes the first change job of each operation with each
// fault: one chain create → update → destroy per resource and fault.
func matrixSubset(t *testing.T) []*matrixCase {
	var cases []*matrixCase
	var runs []matrixRun
	for _, m := range matrixResources {
		for _, kind := range matrixKinds {
			chain := make([]*matrixCase, len(matrixOps))
			for i, op := range matrixOps {
				chain[i] = &matrixCase{res: m.typ, op: op, fault: sim.Fault{Kind: kind, Jobs: []string{"change"}}}
			}
			cases = append(cases, chain...)
			runs = append(runs, matrixRun{fmt.Sprintf("%s/%s", strings.TrimPrefix(m.typ, "exasol_"), kind), func(t *testing.T) {
				runMatrixChain(t, m, chain)
			}})
		}
	}
	inParallel(t, runs)
	return cases
}

// matrixFull counts the job calls of each operation in a run without
// faults, then strikes each of them with each fault, one run per case.
func matrixFull(t *testing.T) []*matrixCase {
	type opSteps struct {
		m             matrixResource
		op            string
		calls, change int
	}
	var ops []*opSteps
	var runs []matrixRun
	for _, m := range matrixResources {
		for _, op := range matrixOps {
			o := &opSteps{m: m, op: op}
			ops = append(ops, o)
			runs = append(runs, matrixRun{fmt.Sprintf("count/%s/%s", strings.TrimPrefix(m.typ, "exasol_"), op), func(t *testing.T) {
				o.calls, o.change = matrixSteps(t, m, op)
			}})
		}
	}
	inParallel(t, runs)
	if t.Failed() {
		return nil
	}
	var cases []*matrixCase
	runs = nil
	for _, o := range ops {
		t.Logf("%s %s: %d job calls, %d of them change jobs", o.m.typ, o.op, o.calls, o.change)
		for _, kind := range matrixKinds {
			n := o.calls
			if kind == sim.FaultBusy {
				n = o.change
			}
			for k := 1; k <= n; k++ {
				c := &matrixCase{res: o.m.typ, op: o.op, fault: sim.Fault{Kind: kind, Call: k}}
				cases = append(cases, c)
				runs = append(runs, matrixRun{fmt.Sprintf("%s/%s/%s/call=%d", strings.TrimPrefix(o.m.typ, "exasol_"), o.op, kind, k), func(t *testing.T) {
					runMatrixChain(t, o.m, []*matrixCase{c})
				}})
			}
		}
	}
	inParallel(t, runs)
	return cases
}

// matrixSteps applies an operation without faults and counts its job calls
// (the plan and the apply): all of them, and the change jobs among them.
func matrixSteps(t *testing.T, m matrixResource, op string) (calls, changes int) {
	c := &matrixCase{res: m.typ, op: op}
	runMatrixChain(t, m, []*matrixCase{c})
	for _, r := range c.jobs {
		calls++
		if confd.IsChange(r.Name) {
			changes++
		}
	}
	if calls == 0 {
		t.Fatalf("%s %s sent no job", m.typ, op)
	}
	return calls, changes
}

// matrixRun is one subtest of the matrix.
type matrixRun struct {
	name string
	fn   func(t *testing.T)
}

// inParallel runs the subtests a few at a time. The runs mostly wait (for
// Terraform to start, for request timeouts), so twice as many as there are
// cores keep the machine busy; t.Run from several goroutines runs them
// concurrently whatever go test's -parallel says.
func inParallel(t *testing.T, runs []matrixRun) {
	work := make(chan matrixRun)
	var wg sync.WaitGroup
	for range max(2, 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				t.Run(r.name, r.fn)
			}
		}()
	}
	for _, r := range runs {
		work <- r
	}
	close(work)
	wg.Wait()
}

// publishMatrix compares the tables with the guide's, or writes them there.
func publishMatrix(t *testing.T, tables string, write bool) {
	path := filepath.Clean(reliabilityGuide)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	before, rest, ok1 := strings.Cut(doc, matrixBegin)
	old, after, ok2 := strings.Cut(rest, matrixEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the markers %q and %q", path, matrixBegin, matrixEnd)
	}
	if old == tables {
		return
	}
	if !write {
		t.Fatalf("the fault matrix's figures in %s are not those of this run; run `make fault-matrix` to publish these:\n\n%s", path, tables)
	}
	if err := os.WriteFile(path, []byte(before+matrixBegin+tables+matrixEnd+after), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote the figures to %s; run `make docs`", path)
}

// matrixFailures lists the cases that failed, grouped by resource,
// operation and reason.
func matrixFailures(cases []*matrixCase) string {
	type group struct {
		what    string
		strikes []string
	}
	var groups []*group
	byWhat := map[string]*group{}
	for _, c := range cases {
		if c.outcome != outcomeFailed {
			continue
		}
		reason := c.failure
		if reason == "" {
			reason = "not reached: an earlier operation of its run failed"
		}
		what := fmt.Sprintf("`%s` %s: %s", c.res, c.op, reason)
		g := byWhat[what]
		if g == nil {
			g = &group{what: what}
			byWhat[what] = g
			groups = append(groups, g)
		}
		g.strikes = append(g.strikes, strikeText(c.fault))
	}
	if len(groups) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nCases that did not converge:\n\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "- %s (%s)\n", g.what, strings.Join(g.strikes, ", "))
	}
	return b.String()
}

// strikeText says where a fault of the matrix strikes.
func strikeText(f sim.Fault) string {
	switch {
	case len(f.Jobs) > 0:
		return fmt.Sprintf("%s at the first change job", f.Kind)
	case f.Kind == sim.FaultBusy:
		return fmt.Sprintf("busy at change job %d", max(f.Call, 1))
	}
	return fmt.Sprintf("%s at job call %d", f.Kind, max(f.Call, 1))
}
