package exaop

import (
	"maps"
	"slices"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// tables holds every kind's methods, the generic ones included. The
// *_methods.go files register theirs in init.
var tables = map[kind]map[string]*method{}

func register(k kind, ms map[string]*method) {
	t := tables[k]
	if t == nil {
		t = map[string]*method{}
		maps.Copy(t, generic)
		tables[k] = t
	}
	for name, m := range ms {
		if _, dup := t[name]; dup && generic[name] == nil {
			panic("duplicate method " + string(k) + "." + name)
		}
		t[name] = m
	}
}

func methodsOf(k kind) map[string]*method { return tables[k] }

// generic are the methods of every object (fact: getPath, getListValues,
// listMethods, methodHelp, methodSignature; listObjects from Exasol's
// README). getProperties is every kind's own.
var generic = map[string]*method{
	"getPath": {help: "Return absolute and relative pathes to current object.",
		run: func(x *call) (any, error) {
			if x.obj.kind == kindCluster {
				return []string{"/" + ClusterObject, ClusterObject}, nil
			}
			return []string{"/" + ClusterObject + "/" + x.obj.path(), x.obj.name}, nil
		}},
	"listMethods": {help: "Introspection function. Return a list of all supported methods.",
		run: func(x *call) (any, error) { return slices.Sorted(maps.Keys(methodsOf(x.obj.kind))), nil }},
	"listObjects": {help: "Return a list of all sub-objects.", run: listObjects},
	"methodHelp": {sig: "method_name:str", help: "Introspection method. Return a description for a given function.",
		run: func(x *call) (any, error) {
			m, err := x.methodArg()
			if err != nil {
				return nil, err
			}
			return m.help + "\n\nUsage: " + x.obj.name + "." + x.str(0) + "(" + signature(params(m.sig)) + ")", nil
		}},
	"methodSignature": {sig: "method_name:str", help: "Introspection method. Return a list of parameters for a given function.",
		run: func(x *call) (any, error) {
			m, err := x.methodArg()
			if err != nil {
				return nil, err
			}
			out := []string{}
			for _, p := range params(m.sig) {
				out = append(out, p.name)
			}
			return out, nil
		}},
	"getListValues": {sig: "list:str", help: "Return various list values depending on a type of object.", run: listValues},
}

func (x *call) methodArg() (*method, error) {
	m := methodsOf(x.obj.kind)[x.str(0)]
	if m == nil {
		return nil, usage("%s has no method '%s'", x.obj.name, x.str(0))
	}
	return m, nil
}

func listObjects(x *call) (any, error) {
	out := []string{}
	switch x.obj.kind {
	case kindCluster:
		out = append(out, StorageObject, LogServiceObject)
		for _, d := range x.st.Databases {
			out = append(out, DatabasePrefix+d.Name)
		}
		out = append(out, nodeNames(x.st)...)
		for _, r := range x.st.Remotes {
			out = append(out, RemoteName(r.ID))
		}
		// fact: the README's listObjects() shows 'bfsdefault'
		for _, b := range x.st.BucketFS {
			out = append(out, b.Name)
		}
	case kindBucketFS: // guess: a service's buckets are its sub-objects
		if b, _ := x.st.FindBucketFS(x.obj.bfs); b != nil {
			out = append(out, b.BucketOrder...)
		}
	case kindStorage:
		for _, v := range x.st.Volumes {
			out = append(out, VolumeName(v.ID))
		}
		out = append(out, nodeNames(x.st)...)
	}
	slices.Sort(out)
	return out, nil
}

func nodeNames(st *cluster.State) []string {
	out := []string{}
	for _, n := range st.Nodes {
		out = append(out, NodeName(n.ID))
	}
	return out
}

// listNames are the lists getListValues knows: the 27 of
// EXAoperation_XMLRPC.md (generic method getListValues) and the four more
// that the methodHelp dump of a 6.x cluster lists
// (tools-and-examples/xmlrpc-help/example.md: VMBootDevice,
// NodesRemoveReserve, BackupManager, BackupSystems). What each holds is a
// guess but where said (guesses.go, "Lists").
var listNames = []string{
	"BootInterface", "DataDisks", "DatabaseNetworkInterfaces", "Databases", "Days", "DiskTypes", "Disks",
	"EXASolutionVersions", "EncrTypes", "KeyStoreTypes", "KeyStore", "Mtu", "NodesDeactivate", "NodesReactivate",
	"NodesReserve", "Nodes", "PublicNetwork", "RaidTypes", "ScalingGovernor", "SrvMgmtGroup", "SrvMgmtTypes",
	"StorageDisks", "StorageVolumeNodes", "TimeZones", "Users", "VLAN", "Volumes",
	"VMBootDevice", "NodesRemoveReserve", "BackupManager", "BackupSystems",
}

func listValues(x *call) (any, error) {
	if !slices.Contains(listNames, x.str(0)) {
		return nil, usage("getListValues: unknown list '%s' (known: %s)", x.str(0), strings.Join(listNames, ", "))
	}
	return x.listOf(x.str(0)), nil
}

// list is getListValues(name) on the object being called.
func (x *call) listOf(name string) []string {
	st := x.st
	out := []string{}
	var db *cluster.Database
	if x.obj.kind == kindDatabase {
		db = st.Database(x.obj.db)
	}
	switch name {
	case "Nodes", "StorageVolumeNodes":
		out = nodeNames(st)
	case "Volumes":
		for _, v := range st.Volumes {
			if v.TempOf == "" {
				out = append(out, VolumeName(v.ID))
			}
		}
	case "Databases", "BackupSystems":
		for _, d := range st.Databases {
			out = append(out, d.Name)
		}
	case "EXASolutionVersions":
		out = append(out, st.Versions...)
	case "DataDisks":
		out = append(out, dataDisk)
	case "StorageDisks":
		out = storageDisks(st)
	case "Disks":
		out = append(append(out, nodeDisks...), storageDisks(st)...)
	case "Users":
		for _, u := range x.s.usersLocked().list {
			out = append(out, u.login)
		}
	case "NodesReserve": // nodes a database could take as reserve
		for _, n := range st.Nodes {
			if db == nil || !slices.Contains(db.Config.Nodes, n.ID) {
				out = append(out, NodeName(n.ID))
			}
		}
	case "NodesRemoveReserve":
		if db != nil {
			out = nodeList(db.Config.ReserveNodes())
		}
	case "NodesDeactivate":
		if db != nil {
			for _, id := range db.Config.ActiveNodes() {
				if !slices.Contains(db.Suspended, id) {
					out = append(out, NodeName(id))
				}
			}
		}
	case "NodesReactivate":
		if db != nil {
			out = nodeList(db.Suspended)
		}
	case "TimeZones":
		out = append(out, cluster.Zone.String())
	default:
		out = append(out, fixedLists[name]...)
	}
	return out
}

func storageDisks(st *cluster.State) []string {
	out := []string{}
	for _, n := range st.Nodes {
		for _, d := range n.Disks {
			if !slices.Contains(out, d.Name) {
				out = append(out, d.Name)
			}
		}
	}
	return out
}

// choice refuses a value that is not among list's values (fact: a Choice
// key takes a value of the matching getListValues list).
func (x *call) choice(key, value, list string) error {
	if !slices.Contains(x.listOf(list), value) {
		return usage("%s: '%s' is not a choice of getListValues('%s'): %s", key, value, list, strings.Join(x.listOf(list), ", "))
	}
	return nil
}

// noProperties is getProperties of objects that have none (fact: "This
// object has no properties").
func noProperties(*call) (any, error) { return map[string]any{}, nil }

// done is the result of methods without one: nil, sent as <nil/> (fact).
var done any
