package client

import (
	"fmt"
	"sort"
	"strings"
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
		if strings.Contains(lk, "password") || strings.Contains(lk, "token") || strings.Contains(lk, "secret") {
			out[k] = "***"
			continue
		}
		out[k] = v
	}
	return out
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
