package client

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"time"
)

// Preflight is a read-only view of the cluster for plan-time checks: every
// list a check needs is read once per plan run and shared by all resources,
// so that checking 50 planned resources costs a handful of list jobs, not 50
// times as many.
//
// Only plan-time checks may use it. Read and every apply-time decision call
// the client directly: a cached answer may be stale (entries live PreflightTTL),
// which is harmless for a check that is confirmed before it fails a plan
// (Invalidate, then check again) but never for what the state records or
// what a change does.
type Preflight struct {
	c   PreflightSource
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[string]*cacheEntry
	// down is the first failure to reach the cluster; while it is fresh,
	// every read fails with it at once, so that a plan against an
	// unreachable cluster waits for the network once, not once per resource.
	down   error
	downAt time.Time
}

// PreflightTTL is how long a cached read serves. A plan run is short; the
// limit only bounds how stale a long run's view can get. (Our choice.)
const PreflightTTL = 30 * time.Second

type cacheEntry struct {
	done chan struct{} // closed when val and err are set
	at   time.Time
	val  any
	err  error
}

// NewPreflight returns an empty view of the cluster c talks to.
func NewPreflight(c PreflightSource) *Preflight {
	return &Preflight{c: c, ttl: PreflightTTL, now: time.Now, entries: map[string]*cacheEntry{}}
}

// Invalidate forgets every cached read, so that the next reads are fresh.
// A failure to reach the cluster is kept until it expires.
func (p *Preflight) Invalidate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.entries = map[string]*cacheEntry{}
}

// get returns the cached value of key, reading it with fetch when it is
// missing or expired. Concurrent callers of one key share one read.
func (p *Preflight) get(ctx context.Context, key string, fetch func(context.Context) (any, error)) (any, error) {
	p.mu.Lock()
	now := p.now()
	if p.down != nil && now.Sub(p.downAt) < p.ttl {
		err := p.down
		p.mu.Unlock()
		return nil, err
	}
	e, ok := p.entries[key]
	if ok {
		select {
		case <-e.done:
			if now.Sub(e.at) >= p.ttl {
				ok = false
			}
		default: // in flight: share it
		}
	}
	if !ok {
		e = &cacheEntry{done: make(chan struct{})}
		p.entries[key] = e
		p.mu.Unlock()
		// The client's read cache is for Reads; the preflight keeps its own.
		e.val, e.err = fetch(bypassCache(ctx))
		p.mu.Lock()
		e.at = p.now()
		if e.err != nil && Unreachable(e.err) {
			p.down, p.downAt = e.err, e.at
			delete(p.entries, key)
		}
		close(e.done)
	}
	p.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Unreachable reports whether err says that the cluster could not be asked
// at all (network, TLS, credentials, HTTP, a deadline), rather than that it
// answered a job.
func Unreachable(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind == KindTransport || e.Kind == KindAuth || e.Kind == KindHTTP
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// unsupported says that the cluster does not offer a list job (an unknown
// job is an XML-RPC fault or a failed job, depending on the release).
func unsupported(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Kind == KindFault || e.Kind == KindJob)
}

// Nodes is node_list with node_state.
func (p *Preflight) Nodes(ctx context.Context) ([]Node, error) {
	v, err := p.get(ctx, "node_list", func(ctx context.Context) (any, error) { return p.c.NodeList(ctx) })
	nodes, _ := v.([]Node)
	return nodes, err
}

// Volumes is st_volume_list.
func (p *Preflight) Volumes(ctx context.Context) ([]*Volume, error) {
	v, err := p.get(ctx, "st_volume_list", func(ctx context.Context) (any, error) { return p.c.VolumeList(ctx) })
	vols, _ := v.([]*Volume)
	return vols, err
}

// DatabaseNames is db_list.
func (p *Preflight) DatabaseNames(ctx context.Context) ([]string, error) {
	v, err := p.get(ctx, "db_list", func(ctx context.Context) (any, error) { return p.c.DBList(ctx) })
	names, _ := v.([]string)
	return names, err
}

// Database is db_info of one database; nil without an error when it does not exist.
func (p *Preflight) Database(ctx context.Context, name string) (*Database, error) {
	v, err := p.get(ctx, readKey("db_info", Params{"db_name": name}), func(ctx context.Context) (any, error) {
		d, err := p.c.DBInfo(ctx, name)
		if IsNotFound(err) {
			return (*Database)(nil), nil
		}
		return d, err
	})
	d, _ := v.(*Database)
	return d, err
}

// Schedules lists a database's backup schedules (ConfD: db_info's
// config.backups, shared with Database by the client's read cache;
// EXAoperation: getBackupSchedule); nil without an error when the database
// does not exist.
func (p *Preflight) Schedules(ctx context.Context, db string) ([]BackupSchedule, error) {
	v, err := p.get(ctx, "schedules\x00"+db, func(ctx context.Context) (any, error) {
		s, err := p.c.BackupSchedules(ctx, db)
		if IsNotFound(err) {
			return []BackupSchedule(nil), nil
		}
		return s, err
	})
	s, _ := v.([]BackupSchedule)
	return s, err
}

// RemoteVolumeNames is remote_volume_list.
func (p *Preflight) RemoteVolumeNames(ctx context.Context) ([]string, error) {
	v, err := p.get(ctx, "remote_volume_list", func(ctx context.Context) (any, error) { return p.c.RemoteVolumeList(ctx) })
	names, _ := v.([]string)
	return names, err
}

// RemoteVolumes reads every remote volume (remote_volume_list, then
// remote_volume_info of each): only ids need this, as the list names them
// by name alone.
func (p *Preflight) RemoteVolumes(ctx context.Context) ([]*RemoteVolume, error) {
	names, err := p.RemoteVolumeNames(ctx)
	if err != nil {
		return nil, err
	}
	out := []*RemoteVolume{}
	for _, n := range names {
		v, err := p.get(ctx, readKey("remote_volume_info", RemoteVolumeRef{Name: n}.params()), func(ctx context.Context) (any, error) {
			rv, err := p.c.RemoteVolumeInfo(ctx, RemoteVolumeRef{Name: n})
			if IsNotFound(err) {
				return (*RemoteVolume)(nil), nil
			}
			return rv, err
		})
		if err != nil {
			return nil, err
		}
		if rv, _ := v.(*RemoteVolume); rv != nil {
			out = append(out, rv)
		}
	}
	return out, nil
}

// InstalledVersions lists the database versions the cluster can run; nil
// without an error when the cluster does not say.
func (p *Preflight) InstalledVersions(ctx context.Context) ([]string, error) {
	v, err := p.get(ctx, installedVersionsJob, func(ctx context.Context) (any, error) { return p.c.InstalledVersions(ctx) })
	l, _ := v.([]string)
	return l, err
}

// DiskSpace is the free space of a disk as the cluster wrote it, in bytes,
// and by how much more it may be: the cluster rounds ('93.5566 GiB'). A
// check that never refuses what the cluster would accept compares with
// Free + Slack.
type DiskSpace struct{ Free, Slack int64 }

// DiskFree is the free space of a node's disks, by disk name.
type DiskFree map[string]DiskSpace

// FreeSpace reads st_node_list: the free space of every disk, by node name
// ("n11"). nil without an error when the cluster does not report it.
func (p *Preflight) FreeSpace(ctx context.Context) (map[string]DiskFree, error) {
	v, err := p.get(ctx, storageNodesJob, func(ctx context.Context) (any, error) { return p.c.FreeSpace(ctx) })
	m, _ := v.(map[string]DiskFree)
	return m, err
}

// roundedSize reads a size the cluster rounded to some decimals
// ("93.5566 GiB"): the value, and half a unit of its last digit as slack.
func roundedSize(s string) (DiskSpace, bool) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i <= 0 {
		return DiskSpace{}, false
	}
	num, unit := t[:i], strings.TrimSpace(t[i:])
	var mult int64
	for _, u := range []struct {
		name  string
		bytes int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if unit == u.name {
			mult = u.bytes
		}
	}
	r, ok := new(big.Rat).SetString(num)
	if mult == 0 || !ok {
		return DiskSpace{}, false
	}
	half := new(big.Rat)
	if _, frac, dot := strings.Cut(num, "."); dot {
		half.SetFrac64(1, 2)
		for range frac {
			half.Quo(half, big.NewRat(10, 1))
		}
	}
	bytes := func(r *big.Rat) (int64, bool) {
		b := new(big.Int).Quo(new(big.Rat).Mul(r, new(big.Rat).SetInt64(mult)).Num(),
			new(big.Rat).Mul(r, new(big.Rat).SetInt64(mult)).Denom())
		return b.Int64(), b.IsInt64()
	}
	free, ok1 := bytes(r)
	slack, ok2 := bytes(half)
	return DiskSpace{Free: free, Slack: slack + 1}, ok1 && ok2
}
