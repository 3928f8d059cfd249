package exaop

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// kind is an EXAoperation service (fact: the reference's service names).
type kind string

const (
	kindCluster     kind = "NodeCluster"
	kindStorage     kind = "Storage"
	kindVolume      kind = "StorageVolume"
	kindStorageNode kind = "StorageNode"
	kindDatabase    kind = "Database"
	kindNode        kind = "Node"
	kindRemote      kind = "RemoteVolume"
	kindLog         kind = "LogService"
	// kindUsers is /cluster1/users, which Exasol's help.py inspects
	// (tools-and-examples/xmlrpc-help/example.md: only the generic methods,
	// getProperties "This object has no properties").
	kindUsers kind = "Users"
	// BucketFS services and their buckets (bucketfs_methods.go).
	kindBucketFS kind = "BucketFS"
	kindBucket   kind = "BucketFSBucket"
)

var kinds = []kind{kindCluster, kindStorage, kindVolume, kindStorageNode, kindDatabase, kindNode, kindRemote, kindLog, kindUsers,
	kindBucketFS, kindBucket}

// object is a resolved object: its kind, its name, and the model id or
// name it stands for.
type object struct {
	kind kind
	name string // object name, e.g. "db_db1", "v0000"
	id   int    // node, volume or remote volume id
	db   string // database name
	// bfs names the BucketFS service (of a bucket: its service)
	bfs string
}

// path is the object's path below /cluster1 ("cluster1" for the cluster).
func (o object) path() string {
	switch o.kind {
	case "":
		return ""
	case kindCluster:
		return ClusterObject
	case kindVolume, kindStorageNode:
		return StorageObject + "/" + o.name
	case kindBucket:
		return o.bfs + "/" + o.name
	}
	return o.name
}

// resolve finds the object below /cluster1 that segs name.
func resolve(st *cluster.State, segs []string) (object, error) {
	switch len(segs) {
	case 0:
		return object{kind: kindCluster, name: ClusterObject}, nil
	case 1:
		return resolveChild(st, segs[0])
	case 2:
		if segs[0] == StorageObject {
			if o, ok := volumeObject(st, segs[1]); ok {
				return o, nil
			}
			if id, ok := parseNumbered(segs[1], 'n'); ok && st.Node(id) != nil && NodeName(id) == segs[1] {
				return object{kind: kindStorageNode, name: segs[1], id: id}, nil
			}
			return object{}, notFound(segs[1])
		}
		p, err := resolveChild(st, segs[0])
		if err != nil {
			return object{}, err
		}
		if p.kind == kindBucketFS {
			return bucketObject(st, p.bfs, segs[1])
		}
	}
	return object{}, notFound(segs[len(segs)-1])
}

func resolveChild(st *cluster.State, name string) (object, error) {
	switch {
	case name == "":
	case name == StorageObject:
		return object{kind: kindStorage, name: name}, nil
	case name == LogServiceObject:
		return object{kind: kindLog, name: name}, nil
	case name == usersObject:
		return object{kind: kindUsers, name: name}, nil
	case strings.HasPrefix(name, DatabasePrefix):
		db := strings.TrimPrefix(name, DatabasePrefix)
		if st.Database(db) != nil {
			return object{kind: kindDatabase, name: name, db: db}, nil
		}
	case name[0] == 'n':
		if id, ok := parseNumbered(name, 'n'); ok && NodeName(id) == name && (id == LicenseServerID || st.Node(id) != nil) {
			return object{kind: kindNode, name: name, id: id}, nil
		}
	case name[0] == 'r':
		if n, ok := parseNumbered(name, 'r'); ok && RemoteName(n+cluster.RemoteVolumeIDBase) == name && st.Remote(n+cluster.RemoteVolumeIDBase) != nil {
			return object{kind: kindRemote, name: name, id: n + cluster.RemoteVolumeIDBase}, nil
		}
	case name[0] == 'v':
		if o, ok := volumeObject(st, name); ok {
			return o, nil
		}
	}
	// A BucketFS service is named by itself (guesses.go, "BucketFS").
	if b, _ := st.FindBucketFS(name); b != nil {
		return object{kind: kindBucketFS, name: name, bfs: name}, nil
	}
	return object{}, notFound(name)
}

func volumeObject(st *cluster.State, name string) (object, bool) {
	id, ok := parseNumbered(name, 'v')
	if !ok || VolumeName(id) != name || st.Volume(id) == nil {
		return object{}, false
	}
	return object{kind: kindVolume, name: name, id: id}, true
}

// method is one entry of an object's method table.
type method struct {
	sig    string // parameters, e.g. "plugin:str node:str command:str [extra:any]"
	help   string
	change bool
	run    func(x *call) (any, error)
}

// call is one call being served.
type call struct {
	s      *Service
	st     *cluster.State // the state when the call began
	obj    object
	method string
	raw    []any
	args   []any // raw, converted to the signature's types
}

type param struct {
	name, typ string
	optional  bool
}

func params(sig string) []param {
	var out []param
	for _, f := range strings.Fields(sig) {
		opt := strings.HasPrefix(f, "[")
		name, typ, _ := strings.Cut(strings.Trim(f, "[]"), ":")
		out = append(out, param{name, typ, opt})
	}
	return out
}

// parse checks the arguments against the signature and converts them.
func (x *call) parse(m *method) error {
	ps := params(m.sig)
	least := 0
	for _, p := range ps {
		if !p.optional {
			least++
		}
	}
	if len(x.raw) < least || len(x.raw) > len(ps) {
		want := strconv.Itoa(least)
		if least != len(ps) {
			want = fmt.Sprintf("%d to %d", least, len(ps))
		}
		return usage("%s(%s) takes %s arguments, got %d", x.method, signature(ps), want, len(x.raw))
	}
	x.args = make([]any, len(x.raw))
	for i, v := range x.raw {
		c, err := convert(ps[i].typ, v)
		if err != nil {
			return usage("%s: argument %s %v", x.method, ps[i].name, err)
		}
		x.args[i] = c
	}
	return nil
}

func signature(ps []param) string {
	var b []string
	for _, p := range ps {
		if p.optional {
			b = append(b, "["+p.name+"]")
		} else {
			b = append(b, p.name)
		}
	}
	return strings.Join(b, ", ")
}

// convert reads a decoded XML-RPC value as typ. kolo decodes an empty
// string as nil, so nil is "" where a string is wanted.
func convert(typ string, v any) (any, error) {
	switch typ {
	case "str":
		switch t := v.(type) {
		case string:
			return t, nil
		case nil:
			return "", nil
		case int64:
			return strconv.FormatInt(t, 10), nil
		}
	case "int":
		switch t := v.(type) {
		case int64:
			return int(t), nil
		case string:
			if n, err := strconv.Atoi(strings.TrimSpace(t)); err == nil {
				return n, nil
			}
		}
	case "bool":
		switch t := v.(type) {
		case bool:
			return t, nil
		case int64:
			if t == 0 || t == 1 {
				return t == 1, nil
			}
		}
	case "list":
		switch t := v.(type) {
		case []any:
			return t, nil
		case nil:
			return []any{}, nil
		}
	case "dict":
		switch t := v.(type) {
		case map[string]any:
			return t, nil
		case nil:
			return map[string]any{}, nil
		}
	default:
		return v, nil
	}
	return nil, fmt.Errorf("must be of type %s, got %v", typ, v)
}

func (x *call) str(i int) string {
	if i >= len(x.args) {
		return ""
	}
	return x.args[i].(string)
}

func (x *call) int(i int) int { return x.args[i].(int) }

func (x *call) list(i int) []any {
	if i >= len(x.args) {
		return nil
	}
	return x.args[i].([]any)
}

func (x *call) dict(i int) map[string]any { return x.args[i].(map[string]any) }

// asFault renders an exception as the Zope fault a client sees.
func asFault(err error) *rpc.Fault {
	f := faultOf(err)
	return &rpc.Fault{Code: faultCode, String: faultPrefix + f.kind + ": " + f.msg}
}
