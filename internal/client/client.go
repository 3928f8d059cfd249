// Package client talks to an Exasol cluster's management interface (ConfD,
// or EXAoperation on Exasol 6.x) over XML-RPC. It knows nothing of
// Terraform: it takes plain Go values and returns typed structs and *Error
// values, so the provider reads as a mapping and the client can be tested
// and reused on its own.
//
// The connection (endpoints, TLS, credentials, master discovery, failover,
// the one request function) is package transport, the job and method tables
// are packages confd and exaop. This package holds the domain types, the one
// Backend implementation (Cluster, backend.go), the orchestration it is made
// of, written once over a small dialect interface (orchestration.go), the two
// dialects that map objects to jobs and method calls (ConfD in confd_*.go,
// EXAoperation in exaop_*.go) and the one job runner (runner.go). See
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

// ConfD is the dialect of the job interface (Exasol 7.1 and 8): it maps the
// objects to ConfD jobs (confd_<object>.go, sent through exec, runner.go) and
// brings the primitives the orchestration orders (orchestration.go). It is
// no Backend itself: Cluster is, with ConfD as its dialect (backend.go).
type ConfD struct {
	*session
}
