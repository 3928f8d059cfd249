// Package client talks to an Exasol cluster's management interface (ConfD,
// or EXAoperation on Exasol 6.x) over XML-RPC. It knows nothing of
// Terraform: it takes plain Go values and returns typed structs and *Error
// values, so the provider reads as a mapping and the client can be tested
// and reused on its own.
//
// The connection (endpoints, TLS, credentials, master discovery, failover,
// the one request function) is package transport; this package holds the
// domain types, the Backend implementations and their job runner. See
// ARCHITECTURE.md at the repository root for the path a job takes.
package client

import (
	"context"
	"net/url"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// The connection's types and rules, under the names the provider uses.
type (
	// Config is everything needed to reach a cluster.
	Config = transport.Config
	// LogFunc receives debug lines; the provider routes them to tflog.
	LogFunc = transport.LogFunc
	// Error is the one error type of the client.
	Error = transport.Error
	// Kind classifies an Error.
	Kind = transport.Kind
	// Hint names what the caller can change to get past an Error.
	Hint = transport.Hint
)

// Hints (see transport.Hint).
const (
	HintNone            = transport.HintNone
	HintCredentials     = transport.HintCredentials
	HintCACert          = transport.HintCACert
	HintFailoverTimeout = transport.HintFailoverTimeout
	HintRetry           = transport.HintRetry
	HintLockWait        = transport.HintLockWait
)

// Error kinds (see transport.Kind).
const (
	KindJob       = transport.KindJob
	KindNotFound  = transport.KindNotFound
	KindFault     = transport.KindFault
	KindAuth      = transport.KindAuth
	KindHTTP      = transport.KindHTTP
	KindTransport = transport.KindTransport
	KindDecode    = transport.KindDecode
	KindLocked    = transport.KindLocked
)

// Interfaces and defaults (see package transport).
const (
	APIConfD               = transport.APIConfD
	APIEXAoperation        = transport.APIEXAoperation
	DefaultPort            = transport.DefaultPort
	DefaultRequestTimeout  = transport.DefaultRequestTimeout
	DefaultFailoverTimeout = transport.DefaultFailoverTimeout
)

// ParseEndpoint normalises one node address to an https URL with a port.
func ParseEndpoint(s string) (*url.URL, error) { return transport.ParseEndpoint(s) }

// DetectAPI asks the endpoints which management interface they serve.
func DetectAPI(ctx context.Context, cfg Config) (string, error) { return transport.DetectAPI(ctx, cfg) }

// IsNotFound reports whether err says that the object a job named does not exist.
func IsNotFound(err error) bool { return transport.IsNotFound(err) }

// IsTransport reports whether err is a failure to reach the cluster.
func IsTransport(err error) bool { return transport.IsTransport(err) }

// IsAuth reports whether the cluster rejected the credentials.
func IsAuth(err error) bool { return transport.IsAuth(err) }

// IsTrust reports whether the cluster's TLS certificate is not trusted.
func IsTrust(err error) bool { return transport.IsTrust(err) }

// ConfD is the ConfD Backend of one cluster. It is safe for concurrent
// use and does no network work until the first call.
type ConfD struct {
	// orchestration is the Backend's ordered operations, written once
	// over this dialect (orchestration.go).
	orchestration
	conn *transport.Conn
	// reads is the run-scoped cache of Read answers (readcache.go).
	reads readCache
}

// New checks the configuration and prepares the connection.
func New(cfg Config) (*ConfD, error) {
	conn, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	c := &ConfD{conn: conn}
	c.orchestration = orchestration{d: c}
	return c, nil
}

// call sends one XML-RPC call to the master (object "" for ConfD).
func (c *ConfD) call(ctx context.Context, read bool, object, method string, args ...any) (any, error) {
	return c.conn.Call(ctx, read, object, method, args...)
}

func (c *ConfD) log(ctx context.Context, msg string, fields map[string]any) {
	c.conn.Log(ctx, msg, fields)
}

// MasterName asks the master for its host name; "" when the front does not say.
func (c *ConfD) MasterName(ctx context.Context) (string, error) { return c.conn.MasterName(ctx) }

func (c *ConfD) forgetMaster() { c.conn.ForgetMaster() }
