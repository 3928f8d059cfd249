package client

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/client/confd"
	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// The read cache lets one answer serve many Reads of a refresh: Terraform
// reads every resource once per plan, and ten nodes read with one
// node_list + node_state, a database and its schedules with one db_info,
// many storage volumes with one st_volume_list, many remote volumes with one
// remote_volume_list_details (the job table's bulk reads, bulk.go).
//
// It lives as long as the Cluster, that is one provider process, which
// Terraform starts for each plan and each apply: a change made between two
// runs is always seen. Within a run an answer serves only while nothing can
// have changed it as far as the provider knows:
//   - every change job (a job the job table marks as a change) starts a new generation
//     when it is sent and again when it has ended, and a read that was in
//     flight meanwhile is not kept;
//   - every read made with Fresh(ctx) asks the cluster, and starts a new
//     generation when it ends: waits (waitForNode, waitForVolume), the
//     read-backs of changes (the runner's asChange) and the ordered
//     operations (orchestration.go) read fresh because they expect the
//     cluster to move. A read after a change needs no Fresh: the change
//     (the tables say which calls change) started a new generation, and
//     no failure, such as a not-found, is ever kept;
//   - an answer is served for ReadCacheTTL at most, which bounds how late a
//     change made outside Terraform during a run is seen;
//   - failures are never kept.
//
// Only the typed reads that Terraform's Read and data sources call go
// through it (NodeList/NodeGet, DBInfo/BackupSchedule, VolumeInfo,
// VolumeList, RemoteVolumeInfo, RemoteVolumeState); every caller gets its
// own copy of an answer.

// ReadCacheTTL is how long a cached answer serves a read. A refresh of a
// thousand resources takes seconds; a longer wait only makes a change made
// outside Terraform during one run show later. (Our choice.)
const ReadCacheTTL = 10 * time.Second

type readCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by every change and every fresh read
	entries map[string]*readEntry
	// last is, per job whose table entry says bulkFromSecond, the object it
	// last read and when: a read of another object within the TTL reads the
	// bulk job instead (wantBulk).
	last map[string]lastRead
	now  func() time.Time // time.Now unless a test sets it
	// release is the cluster's release, which, like the cache, is learned
	// once per run (release.go).
	release releaseState
	// lacking are the bulk jobs the cluster refused as unknown (bulk.go),
	// kept for the run like the release.
	lacking map[string]bool
	// fresh: fresh reads of a key asked for at once share a read
	// (readcache_fresh.go).
	fresh freshFlights
}

type readEntry struct {
	done chan struct{} // closed when val, err and at are set
	at   time.Time
	val  any
	err  error
}

type cacheModeKey struct{}

type cacheMode int

const (
	cacheUse cacheMode = iota
	// cacheFresh: ask the cluster, and forget every cached answer afterwards.
	cacheFresh
	// cacheBypass: ask the cluster and leave the cache as it is (the
	// preflight, which keeps its own).
	cacheBypass
)

// Fresh marks ctx for reads that must see the cluster as it is now, not as a
// Read a moment ago saw it: polls of a wait, read-backs, reads that decide a
// change. Every cached answer is forgotten once such a read ends.
func Fresh(ctx context.Context) context.Context {
	return context.WithValue(ctx, cacheModeKey{}, cacheFresh)
}

func bypassCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, cacheModeKey{}, cacheBypass)
}

func modeOf(ctx context.Context) cacheMode {
	m, _ := ctx.Value(cacheModeKey{}).(cacheMode)
	return m
}

func (rc *readCache) clock() time.Time {
	if rc.now != nil {
		return rc.now()
	}
	return time.Now()
}

// invalidate forgets every answer and starts a new generation, so that a
// read in flight is not kept either.
func (rc *readCache) invalidate() {
	rc.mu.Lock()
	rc.gen++
	rc.entries = nil
	rc.last = nil
	rc.mu.Unlock()
}

// valid reports whether e may serve at now: in flight, or done without an
// error and younger than the TTL. Called with rc.mu held.
func (rc *readCache) valid(e *readEntry, now time.Time) bool {
	if e == nil {
		return false
	}
	select {
	case <-e.done:
		return e.err == nil && now.Sub(e.at) < ReadCacheTTL
	default:
		return true
	}
}

// shareJob serves a ConfD read through the read cache when the job table
// marks the job cached (confd.Spec.Cached), under the key its CacheBy
// parameters name; otherwise it reads. Both dialects decide the same way
// (shareCall), so a refresh shares their reads alike.
func shareJob[T any](ctx context.Context, c *ConfD, job string, p Params, fetch func(context.Context) (T, error)) (T, error) {
	if !confd.Table[job].Cached {
		return fetch(ctx)
	}
	return cachedRead(ctx, &c.reads, readKey(job, p), fetch)
}

// shareCall is shareJob for an EXAoperation read: the method table
// (exaop.Table) decides, the object and method name the answer.
func shareCall[T any](ctx context.Context, x *EXAoperation, object, method string, fetch func(context.Context) (T, error)) (T, error) {
	if !exaop.Table[method].Cached {
		return fetch(ctx)
	}
	return cachedRead(ctx, &x.t.reads, exaop.CacheKey(object, method), fetch)
}

// cachedRead returns the answer of fetch for key: a cached one while it is
// valid, else a new one that concurrent readers of key share.
func cachedRead[T any](ctx context.Context, rc *readCache, key string, fetch func(context.Context) (T, error)) (T, error) {
	switch modeOf(ctx) {
	case cacheFresh:
		defer rc.invalidate()
		return freshRead(ctx, &rc.fresh, key, fetch)
	case cacheBypass:
		return fetch(ctx)
	}
	rc.mu.Lock()
	now := rc.clock()
	e := rc.entries[key]
	if !rc.valid(e, now) {
		e = &readEntry{done: make(chan struct{})}
		if rc.entries == nil {
			rc.entries = map[string]*readEntry{}
		}
		rc.entries[key] = e
		gen := rc.gen
		rc.mu.Unlock()
		v, err := fetch(ctx)
		rc.mu.Lock()
		e.val, e.err, e.at = v, err, rc.clock()
		if (err != nil || rc.gen != gen) && rc.entries[key] == e {
			delete(rc.entries, key)
		}
		close(e.done)
		rc.mu.Unlock()
		return v, err
	}
	rc.mu.Unlock()
	select {
	case <-e.done:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	if e.err != nil {
		// The read we waited for failed, perhaps for its caller's own
		// deadline: ask again with ours, and keep nothing.
		return fetch(bypassCache(ctx))
	}
	return e.val.(T), nil
}

type lastRead struct {
	object string
	at     time.Time
}

// wantBulk decides whether a read of object with job is served from the
// job's bulk job: when its answer is cached or in flight, or when job read
// another object a moment ago (a refresh of many); else the per-object job
// reads it, which is all that a run with one object needs.
func (rc *readCache) wantBulk(job, bulk, object string) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	now := rc.clock()
	if rc.valid(rc.entries[readKey(bulk, nil)], now) {
		return true
	}
	if l, ok := rc.last[job]; ok && l.object != object && now.Sub(l.at) < ReadCacheTTL {
		return true
	}
	if rc.last == nil {
		rc.last = map[string]lastRead{}
	}
	rc.last[job] = lastRead{object, now}
	return false
}

// Copies of cached answers, so that no caller changes what another one sees.

func (d *Database) clone() *Database {
	cp := *d
	cp.ActiveNodes = slices.Clone(d.ActiveNodes)
	cp.ReserveNodes = slices.Clone(d.ReserveNodes)
	cp.FailedNodes = slices.Clone(d.FailedNodes)
	cp.Config.Owner = slices.Clone(d.Config.Owner)
	cp.Config.Nodes = slices.Clone(d.Config.Nodes)
	cp.Config.Backups = slices.Clone(d.Config.Backups)
	cp.Config.SnapshotSchedules = slices.Clone(d.Config.SnapshotSchedules)
	return &cp
}

func (v *Volume) clone() *Volume {
	cp := *v
	cp.Nodes = slices.Clone(v.Nodes)
	cp.Owner = slices.Clone(v.Owner)
	cp.Labels = slices.Clone(v.Labels)
	cp.Segments = slices.Clone(v.Segments)
	return &cp
}

func (n Node) clone() Node {
	n.Disks = slices.Clone(n.Disks)
	if n.PublicNet != nil {
		p := *n.PublicNet
		n.PublicNet = &p
	}
	return n
}

func (v *RemoteVolume) clone() *RemoteVolume {
	cp := *v
	cp.Labels = slices.Clone(v.Labels)
	cp.Options = slices.Clone(v.Options)
	cp.AllowedUsers = slices.Clone(v.AllowedUsers)
	return &cp
}
