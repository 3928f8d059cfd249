package client

import (
	"errors"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// A locked configuration: ConfD changes the cluster one job at a time and
// refuses a change job that arrives while another change holds the
// configuration lock. The refusal proves that the job did not run, so the
// job runner sends it again after a pause, within the caller's deadline,
// like a queue: the resources of one apply (terraform -parallelism), or two
// Terraform runs, take turns instead of failing. Only this refusal is
// repeated on its own; any other failure of a change is read back first
// (verify.go).
//
// guess: no refusal of a real ConfD has been published. The simulator
// (sim/confd/busy.go) answers with result_name "LOCKED" and a message that
// says the configuration "is locked by" a job; both are recognized here.

// IsLocked reports whether err is ConfD's refusal of a change because
// another change held the configuration lock: the job did not run.
func IsLocked(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindLocked
}

// lockBackoff spreads the retries of parallel refused jobs (large jitter)
// and notices a released lock within a second or so at first.
var lockBackoff = wait.Backoff{Initial: 200 * time.Millisecond, Max: 5 * time.Second, Factor: 1.6, Jitter: 0.5, Fraction: 0.2}
