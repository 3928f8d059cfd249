// Package confd is the ConfD front end of the simulator: the XML-RPC
// methods of a ConfD master (job_exec, job_start, …) over a job table that
// maps each job to the cluster model and renders outputs in ConfD's shapes.
package confd

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// JobRecord is one executed job, for the job log.
type JobRecord struct {
	ID string
	// Object is the EXAoperation object a call went to ("db_db1",
	// "storage", "cluster1", …; see Record); "" for ConfD jobs.
	Object string
	Name   string
	Params map[string]any
	Code   int
	Source string // "rpc" or "oob"
	At     time.Time
	// Lost: the master failed before the answer reached the client (a
	// failover, see sim.FailMaster). The job ran, and committed if it changes
	// the configuration, unless Dropped.
	Lost bool
	// Dropped: the job reached a master that failed before running it, so it
	// took no effect (ID is "" and Code -1; Lost is set too).
	Dropped bool
}

// Sources of a job.
const (
	SourceRPC = "rpc"
	SourceOOB = "oob"
)

// maxJobs bounds how many finished jobs stay queryable by id, and the job
// log, so that a long-running simulator does not grow without end.
const maxJobs = 50000

// Service is a ConfD master. Jobs run one at a time, like ConfD's job queue,
// which also makes a job's reads and writes of the model consistent.
type Service struct {
	c     *cluster.Cluster
	onJob func(JobRecord)

	mu      sync.Mutex
	counter int
	jobs    map[string]*jobRun
	order   []string // job ids, oldest first
	log     []JobRecord
	lock    configLock // see busy.go
	release string     // Release8 or Release71; see release.go
}

// jobRun is a submitted job and its precomputed result.
type jobRun struct {
	id, name, user string
	params         map[string]any
	submitted      time.Time
	finishAt       time.Time
	commits        bool
	result         map[string]any
}

// New makes a Service on a cluster. onJob, if not nil, sees every job after
// it ran (the command logs with it).
func New(c *cluster.Cluster, onJob func(JobRecord)) *Service {
	return &Service{c: c, onJob: onJob, jobs: map[string]*jobRun{}, release: Release8}
}

// Call serves one XML-RPC method call from user. Protocol misuse is a *rpc.Fault.
func (s *Service) Call(ctx context.Context, user, method string, args []any) (any, error) {
	switch method {
	case "job_exec", "job_start":
		name, raw, err := jobArgs(method, args)
		if err != nil {
			return nil, err
		}
		run, err := s.submit(ctx, user, SourceRPC, name, raw)
		if err != nil {
			return nil, err
		}
		if method == "job_start" {
			return run.id, nil
		}
		if err := s.waitFor(ctx, run); err != nil {
			return nil, err
		}
		return run.result, nil
	case "job_wait", "job_finished":
		run, err := s.lookup(method, args)
		if err != nil {
			return nil, err
		}
		return s.finished(run), nil
	case "job_result":
		run, err := s.lookup(method, args)
		if err != nil {
			return nil, err
		}
		if !s.finished(run) {
			return nil, &rpc.Fault{Code: faultNotFinished, String: fmt.Sprintf("job '%s' has not finished yet", run.id)}
		}
		return run.result, nil
	case "job_info":
		run, err := s.lookup(method, args)
		if err != nil {
			return nil, err
		}
		return s.info(run), nil
	case "job_list":
		if err := argCount(method, args, 0, 0); err != nil {
			return nil, err
		}
		return slices.DeleteFunc(jobNames(), func(n string) bool { return !served(s.Release(), n) }), nil
	case "job_desc", "job_help":
		j, err := jobArg(method, args)
		if err != nil {
			return nil, err
		}
		if method == "job_desc" {
			return j.desc, nil
		}
		return j.help(s.Release()), nil
	case "system.listMethods":
		return methodNames, nil
	case "system.methodHelp", "system.methodSignature":
		if err := argCount(method, args, 1, 1); err != nil {
			return nil, err
		}
		if method == "system.methodSignature" {
			return "signatures not supported", nil
		}
		return fmt.Sprintf("%v: see the ConfD documentation", args[0]), nil
	}
	return nil, &rpc.Fault{Code: faultUnknownMethod, String: fmt.Sprintf("method \"%s\" is not supported", method)}
}

// methodNames are the XML-RPC methods Call serves.
var methodNames = []string{
	"job_desc", "job_exec", "job_finished", "job_help", "job_info", "job_list", "job_result",
	"job_start", "job_wait", "system.listMethods", "system.methodHelp", "system.methodSignature",
}

// Exec runs a job out of band (not over XML-RPC) and returns its envelope;
// it waits like job_exec. It fails only where job_exec would fault.
func (s *Service) Exec(ctx context.Context, user, name string, raw map[string]any) (map[string]any, error) {
	run, err := s.submit(ctx, user, SourceOOB, name, raw)
	if err != nil {
		return nil, err
	}
	if err := s.waitFor(ctx, run); err != nil {
		return nil, err
	}
	return run.result, nil
}

// submit runs a job now and records it; its result may become visible later
// (finishAt). A refused job (busy.go) is recorded without running.
func (s *Service) submit(ctx context.Context, user, source, name string, raw map[string]any) (*jobRun, error) {
	j, ok := jobTable[name]
	if !ok || !served(s.Release(), name) {
		return nil, &rpc.Fault{Code: faultUnknownJob, String: fmt.Sprintf("job '%s' does not exist", name)}
	}
	s.mu.Lock()
	s.counter++
	now := s.c.Now()
	run := &jobRun{
		id: fmt.Sprintf("%d.%d", s.c.Master(), s.counter), name: name, user: user,
		params: maps.Clone(raw), submitted: now, finishAt: now, commits: j.commits,
	}
	var out any
	p, err := checkParams(name, j.spec(s.release), raw)
	if err == nil {
		err = s.refuse(ctx, name, run.id, now)
	}
	if err == nil {
		x := &execution{c: s.c, p: p, user: user, release: s.release}
		out, err = j.run(x)
		if x.finishAt.After(now) {
			run.finishAt = x.finishAt
		}
	}
	rev := 0
	if j.commits && err == nil {
		rev = s.c.Revision()
	}
	run.result = envelope(run.id, out, err, rev)
	refusalEnvelope(run.result, err)
	rec := JobRecord{ID: run.id, Name: name, Params: run.params, Code: run.result["result_code"].(int), Source: source, At: now}
	s.remember(run, rec)
	s.mu.Unlock()
	if s.onJob != nil {
		s.onJob(rec)
	}
	return run, nil
}

// remember stores a job under the lock, forgetting the oldest beyond maxJobs.
func (s *Service) remember(run *jobRun, rec JobRecord) {
	s.jobs[run.id] = run
	s.order = append(s.order, run.id)
	if len(s.order) > maxJobs {
		delete(s.jobs, s.order[0])
		s.order = s.order[1:]
	}
	s.log = append(s.log, rec)
	if len(s.log) > maxJobs {
		s.log = s.log[1:]
	}
}

func (s *Service) finished(run *jobRun) bool { return !s.c.Now().Before(run.finishAt) }

// waitFor blocks until the job has finished or ctx ends.
func (s *Service) waitFor(ctx context.Context, run *jobRun) error {
	d := run.finishAt.Sub(s.c.Now())
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Service) info(run *jobRun) map[string]any {
	stage := stageExecuted
	if s.finished(run) {
		stage = stageFinished
		if run.commits {
			stage = stageCommitted
		}
	}
	return map[string]any{
		"jid": run.id, "name": run.name, "params": run.params, "user": run.user, "stage": stage,
		"submitted": run.submitted.In(cluster.Zone).Format(time.DateTime),
	}
}

// JobLog returns the jobs run so far, oldest first.
func (s *Service) JobLog() []JobRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]JobRecord(nil), s.log...)
}

// ResetJobLog forgets the job log (not the jobs themselves).
func (s *Service) ResetJobLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

func (s *Service) lookup(method string, args []any) (*jobRun, error) {
	if err := argCount(method, args, 1, 1); err != nil {
		return nil, err
	}
	jid, ok := args[0].(string)
	if !ok {
		return nil, &rpc.Fault{Code: faultBadArguments, String: fmt.Sprintf("%s: the job id must be a string", method)}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	run, ok := s.jobs[jid]
	if !ok {
		return nil, &rpc.Fault{Code: faultUnknownJobID, String: fmt.Sprintf("job id '%s' does not exist", jid)}
	}
	return run, nil
}

func argCount(method string, args []any, lo, hi int) error {
	if len(args) < lo || len(args) > hi {
		want := fmt.Sprint(lo)
		if hi != lo {
			want = fmt.Sprintf("%d to %d", lo, hi)
		}
		return &rpc.Fault{Code: faultBadArguments, String: fmt.Sprintf("%s takes %s arguments, got %d", method, want, len(args))}
	}
	return nil
}

// jobArgs reads (name[, {'params': {...}}]).
func jobArgs(method string, args []any) (string, map[string]any, error) {
	if err := argCount(method, args, 1, 2); err != nil {
		return "", nil, err
	}
	name, ok := args[0].(string)
	if !ok {
		return "", nil, &rpc.Fault{Code: faultBadArguments, String: method + ": the job name must be a string"}
	}
	raw := map[string]any{}
	if len(args) == 2 && args[1] != nil {
		wrap, ok := args[1].(map[string]any)
		if !ok {
			return "", nil, &rpc.Fault{Code: faultBadArguments, String: method + ": the second argument must be a struct {'params': {...}}"}
		}
		for k, v := range wrap {
			if k != "params" {
				return "", nil, &rpc.Fault{Code: faultBadArguments, String: fmt.Sprintf("%s: unknown key '%s' next to 'params'", method, k)}
			}
			if v == nil {
				continue
			}
			if raw, ok = v.(map[string]any); !ok {
				return "", nil, &rpc.Fault{Code: faultBadArguments, String: method + ": 'params' must be a struct"}
			}
		}
	}
	return name, raw, nil
}

func jobArg(method string, args []any) (*job, error) {
	if err := argCount(method, args, 1, 1); err != nil {
		return nil, err
	}
	name, _ := args[0].(string)
	j, ok := jobTable[name]
	if !ok {
		return nil, &rpc.Fault{Code: faultUnknownJob, String: fmt.Sprintf("job '%v' does not exist", args[0])}
	}
	return j, nil
}
