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
// properties change only by its deletion (the provider edits no remote
// volume object), so a change elsewhere leaves the memo standing: each
// create reads the object list and the objects not yet read.
//
// What bounds how late an out-of-band change shows is the same as the read
// cache's: ReadCacheTTL, and a new provider process per run. Fresh reads
// (waits, read-backs) ask every object again.
type remoteMemo struct {
	mu sync.Mutex
	// gen is bumped by every forget, so that a read in flight meanwhile
	// is not kept.
	gen     uint64
	entries map[string]remoteMemoEntry // object name → properties
}

type remoteMemoEntry struct {
	rv *RemoteVolume
	at time.Time
}

// remoteVolumeMemo is remoteVolume, served from the memo while its answer
// is younger than ReadCacheTTL (unless ctx is Fresh).
func (x *EXAoperation) remoteVolumeMemo(ctx context.Context, obj string) (*RemoteVolume, error) {
	m := &x.remoteMemo
	m.mu.Lock()
	e, ok := m.entries[obj]
	gen := m.gen
	m.mu.Unlock()
	if ok && modeOf(ctx) != cacheFresh && x.t.reads.clock().Sub(e.at) < ReadCacheTTL {
		return e.rv.clone(), nil
	}
	rv, err := x.remoteVolume(ctx, obj)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.gen == gen {
		if m.entries == nil {
			m.entries = map[string]remoteMemoEntry{}
		}
		m.entries[obj] = remoteMemoEntry{rv.clone(), x.t.reads.clock()}
	}
	m.mu.Unlock()
	return rv, nil
}

// forget drops what the memo holds of obj: called around every change of
// the object (its deletion) and for an object just added, whose name
// EXAoperation may have given an object deleted before.
func (m *remoteMemo) forget(obj string) {
	m.mu.Lock()
	m.gen++
	delete(m.entries, obj)
	m.mu.Unlock()
}
