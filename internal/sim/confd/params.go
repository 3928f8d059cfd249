package confd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// A job's parameters are declared as its page's tables say, in one string
// per table: "db_name:str data_volume_name:str|data_volume_id:int". Blanks
// separate parameters, "|" joins a parameter with its substitutes (either
// may be given), and the type follows the colon. Types, as the pages'
// "Data type" columns name them:
//
//	str, int, bool, dict   string, integer, boolean, dict
//	list                   list, and "tuple, list" (XML-RPC has no tuples)
//	list[int], list[str]   a list whose page says what its items are
//	str/int, int/list, …   "string, integer", "integer, list": either
type param struct{ name, typ string }

// spec is a parsed declaration: the mandatory groups (a parameter and its
// substitutes) and the optional parameters.
type spec struct {
	mandatory [][]param
	optional  []param
}

// parseSpec parses a declaration; a malformed one is a programming error.
func parseSpec(job, mandatory, optional string) *spec {
	s := &spec{}
	for _, group := range strings.Fields(mandatory) {
		var alts []param
		for _, p := range strings.Split(group, "|") {
			alts = append(alts, parseParam(job, p))
		}
		s.mandatory = append(s.mandatory, alts)
	}
	for _, group := range strings.Fields(optional) {
		for _, p := range strings.Split(group, "|") {
			s.optional = append(s.optional, parseParam(job, p))
		}
	}
	return s
}

func parseParam(job, decl string) param {
	name, typ, ok := strings.Cut(decl, ":")
	if !ok || name == "" {
		panic(fmt.Sprintf("job %s: parameter %q has no type", job, decl))
	}
	for _, t := range strings.Split(typ, "/") {
		if !slices.Contains([]string{"str", "int", "bool", "dict", "list", "list[int]", "list[str]"}, t) {
			panic(fmt.Sprintf("job %s: parameter %s has an unknown type %q", job, name, t))
		}
	}
	return param{name, typ}
}

// params lists every parameter the spec knows, mandatory ones first.
func (s *spec) params() []param {
	var out []param
	for _, g := range s.mandatory {
		out = append(out, g...)
	}
	return append(out, s.optional...)
}

func (s *spec) typeOf(name string) string {
	for _, p := range s.params() {
		if p.name == name {
			return p.typ
		}
	}
	return ""
}

// params are a job's validated parameters with typed accessors. The
// accessors may assume the types were checked.
type params map[string]any

// checkParams validates raw parameters against a job's declaration: nothing
// unknown, every mandatory parameter (or one of its substitutes) present,
// every value of its declared type. The messages name the parameter.
func checkParams(name string, s *spec, raw map[string]any) (params, error) {
	names := make([]string, 0, len(raw))
	for n := range raw {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if s.typeOf(n) == "" {
			return nil, fmt.Errorf("unknown parameter '%s' for job '%s'", n, name)
		}
	}
	for _, group := range s.mandatory {
		if !slices.ContainsFunc(group, func(p param) bool { _, ok := raw[p.name]; return ok }) {
			msg := fmt.Sprintf("missing mandatory parameter '%s' for job '%s'", group[0].name, name)
			if len(group) > 1 {
				var subs []string
				for _, p := range group[1:] {
					subs = append(subs, p.name)
				}
				msg += fmt.Sprintf(" (substitutes: '%s')", strings.Join(subs, "', '"))
			}
			return nil, fmt.Errorf("%s", msg)
		}
	}
	for _, n := range names {
		if typ := s.typeOf(n); !typeOK(raw[n], typ) {
			return nil, fmt.Errorf("parameter '%s' must be of type %s, got %s", n, strings.ReplaceAll(typ, "/", " or "), pyType(raw[n]))
		}
	}
	return params(raw), nil
}

func typeOK(v any, typ string) bool {
	for _, t := range strings.Split(typ, "/") {
		switch t {
		case "str":
			// kolo decodes an empty <string> as nil: read nil as "".
			if _, ok := v.(string); ok || v == nil {
				return true
			}
		case "int":
			if _, ok := v.(int64); ok {
				return true
			}
		case "bool":
			if _, ok := v.(bool); ok {
				return true
			}
		case "dict":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "list", "list[int]", "list[str]":
			l, ok := v.([]any)
			if ok && (t == "list" || !slices.ContainsFunc(l, func(e any) bool { return !typeOK(e, t[5:len(t)-1]) })) {
				return true
			}
		}
	}
	return false
}

// pyType names a decoded value's type the way a Python server would.
func pyType(v any) string {
	switch v.(type) {
	case nil:
		return "None"
	case string:
		return "str"
	case int64:
		return "int"
	case bool:
		return "bool"
	case float64:
		return "float"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

func (p params) has(n string) bool { _, ok := p[n]; return ok }

func (p params) str(n string) string { s, _ := p[n].(string); return s }

// text reads a str|int parameter as text (cron fields, expiry, ids).
func (p params) text(n string) string {
	if i, ok := p[n].(int64); ok {
		return strconv.FormatInt(i, 10)
	}
	return p.str(n)
}

func (p params) int(n string) int { i, _ := p[n].(int64); return int(i) }

func (p params) bool(n string, def bool) bool {
	if b, ok := p[n].(bool); ok {
		return b
	}
	return def
}

func (p params) ints(n string) []int {
	var out []int
	for _, e := range asList(p[n]) {
		i, _ := e.(int64)
		out = append(out, int(i))
	}
	return out
}

// strs reads a list[str]|str parameter; a string is split by splitList.
func (p params) strs(n string) []string {
	if s, ok := p[n].(string); ok {
		return splitList(s)
	}
	var out []string
	for _, e := range asList(p[n]) {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

func asList(v any) []any { l, _ := v.([]any); return l }

// joined reads a str|list parameter as one space-separated string; a string
// is taken as it is.
func (p params) joined(n string) string {
	if l, ok := p[n].([]any); ok {
		parts := make([]string, len(l))
		for i, e := range l {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, " ")
	}
	return p.str(n)
}

// id reads an int|str parameter holding a number.
func (p params) id(n string) (int, error) {
	switch v := p[n].(type) {
	case int64:
		return int(v), nil
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, fmt.Errorf("parameter '%s' must be a number, got '%s'", n, v)
		}
		return i, nil
	}
	return 0, fmt.Errorf("parameter '%s' is missing", n)
}

// ref reads an "id ↔ name" pair of substitutes; the id wins when both are
// given (fact: "If both … are specified, data_volume_id is used").
func (p params) ref(idName, nameName string) (cluster.Ref, error) {
	if p.has(idName) {
		id, err := p.id(idName)
		return cluster.ByID(id), err
	}
	return cluster.ByName(p.str(nameName)), nil
}

// nodeIDs reads a node id parameter given as one id or a list of ids
// ("integer, list" on the node jobs' pages), under whichever name the
// release uses (see nodeParam).
func (p params) nodeIDs(release string) []int {
	n := nodeParam(release)
	if i, ok := p[n].(int64); ok {
		return []int{int(i)}
	}
	return p.ints(n)
}

// size reads a size given as text ("4 KiB") or as a number of bytes.
func (p params) size(n string) (int64, error) {
	if i, ok := p[n].(int64); ok {
		return i, nil
	}
	return cluster.ParseSize(p.str(n))
}

// owner reads (uid, gid) given as numbers or as user and group names.
func (p params) owner(n string) (*[2]int, error) {
	l := asList(p[n])
	if len(l) != 2 {
		return nil, fmt.Errorf("parameter '%s' must be a pair (user, group), got %d elements", n, len(l))
	}
	var out [2]int
	for i, e := range l {
		switch v := e.(type) {
		case int64:
			out[i] = int(v)
		case string:
			id, ok := cluster.OwnerIDs[v]
			if !ok {
				return nil, fmt.Errorf("%s '%s' does not exist", []string{"user", "group"}[i], v)
			}
			out[i] = id
		default:
			return nil, fmt.Errorf("parameter '%s' must hold ids or names, got %s", n, pyType(e))
		}
	}
	return &out, nil
}
