package confd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// Result is a decoded ConfD envelope of a successful job.
type Result struct {
	JobID     string
	Output    any
	HasOutput bool
	Revision  int64
}

// ParseEnvelope reads ConfD's answer envelope of job: a success as
// *Result, a failure as the one error type (KindLocked when ConfD refused a
// change for the configuration lock, see IsLockedRefusal).
func ParseEnvelope(job string, v any) (*Result, error) {
	f := asEnvelope(v)
	if f == nil || !f.has("result_code") {
		return nil, &transport.Error{Kind: transport.KindDecode, Job: job, Message: fmt.Sprintf("expected a result envelope, got %T", v)}
	}
	if code := f.num("result_code"); code != 0 {
		msg := f.str("result_output")
		if msg == "" || asEnvelope(f["result_output"]) != nil {
			msg = f.str("result_desc")
		}
		// A failed job is never taken to say that an object is missing,
		// whatever its text: only a list job decides that (lookup.go).
		kind := transport.KindJob
		if IsLockedRefusal(f.str("result_name"), msg) {
			kind = transport.KindLocked
		}
		return nil, &transport.Error{Kind: kind, Job: job, ResultCode: int(code), ResultName: f.str("result_name"), Message: msg}
	}
	return &Result{JobID: f.str("result_jobid"), Output: f["result_output"], HasOutput: f.has("result_output"), Revision: f.num("result_revision")}, nil
}

// lockedNames and lockedPhrases mark a refusal envelope.
var (
	lockedNames   = []string{"LOCKED", "BUSY"}
	lockedPhrases = []string{"is locked by", "configuration is locked", "another job is running"}
)

// IsLockedRefusal reports whether a failed envelope is ConfD's refusal
// of a change because another change holds the configuration lock
// (../locked.go says what is known of it).
func IsLockedRefusal(resultName, msg string) bool {
	for _, n := range lockedNames {
		if strings.EqualFold(resultName, n) {
			return true
		}
	}
	m := strings.ToLower(msg)
	for _, p := range lockedPhrases {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

// envelope reads the fields of an envelope tolerantly (numbers may come as
// strings).
type envelope map[string]any

func asEnvelope(v any) envelope {
	m, _ := v.(map[string]any)
	return m
}

func (f envelope) has(key string) bool { _, ok := f[key]; return ok }

func (f envelope) str(key string) string {
	switch t := f[key].(type) {
	case nil:
		return ""
	case string:
		return t
	default:
		return fmt.Sprint(t)
	}
}

func (f envelope) num(key string) int64 {
	switch t := f[key].(type) {
	case int64:
		return t
	case int:
		return int64(t)
	case float64:
		return int64(t)
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
		return n
	}
	return 0
}
