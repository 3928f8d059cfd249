package client

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// Params are a job's parameters, as ConfD names them.
type Params map[string]any

// result is a decoded ConfD envelope of a successful job.
type result struct {
	JobID     string
	Output    any
	HasOutput bool
	Revision  int64
}

// exec runs a job. Reads use job_exec (one round trip); changes use the
// asynchronous job_start / job_wait / job_result form so that a long job never
// holds one HTTP request open past its timeout. Both ride out a failover of
// the master: a read is repeated, a change whose answer was lost is read
// back and repeated only if it did not take effect (verify.go). A change
// refused because the configuration is locked waits its turn (locked.go).
//
// What a job may send, and how it is sent and read back, is its entry of
// the job table (jobtable.go); parameters are spelled as the current pages
// spell them, and renamed here for an older release (release.go).
func (c *Client) exec(ctx context.Context, job string, params Params) (*result, error) {
	if _, err := specOf(job, params); err != nil {
		return nil, err
	}
	return c.queueWhileLocked(ctx, job, func(ctx context.Context) (*result, error) { return c.sendJob(ctx, job, params) })
}

// sendJob sends a job once, as far as ConfD's answers allow (see exec).
func (c *Client) sendJob(ctx context.Context, job string, params Params) (*result, error) {
	sent := params
	if releaseDependent(job, params) {
		r, err := c.Release(ctx)
		if err == nil {
			sent, err = forRelease(r, job, params)
		}
		if err != nil {
			return nil, err
		}
	}
	return c.sendAs(ctx, job, params, sent)
}

// sendAs sends job with the parameters sent, as the cluster's release
// spells them; params is the same in the table's spelling, for read-backs.
func (c *Client) sendAs(ctx context.Context, job string, params, sent Params) (*result, error) {
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
		env, err = c.call(asRead(ctx), "job_exec", args...)
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

// execAsync runs a change job once. unknown says that the job may have run
// although err says otherwise: the answer to job_start was lost, or the job
// was started and its result could not be fetched.
func (c *Client) execAsync(ctx context.Context, job string, args []any) (env any, unknown bool, err error) {
	v, err := c.call(ctx, "job_start", args...)
	if err != nil {
		return nil, sent(err), err
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
	readCtx := asRead(ctx)
	err = wait.Until(ctx, fmt.Sprintf("ConfD job %s (%s) to finish", job, jid), func(ctx context.Context) (bool, string, error) {
		done, err := c.call(readCtx, "job_wait", jid)
		if err != nil {
			return false, "", err
		}
		if asBool(done) {
			return true, "finished", nil
		}
		return false, "running", nil
	})
	if err == nil {
		env, err = c.call(readCtx, "job_result", jid)
	}
	// The job was started: a failure to follow it (a new master that does
	// not know the job id, a failover that outlasted the wait) leaves its
	// outcome unknown, unless our own deadline ended the wait.
	return env, err != nil && ctx.Err() == nil, err
}

// relabel names the job rather than the XML-RPC method (job_exec, job_start)
// in errors, since the job is what the user can act on.
func relabel(err error, job string) error {
	if e, ok := err.(*Error); ok && strings.HasPrefix(e.Job, "job_") {
		e.Job = job
	}
	return err
}

func parseEnvelope(job string, v any) (*result, error) {
	f := asFields(v)
	if f == nil || !f.has("result_code") {
		return nil, &Error{Kind: KindDecode, Job: job, Message: fmt.Sprintf("expected a result envelope, got %T", v)}
	}
	if code := f.num("result_code"); code != 0 {
		msg := f.str("result_output")
		if msg == "" || asFields(f["result_output"]) != nil {
			msg = f.str("result_desc")
		}
		// A failed job is never taken to say that an object is missing,
		// whatever its text: only a list job decides that (lookup.go).
		kind := KindJob
		if isLockedRefusal(f.str("result_name"), msg) {
			kind = KindLocked
		}
		return nil, &Error{Kind: kind, Job: job, ResultCode: int(code), ResultName: f.str("result_name"), Message: msg}
	}
	return &result{JobID: f.str("result_jobid"), Output: f["result_output"], HasOutput: f.has("result_output"), Revision: f.num("result_revision")}, nil
}

// redact keeps secrets out of every log line.
func redact(p Params) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		lk := strings.ToLower(k)
		if strings.Contains(lk, "password") || strings.Contains(lk, "token") || strings.Contains(lk, "secret") ||
			lk == "key" || lk == "license" || strings.HasSuffix(lk, "_key") { // cert_update's key, bucketfs_add's sync_key, the licence
			out[k] = "***"
			continue
		}
		if m, ok := v.(map[string]any); ok {
			v = redact(m) // general_settings' changes nest entries in sections
		}
		out[k] = v
	}
	return out
}

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Log != nil {
		c.cfg.Log(ctx, msg, fields)
	}
}

// sortedKeys is used where ConfD returns dicts keyed by id and callers want a stable order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
