package main

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/exacluster/terraform-provider-exasol/internal/provider"
)

// keeper stands in for the framework's server: like it, it keeps every
// request's context after the request (registerContext), and it checks that
// the request saw its context whole.
type keeper struct {
	frameworkServer
	t    *testing.T
	kept []context.Context
}

type bigKey struct{}

type big [1 << 20]byte

func (k *keeper) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	derived, cancel := context.WithCancel(ctx) // as registerContext does
	k.kept = append(k.kept, derived)
	_ = cancel
	if ctx.Value(bigKey{}) == nil || ctx.Err() != nil {
		k.t.Error("during the request its context lacks a value or is done")
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

// What the framework keeps of a request lets go of the request's context,
// and with it everything the request's context holds.
func TestReleasedContextsAreFreed(t *testing.T) {
	k := &keeper{t: t}
	s := releasingServer{k}
	w := func() weak.Pointer[big] {
		b := new(big)
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), bigKey{}, b))
		defer cancel()
		if _, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
			t.Fatal(err)
		}
		return weak.Make(b)
	}()
	runtime.GC()
	if w.Value() != nil {
		t.Error("the request's context (and a 1 MiB value in it) is still reachable from what the framework kept")
	}
	kept := k.kept[0]
	if kept.Value(bigKey{}) != nil || !errors.Is(kept.Err(), context.Canceled) {
		t.Errorf("a kept context after its request: value kept %v, err %v; want none and canceled", kept.Value(bigKey{}) != nil, kept.Err())
	}
	select {
	case <-kept.Done():
	default:
		t.Error("a kept context after its request is not done")
	}
}

// A request canceled while it runs is canceled for the provider too.
func TestReleasedContextsCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, _ = released(ctx, 0, func(ctx context.Context, _ int) (int, error) {
		derived, stop := context.WithCancel(ctx)
		defer stop()
		cancel()
		<-derived.Done()
		if !errors.Is(derived.Err(), context.Canceled) {
			t.Errorf("derived context: %v", derived.Err())
		}
		return 0, nil
	})
}

// The framework's server offers every optional interface, so that wrapping
// it hides none (list resources, actions).
func TestFrameworkServerIsWrapped(t *testing.T) {
	s := releaseContexts(providerserver.NewProtocol6(provider.New("test")())())
	if _, ok := s.(releasingServer); !ok {
		t.Fatalf("the framework's server (%T) lacks an optional interface and is not wrapped", s)
	}
	for name, ok := range map[string]bool{
		"list resources": isA[tfprotov6.ListResourceServer](s),
		"actions":        isA[tfprotov6.ActionServer](s),
		"state stores":   isA[tfprotov6.StateStoreServer](s),
	} {
		if !ok {
			t.Errorf("the wrapped server hides %s", name)
		}
	}
}

func isA[T any](v any) bool { _, ok := v.(T); return ok }
