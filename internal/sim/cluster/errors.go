package cluster

import (
	"errors"
	"fmt"
)

// Kind classifies a refusal so that each front end can translate it into its
// own convention (ConfD: a failure envelope; EXAoperation: a NotFound or
// UsageError fault) without parsing message text.
type Kind int

const (
	// KindInvalid: the request itself is malformed (bad size, bad name, …).
	KindInvalid Kind = iota + 1
	// KindNotFound: a named object does not exist. The message always
	// contains the words "does not exist".
	KindNotFound
	// KindConflict: the request is well-formed but the cluster's current
	// state forbids it (database running, volume in use, …).
	KindConflict
)

// Error is a refusal by the cluster model. Msg is meant for humans and names
// the objects involved.
type Error struct {
	Kind Kind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// KindOf returns the Kind of a model error, or 0 for anything else.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func invalid(format string, args ...any) error {
	return &Error{KindInvalid, fmt.Sprintf(format, args...)}
}

// notFound builds the message as "<what> does not exist" so that the rule
// "every not-found message says does not exist" holds by construction.
func notFound(format string, args ...any) error {
	return &Error{KindNotFound, fmt.Sprintf(format, args...) + " does not exist"}
}

func conflict(format string, args ...any) error {
	return &Error{KindConflict, fmt.Sprintf(format, args...)}
}

// NotFoundError is notFound for the front ends.
func NotFoundError(format string, args ...any) error { return notFound(format, args...) }
