package sim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/confd"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// Fault injection (issue 7): the simulator misbehaves on chosen requests so
// that tests can show what a client makes of it. Faults are armed with
// Options.Faults or Server.InjectFaults (the command: --fault SPEC), pick
// requests by job or XML-RPC method and by their number, and fire once, N
// times, or with a probability drawn from a seed (Options.FaultSeed,
// --fault-seed), so that a failing run can be replayed.
//
// They act at the HTTP handler, on every XML-RPC request whatever front end
// serves it. The job-level ones (error, busy) are refusals of ConfD
// (confd/busy.go); a lost or slow answer is held back (bufferedResponse)
// and lost like one in a failover (MarkLost and an aborted connection, see
// answer), so the job log says which jobs ran with their answer lost.

// FaultKind is what goes wrong.
type FaultKind string

const (
	// FaultHTTP: an HTTP 5xx (Fault.Status, default 503) instead of an
	// answer; the request never reached ConfD.
	FaultHTTP FaultKind = "5xx"
	// FaultDrop: the connection is closed without an answer; the job never
	// ran (the job log has it as Dropped).
	FaultDrop FaultKind = "drop"
	// FaultSlow: the job runs; its answer is held for Fault.Delay, or until
	// the client gives up when Delay is 0. An answer the client gave up on is
	// lost (JobRecord.Lost).
	FaultSlow FaultKind = "slow"
	// FaultLost: the job runs (and commits); then the connection is closed
	// without the answer (JobRecord.Lost).
	FaultLost FaultKind = "lost"
	// FaultError: the job fails with an error envelope without running
	// (Fault.Message); a request that is not a job call gets an XML-RPC fault.
	FaultError FaultKind = "error"
	// FaultAuth: HTTP 401, as if the credentials were wrong; nothing runs.
	FaultAuth FaultKind = "401"
	// FaultBusy: ConfD refuses the change job without running it, as if a
	// change of another client held the configuration lock. Only change jobs
	// are counted and struck.
	FaultBusy FaultKind = "busy"
	// FaultRedirect: an HTTP 302 to Fault.To instead of an answer, as a
	// node that is not the master sends the client on; nothing runs. With a
	// To that is no node of the cluster (another host, plain http, a
	// file:// URL) it is a hostile or broken front that a client must not
	// follow with its credentials.
	FaultRedirect FaultKind = "redirect"
)

// FaultKinds lists every kind, in the order the docs use.
var FaultKinds = []FaultKind{FaultHTTP, FaultDrop, FaultSlow, FaultLost, FaultError, FaultAuth, FaultBusy, FaultRedirect}

// FaultAlways, as Fault.Times, fires on every selected request.
const FaultAlways = -1

// Fault is one armed fault.
type Fault struct {
	Kind FaultKind
	// Jobs selects job calls (job_exec, job_start) by job name, or by class:
	// "change" (a job that changes the cluster) or "read". Empty: every job
	// call (FaultBusy: every change job).
	Jobs []string
	// Methods selects requests by XML-RPC method instead ("*": every
	// request), for calls that are not ConfD jobs (job_wait, job_result, an
	// EXAoperation method).
	Methods []string
	// Call is the number of the first selected request that may be struck,
	// counted from when the fault was armed (0 and 1: the first).
	Call int
	// Times is how often the fault fires: 0 = once, FaultAlways = on every
	// selected request from Call on.
	Times int
	// Probability, when in (0, 1), strikes each selected request from Call on
	// with that probability, drawn from the seed.
	Probability float64
	// Status is FaultHTTP's status (default 503).
	Status int
	// Delay is how long FaultSlow holds the answer (0: until the client gives up).
	Delay time.Duration
	// Message is FaultError's error (default: a simulated internal error).
	Message string
	// To is FaultRedirect's Location (required).
	To string
}

// FaultRecord is one fault that fired.
type FaultRecord struct {
	Kind   FaultKind
	Method string // XML-RPC method
	Job    string // the job of a job call, else ""
	Seq    int    // the request's number among those the fault selects
	At     time.Time
}

const defaultFaultMessage = "internal error: the job failed (fault injected by the simulator)"

func (f Fault) check() (Fault, error) {
	if !slices.Contains(FaultKinds, f.Kind) {
		return f, fmt.Errorf("fault kind %q: want one of %s", f.Kind, kindList())
	}
	switch {
	case f.Call < 0 || f.Times < FaultAlways:
		return f, fmt.Errorf("fault %s: call and times must not be negative", f.Kind)
	case f.Probability < 0 || f.Probability > 1:
		return f, fmt.Errorf("fault %s: probability %v is not between 0 and 1", f.Kind, f.Probability)
	case f.Kind == FaultHTTP && f.Status != 0 && (f.Status < 500 || f.Status > 599):
		return f, fmt.Errorf("fault 5xx: status %d is not a 5xx status", f.Status)
	case f.Delay < 0:
		return f, fmt.Errorf("fault %s: negative delay", f.Kind)
	case len(f.Jobs) > 0 && len(f.Methods) > 0:
		return f, fmt.Errorf("fault %s: select by job or by method, not both", f.Kind)
	case f.Kind == FaultBusy && len(f.Methods) > 0:
		return f, errors.New("fault busy strikes change jobs: select them by job, not by method")
	case f.Kind == FaultRedirect && f.To == "":
		return f, errors.New("fault redirect: to=URL is required (the Location of the redirect)")
	case f.Kind != FaultRedirect && f.To != "":
		return f, fmt.Errorf("fault %s: to= is only for redirect", f.Kind)
	}
	for _, j := range f.Jobs {
		switch {
		case j == "change" || (j == "read" && f.Kind != FaultBusy):
		case f.Kind == FaultBusy && !confd.IsChange(j):
			return f, fmt.Errorf("fault busy: %q is not a job that changes the cluster", j)
		case j == "read":
		case !confd.IsJob(j):
			return f, fmt.Errorf("fault %s: no job %q", f.Kind, j)
		}
	}
	if f.Kind == FaultHTTP && f.Status == 0 {
		f.Status = http.StatusServiceUnavailable
	}
	if f.Kind == FaultError && f.Message == "" {
		f.Message = defaultFaultMessage
	}
	return f, nil
}

func kindList() string {
	s := make([]string, len(FaultKinds))
	for i, k := range FaultKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// selects reports whether the fault looks at a request.
func (f *Fault) selects(method, job string) bool {
	if len(f.Methods) > 0 {
		return slices.Contains(f.Methods, "*") || slices.Contains(f.Methods, method)
	}
	if job == "" || (f.Kind == FaultBusy && !confd.IsChange(job)) {
		return false
	}
	if len(f.Jobs) == 0 {
		return true
	}
	for _, j := range f.Jobs {
		if j == job || (j == "change" && confd.IsChange(job)) || (j == "read" && !confd.IsChange(job)) {
			return true
		}
	}
	return false
}

// String renders the fault as ParseFault reads it.
func (f Fault) String() string {
	parts := []string{string(f.Kind)}
	add := func(k, v string) { parts = append(parts, k+"="+v) }
	if len(f.Jobs) > 0 {
		add("job", strings.Join(f.Jobs, "|"))
	}
	if len(f.Methods) > 0 {
		add("method", strings.Join(f.Methods, "|"))
	}
	if f.Call > 1 {
		add("call", strconv.Itoa(f.Call))
	}
	switch {
	case f.Times == FaultAlways:
		add("times", "all")
	case f.Times > 1:
		add("times", strconv.Itoa(f.Times))
	}
	if f.Probability > 0 && f.Probability < 1 {
		add("p", strconv.FormatFloat(f.Probability, 'g', -1, 64))
	}
	if f.Kind == FaultHTTP && f.Status != 0 && f.Status != http.StatusServiceUnavailable {
		add("status", strconv.Itoa(f.Status))
	}
	if f.Delay > 0 {
		add("delay", f.Delay.String())
	}
	if f.To != "" {
		add("to", f.To)
	}
	if f.Message != "" && f.Message != defaultFaultMessage {
		add("message", f.Message)
	}
	return strings.Join(parts, ",")
}

// FaultSpecHelp describes ParseFault's syntax (the command's --fault help).
const FaultSpecHelp = `KIND[,key=value...]: KIND is 5xx, drop, slow, lost, error, 401, busy or redirect; keys:
job=NAME|NAME|change|read (job calls to strike; default every job call, busy: every change job),
method=NAME|* (XML-RPC methods to strike instead, e.g. job_wait), call=K (the K-th selected request
from now on, default 1), times=N|all (default 1), p=0.25 (probability per selected request, from
--fault-seed), status=5xx (default 503), delay=D (slow: hold the answer D; default until the client
gives up), to=URL (redirect: the Location of a 302 instead of the answer; required),
message=TEXT (error: the job's error; must come last)`

// ParseFault reads a fault specification, e.g. "5xx,job=db_create,call=2,status=500"
// or "lost,job=change,p=0.1,times=all" (FaultSpecHelp).
func ParseFault(spec string) (Fault, error) {
	kind, rest, _ := strings.Cut(strings.TrimSpace(spec), ",")
	f := Fault{Kind: FaultKind(kind)}
	for rest != "" {
		var kv string
		kv, rest, _ = strings.Cut(rest, ",")
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return f, fmt.Errorf("fault %q: %q is not key=value", spec, kv)
		}
		var err error
		switch k {
		case "job":
			f.Jobs = strings.Split(v, "|")
		case "method":
			f.Methods = strings.Split(v, "|")
		case "call":
			f.Call, err = strconv.Atoi(v)
		case "times":
			if v == "all" {
				f.Times = FaultAlways
			} else {
				f.Times, err = strconv.Atoi(v)
			}
		case "p":
			f.Probability, err = strconv.ParseFloat(v, 64)
		case "status":
			f.Status, err = strconv.Atoi(v)
		case "delay":
			f.Delay, err = time.ParseDuration(v)
		case "to":
			f.To = v
		case "message":
			f.Message, rest = strings.TrimSpace(v+","+rest), "" // the message may contain commas
			f.Message = strings.TrimSuffix(f.Message, ",")
		default:
			return f, fmt.Errorf("fault %q: unknown key %q (keys: job, method, call, times, p, status, delay, to, message)", spec, k)
		}
		if err != nil {
			return f, fmt.Errorf("fault %q: %s=%s: %v", spec, k, v, err)
		}
	}
	return f.check()
}

// armedFault is a fault with its counts.
type armedFault struct {
	Fault
	seen, fired int
}

// faultState is the server's fault bookkeeping.
type faultState struct {
	mu    sync.Mutex
	seed  uint64
	rng   *rand.Rand
	armed []*armedFault
	log   []FaultRecord
}

// InjectFaults arms faults, replacing those armed before; counting starts
// afresh, and so does the random sequence (from FaultSeed), so that the
// same requests meet the same faults on every run. No faults disarms.
func (s *Server) InjectFaults(faults ...Fault) error {
	var armed []*armedFault
	for _, f := range faults {
		f, err := f.check()
		if err != nil {
			return err
		}
		armed = append(armed, &armedFault{Fault: f})
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.armed = armed
	s.faults.rng = rand.New(rand.NewPCG(s.faults.seed, s.faults.seed^0x9e3779b97f4a7c15))
	return nil
}

// ClearFaults disarms every fault.
func (s *Server) ClearFaults() { _ = s.InjectFaults() }

// FaultSeed is the seed of the faults' random draws: Options.FaultSeed, or
// one picked at start when that was 0. Print it to replay a run.
func (s *Server) FaultSeed() uint64 { return s.faults.seed }

// FaultLog lists the faults that fired, oldest first.
func (s *Server) FaultLog() []FaultRecord {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return slices.Clone(s.faults.log)
}

// initFaults seeds the random draws and arms Options.Faults.
func (s *Server) initFaults() error {
	s.faults.seed = s.opts.FaultSeed
	if s.faults.seed == 0 {
		s.faults.seed = rand.Uint64()
	}
	s.confd.SetLockHold(s.opts.ConfigLockHold)
	return s.InjectFaults(s.opts.Faults...)
}

// pick counts the request for every armed fault that selects it and returns
// the first that fires, if any.
func (s *Server) pick(method, job string) *Fault {
	s.faults.mu.Lock()
	var hit *Fault
	var rec FaultRecord
	for _, a := range s.faults.armed {
		if !a.selects(method, job) {
			continue
		}
		a.seen++
		if hit != nil || a.seen < a.Call || (a.Times != FaultAlways && a.fired >= max(a.Times, 1)) {
			continue
		}
		if p := a.Probability; p > 0 && p < 1 && s.faults.rng.Float64() >= p {
			continue
		}
		a.fired++
		f := a.Fault
		hit, rec = &f, FaultRecord{Kind: f.Kind, Method: method, Job: job, Seq: a.seen, At: time.Now()}
		s.faults.log = append(s.faults.log, rec)
	}
	s.faults.mu.Unlock()
	if hit != nil && s.opts.OnFault != nil {
		s.opts.OnFault(rec)
	}
	return hit
}

func (s *Server) faultsArmed() bool {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return len(s.faults.armed) > 0
}

// withFaults strikes the requests the armed faults select. It sees every
// XML-RPC request that the door would serve (authenticated, at the master,
// while the door is up); redirects, /master and refusals pass untouched.
func (s *Server) withFaults(d *door, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !s.faultsArmed() || s.masterDoor() != d {
			next.ServeHTTP(w, r)
			return
		}
		if down, _, _ := d.state(); down {
			next.ServeHTTP(w, r)
			return
		}
		if _, ok := s.authenticate(r); !ok {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rpc.MaxBody))
		if err != nil {
			http.Error(w, "cannot read request: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		call, err := rpc.DecodeCall(body)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		job := jobNameOf(call.Method, call.Params)
		f := s.pick(call.Method, job)
		if f == nil {
			next.ServeHTTP(w, r)
			return
		}
		s.strikeRequest(*f, next, w, r, call, job)
	})
}

// strikeRequest does what fault f does to one request.
func (s *Server) strikeRequest(f Fault, next http.Handler, w http.ResponseWriter, r *http.Request, call *rpc.Call, job string) {
	ctx := r.Context()
	switch f.Kind {
	case FaultHTTP:
		http.Error(w, fmt.Sprintf("%d %s (fault injected by the simulator)", f.Status, http.StatusText(f.Status)), f.Status)
		return
	case FaultAuth:
		w.Header().Add("WWW-Authenticate", `Basic realm="ConfD"`)
		http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
		return
	case FaultRedirect:
		w.Header().Set("Location", f.To)
		w.WriteHeader(http.StatusFound)
		return
	case FaultDrop:
		if job != "" {
			s.confd.Drop(job, jobParamsOf(call.Params))
		}
		panic(http.ErrAbortHandler)
	case FaultError:
		if job == "" {
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			_, _ = w.Write(rpc.EncodeFault(&rpc.Fault{Code: rpc.FaultInternal, String: f.Message}))
			return
		}
		ctx = confd.WithJobError(ctx, f.Message)
	case FaultBusy:
		ctx = confd.WithCollision(ctx)
	case FaultLost, FaultSlow:
		buf := &bufferedResponse{header: http.Header{}}
		next.ServeHTTP(buf, r)
		if s.answerLost(r, f) {
			v, _ := rpc.DecodeResponse(buf.body.Bytes())
			lost := &inflight{}
			lost.noteJob(call.Method, v)
			s.confd.MarkLost(lost.jobID)
			panic(http.ErrAbortHandler)
		}
		buf.sendTo(w)
		return
	}
	next.ServeHTTP(w, r.WithContext(ctx))
}

// answerLost applies a lost or slow fault to an answer that is ready: true
// when it is to be lost. A slow answer is held first, and lost if the
// client gave up meanwhile.
func (s *Server) answerLost(r *http.Request, f Fault) bool {
	if f.Kind == FaultLost {
		return true
	}
	var timeout <-chan time.Time
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
	case <-r.Context().Done():
	case <-s.quit:
	}
	return r.Context().Err() != nil
}
