package confd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// paramTypes is the type of every parameter name used by any job, written as
// alternatives ("int|str"). One table because ConfD names parameters
// consistently; jobs that differ override it in their spec. Types follow the
// ConfD docs' "Data type" columns.
var paramTypes = map[string]string{
	// databases
	"db_name": "str", "version": "str", "data_volume_name": "str", "data_volume_id": "int|str",
	"mem_size": "str", "nodes": "list[int]", "num_active_nodes": "int", "db_uuid": "str",
	"port": "int", "owner": "list", "params": "str|list", "params_add": "str|list",
	"params_delete": "str|list", "auto_start": "bool", "enable_auditing": "bool",
	"volume_quota": "int", "volume_move_delay": "int", "ldap_server": "str",
	"interfaces": "str|list", "maintenance": "bool", "timeout": "int", "cluster": "str",
	"force": "bool", "num_new_nodes": "int", "node_list": "list[int]",
	// backups and schedules
	"backup_volume_id": "int|str", "backup_volume_name": "str", "level": "int",
	"expire": "str|int", "expire_time": "str", "show_foreign": "bool", "backup_list": "list",
	"backup_id": "str|int", "restore_type": "str", "backup_name": "str", "enabled": "bool",
	"minute": "str|int", "hour": "str|int", "day": "str|int", "month": "str|int",
	"weekday": "str|int", "backup_files": "str",
	// storage volumes
	"name": "str", "type": "str", "disk": "str", "size": "str", "redundancy": "int",
	"num_master_nodes": "int", "block_size": "str|int", "stripe_size": "str|int",
	"partition_size": "str|int", "permissions": "str", "shared": "bool", "priority": "int|str",
	"http_port": "int", "https_port": "int", "labels": "list[str]|str", "vid": "int|str",
	"vname": "str", "blocks_per_node": "int", "app_io": "bool", "int_io": "bool",
	"label": "str", "node_num": "int", "node_ids": "list[int]", "src_nodes": "list[int]",
	"dst_nodes": "list[int]", "delta": "int", "num_bytes": "int|str",
	// remote volumes
	"vol_type": "str", "url": "str", "remote_volume_id": "int|str", "remote_volume_name": "str",
	"username": "str", "password": "str", "options": "list[str]|str", "allowed_users": "list|str",
	// nodes
	"priv_net": "str", "pub_net": "str", "id": "int", "space_warn_threshold": "int",
	"bg_rec_limit": "int", "nid": "int|str", "node_id": "int|str", "nids": "list[int]",
	// settings
	"cluster_name": "str", "timezone": "str", "name_servers": "str|list",
	"ntp_servers": "str|list", "search_domains": "str|list",
}

// params are a job's validated parameters with typed accessors. The
// accessors may assume the types were checked.
type params map[string]any

// checkParams validates raw parameters against a job spec: every mandatory
// parameter (or one of its substitutes) present, nothing unknown, every
// value of an allowed type.
func checkParams(j *job, raw map[string]any) (params, error) {
	known := map[string]bool{}
	for _, group := range slices.Concat(j.mandatory, j.optional) {
		for _, n := range strings.Split(group, "|") {
			known[n] = true
		}
	}
	names := make([]string, 0, len(raw))
	for n := range raw {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if !known[n] {
			return nil, fmt.Errorf("unknown parameter '%s' for job '%s'", n, j.name)
		}
	}
	for _, group := range j.mandatory {
		alts := strings.Split(group, "|")
		if !slices.ContainsFunc(alts, func(n string) bool { _, ok := raw[n]; return ok }) {
			msg := fmt.Sprintf("missing mandatory parameter '%s' for job '%s'", alts[0], j.name)
			if len(alts) > 1 {
				msg += fmt.Sprintf(" (substitutes: '%s')", strings.Join(alts[1:], "', '"))
			}
			return nil, fmt.Errorf("%s", msg)
		}
	}
	for _, n := range names {
		typ := j.types[n]
		if typ == "" {
			typ = paramTypes[n]
		}
		if !typeOK(raw[n], typ) {
			return nil, fmt.Errorf("parameter '%s' must be of type %s, got %s", n, strings.ReplaceAll(typ, "|", " or "), pyType(raw[n]))
		}
	}
	return params(raw), nil
}

func typeOK(v any, typ string) bool {
	for _, t := range strings.Split(typ, "|") {
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

// nodeID reads the node id under either of its names.
func (p params) nodeID() (int, error) {
	for _, n := range strings.Split(nodeIDParams, "|") {
		if p.has(n) {
			return p.id(n)
		}
	}
	return 0, nil
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
