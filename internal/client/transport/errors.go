package transport

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an Error so callers can decide what to do without parsing text.
type Kind int

const (
	// KindJob: the cluster ran the job and refused it (non-zero result_code).
	KindJob Kind = iota
	// KindNotFound: the object does not exist, as its list job says
	// (ConfD: lookup.go), never because of an error's wording.
	KindNotFound
	// KindFault: an XML-RPC fault (protocol misuse: unknown method, bad arguments).
	KindFault
	// KindAuth: the cluster rejected the credentials (HTTP 401/403).
	KindAuth
	// KindHTTP: an unexpected HTTP status.
	KindHTTP
	// KindTransport: the request did not complete (connection, TLS, timeout).
	KindTransport
	// KindDecode: the answer could not be understood.
	KindDecode
	// KindLocked: ConfD refused a change because another change held the
	// configuration lock; the job did not run (locked.go).
	KindLocked
)

// Error is the one error type of the client. Every failure of a call names the
// job (or method) it belongs to and carries what the cluster said.
type Error struct {
	Kind       Kind
	Job        string // ConfD job or XML-RPC method
	Endpoint   string // the node that answered (or did not)
	ResultCode int    // ConfD result_code, for KindJob/KindNotFound
	ResultName string // ConfD result_name
	Message    string // the cluster's own message, or a description of the failure
	HTTPStatus int
	FaultCode  int
	Err        error // underlying error, if any
	// API is the interface that answered: "" (ConfD) or APIEXAoperation,
	// whose calls and refusals are worded differently.
	API string
	// Hint names what the caller can change to get past the failure, in
	// the client's terms; the caller words the advice (the client knows
	// nothing of the provider's settings).
	Hint Hint
}

// Hint is what the caller of a failed call can change, if anything.
type Hint int

const (
	HintNone Hint = iota
	// HintCredentials: Config.Username/Password or Config.AuthToken were refused.
	HintCredentials
	// HintCACert: the server's certificate is not signed by a trusted CA:
	// Config.CACertPEM must pin the cluster's CA.
	HintCACert
	// HintFailoverTimeout: no master answered within Config.FailoverTimeout.
	HintFailoverTimeout
	// HintRetry: the management service failed; the same call may succeed
	// once it is healthy again.
	HintRetry
	// HintLockWait: another change held the configuration lock for longer
	// than the caller's deadline; the job did not run.
	HintLockWait
)

func (e *Error) Error() string {
	if e.API == APIEXAoperation {
		if msg, ok := e.exaoperationText(); ok {
			return msg
		}
	}
	var b strings.Builder
	switch e.Kind {
	case KindJob, KindNotFound:
		fmt.Fprintf(&b, "ConfD job %s failed (result_code %d, %s): %s", e.Job, e.ResultCode, e.ResultName, e.Message)
	case KindFault:
		fmt.Fprintf(&b, "ConfD rejected %s with XML-RPC fault %d: %s", e.Job, e.FaultCode, e.Message)
	case KindAuth:
		fmt.Fprintf(&b, "%s: the cluster at %s rejected the credentials (HTTP %d)", e.Job, e.Endpoint, e.HTTPStatus)
	case KindHTTP:
		fmt.Fprintf(&b, "%s: unexpected HTTP %d from %s: %s", e.Job, e.HTTPStatus, e.Endpoint, e.Message)
		if e.HTTPStatus >= 500 {
			b.WriteString("; the cluster's management service is failing: check its health (ConfD on the master node)")
		}
	case KindLocked:
		b.WriteString(e.lockedText())
	case KindTransport:
		fmt.Fprintf(&b, "%s: cannot reach %s: %s", e.Job, e.Endpoint, e.Message)
	case KindDecode:
		fmt.Fprintf(&b, "%s: cannot understand the answer of %s: %s", e.Job, e.Endpoint, e.Message)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// IsNotFound reports whether err says that the object a job named does not exist.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindNotFound
}

// IsTransport reports whether err is a failure to reach the cluster, where the
// outcome of a change is unknown until it is read back.
func IsTransport(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindTransport
}

// IsAuth reports whether the cluster rejected the credentials.
func IsAuth(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindAuth
}

// IsTrust reports whether the cluster could not be reached because its TLS
// certificate is not trusted (on every endpoint tried): waiting does not
// cure it.
func IsTrust(err error) bool {
	var d *discoveryError
	if errors.As(err, &d) {
		return d.trust
	}
	return IsTrustError(err)
}

// exaoperationText words an EXAoperation error; ok is false for the kinds
// worded alike on both interfaces.
func (e *Error) exaoperationText() (string, bool) {
	name := ""
	if e.ResultName != "" {
		name = " (" + e.ResultName + ")"
	}
	switch e.Kind {
	case KindJob:
		return fmt.Sprintf("EXAoperation refused %s%s: %s", e.Job, name, e.Message), true
	case KindNotFound:
		return fmt.Sprintf("EXAoperation %s failed%s: %s", e.Job, name, e.Message), true
	case KindFault:
		return fmt.Sprintf("EXAoperation rejected %s with XML-RPC fault %d: %s", e.Job, e.FaultCode, e.Message), true
	case KindAuth:
		if e.HTTPStatus == 0 {
			return fmt.Sprintf("%s: EXAoperation at %s rejected the credentials (%s)", e.Job, e.Endpoint, e.Message), true
		}
	}
	return "", false
}

// lockedText is Error's text for KindLocked.
func (e *Error) lockedText() string {
	return fmt.Sprintf("ConfD job %s was refused because the cluster configuration is locked (result_code %d, %s): %s",
		e.Job, e.ResultCode, e.ResultName, e.Message)
}
