package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"

	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// The runner: the one pipeline every job (ConfD) and every method call
// (EXAoperation) goes through, in this order.
//
//	ConfD job (exec)                         EXAoperation call (x.run)
//	1. the job table's entry (specOf,        1. the method table's entry
//	   confd.Table): unknown jobs and           (exaop.Lookup, exaop.Table):
//	   parameters refused before sending        unknown methods, object kinds,
//	                                            arguments and dict keys refused
//	2. renamed for the cluster's release (sendJob, confd/release.go)
//	3. a read (the table says so): job_exec  3. a read (the table says so,
//	   once through Conn.Call, which            callPlugin STATUS too): once
//	   repeats it after any transient           through Conn.Call, repeated by
//	   fault (failover); no lock queue,         the transport alone; no
//	   no verify step                           verify step
//	4. a change: the lock queue              4. a change: - (EXAoperation
//	   (queueWhileLocked) while ConfD           has no lock refusal)
//	   refuses it as locked
//	5. a change starts a new generation of the read cache before and after
//	   it (asChange, readcache.go), and its read-backs read fresh; the typed
//	   reads share what the tables mark cached (shareJob, shareCall)
//	6. a change is sent once (job_start / job_wait / job_result, or the
//	   method call); when its answer is lost, untilTookEffect reads back
//	   and repeats it only if it did not take effect (the one loop of both
//	   dialects; verify.go holds ConfD's verifiers by job, each exaop_*.go
//	   file the read-backs of its calls, which the method table names:
//	   a read-back the table does not name is refused as its defect)
//	7. the answer is parsed; errors name the job or object.method, not
//	   job_exec/job_start
//
// Below the runner, package transport finds the master, rides out a
// failover and never repeats a change that may have reached the cluster,
// nor a refusal of the credentials or the certificate.

// exec runs a ConfD job through the pipeline above.
func (c *ConfD) exec(ctx context.Context, job string, params Params) (*result, error) {
	if _, err := specOf(job, params); err != nil {
		return nil, err
	}
	if readOnly(job) {
		// A read takes no configuration lock: it never waits in the queue.
		return c.sendJob(ctx, job, params)
	}
	return c.queueWhileLocked(ctx, job, func(ctx context.Context) (*result, error) { return c.sendJob(ctx, job, params) })
}

// sendJob sends a job once, as far as ConfD's answers allow (see exec).
func (c *ConfD) sendJob(ctx context.Context, job string, params Params) (*result, error) {
	sent := params
	if confd.Dependent(job, params) {
		r, err := c.Release(ctx)
		if err == nil {
			sent, err = confd.For(r, job, params)
		}
		if err != nil {
			return nil, err
		}
	}
	return c.sendAs(ctx, job, params, sent)
}

// sendAs sends job with the parameters sent, as the cluster's release
// spells them; params is the same in the table's spelling, for read-backs.
func (c *ConfD) sendAs(ctx context.Context, job string, params, sent Params) (*result, error) {
	start := time.Now()
	var (
		env any
		err error
	)
	args := []any{job}
	if sent != nil {
		args = append(args, map[string]any{"params": map[string]any(sent)})
	}
	if readOnly(job) {
		env, err = c.call(ctx, true, "", "job_exec", args...)
	} else {
		env, err = c.runChange(ctx, job, params, args)
	}
	fields := map[string]any{"job": job, "params": redact(sent), "duration_ms": time.Since(start).Milliseconds()}
	if err != nil {
		fields["error"] = err.Error()
		c.log(ctx, "ConfD job failed", fields)
		return nil, relabel(err, job)
	}
	res, err := parseEnvelope(job, env)
	if res != nil {
		fields["jobid"] = res.JobID
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	c.log(ctx, "ConfD job", fields)
	return res, err
}

// queueWhileLocked runs a job and, while ConfD refuses it as locked, runs
// it again after a pause until ctx ends (locked.go says why).
func (c *ConfD) queueWhileLocked(ctx context.Context, job string, run func(context.Context) (*result, error)) (*result, error) {
	res, err := run(ctx)
	if !IsLocked(err) {
		return res, err
	}
	start, refusals, last := time.Now(), 1, err
	c.log(ctx, "ConfD configuration locked; the job is queued", map[string]any{"job": job, "error": err.Error()})
	w := c.waiter()
	w.Backoff = lockBackoff
	werr := w.Until(ctx, "ConfD to accept job "+job, func(ctx context.Context) (bool, string, error) {
		res, err = run(ctx)
		if IsLocked(err) {
			refusals++
			last = err
			return false, "refused: " + transport.MessageOf(err), nil
		}
		if ns := new(*notSentError); errors.As(err, ns) && ctx.Err() != nil {
			// The deadline ended the queue before the job was sent again:
			// the refusal stands.
			return false, "", ctx.Err()
		}
		return true, "", nil // success, or a failure of its own that ends the queue
	})
	if werr == nil {
		return res, err
	}
	var e *Error
	errors.As(last, &e)
	return nil, &Error{Kind: KindLocked, Job: job, Endpoint: e.Endpoint, ResultCode: e.ResultCode, ResultName: e.ResultName,
		Message: fmt.Sprintf("%s; refused %d times in %s, so the job did not run: another change (another client, "+
			"EXAoperation, a ConfD session) held the configuration lock until the deadline",
			e.Message, refusals, time.Since(start).Round(time.Second)),
		Err: werr, Hint: HintLockWait}
}

// runChange runs a change job: nothing read before it ends serves a read
// after it, and what it reads itself (read-backs) is fresh.
func (c *ConfD) runChange(ctx context.Context, job string, params Params, args []any) (any, error) {
	return c.asChange(ctx, func(ctx context.Context) (any, error) { return c.change(ctx, job, params, args) })
}

// asChange runs a change of either dialect: it starts a new generation of
// the read cache before and after, so that nothing read before it ends
// serves a read after it, and what it reads itself (read-backs) is fresh.
func (s *session) asChange(ctx context.Context, run func(context.Context) (any, error)) (any, error) {
	s.reads.invalidate()
	defer s.reads.invalidate()
	return run(Fresh(ctx))
}

// change sends a ConfD change job once and, after a lost answer, reads back
// with the job table's verifier (untilTookEffect).
func (c *ConfD) change(ctx context.Context, job string, params Params, args []any) (any, error) {
	v := verifiers[job]
	var rb *readBack
	if v != nil {
		var before any
		if v.prepare != nil {
			var err error
			if before, err = v.prepare(ctx, c, params); err != nil {
				return nil, &notSentError{err}
			}
		}
		rb = &readBack{what: v.what, check: func(ctx context.Context) (bool, any, error) {
			done, out, err := v.check(ctx, c, params, before)
			if !done || err != nil {
				return done, nil, err
			}
			// The envelope the job would have answered.
			env := map[string]any{"result_code": int64(0), "result_name": "OK", "result_desc": "Success (read back after a lost answer)"}
			if out != nil {
				env["result_output"] = out
			}
			return true, env, nil
		}}
	}
	return c.untilTookEffect(ctx, "", job, rb, func(ctx context.Context) (any, bool, error) {
		env, unknown, err := c.execAsync(ctx, job, args)
		return env, unknown, relabel(err, job)
	})
}

// execAsync runs a change job once. unknown says that the job may have run
// although err says otherwise: the answer to job_start was lost, or the job
// was started and its result could not be fetched.
func (c *ConfD) execAsync(ctx context.Context, job string, args []any) (env any, unknown bool, err error) {
	v, err := c.call(ctx, false, "", "job_start", args...)
	if err != nil {
		return nil, transport.Sent(err), err
	}
	// A job id is a string; anything else (a struct) is no job to wait for.
	jid, _ := v.(string)
	if jid == "" {
		// Some releases answer job_start with a failed envelope right away.
		if asFields(v) != nil {
			return v, false, nil
		}
		return nil, false, &Error{Kind: KindDecode, Job: job, Message: fmt.Sprintf("job_start returned no job id (%v)", v)}
	}
	err = wait.Until(ctx, fmt.Sprintf("ConfD job %s (%s) to finish", job, jid), func(ctx context.Context) (bool, string, error) {
		done, err := c.call(ctx, true, "", "job_wait", jid)
		if err != nil {
			return false, "", err
		}
		if asBool(done) {
			return true, "finished", nil
		}
		return false, "running", nil
	})
	if err == nil {
		env, err = c.call(ctx, true, "", "job_result", jid)
	}
	// The job was started: a failure to follow it (a new master that does
	// not know the job id, a failover that outlasted the wait) leaves its
	// outcome unknown, unless our own deadline ended the wait.
	return env, err != nil && ctx.Err() == nil, err
}

// call runs an EXAoperation read through the pipeline above (x.run).
func (x *EXAoperation) call(ctx context.Context, object, method string, args ...any) (any, error) {
	return x.run(ctx, nil, object, method, args)
}

// change runs an EXAoperation change through the pipeline above; after a
// lost answer rb reads back (untilTookEffect). Nothing is blindly repeated.
func (x *EXAoperation) change(ctx context.Context, rb *readBack, object, method string, args ...any) (any, error) {
	return x.run(ctx, rb, object, method, args)
}

// run is exec for an EXAoperation call: the method table decides, as the
// job table does for ConfD.
func (x *EXAoperation) run(ctx context.Context, rb *readBack, object, method string, args []any) (any, error) {
	m, err := exaop.Lookup(object, method, args)
	if err != nil {
		return nil, err
	}
	if m.Reads(args) {
		// A read: sent once, repeated by the transport alone.
		return x.send(ctx, true, object, method, args)
	}
	label := exaop.CallLabel(object, method)
	if rb != nil && m.ReadBack == "" {
		// The table would hide a read-back: a defect of the table.
		return nil, &Error{Kind: KindDecode, API: APIEXAoperation, Job: label,
			Message: "the client reads this change back after a lost answer, but its method table names no read-back"}
	}
	return x.t.asChange(ctx, func(ctx context.Context) (any, error) {
		return x.t.untilTookEffect(ctx, APIEXAoperation, label, rb, func(ctx context.Context) (any, bool, error) {
			v, err := x.send(ctx, false, object, method, args)
			return v, err != nil && transport.Sent(err), err
		})
	})
}

// send sends one EXAoperation method call to an object ("" is the cluster)
// and maps faults to the one error type.
func (x *EXAoperation) send(ctx context.Context, read bool, object, method string, args []any) (any, error) {
	start := time.Now()
	v, err := x.t.call(ctx, read, object, method, args...)
	fields := map[string]any{"call": exaop.CallLabel(object, method), "duration_ms": time.Since(start).Milliseconds()}
	if len(args) > 0 {
		fields["args"] = redactArgs(method, args)
	}
	if err != nil {
		err = exaop.Error(err, object, method)
		fields["error"] = err.Error()
		x.t.log(ctx, "EXAoperation call failed", fields)
		return nil, err
	}
	x.t.log(ctx, "EXAoperation call", fields)
	return v, nil
}

// readBack tells whether a change whose answer was lost took effect, and
// the answer the change would have given (nil when none is needed).
type readBack struct {
	what  string // what the user can check when reading back fails
	check func(ctx context.Context) (done bool, out any, err error)
}

// maxChangeTries bounds how often one change is sent when every answer is
// lost and every read-back shows that it did not take effect.
const maxChangeTries = 3

// untilTookEffect is the one verify-after-lost-answer loop of both
// dialects. send sends the change once; unknown says that its answer was
// lost, so it may have taken effect. Then rb reads back: a change that took
// effect counts as done, one that did not is sent again (at most
// maxChangeTries times); without rb, or when reading back fails, the error
// (OutcomeUnknownError) says that the change may have taken effect.
func (s *session) untilTookEffect(ctx context.Context, api, label string, rb *readBack,
	send func(context.Context) (out any, unknown bool, err error)) (any, error) {
	noun, unchecked := "ConfD job", "in EXAoperation or with ConfD's job_list whether it ran"
	if api == APIEXAoperation {
		noun, unchecked = "EXAoperation call", "in EXAoperation whether it ran"
	}
	for try := 1; ; try++ {
		out, unknown, err := send(ctx)
		if err == nil || !unknown || ctx.Err() != nil {
			return out, err
		}
		if rb == nil {
			return nil, &OutcomeUnknownError{API: api, Job: label, What: unchecked, Err: err}
		}
		s.log(ctx, noun+" outcome unknown; reading back", map[string]any{"job": label, "error": err.Error(), "try": try})
		done, out, verr := rb.check(ctx)
		switch {
		case errors.As(verr, new(*ForeignObjectError)):
			return nil, verr
		case verr != nil:
			return nil, &OutcomeUnknownError{API: api, Job: label, What: rb.what, Err: err, ReadErr: verr}
		case done:
			s.log(ctx, noun+" took effect before its answer was lost", map[string]any{"job": label})
			return out, nil
		case try >= maxChangeTries:
			return nil, &OutcomeUnknownError{API: api, Job: label, What: rb.what, Err: err,
				ReadErr: fmt.Errorf("the change was sent %d times, every answer was lost and it never took effect", try)}
		}
		s.log(ctx, noun+" did not take effect; repeating it", map[string]any{"job": label})
	}
}
