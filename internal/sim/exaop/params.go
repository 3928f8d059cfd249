package exaop

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// A dict argument (addDatabase({...}), editDatabase({...}), …) is checked
// against a spec: key → type ("str", "int", "bool", "list"), "!" in front
// for a required key. Unknown keys are refused, so that a client's typo
// never passes silently.
type dictSpec map[string]string

// fields converts a dict argument by its spec.
func (x *call) fields(d map[string]any, spec dictSpec) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range d {
		typ, ok := spec[k]
		if !ok {
			return nil, usage("%s: unknown key '%s' (allowed: %s)", x.method, k, strings.Join(slices.Sorted(maps.Keys(spec)), ", "))
		}
		c, err := convert(strings.TrimPrefix(typ, "!"), v)
		if err != nil {
			return nil, usage("%s: key %s %v", x.method, k, err)
		}
		out[k] = c
	}
	for k, typ := range spec {
		if _, ok := out[k]; !ok && strings.HasPrefix(typ, "!") {
			return nil, usage("%s: key '%s' is required", x.method, k)
		}
	}
	return out, nil
}

func strOf(m map[string]any, k string) string { s, _ := m[k].(string); return s }
func intOf(m map[string]any, k string) int    { n, _ := m[k].(int); return n }
func boolOf(m map[string]any, k string) bool  { b, _ := m[k].(bool); return b }

// strs reads a list of strings.
func strs(list []any) ([]string, error) {
	out := []string{}
	for _, v := range list {
		s, err := convert("str", v)
		if err != nil {
			return nil, usage("list entry %v", err)
		}
		out = append(out, s.(string))
	}
	return out, nil
}

func strsOf(m map[string]any, k string) ([]string, error) {
	l, _ := m[k].([]any)
	return strs(l)
}

// nodeID resolves a node's object name; the license server is not a node of
// the model, so it only resolves with license.
func (x *call) nodeID(name string, license bool) (int, error) {
	id, ok := parseNumbered(name, 'n')
	if ok && NodeName(id) == name && ((license && id == LicenseServerID) || x.st.Node(id) != nil) {
		return id, nil
	}
	return 0, notFound(name)
}

// nodeIDs resolves a list of node names (nodes_list and the like).
func (x *call) nodeIDs(m map[string]any, k string) ([]int, error) {
	names, err := strsOf(m, k)
	if err != nil {
		return nil, err
	}
	var ids []int
	for _, n := range names {
		id, err := x.nodeID(n, false)
		if err != nil {
			return nil, usage("%s: %s is not a node of this cluster", k, n)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// volumeRef resolves a storage volume given as its name ('v0000') or id.
func (x *call) volumeRef(v any) (cluster.Ref, error) {
	s, _ := convert("str", v)
	name, _ := s.(string)
	if id, ok := parseNumbered(name, 'v'); ok && VolumeName(id) == name {
		return cluster.ByID(id), nil
	}
	if id, err := strconv.Atoi(name); err == nil && id >= 0 {
		return cluster.ByID(id), nil
	}
	return cluster.Ref{}, notFound(name)
}

// archiveRef resolves an archive volume's name: a remote volume ('r0001')
// or a storage volume ('v0002').
func (x *call) archiveRef(name string) (cluster.Ref, error) {
	if n, ok := parseNumbered(name, 'r'); ok && RemoteName(n+cluster.RemoteVolumeIDBase) == name {
		return cluster.ByID(n + cluster.RemoteVolumeIDBase), nil
	}
	if id, ok := parseNumbered(name, 'v'); ok && VolumeName(id) == name {
		return cluster.ByID(id), nil
	}
	return cluster.Ref{}, notFound(name)
}

// archiveName is the object name of a backup target by model id.
func archiveName(st *cluster.State, id int) string {
	if st.Remote(id) != nil {
		return RemoteName(id)
	}
	if st.Volume(id) != nil {
		return VolumeName(id)
	}
	return ""
}

// propValue stores a node property as JSON text in the model.
func propValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// propOut reads a stored node property back in its type.
func propOut(typ, text string) any {
	var v any
	switch typ {
	case "int":
		var n int
		_ = json.Unmarshal([]byte(text), &n)
		v = n
	case "bool":
		var b bool
		_ = json.Unmarshal([]byte(text), &b)
		v = b
	case "list":
		l := []string{}
		_ = json.Unmarshal([]byte(text), &l)
		v = l
	default:
		var s string
		_ = json.Unmarshal([]byte(text), &s)
		v = s
	}
	return v
}
