package confd

import (
	"context"
	"fmt"
	"time"
)

// Refusals: ConfD turns a job down without running it. Two kinds:
//
//   - busy: ConfD changes the cluster one job at a time; a change job that
//     arrives while another change holds the configuration lock is refused.
//     It happens on its own when a lock hold is set (SetLockHold: every
//     change holds the lock that long after it is submitted), or for one
//     call marked by WithCollision (the simulator's "busy" fault).
//   - a job error: the call marked by WithJobError fails with an error
//     envelope (the simulator's "error" fault).
//
// Either way the job is in the job log with a non-zero code and took no
// effect: a client may send it again.
//
// guess: no refusal of a real ConfD has been published. The envelope has
// result_name "LOCKED" and a message that names the job holding the lock;
// clients recognize it by the name and the phrase "is locked by"
// (internal/client keeps the same guess).
const (
	busyCode = 2
	busyName = "LOCKED"
)

// busyMessage is what a refused job's envelope says.
func busyMessage(job, holder string) string {
	return fmt.Sprintf("the cluster configuration is locked by %s; job %s was not run, try again when that job has finished", holder, job)
}

// refusedError is a refusal: the job did not run.
type refusedError struct {
	busy bool
	msg  string
}

func (e *refusedError) Error() string { return e.msg }

// refusalEnvelope turns a job's failure envelope into a busy refusal's.
func refusalEnvelope(env map[string]any, err error) {
	if r, ok := err.(*refusedError); ok && r.busy {
		env["result_code"], env["result_name"] = busyCode, busyName
	}
}

type refusalKey struct{}

// WithCollision marks a call: its change job arrives while a change of
// another client holds the configuration lock, so ConfD refuses it.
func WithCollision(ctx context.Context) context.Context {
	return context.WithValue(ctx, refusalKey{}, &refusedError{busy: true})
}

// WithJobError marks a call: its job fails with msg without running.
func WithJobError(ctx context.Context, msg string) context.Context {
	return context.WithValue(ctx, refusalKey{}, &refusedError{msg: msg})
}

// configLock is ConfD's lock on the cluster configuration.
type configLock struct {
	hold   time.Duration // how long a change holds the lock; 0 = changes never collide
	holder string        // "job 11.42 (st_volume_create)"
	until  time.Time
}

// SetLockHold makes every change job hold the configuration lock for d
// after it is submitted, so that another change arriving meanwhile is
// refused as busy. 0 (the default) turns collisions off.
func (s *Service) SetLockHold(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lock.hold = max(d, 0)
}

// refuse decides, under s.mu, whether ConfD turns job name (id) down now;
// nil lets it run, and a change that runs takes the lock.
func (s *Service) refuse(ctx context.Context, name, id string, now time.Time) error {
	if r, ok := ctx.Value(refusalKey{}).(*refusedError); ok {
		if !r.busy {
			return &refusedError{msg: r.msg}
		}
		if IsChange(name) {
			return &refusedError{busy: true, msg: busyMessage(name, "a change of another client (an EXAoperation or ConfD session)")}
		}
	}
	if !IsChange(name) || s.lock.hold == 0 {
		return nil
	}
	if now.Before(s.lock.until) {
		return &refusedError{busy: true, msg: busyMessage(name, s.lock.holder)}
	}
	s.lock.holder, s.lock.until = fmt.Sprintf("job %s (%s)", id, name), now.Add(s.lock.hold)
	return nil
}

// IsJob reports whether name is a job of the job table.
func IsJob(name string) bool {
	_, ok := jobTable[name]
	return ok
}
