package client

import (
	"context"
	"sync"
	"time"
)

// remoteMemo keeps what each remote volume object's getProperties said, for
// ReadCacheTTL. EXAoperation has no call that describes every remote volume,
// so finding one by name reads every object; the read cache (readcache.go)
// forgets such a reading at every change, and an apply that adds N remote
// volumes, each create checking the names and reading back, read the
// objects N times over (about 158,000 calls for 450 volumes). An object's
// properties change by its deletion only (the provider does not call
// editRemoteVolume; code that does must forget the object), so a change
// elsewhere leaves the memo standing: each create reads the object list
// and the objects not yet read.
//
// What bounds how late an out-of-band change shows is the same as the read
// cache's: ReadCacheTTL, and a new provider process per run. Fresh reads
// (waits, read-backs) ask every object again.
type remoteMemo struct {
	mu      sync.Mutex
	entries map[string]remoteMemoEntry // object name → properties
	// flights are the reads under way, which a read of the same object
	// waits for (creates at once all read the objects added meanwhile). A
	// read is kept only while it is its object's flight: forget ends that.
	flights map[string]*remoteFlight
}

type remoteFlight struct {
	done chan struct{}
	rv   *RemoteVolume
	err  error
}

type remoteMemoEntry struct {
	rv *RemoteVolume
	at time.Time
}

// remoteVolumeMemo is remoteVolume, served from the memo while its answer
// is younger than ReadCacheTTL (unless ctx is Fresh).
func (x *EXAoperation) remoteVolumeMemo(ctx context.Context, obj string) (*RemoteVolume, error) {
	m := &x.remoteMemo
	fresh := modeOf(ctx) == cacheFresh
	m.mu.Lock()
	e, ok := m.entries[obj]
	if ok && !fresh && x.t.reads.clock().Sub(e.at) < ReadCacheTTL {
		m.mu.Unlock()
		return e.rv.clone(), nil
	}
	if f := m.flights[obj]; f != nil && !fresh {
		m.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if f.err == nil {
			return f.rv.clone(), nil
		}
		return x.remoteVolume(ctx, obj) // its error may be its caller's deadline
	}
	f := &remoteFlight{done: make(chan struct{})}
	if m.flights == nil {
		m.flights = map[string]*remoteFlight{}
	}
	m.flights[obj] = f
	m.mu.Unlock()

	rv, err := x.remoteVolume(ctx, obj)
	m.mu.Lock()
	if err == nil {
		f.rv = rv.clone()
		if m.flights[obj] == f {
			if m.entries == nil {
				m.entries = map[string]remoteMemoEntry{}
			}
			m.entries[obj] = remoteMemoEntry{f.rv, x.t.reads.clock()}
		}
	}
	if m.flights[obj] == f {
		delete(m.flights, obj)
	}
	f.err = err
	close(f.done)
	m.mu.Unlock()
	return rv, err
}

// forget drops what the memo holds of obj: called around every change of
// the object (its deletion) and for an object just added, whose name
// EXAoperation may have given an object deleted before.
func (m *remoteMemo) forget(obj string) {
	m.mu.Lock()
	delete(m.entries, obj)
	delete(m.flights, obj) // a read under way is neither joined nor kept
	m.mu.Unlock()
}
