// Package wait is the one poller of the project: every wait for a cluster
// state (a job to finish, a database to start, a volume to come online) goes
// through Until, so backoff, deadlines and error messages behave the same way
// everywhere.
package wait

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Backoff describes how the interval between two checks grows.
type Backoff struct {
	Initial time.Duration // first pause after an unsuccessful check
	Max     time.Duration // the pause never grows beyond this
	Factor  float64       // growth per check
	// Jitter shortens each pause by up to this fraction, so parallel waits
	// spread out; it never lengthens one, so that no change is seen later
	// than the pause allows.
	Jitter float64
	// Fraction lets the pause grow beyond Max, up to this fraction of the
	// time waited so far. The waited time then grows by a constant factor
	// per check, so the number of checks is logarithmic in the wait time,
	// and a change is seen at most Fraction × the wait so far late. 0 keeps
	// pauses at Max (a linear number of checks in long waits).
	Fraction float64
}

// DefaultBackoff notices a transition within max(0.5 s, 10% of the time
// already waited) (issue 19): pauses grow from 100 ms to half a second, and
// after five seconds follow a tenth of the time waited, so a one-hour wait
// makes about 90 checks (see bound_test.go), not 7000.
var DefaultBackoff = Backoff{Initial: 100 * time.Millisecond, Max: 500 * time.Millisecond, Factor: 1.6, Jitter: 0.2, Fraction: 0.1}

// Check reports whether the awaited condition holds. state describes what was
// seen (e.g. "Startup"), for progress messages and for the error when the
// wait gives up. A non-nil error ends the wait at once.
type Check func(ctx context.Context) (done bool, state string, err error)

// Progress is told about every unsuccessful check.
type Progress func(what, state string, attempt int, elapsed time.Duration)

// Waiter polls a Check until it holds, the context ends, or the check fails.
type Waiter struct {
	Backoff  Backoff
	Progress Progress
	clock    clock // nil: real time; tests count checks on a fake clock
}

// Default is the waiter used when a caller needs nothing special.
var Default = Waiter{Backoff: DefaultBackoff}

// TimeoutError says what was awaited, for how long, and the last state seen.
type TimeoutError struct {
	What      string
	LastState string
	Elapsed   time.Duration
	Attempts  int
	Cause     error
}

func (e *TimeoutError) Error() string {
	last := e.LastState
	if last == "" {
		last = "unknown"
	}
	return fmt.Sprintf("gave up waiting for %s after %s and %d checks (last state seen: %s): %v; "+
		"raise the resource's timeouts if the cluster is just slow", e.What, e.Elapsed.Round(time.Millisecond), e.Attempts, last, e.Cause)
}

func (e *TimeoutError) Unwrap() error { return e.Cause }

// Until checks immediately, then with growing pauses, until check reports done.
func (w Waiter) Until(ctx context.Context, what string, check Check) error {
	b := w.Backoff
	if b.Initial <= 0 {
		b = DefaultBackoff
	}
	clk := w.clock
	if clk == nil {
		clk = realClock{}
	}
	start := clk.now()
	since := func() time.Duration { return clk.now().Sub(start) }
	pause := b.Initial
	var last string
	for attempt := 1; ; attempt++ {
		done, state, err := check(ctx)
		if state != "" {
			last = state
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return &TimeoutError{What: what, LastState: last, Elapsed: since(), Attempts: attempt, Cause: ctxErr}
			}
			return fmt.Errorf("while waiting for %s: %w", what, err)
		}
		if done {
			return nil
		}
		if w.Progress != nil {
			w.Progress(what, last, attempt, since())
		}
		if err := clk.sleep(ctx, jittered(pause, b.Jitter)); err != nil {
			return &TimeoutError{What: what, LastState: last, Elapsed: since(), Attempts: attempt, Cause: err}
		}
		pause = b.next(pause, since())
	}
}

// next is the pause after pause, once elapsed has been waited.
func (b Backoff) next(pause, elapsed time.Duration) time.Duration {
	ceiling := b.Max
	if b.Fraction > 0 {
		ceiling = max(ceiling, time.Duration(float64(elapsed)*b.Fraction))
	}
	return min(time.Duration(float64(pause)*b.Factor), ceiling)
}

// clock is where Until reads the time and sleeps.
type clock interface {
	now() time.Time
	sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

func (realClock) sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// Until waits with the Default waiter.
func Until(ctx context.Context, what string, check Check) error {
	return Default.Until(ctx, what, check)
}

// IsTimeout reports whether err is a wait that ran out of time.
func IsTimeout(err error) bool {
	var t *TimeoutError
	return errors.As(err, &t)
}

func jittered(d time.Duration, frac float64) time.Duration {
	if frac <= 0 {
		return d
	}
	f := 1 - frac*rand.Float64()
	return time.Duration(float64(d) * f)
}
