package confd

import (
	"fmt"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	readJobs[versionListJob] = true
	register(
		&job{name: "db_list", desc: "List all databases.", run: func(x *execution) (any, error) {
			out := []string{}
			for _, d := range x.c.Snapshot().Databases {
				out = append(out, d.Name)
			}
			return out, nil
		}},
		&job{name: versionListJob, desc: "List the database versions installed on the cluster.", run: func(x *execution) (any, error) {
			return append([]string{}, x.c.Snapshot().Versions...), nil
		}},
		&job{name: "db_state", desc: "Return the state of a database.", mandatory: fields("db_name"),
			run: func(x *execution) (any, error) {
				d, err := x.c.Snapshot().FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				return d.State, nil
			}},
		&job{name: "db_info", desc: "Return information about a database.", mandatory: fields("db_name"),
			run: func(x *execution) (any, error) {
				st := x.c.Snapshot()
				d, err := st.FindDatabase(x.p.str("db_name"))
				if err != nil {
					return nil, err
				}
				return dbInfo(st, d), nil
			}},
		&job{name: "db_create", desc: "Create a new database.", commits: true,
			mandatory: fields("db_name version data_volume_name|data_volume_id mem_size nodes num_active_nodes"),
			optional:  fields("db_uuid port owner params auto_start enable_auditing volume_quota volume_move_delay ldap_server interfaces"),
			run:       dbCreate},
		&job{name: "db_delete", desc: "Delete a stopped database.", commits: true, mandatory: fields("db_name"),
			run: func(x *execution) (any, error) { return noOutput, x.c.DeleteDatabase(x.p.str("db_name")) }},
		&job{name: "db_start", desc: "Start a database.", mandatory: fields("db_name"),
			optional: fields("maintenance timeout cluster"),
			run: func(x *execution) (any, error) {
				name := x.p.str("db_name")
				if err := x.c.StartDatabase(name, x.p.bool("maintenance", false)); err != nil {
					return nil, err
				}
				return noOutput, x.waitTransition(name, "start")
			}},
		&job{name: "db_stop", desc: "Stop a database.", mandatory: fields("db_name"),
			optional: fields("force timeout cluster"),
			run: func(x *execution) (any, error) {
				name := x.p.str("db_name")
				if err := x.c.StopDatabase(name, x.p.bool("force", false)); err != nil {
					return nil, err
				}
				return noOutput, x.waitTransition(name, "stop")
			}},
		&job{name: "db_configure", desc: "Change the configuration of a stopped database.", commits: true,
			mandatory: fields("db_name"),
			optional: fields("mem_size port version owner data_volume_name data_volume_id params params_add " +
				"params_delete auto_start enable_auditing volume_quota volume_move_delay ldap_server interfaces"),
			run: dbConfigure},
		&job{name: "db_enlarge", desc: "Turn reserve nodes of a stopped database into active nodes.", commits: true,
			mandatory: fields("db_name num_new_nodes"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.EnlargeDatabase(x.p.str("db_name"), x.p.int("num_new_nodes"))
			}},
		&job{name: "db_add_reserve_nodes", desc: "Add reserve nodes to a database.", commits: true,
			mandatory: fields("db_name node_list"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.AddReserveNodes(x.p.str("db_name"), x.p.ints("node_list"))
			}},
		&job{name: "db_remove_reserve_nodes", desc: "Remove reserve nodes from a database.", commits: true,
			mandatory: fields("db_name node_list"),
			run: func(x *execution) (any, error) {
				return noOutput, x.c.RemoveReserveNodes(x.p.str("db_name"), x.p.ints("node_list"))
			}},
		&job{name: "db_suspend_nodes", desc: "Suspend nodes of a database.", commits: true,
			mandatory: fields("db_name node_list"), types: map[string]string{"node_list": "list[str]"},
			run: func(x *execution) (any, error) {
				ids, err := x.nodeNames("node_list")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.SuspendDatabaseNodes(x.p.str("db_name"), ids)
			}},
		&job{name: "db_resume_nodes", desc: "Resume suspended nodes of a database.", commits: true,
			mandatory: fields("db_name node_list"), types: map[string]string{"node_list": "list[str]"},
			run: func(x *execution) (any, error) {
				ids, err := x.nodeNames("node_list")
				if err != nil {
					return nil, err
				}
				return noOutput, x.c.ResumeDatabaseNodes(x.p.str("db_name"), ids)
			}},
	)
}

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
	cfg.Params, cfg.AutoStart = p.joined("params"), p.bool("auto_start", true)
	cfg.EnableAuditing = p.bool("enable_auditing", false)
	cfg.VolumeQuota, cfg.VolumeMoveDelay = p.int("volume_quota"), p.int("volume_move_delay")
	cfg.LDAPServer, cfg.Interfaces = p.str("ldap_server"), p.joined("interfaces")
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
	e.Version = optional(p, "version", p.str)
	e.Port = optional(p, "port", p.int)
	e.Params = optional(p, "params", p.joined)
	e.LDAPServer = optional(p, "ldap_server", p.str)
	e.Interfaces = optional(p, "interfaces", p.joined)
	e.VolumeQuota = optional(p, "volume_quota", p.int)
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
