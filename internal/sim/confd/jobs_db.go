package confd

import (
	"fmt"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	readJobs[versionListJob] = true
	readJobs["remote_volume_list_details"] = true
	register(
		&job{name: "db_list", desc: "Return the names of all databases.", page: docPage("db_list"),
			run: func(x *execution) (any, error) {
				out := []string{}
				for _, d := range x.c.Snapshot().Databases {
					out = append(out, d.Name)
				}
				return out, nil
			}},
		&job{name: versionListJob, desc: "List the database versions installed on the cluster.",
			run: func(x *execution) (any, error) { return append([]string{}, x.c.Snapshot().Versions...), nil }},
		&job{name: "db_state", desc: "Return the current state of a database.", page: docPage("db_state"),
			mandatory: "db_name:str",
			run: func(x *execution) (any, error) {
				d, err := x.c.Snapshot().FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				return dbStateName(d.State), nil
			}},
		&job{name: "db_info", desc: "Return the main parameters of a database and its volumes.", page: docPage("db_info"),
			mandatory: "db_name:str",
			run: func(x *execution) (any, error) {
				st := x.c.Snapshot()
				d, err := st.FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				return dbInfo(st, d), nil
			}},
		&job{name: "db_create", desc: "Create a new database.", page: docPage("db_create"), commits: true,
			mandatory: dbCreateMandatory, optional: "port:int " + dbCreateOptional,
			release71: &decl{dbCreateMandatory + " port:int", dbCreateOptional},
			run:       dbCreate},
		&job{name: "db_delete", desc: "Delete a database.", page: docPage("db_delete"), commits: true,
			mandatory: "db_name:str",
			run:       func(x *execution) (any, error) { return noOutput, x.c.DeleteDatabase(x.p.str("db_name")) }},
		&job{name: "db_start", desc: "Start a database that exists and is not running.", page: docPage("db_start"),
			mandatory: "db_name:str", optional: "maintenance:bool timeout:int cluster:str",
			run: func(x *execution) (any, error) {
				name := x.p.str("db_name")
				if err := x.c.StartDatabase(name, x.p.bool("maintenance", false)); err != nil {
					return nil, err
				}
				return noOutput, x.waitTransition(name, "start")
			}},
		&job{name: "db_stop", desc: "Stop a running database.", page: docPage("db_stop"),
			mandatory: "db_name:str", optional: "force:bool cluster:str",
			run: func(x *execution) (any, error) {
				name := x.p.str("db_name")
				if err := x.c.StopDatabase(name, x.p.bool("force", false)); err != nil {
					return nil, err
				}
				return noOutput, x.waitTransition(name, "stop")
			}},
		&job{name: "db_configure", desc: "Change the configuration of a stopped database.", page: docPage("db_configure"),
			commits: true, mandatory: "db_name:str",
			optional: "version:str data_volume_name:str data_volume_id:str owner:list mem_size:str " +
				"max_system_heap_memory:str port:int params:str/list params_add:str/list params_delete:str/list " +
				"auto_start:bool enable_auditing:bool volume_quota:str volume_move_delay:int ldap_server:str " +
				"interfaces:str " + dbConfigureUnmodelled,
			run: dbConfigure},
		&job{name: "db_enlarge", desc: "Turn reserve nodes of a stopped database into active nodes.", page: docPage("db_enlarge"),
			commits: true, mandatory: "db_name:str num_new_nodes:str/int",
			run: func(x *execution) (any, error) {
				n, err := x.p.id("num_new_nodes")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.EnlargeDatabase(x.p.str("db_name"), n, true)
			}},
		&job{name: "db_add_reserve_nodes", desc: "Add reserve nodes to a database.", page: docPage("db_add_reserve_nodes"),
			commits: true, mandatory: "db_name:str node_list:list[int]",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.AddReserveNodes(x.p.str("db_name"), x.p.ints("node_list"))
			}},
		&job{name: "db_remove_reserve_nodes", desc: "Remove reserve nodes from a database.", page: docPage("db_remove_reserve_nodes"),
			commits: true, mandatory: "db_name:str node_list:list[int]",
			run: func(x *execution) (any, error) {
				return noOutput, x.c.RemoveReserveNodes(x.p.str("db_name"), x.p.ints("node_list"))
			}},
		&job{name: "db_suspend_nodes", desc: "Suspend nodes of a database.", page: docPage("db_suspend_nodes"),
			commits: true, mandatory: "db_name:str node_list:list[str]",
			run: func(x *execution) (any, error) {
				ids, err := x.nodeNames("node_list")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.SuspendDatabaseNodes(x.p.str("db_name"), ids)
			}},
		&job{name: "db_resume_nodes", desc: "Resume suspended nodes of a database.", page: docPage("db_resume_nodes"),
			commits: true, mandatory: "db_name:str node_list:list[str]",
			run: func(x *execution) (any, error) {
				ids, err := x.nodeNames("node_list")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.ResumeDatabaseNodes(x.p.str("db_name"), ids)
			}},
	)
}

// db_create's parameters (docs: db_create.htm; its optional table beyond
// the first rows from the job's help text, see guesses.go), port apart: 7.1
// makes it mandatory.
const (
	dbCreateMandatory = "db_name:str version:str data_volume_name:str|data_volume_id:int mem_size:str " +
		"nodes:list[int] num_active_nodes:int"
	dbCreateOptional = "db_uuid:str owner:list params:str auto_start:bool enable_auditing:bool " +
		"volume_quota:int volume_move_delay:int ldap_server:str interfaces:str snapshot_sync_volume:str " + dbCreateUnmodelled
)

func dbCreate(x *execution) (any, error) {
	p := x.p
	cfg := cluster.DefaultDatabaseConfig()
	cfg.Version, cfg.Nodes, cfg.NumActiveNodes = p.str("version"), p.ints("nodes"), p.int("num_active_nodes")
	var err error
	if cfg.MemSize, err = cluster.ParseSize(p.str("mem_size")); err != nil {
		return nil, fmt.Errorf("mem_size: %w", err)
	}
	if p.has("port") {
		cfg.Port = p.int("port")
	}
	if p.has("owner") {
		o, err := p.owner("owner")
		if err != nil {
			return nil, err
		}
		cfg.Owner = *o
	}
	cfg.Params, cfg.AutoStart = p.str("params"), p.bool("auto_start", true)
	cfg.EnableAuditing = p.bool("enable_auditing", false)
	cfg.VolumeQuota, cfg.VolumeMoveDelay = p.int("volume_quota"), p.int("volume_move_delay")
	cfg.LDAPServer, cfg.Interfaces = p.str("ldap_server"), p.str("interfaces")
	cfg.SnapshotSyncVolume = p.str("snapshot_sync_volume")
	vol, err := p.ref("data_volume_id", "data_volume_name")
	if err != nil {
		return nil, err
	}
	return noOutput, x.c.CreateDatabase(cluster.DatabaseSpec{
		Name: p.str("db_name"), UUID: p.str("db_uuid"), DataVolume: vol, Config: cfg,
	})
}

func dbConfigure(x *execution) (any, error) {
	p := x.p
	var e cluster.DatabaseEdit
	if p.has("mem_size") {
		n, err := cluster.ParseSize(p.str("mem_size"))
		if err != nil {
			return nil, fmt.Errorf("mem_size: %w", err)
		}
		e.MemSize = &n
	}
	if p.has("owner") {
		o, err := p.owner("owner")
		if err != nil {
			return nil, err
		}
		e.Owner = o
	}
	if p.has("data_volume_id") || p.has("data_volume_name") {
		r, err := p.ref("data_volume_id", "data_volume_name")
		if err != nil {
			return nil, err
		}
		e.DataVolume = &r
	}
	if p.has("max_system_heap_memory") {
		n, err := heapSize(p.str("max_system_heap_memory"))
		if err != nil {
			return nil, err
		}
		e.MaxSystemHeapMemory = &n
	}
	if p.has("volume_quota") {
		n, err := quotaGiB(p.str("volume_quota"))
		if err != nil {
			return nil, err
		}
		e.VolumeQuota = &n
	}
	e.Version = optional(p, "version", p.str)
	e.Port = optional(p, "port", p.int)
	e.Params = optional(p, "params", p.joined)
	e.LDAPServer = optional(p, "ldap_server", p.str)
	e.Interfaces = optional(p, "interfaces", p.str)
	e.VolumeMoveDelay = optional(p, "volume_move_delay", p.int)
	e.AutoStart = optional(p, "auto_start", func(n string) bool { return p.bool(n, false) })
	e.EnableAuditing = optional(p, "enable_auditing", func(n string) bool { return p.bool(n, false) })
	e.ParamsAdd, e.ParamsDelete = p.strs("params_add"), p.strs("params_delete")
	return noOutput, x.c.ConfigureDatabase(p.str("db_name"), e)
}

// optional reads a parameter into a pointer, nil when it was not given.
func optional[T any](p params, n string, get func(string) T) *T {
	if !p.has(n) {
		return nil
	}
	v := get(n)
	return &v
}

// waitTransition makes a db_start/db_stop job finish when the database gets
// there (see startStopWaits), or fail at its timeout parameter.
func (x *execution) waitTransition(name, verb string) error {
	if !startStopWaits {
		return nil
	}
	d := x.c.Snapshot().Database(name)
	if d == nil || d.StateChange == nil {
		return nil
	}
	x.finishAt = d.StateChange.Due
	if t := x.p.int("timeout"); t > 0 {
		if limit := d.StateChange.Since.Add(time.Duration(t) * time.Second); limit.Before(x.finishAt) {
			x.finishAt = limit
			return fmt.Errorf("timeout: database '%s' did not %s within %d seconds", name, verb, t)
		}
	}
	return nil
}

// nodeNames resolves a list of node names to ids.
func (x *execution) nodeNames(param string) ([]int, error) {
	st := x.c.Snapshot()
	var ids []int
	for _, n := range x.p.strs(param) {
		node := st.NodeByName(n)
		if node == nil {
			return nil, fmt.Errorf("node '%s' does not exist", n)
		}
		ids = append(ids, node.ID)
	}
	return ids, nil
}

// heapSize reads max_system_heap_memory: a size in MiB or GiB ("64 GiB"),
// or "default" (0) to return to the database's default (fact: the page).
func heapSize(s string) (int64, error) {
	if strings.TrimSpace(s) == "default" {
		return 0, nil
	}
	n, err := cluster.ParseSize(s)
	if err != nil || (!strings.HasSuffix(s, "MiB") && !strings.HasSuffix(s, "GiB")) || n <= 0 {
		return 0, fmt.Errorf("max_system_heap_memory must be a size in MiB or GiB such as \"64 GiB\", or \"default\"; got '%s'", s)
	}
	if n > cluster.MaxSystemHeapLimit {
		return 0, fmt.Errorf("max_system_heap_memory must be at most %s, got '%s'", cluster.FormatSize(cluster.MaxSystemHeapLimit), s)
	}
	return n, nil
}
