package client

import (
	"context"
	"sync"
)

// Fresh reads of one key asked for at the same time share one read: a caller
// that asks while such a read is under way waits for it to end and then
// shares the next one, which all callers that asked meanwhile share. Each
// caller thus sees the cluster as it is after it asked (what Fresh promises),
// and N callers at once cost two reads instead of N. An apply of many
// storage volumes, each st_volume_create preparing its read-back with a fresh
// st_volume_list (verify.go), decoded that list once per create, twenty at a
// time: half of the apply's allocations and most of its peak memory.

type freshFlights struct {
	mu    sync.Mutex
	byKey map[string]*freshGroup
}

type freshGroup struct {
	running *freshFlight // the read under way, nil when none
	next    *freshFlight // the read that starts when running ends, shared by who asked meanwhile
}

type freshFlight struct {
	done chan struct{}
	val  any
	err  error
}

// freshRead runs fetch for key, or shares the next read of key with the
// other callers that ask while one is under way.
func freshRead[T any](ctx context.Context, ff *freshFlights, key string, fetch func(context.Context) (T, error)) (T, error) {
	ff.mu.Lock()
	if ff.byKey == nil {
		ff.byKey = map[string]*freshGroup{}
	}
	g := ff.byKey[key]
	if g == nil {
		g = &freshGroup{}
		ff.byKey[key] = g
	}
	var (
		f       *freshFlight
		starter bool
		wait    <-chan struct{} // the read to wait for before starting f
	)
	switch {
	case g.running == nil:
		f, starter = &freshFlight{done: make(chan struct{})}, true
		g.running = f
	case g.next == nil:
		f, starter, wait = &freshFlight{done: make(chan struct{})}, true, g.running.done
		g.next = f
	default:
		f = g.next
	}
	ff.mu.Unlock()

	if starter {
		if wait != nil {
			// The running read's starter ends it whatever happens, and
			// makes this read the running one.
			<-wait
		}
		v, err := fetch(ctx)
		ff.mu.Lock()
		f.val, f.err = v, err
		close(f.done)
		g.running, g.next = g.next, nil
		if g.running == nil {
			delete(ff.byKey, key)
		}
		ff.mu.Unlock()
		return v, err
	}
	select {
	case <-f.done:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	if f.err != nil {
		// perhaps the starter's own deadline: ask again with ours
		return fetch(ctx)
	}
	return f.val.(T), nil
}
