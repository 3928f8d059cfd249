package confd

import (
	"fmt"
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// nodeJob builds a node job addressed by its id ("nid ↔ node_id").
func nodeJob(name, desc, optional string, act func(x *execution, id int) (any, error)) *job {
	return &job{name: name, desc: desc, commits: true,
		mandatory: fields(nodeIDParams), optional: fields(optional),
		run: func(x *execution) (any, error) {
			id, err := x.p.nodeID()
			if err != nil {
				return nil, err
			}
			return act(x, id)
		}}
}

func init() {
	register(
		&job{name: "node_add", desc: "Add a node to the cluster; returns its id.", commits: true,
			mandatory: fields("priv_net"), optional: fields("id name pub_net space_warn_threshold bg_rec_limit"),
			run: func(x *execution) (any, error) {
				p := x.p
				return x.c.AddNode(cluster.NodeSpec{
					ID: p.int("id"), Name: p.str("name"), PrivateNet: p.str("priv_net"), PublicNet: p.str("pub_net"),
					SpaceWarnThreshold: p.int("space_warn_threshold"), BgRecLimit: p.int("bg_rec_limit"),
				})
			}},
		nodeJob("node_remove", "Remove a node from the cluster.", "force", func(x *execution, id int) (any, error) {
			return noOutput, x.c.RemoveNode(id, x.p.bool("force", false))
		}),
		nodeJob("node_suspend", "Suspend a node (mark it permanently offline).", "", func(x *execution, id int) (any, error) {
			return noOutput, x.c.SuspendNode(id)
		}),
		nodeJob("node_resume", "Resume a suspended node.", "", func(x *execution, id int) (any, error) {
			return noOutput, x.c.ResumeNode(id)
		}),
		&job{name: "node_info", desc: "Return extended information about a node.",
			mandatory: fields(nodeIDParams), run: nodeInfo},
		&job{name: "node_list", desc: "List all cluster nodes.", run: func(x *execution) (any, error) {
			return nodeList(x.c.Snapshot()), nil
		}},
		&job{name: "node_state", desc: "Return the state of all nodes.", run: func(x *execution) (any, error) {
			return nodeState(x.c.Snapshot()), nil
		}},
		&job{name: "node_wait_ready", desc: "Wait until the given nodes are online.",
			mandatory: fields("nids"), optional: fields("timeout"), run: waitReady},
		&job{name: "node_wait_offline", desc: "Wait until the given nodes are offline.",
			mandatory: fields("nids"), optional: fields("timeout"), run: waitOffline},
		// guess: an optional target node (see ChangeMaster for the default)
		&job{name: "master_change", desc: "Move the master role to another node.", optional: fields(nodeIDParams),
			run: func(x *execution) (any, error) {
				id, err := x.p.nodeID()
				if err != nil {
					return nil, err
				}
				_, err = x.c.ChangeMaster(id)
				return noOutput, err
			}},
		&job{name: "plugin_list", desc: "List installed plugins.", run: func(x *execution) (any, error) {
			return append([]string{}, x.c.Snapshot().Plugins...), nil
		}},
		&job{name: "plugin_info", desc: "Return information about a plugin.", mandatory: fields("plugin_name"),
			types: map[string]string{"plugin_name": "str"}, run: pluginInfo},
		&job{name: "license_info", desc: "Return information about the license.", run: func(x *execution) (any, error) {
			return licenseInfo, nil
		}},
		&job{name: "settings_list", desc: "List the general cluster settings.", run: func(x *execution) (any, error) {
			return settingsDict(x.c.Snapshot().Settings), nil
		}},
		&job{name: "general_settings", desc: "Change general cluster settings.", commits: true,
			optional: fields("cluster_name timezone name_servers ntp_servers search_domains"),
			run: func(x *execution) (any, error) {
				changes := map[string]string{}
				for n := range x.p {
					changes[n] = x.p.joined(n)
				}
				return noOutput, x.c.ChangeSettings(changes)
			}},
	)
}

func settingsDict(s map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	return out
}

func nodeInfo(x *execution) (any, error) {
	id, err := x.p.nodeID()
	if err != nil {
		return nil, err
	}
	st := x.c.Snapshot()
	node, err := st.FindNode(id)
	if err != nil {
		return nil, err
	}
	return nodeInfoOutput(st, node), nil
}

// waitReady finishes when every node is online: the model knows when
// pending boots end, so the job is simply scheduled to finish then.
func waitReady(x *execution) (any, error) {
	at, err := x.c.NodesOnlineAt(x.p.ints("nids"))
	if err != nil {
		return nil, err
	}
	// fact: "returns a list of ready nodes".
	return x.p.ints("nids"), x.finishBy(at, "online")
}

func pluginInfo(x *execution) (any, error) {
	name := x.p.str("plugin_name")
	if !slices.Contains(x.c.Snapshot().Plugins, name) {
		return nil, fmt.Errorf("plugin '%s' does not exist", name)
	}
	return pluginInfoOutput(name), nil
}

// waitOffline succeeds if the nodes are not online; nothing takes a node
// offline by itself in the simulation, so it otherwise fails at the timeout.
func waitOffline(x *execution) (any, error) {
	st := x.c.Snapshot()
	for _, id := range x.p.ints("nids") {
		n, err := st.FindNode(id)
		if err != nil {
			return nil, err
		}
		if n.State == cluster.NodeOnline {
			return nil, x.finishBy(st.Now.Add(time.Duration(1<<62)), "offline")
		}
	}
	return noOutput, nil
}

// finishBy makes the job finish at `at`, or fail at its timeout if that
// comes first (without a timeout, a job that would never finish fails now).
func (x *execution) finishBy(at time.Time, what string) error {
	now := x.c.Now()
	t := x.p.int("timeout")
	limit := now.Add(time.Duration(t) * time.Second)
	switch {
	case t > 0 && at.After(limit):
		x.finishAt = limit
		return fmt.Errorf("timeout: the nodes did not become %s within %d seconds", what, t)
	case t <= 0 && at.Sub(now) > time.Hour:
		return fmt.Errorf("the nodes will not become %s", what)
	}
	x.finishAt = at
	return nil
}
