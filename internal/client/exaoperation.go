package client

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// EXAoperation is the Backend of the older management interface (Exasol
// 6.x): one XML-RPC object per URL below /cluster1 (the cluster object),
// /cluster1/storage, /cluster1/db_<name>, /cluster1/n0011, … It rides on the
// ConfD Client's transport (failover, retries of reads, the one error type)
// and shares the ordered database lifecycle (lifecycle.go), the backup run
// (backup_run.go) and the cluster runbook (cluster_lifecycle*.go).
//
// Naming across the two interfaces. The provider's resources are one set, so
// the names and ids in Terraform state must round-trip on either interface.
// THE one place of these decisions:
//
//   - Nodes: ids are numbers (11); EXAoperation names the node object
//     'n0011' (fact: "n%04d", numbers 0–10 reserved). Node.Name reads
//     'n0011'; a chosen name cannot be set (Limits).
//   - Databases: plain names ('DB1'); the object is 'db_DB1' (fact). The
//     cluster's getDatabaseList answers plain names (fact: the seed builds
//     db_<name> URLs from it).
//   - Storage volumes: EXAoperation identifies a volume by its id 'v0000'
//     and addStorageVolume takes no name (fact). The name of
//     exasol_storage_volume is carried as the label '#Name#<name>', the
//     label with which Exasol itself names volumes (fact: ConfD reports
//     DataVolume1's label '#Name#DataVolume1'; guess: EXAoperation keeps
//     labels verbatim, and its volumes carry Exasol's name label the same
//     way). Labels starting with '#' are internal (InternalVolumeLabel), so
//     the name label never shows among a volume's labels in Terraform. A
//     volume without it (made in EXAoperation's web interface) is named by
//     its id 'v0000', so every volume has a name that finds it again; names
//     of that form are refused for new volumes. Volume.ID is the number
//     ('0'), as ConfD reports it.
//   - Remote volumes: the objects are found (getAllArchiveVolumes less the
//     storage volumes), their names never derived (fact: an example names
//     one 'remote1'; the simulator's are 'r0001'); a volume's name is, as
//     for storage volumes, a '#Name#<name>' label (left out of Labels),
//     else the object name. RemoteVolume.ID is the virtual id (getVolumeId,
//     the vid of getProperties), which EXAoperation gives (vid is read-only).
//   - Sizes: EXAoperation takes whole GiB (memory_usage, size, resizeVolume);
//     a size that is not a whole number of GiB is refused before any call.
//
// Facts are in ../shared/reference/exaoperation.md and the seed
// exaoperation-cluster-start-stop.txt; every other shape is marked guess:
// and follows the simulator's EXAoperation face (internal/sim/exaop).
type EXAoperation struct {
	t *Client // the transport, speaking to /cluster1

	// schedules serializes the read-modify-write of one database's backup
	// schedule list (setBackupSchedule replaces it whole): database → mutex.
	schedules sync.Map

	userMu    sync.Mutex
	userID    any // the id of the user the provider logs in as; nil until asked
	userLogin string
	logins    map[string]string // user id (as text) → login, as getUserById said

	// remoteObjs maps a remote volume's virtual id to its object name, as
	// read (remote volume objects are found, not derived from the id).
	remoteObjs sync.Map
	// remoteMemo: each remote volume object's properties, as read
	// (exaop_remote_memo.go).
	remoteMemo remoteMemo
}

var (
	_ Backend        = (*EXAoperation)(nil)
	_ ClusterBackend = (*EXAoperation)(nil)
)

// NewEXAoperation checks the configuration and prepares the transport.
func NewEXAoperation(cfg Config) (*EXAoperation, error) {
	cfg.API = APIEXAoperation
	t, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return &EXAoperation{t: t}, nil
}

// API names the interface as the provider's api setting spells it.
func (x *EXAoperation) API() string { return APIEXAoperation }

// Interface names EXAoperation in runbook steps and errors.
func (x *EXAoperation) Interface() string { return "EXAoperation" }

// Object names.
const (
	exaopStorage = "storage"
	// exaopNameLabel prefixes the label that carries a volume's name:
	// Exasol's own name label (fact: ConfD reports '#Name#DataVolume1').
	exaopNameLabel = "#Name#"
)

// ExaopNodeName is the EXAoperation name of node id: 11 → 'n0011'.
func ExaopNodeName(id int64) string { return fmt.Sprintf("n%04d", id) }

// exaopNodeID reads a node name ('n0011', 'n11', 11) as its id; 0 when it is none.
func exaopNodeID(v any) int64 {
	if s, ok := v.(string); ok {
		return NodeID(s)
	}
	return asInt(v)
}

func dbObject(name string) string { return "db_" + name }

// volumeObject is the object of storage volume id 'v0000'.
func volumeObject(vid string) string { return exaopStorage + "/" + vid }

// storageNodeObject is the storage service's object of a node.
func storageNodeObject(id int64) string { return exaopStorage + "/" + ExaopNodeName(id) }

var volumeIDRE = regexp.MustCompile(`^v\d+$`)

// nameFromLabels returns the name the name label carries, else def. A
// label that names the object by its own id is not a chosen name.
func nameFromLabels(labels []string, def string) string {
	for _, l := range labels {
		if n, ok := strings.CutPrefix(l, exaopNameLabel); ok && n != "" && n != def {
			return n
		}
	}
	return def
}

// readMethods may be repeated freely; every other method changes the cluster.
var readMethodPrefixes = []string{"get", "list", "show", "state", "methodHelp", "methodSignature",
	"serviceIsOnline", "serviceHas", "storageHasQuorum", "nodeIsSuspended", "existDatabase",
	"runningDatabase", "operationGetCurrent", "logEntries", "logFetchEntries", "nodeRunning", "havePlugins"}

func isReadMethod(method string) bool {
	for _, p := range readMethodPrefixes {
		if strings.HasPrefix(method, p) {
			return true
		}
	}
	return false
}

func callLabel(object, method string) string {
	if object == "" {
		return method
	}
	return strings.ReplaceAll(object, "/", ".") + "." + method
}

// call sends one method call to an object ("" is the cluster) and maps
// faults to the one error type. A read may be repeated by the transport; a
// change is sent once (see change for reading back a lost answer).
func (x *EXAoperation) call(ctx context.Context, object, method string, args ...any) (any, error) {
	if isReadMethod(method) || (method == "callPlugin" && len(args) > 2 && asString(args[2]) == "STATUS") {
		ctx = asRead(ctx)
	} else {
		// A change: nothing read before it ends serves a read after it
		// (the read cache, readcache.go).
		x.t.reads.invalidate()
		defer x.t.reads.invalidate()
	}
	start := time.Now()
	v, err := x.t.callObject(ctx, object, method, args...)
	fields := map[string]any{"call": callLabel(object, method), "duration_ms": time.Since(start).Milliseconds()}
	if len(args) > 0 {
		fields["args"] = redactArgs(args)
	}
	if err != nil {
		err = exaopError(err, object, method)
		fields["error"] = err.Error()
		x.t.log(ctx, "EXAoperation call failed", fields)
		return nil, err
	}
	x.t.log(ctx, "EXAoperation call", fields)
	return v, nil
}

func redactArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if m, ok := a.(map[string]any); ok {
			out[i] = redact(Params(m))
			continue
		}
		out[i] = a
	}
	return out
}

// zopeNotFound is the exception of a missing object (fact).
const zopeNotFound = "NotFound"

// faultNameRE reads a Zope fault: "Unexpected Zope exception: <Exception>:
// <message>" (fact), or "<Exception>: <message>".
var faultNameRE = regexp.MustCompile(`(?s)^(?:.*?exception:\s*)?([A-Z]\w*):\s(.*)$`)

// exaopError names the object and method in err and classifies Zope
// faults: NotFound → KindNotFound, unauthorized → KindAuth, every other
// fault (UsageError: the cluster refused) → KindJob with the cluster's message.
// Only Zope's NotFound exception (fact: "Unexpected Zope exception:
// NotFound: Object ...") means a missing object: a fault whose text merely
// says "not found" (a refusal, or an AttributeError for a method this
// release lacks) is an error, never a sign that an object is gone.
func exaopError(err error, object, method string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	e.API = APIEXAoperation
	e.Job = callLabel(object, method)
	if e.Kind != KindFault && e.Kind != KindHTTP {
		return e
	}
	msg := e.Message
	if m := faultNameRE.FindStringSubmatch(msg); m != nil && e.Kind == KindFault {
		// the exception is kept in ResultName, the message is the cluster's own
		e.ResultName, e.Message = m[1], m[2]
	}
	switch {
	case strings.Contains(strings.ToLower(msg), "unauthorized"):
		e.Kind = KindAuth
	case e.Kind == KindHTTP:
	case e.ResultName == zopeNotFound:
		e.Kind = KindNotFound
	default:
		e.Kind = KindJob
		e.ResultCode = e.FaultCode
	}
	return e
}

// exaoperationText words an EXAoperation error; ok is false for the kinds
// worded alike on both interfaces.
func (e *Error) exaoperationText() (string, bool) {
	name := ""
	if e.ResultName != "" {
		name = " (" + e.ResultName + ")"
	}
	switch e.Kind {
	case KindJob:
		return fmt.Sprintf("EXAoperation refused %s%s: %s", e.Job, name, e.Message), true
	case KindNotFound:
		return fmt.Sprintf("EXAoperation %s failed%s: %s", e.Job, name, e.Message), true
	case KindFault:
		return fmt.Sprintf("EXAoperation rejected %s with XML-RPC fault %d: %s", e.Job, e.FaultCode, e.Message), true
	case KindAuth:
		if e.HTTPStatus == 0 {
			return fmt.Sprintf("%s: EXAoperation at %s rejected the credentials (%s); check username/password", e.Job, e.Endpoint, e.Message), true
		}
	}
	return "", false
}

// readBack tells whether a change whose answer was lost took effect, and
// the answer the change would have given (nil when none is needed).
type readBack struct {
	what  string // what the user can check when reading back fails
	check func(ctx context.Context) (done bool, out any, err error)
}

// change calls a method that changes the cluster. When its answer is lost
// (the request was sent, the reply never came), rb reads back: a change
// that took effect counts as done, one that did not is sent again (at most
// maxChangeTries times); without rb, or when reading back fails, the error
// says that the change may have taken effect. Nothing is blindly repeated.
func (x *EXAoperation) change(ctx context.Context, rb *readBack, object, method string, args ...any) (any, error) {
	label := callLabel(object, method)
	for try := 1; ; try++ {
		v, err := x.call(ctx, object, method, args...)
		if err == nil || !sent(err) || ctx.Err() != nil {
			return v, err
		}
		if rb == nil {
			return nil, &OutcomeUnknownError{API: APIEXAoperation, Job: label, What: "in EXAoperation whether it ran", Err: err}
		}
		x.t.log(ctx, "EXAoperation call outcome unknown; reading back", map[string]any{"call": label, "error": err.Error(), "try": try})
		done, out, verr := rb.check(ctx)
		switch {
		case verr != nil:
			return nil, &OutcomeUnknownError{API: APIEXAoperation, Job: label, What: rb.what, Err: err, ReadErr: verr}
		case done:
			x.t.log(ctx, "EXAoperation call took effect before its answer was lost", map[string]any{"call": label})
			return out, nil
		case try >= maxChangeTries:
			return nil, &OutcomeUnknownError{API: APIEXAoperation, Job: label, What: rb.what, Err: err,
				ReadErr: fmt.Errorf("the call was sent %d times, every answer was lost and it never took effect", try)}
		}
		x.t.log(ctx, "EXAoperation call did not take effect; repeating it", map[string]any{"call": label})
	}
}

// notFound is the error of a read that found no such object.
func notFound(call, format string, args ...any) *Error {
	return &Error{Kind: KindNotFound, API: APIEXAoperation, Job: call, Message: fmt.Sprintf(format, args...)}
}

// notFoundAs words a not-found error as ConfD's are ("database 'DB1' does
// not exist"), keeping Zope's text ("Object db_DB1 not found") after it.
func notFoundAs(err error, what string) error {
	var e *Error
	if errors.As(err, &e) && e.Kind == KindNotFound && !strings.Contains(e.Message, "does not exist") {
		e.Message = what + " does not exist (" + e.Message + ")"
	}
	return err
}

// decodeErr is the error of an answer of an unexpected shape.
func decodeErr(call, format string, args ...any) *Error {
	return &Error{Kind: KindDecode, API: APIEXAoperation, Job: call, Message: fmt.Sprintf(format, args...)}
}

// unsupportedErr says what EXAoperation cannot do and what to do instead.
func unsupportedErr(what, hint string) *UnsupportedError {
	return &UnsupportedError{API: "EXAoperation", What: what, Hint: hint}
}

// strList reads a list answer tolerantly: a list, a dict (its keys, sorted)
// or one value.
func strList(v any) []string {
	switch t := v.(type) {
	case nil:
		return []string{}
	case []any:
		out := make([]string, 0, len(t))
		for _, it := range t {
			out = append(out, asString(it))
		}
		return out
	case map[string]any:
		return sortedKeys(t)
	}
	return []string{asString(v)}
}

// gib converts a size to whole GiB as EXAoperation takes it; sizes that are
// not whole GiB are refused, not rounded.
func gib(what, size string) (int64, error) {
	b, err := units.ParseSize(size)
	if err != nil {
		return 0, fmt.Errorf("%s %q: %w", what, size, err)
	}
	if b%(1<<30) != 0 {
		return 0, unsupportedErr(fmt.Sprintf("set %s to %s", what, size), "EXAoperation takes whole GiB; use a multiple of 1 GiB")
	}
	return b >> 30, nil
}

func gibText(n int64) string { return strconv.FormatInt(n, 10) + " GiB" }
