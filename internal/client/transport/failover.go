package transport

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// Management failover (../shared/reference/lifecycle.md §2): ConfD runs on
// every node, only the master runs jobs, and the master can move. Every call
// goes through withFailover: when the master stops answering (connection
// refused, a timeout, a redirect to a node that is gone), the master is found
// again through the other endpoints and the call carries on, within
// FailoverTimeout. A read is simply repeated. A change is repeated only when
// it surely never reached a master; otherwise its outcome is unknown and the
// client's runner reads back before repeating it (../runner.go).

const (
	// DefaultRequestTimeout bounds one HTTP request; a hanging master is
	// noticed after this long. Long jobs do not hold a request open
	// (job_start / job_wait), so it only has to cover one round trip.
	DefaultRequestTimeout = 60 * time.Second
	// DefaultFailoverTimeout bounds the search for a master after a failure.
	// guess: a ConfD master failover takes about a minute; five leave room
	// for a slow election, a hanging node that costs a request timeout per
	// try, and a second failure.
	DefaultFailoverTimeout = 5 * time.Minute
	// discoveryTimeout bounds one GET /master (at most RequestTimeout),
	// which a live node answers at once. guess: 10 s, so that a hanging
	// node does not hold up the search for the master for long.
	discoveryTimeout = 10 * time.Second
)

// sentError marks a transport failure after the request was written: a
// change may have reached the cluster.
type sentError struct{ error }

func (e *sentError) Unwrap() error { return e.error }

// discoveryError marks a failed search for the master. trust: every node
// failed on its certificate, which waiting does not cure.
type discoveryError struct{ trust bool }

func (e *discoveryError) Error() string { return "no endpoint named the master" }

// Sent reports whether a failed request may have reached the cluster.
func Sent(err error) bool {
	var s *sentError
	if errors.As(err, &s) {
		return true
	}
	var e *Error
	return errors.As(err, &e) && e.Kind == KindHTTP && e.HTTPStatus >= 500
}

func IsTrustError(err error) bool {
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &invalid)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Classify says whether a failed try is worth another (retry), and whether
// the failure looks like a master that is gone or moving (failover): those
// are retried until FailoverTimeout, the others RetryMax times.
func Classify(err error) (retry, failover bool) {
	var e *Error
	if !errors.As(err, &e) || isRefusedRedirect(err) {
		return false, false
	}
	switch e.Kind {
	case KindTransport:
		var d *discoveryError
		switch {
		case errors.As(err, &d):
			return !d.trust, true
		case IsTrustError(err):
			return false, false
		case !Sent(err):
			return true, true // refused, unreachable, no TLS: the node is down
		default:
			return true, isTimeout(err) // a hang, or a connection dropped under the answer
		}
	case KindHTTP:
		switch e.HTTPStatus {
		case http.StatusFound, http.StatusTemporaryRedirect, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true, true
		case http.StatusInternalServerError, http.StatusTooManyRequests:
			return true, false
		}
	}
	return false, false
}

// retryable: a read may be repeated after any retryable failure, a change
// only when it surely did not reach the cluster.
func retryable(ctx context.Context, err error, read bool) bool {
	if ctx.Err() != nil {
		return false
	}
	retry, _ := Classify(err)
	return retry && (read || !Sent(err))
}

// withFailover runs try until it succeeds, fails for good, or no master has
// answered for FailoverTimeout.
func (c *Conn) withFailover(ctx context.Context, method string, read bool, try func(context.Context) (any, error)) (any, error) {
	v, err := try(ctx)
	if err == nil || !retryable(ctx, err, read) {
		return v, err
	}
	transient := 0
	giveUp := func(err error) bool {
		// Until a node has answered once, a node that does not answer is
		// more likely a wrong address than a failover: fail fast.
		if _, failover := Classify(err); failover && c.contacted.Load() {
			return false
		}
		transient++
		return transient > c.cfg.RetryMax
	}
	if giveUp(err) {
		return nil, err
	}
	c.Log(ctx, "ConfD master not answering; looking for it", map[string]any{"method": method, "error": err.Error()})
	fctx, cancel := context.WithTimeout(ctx, c.cfg.FailoverTimeout)
	defer cancel()
	last, stop := err, error(nil)
	werr := c.failoverWaiter().Until(fctx, "a ConfD master to answer "+method, func(fctx context.Context) (bool, string, error) {
		v, err = try(fctx)
		if err == nil {
			return true, "", nil
		}
		if fctx.Err() != nil {
			return false, "", err
		}
		last = err
		if !retryable(fctx, err, read) || giveUp(err) {
			stop = err
			return false, "", err
		}
		return false, err.Error(), nil
	})
	switch {
	case werr == nil:
		c.Log(ctx, "ConfD master found again", map[string]any{"method": method})
		return v, nil
	case stop != nil:
		return nil, stop
	case ctx.Err() != nil:
		return nil, &Error{Kind: KindTransport, Job: method, Endpoint: strings.Join(hosts(c.endpoints), ", "),
			Message: fmt.Sprintf("gave up (%v) while looking for the ConfD master; last failure: %s", ctx.Err(), MessageOf(last)), Err: ctx.Err()}
	}
	return nil, &Error{Kind: KindTransport, Job: method, Endpoint: strings.Join(hosts(c.endpoints), ", "),
		Message: fmt.Sprintf("no ConfD master answered within the failover timeout of %s; last failure: %s",
			c.cfg.FailoverTimeout, MessageOf(last)), Err: last, Hint: HintFailoverTimeout}
}

// failoverBackoff looks for the new master often enough to notice it within
// a couple of seconds, however long the failover takes.
var failoverBackoff = wait.Backoff{Initial: 100 * time.Millisecond, Max: 2 * time.Second, Factor: 1.6, Jitter: 0.2}

func (c *Conn) failoverWaiter() wait.Waiter {
	w := c.Waiter()
	w.Backoff = failoverBackoff
	return w
}

func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind == KindTransport {
		return e.Message
	}
	return err.Error()
}
