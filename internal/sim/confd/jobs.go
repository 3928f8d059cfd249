package confd

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// job is one entry of the job table.
type job struct {
	name      string
	desc      string
	mandatory []string          // each entry may list substitutes: "vid|vname"
	optional  []string          //
	types     map[string]string // overrides of paramTypes for this job
	commits   bool              // changes the configuration: result_revision, stage committed
	run       func(x *execution) (any, error)
}

// execution is what a job handler works with.
type execution struct {
	c    *cluster.Cluster
	p    params
	user string
	// finishAt, when set later than now, keeps the job unfinished until then
	// (job_wait false, job_exec blocks): for jobs that wait for a transition.
	finishAt time.Time
}

// noOutput is returned by jobs whose envelope has no result_output.
var noOutput any

// jobTable holds every job by name. It is filled by the jobs_*.go files.
var jobTable = map[string]*job{}

func register(jobs ...*job) {
	for _, j := range jobs {
		if _, dup := jobTable[j.name]; dup {
			panic("duplicate job " + j.name)
		}
		jobTable[j.name] = j
	}
}

// fields splits a space-separated parameter list for a job spec.
func fields(s string) []string { return strings.Fields(s) }

// jobNames lists the job table, sorted.
func jobNames() []string {
	names := make([]string, 0, len(jobTable))
	for n := range jobTable {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// help renders the job's description in the layout of the docs' job tables.
func (j *job) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", j.name, j.desc)
	var mand, subs []string
	for _, g := range j.mandatory {
		alts := strings.Split(g, "|")
		mand = append(mand, alts[0])
		subs = append(subs, alts[1:]...)
	}
	fmt.Fprintf(&b, "mandatory: %s\n", orNone(mand))
	fmt.Fprintf(&b, "optional: %s\n", orNone(j.optional))
	if len(subs) > 0 {
		fmt.Fprintf(&b, "substitutes: %s\n", strings.Join(subs, ", "))
	}
	return b.String()
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "None"
	}
	return strings.Join(s, ", ")
}

// envelope is the result struct of a job.
func envelope(jid string, out any, err error, revision int) map[string]any {
	if err != nil {
		return map[string]any{
			"result_code": failCode, "result_name": failName, "result_desc": err.Error(),
			"result_jobid": jid, "result_output": err.Error(),
		}
	}
	env := map[string]any{"result_code": okCode, "result_name": okName, "result_desc": okDesc, "result_jobid": jid}
	if out != nil {
		env["result_output"] = out
	}
	if revision > 0 {
		env["result_revision"] = revision
	}
	return env
}
