package main

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The plugin framework keeps the cancel function of every request's context
// until StopProvider, which Terraform never sends in a normal run (fact:
// terraform-plugin-framework v1.19 internal/proto6server/serve.go,
// registerContext). A cancel function holds its context, and a context all
// of its parents: the request's gRPC stream and the loggers that
// terraform-plugin-go sets up per request, logs on or off. A plan of 1000
// resources (about 4000 requests) kept some 70 MiB that way, the larger
// part of the provider's peak memory (BENCHMARKS.md).
//
// releasingServer hands the framework, for each per-resource request, a
// context that lets go of the request's context when the request has been
// answered: what the framework keeps is then a few hundred bytes.

// frameworkServer is the framework's server with every optional server that
// terraform-plugin-go looks for (list resources, actions, state stores), so
// that wrapping it hides nothing.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// releaseContexts wraps the framework's server; a server that lacks one of
// the optional interfaces is returned as it is.
func releaseContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	if fs, ok := s.(frameworkServer); ok {
		return releasingServer{fs}
	}
	return s
}

// releasingServer passes every request through; the unary per-resource ones
// (not the streaming list and action requests, whose answers outlive the
// call) get a releasable context.
type releasingServer struct{ frameworkServer }

// released calls call with a context that is let go of when call returns.
func released[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	r := &releasableContext{}
	r.p.Store(&ctx)
	defer r.p.Store(nil)
	return call(r, req)
}

// releasableContext is its parent until released; then a canceled context
// that holds nothing.
type releasableContext struct {
	p atomic.Pointer[context.Context]
}

func (r *releasableContext) parent() context.Context {
	if p := r.p.Load(); p != nil {
		return *p
	}
	return nil
}

func (r *releasableContext) Deadline() (time.Time, bool) {
	if p := r.parent(); p != nil {
		return p.Deadline()
	}
	return time.Time{}, false
}

// Done is the parent's channel, so that contexts derived from this one are
// canceled with the parent's cancellation, without a goroutine.
func (r *releasableContext) Done() <-chan struct{} {
	if p := r.parent(); p != nil {
		return p.Done()
	}
	return closed
}

func (r *releasableContext) Err() error {
	if p := r.parent(); p != nil {
		return p.Err()
	}
	return context.Canceled
}

func (r *releasableContext) Value(key any) any {
	if p := r.parent(); p != nil {
		return p.Value(key)
	}
	return nil
}

var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return released(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return released(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadDataSource)
}
