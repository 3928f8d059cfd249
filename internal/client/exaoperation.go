package client

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"

	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// EXAoperation is the dialect of the older management interface (Exasol
// 6.x): one XML-RPC object per URL below /cluster1 (the cluster object),
// /cluster1/storage, /cluster1/db_<name>, /cluster1/n0011, … It maps the
// objects to method calls (exaop_<object>.go, sent through x.run, runner.go)
// and brings the primitives the orchestration orders (orchestration.go). It
// is no Backend itself: Cluster is, with EXAoperation as its dialect
// (backend.go). It rides on the session (x.t: the transport's connection,
// with its failover and retries of reads, and the read cache) that ConfD
// rides on too.
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
	t *session // the connection, speaking to /cluster1, and the read cache

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

// API names the interface as the provider's api setting spells it.
func (x *EXAoperation) API() string { return APIEXAoperation }

// Interface names EXAoperation in runbook steps and errors.
func (x *EXAoperation) Interface() string { return "EXAoperation" }

// ExaopNodeName is the EXAoperation name of node id: 11 → 'n0011' (exaop.NodeName).
func ExaopNodeName(id int64) string { return exaop.NodeName(id) }

// redactArgs is a call's arguments for the log: secret dict entries, and
// positional arguments whose name in the method table is a secret's
// (uploadTlsFiles' private_key, licenseUpdate's license_data), as "***".
func redactArgs(method string, args []any) []any {
	names := exaop.Table[method].Args
	out := make([]any, len(args))
	for i, a := range args {
		if m, ok := a.(map[string]any); ok {
			out[i] = redact(Params(m))
			continue
		}
		out[i] = a
		if i < len(names) && secretParam(names[i]) {
			out[i] = "***"
		}
	}
	return out
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

// refuse is the capability table's refusal of a setting (capabilities.go).
func (x *EXAoperation) refuse(object, field string) *UnsupportedError {
	return exaopCapabilities.refuse("EXAoperation", object, field)
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
