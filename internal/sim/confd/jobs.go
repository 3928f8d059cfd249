package confd

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// job is one entry of the job table: a job as its page on
// https://docs.exasol.com/db/latest/confd/jobs/<name>.htm declares it.
type job struct {
	name string
	desc string
	// page is the job's official page (docPage); "" only for jobs listed in
	// guessedJobs (guesses.go), which say what they rest on instead.
	page string
	// mandatory and optional declare the parameters as the page's tables
	// do (syntax: see param in params.go).
	mandatory, optional string
	// release71, when set, declares the job as Exasol 7.1 takes it, where
	// that differs from the page (see the release notes in guesses.go).
	release71 *decl
	commits   bool // changes the configuration: result_revision, stage committed
	run       func(x *execution) (any, error)

	specs map[string]*spec // parsed declarations by release
}

// decl is a declaration of a job's parameters for one release.
type decl struct{ mandatory, optional string }

// docPage is the official page of a job.
func docPage(name string) string {
	return "https://docs.exasol.com/db/latest/confd/jobs/" + name + ".htm"
}

// spec is the job's declaration as the given release takes it.
func (j *job) spec(release string) *spec {
	if s := j.specs[release]; s != nil {
		return s
	}
	return j.specs[Release8]
}

// execution is what a job handler works with.
type execution struct {
	c       *cluster.Cluster
	p       params
	user    string
	release string
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
		j.specs = map[string]*spec{Release8: parseSpec(j.name, j.mandatory, j.optional)}
		if r := j.release71; r != nil {
			j.specs[Release71] = parseSpec(j.name, r.mandatory, r.optional)
		}
		jobTable[j.name] = j
	}
}

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
func (j *job) help(release string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", j.name, j.desc)
	s := j.spec(release)
	var mand, opt, subs []string
	for _, g := range s.mandatory {
		mand = append(mand, g[0].name)
		for _, p := range g[1:] {
			subs = append(subs, p.name)
		}
	}
	for _, p := range s.optional {
		opt = append(opt, p.name)
	}
	fmt.Fprintf(&b, "mandatory: %s\n", orNone(mand))
	fmt.Fprintf(&b, "optional: %s\n", orNone(opt))
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
