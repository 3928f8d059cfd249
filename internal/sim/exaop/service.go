// Package exaop is the EXAoperation front end of the simulator (Exasol
// 6.x): one XML-RPC object per URL under /cluster1, over the same cluster
// model as the ConfD face. Naming and shape choices are in guesses.go.
package exaop

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// Record is one served call, for the job log: Object is the object's path
// below /cluster1 ("cluster1" for the cluster itself, "db_db1",
// "storage/v0000", …), Method the bare method name, whichever call form the
// client used.
type Record struct {
	ID     string
	Object string
	Method string
	Args   []any
	Err    error // the fault sent, nil on success
	At     time.Time
}

// Config sets up a Service.
type Config struct {
	// Username is the one EXAoperation user (getAllUserLogins).
	Username string
	// OnCall, if set, sees every call after it ran.
	OnCall func(Record)
}

// ErrDown: the license server was shut down; EXAoperation answers nothing
// until the simulator restarts.
var ErrDown = fmt.Errorf("EXAoperation is not running: license server %s was shut down", NodeName(LicenseServerID))

// Service is EXAoperation on the license server. Calls run one at a time,
// which keeps a call's reads and writes of the model consistent.
type Service struct {
	c    *cluster.Cluster
	cfg  Config
	mu   sync.Mutex
	n    int
	down atomic.Bool
	// users are EXAoperation's users (users.go); made on first use
	users *userTable
	// scheduleExtras are the keys of backup schedule entries the simulator
	// does not know, kept as given: database → schedule → key → value
	// (guesses.go, "Schedules")
	scheduleExtras map[string]map[string]map[string]any
}

// New makes a Service on a cluster.
func New(c *cluster.Cluster, cfg Config) *Service {
	return &Service{c: c, cfg: cfg}
}

// Down tells whether the license server was shut down.
func (s *Service) Down() bool { return s.down.Load() }

// Call serves one XML-RPC call to the object at path (the URL path, e.g.
// "/cluster1/db_db1"); method may name a sub-object too ("db_db1.startDatabase"
// on /cluster1). Faults are *rpc.Fault; ErrDown means the call is refused.
func (s *Service) Call(ctx context.Context, path, method string, args []any) (any, error) {
	if s.Down() {
		return nil, ErrDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Down() {
		return nil, ErrDown
	}
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	parts := strings.Split(method, ".")
	segs = append(segs, parts[:len(parts)-1]...)
	name := parts[len(parts)-1]
	s.n++
	x := &call{s: s, st: s.c.Snapshot(), method: name, raw: args}
	out, err := x.serve(segs)
	if s.cfg.OnCall != nil {
		obj := x.obj.path()
		if obj == "" {
			obj = strings.Join(segs, "/")
		}
		s.cfg.OnCall(Record{
			ID: fmt.Sprintf("%d.%d", LicenseServerID, s.n), Object: obj, Method: name,
			Args: args, Err: err, At: x.st.Now,
		})
	}
	if err != nil {
		return nil, asFault(err)
	}
	return out, nil
}

// serve resolves the object and runs the method.
func (x *call) serve(segs []string) (any, error) {
	if len(segs) == 0 || segs[0] != ClusterObject {
		return nil, notFound(strings.Join(segs, "/"))
	}
	obj, err := resolve(x.st, segs[1:])
	if err != nil {
		return nil, err
	}
	x.obj = obj
	m := methodsOf(obj.kind)[x.method]
	if m == nil {
		return nil, &fault{kindNoMethod, fmt.Sprintf("'%s' object has no attribute '%s'", obj.kind, x.method)}
	}
	if err := x.parse(m); err != nil {
		return nil, err
	}
	return m.run(x)
}

// IsChange tells whether a method changes the cluster (for job-log filters);
// reads and unknown methods are not changes.
func IsChange(method string) bool {
	for _, k := range kinds {
		if m := methodsOf(k)[method]; m != nil && m.change {
			return true
		}
	}
	return false
}

// fault is an EXAoperation exception, sent as a Zope fault.
type fault struct {
	kind, msg string
}

func (f *fault) Error() string { return f.kind + ": " + f.msg }

func notFound(name string) error { return &fault{kindNotFound, "Object " + name + " not found"} }

func usage(format string, args ...any) error {
	return &fault{kindUsage, fmt.Sprintf(format, args...)}
}

// faultOf maps a model refusal to EXAoperation's exceptions.
func faultOf(err error) *fault {
	var f *fault
	if errors.As(err, &f) {
		return f
	}
	if cluster.KindOf(err) == cluster.KindNotFound {
		return &fault{kindNotFound, err.Error()}
	}
	return &fault{kindUsage, err.Error()}
}
