package confd

import (
	"fmt"
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

// nodesJob builds node_remove, node_suspend and node_resume: the node id
// is one id or a list ("integer, list" on their pages); 7.1 takes one
// node_id (release71NodeParam).
func nodesJob(name, desc, optional string, act func(x *execution, id int) error) *job {
	return &job{name: name, desc: desc, page: docPage(name), commits: true,
		mandatory: "nid:int/list[int]", optional: optional,
		release71: &decl{release71NodeParam + ":int", optional},
		run: func(x *execution) (any, error) {
			ids := x.p.nodeIDs(x.release)
			if err := x.nodesExist(ids); err != nil {
				return nil, err
			}
			for _, id := range ids {
				if err := act(x, id); err != nil {
					return nil, err
				}
			}
			return noOutput, nil
		}}
}

func init() {
	register(
		&job{name: "node_add", desc: "Add a new node to the cluster; returns its id.", page: docPage("node_add"), commits: true,
			mandatory: "priv_net:str",
			optional:  "nid:int name:str pub_net:str offline:bool no_partition_extend:bool space_warn_threshold:int bg_rec_limit:int",
			release71: &decl{"priv_net:str", release71NodeAddID + ":int name:str pub_net:str space_warn_threshold:int bg_rec_limit:int"},
			run:       nodeAdd},
		nodesJob("node_remove", "Remove one or more nodes from the cluster.", "force:bool", func(x *execution, id int) error {
			return x.c.RemoveNode(id, x.p.bool("force", false))
		}),
		// disable: a configuration flag the model does not keep (guess: no
		// effect beyond the suspension).
		nodesJob("node_suspend", "Suspend one or more nodes.", "disable:bool", func(x *execution, id int) error {
			return x.c.SuspendNode(id)
		}),
		// enable: likewise (guess).
		nodesJob("node_resume", "Resume one or more suspended nodes.", "enable:bool", func(x *execution, id int) error {
			return x.c.ResumeNode(id)
		}),
		&job{name: "node_info", desc: "Show extended information about a single node.", page: docPage("node_info"),
			mandatory: "nid:int", release71: &decl{release71NodeParam + ":int", ""}, run: nodeInfo},
		&job{name: "node_list", desc: "List all nodes of the configuration.", page: docPage("node_list"),
			run: func(x *execution) (any, error) { return nodeList(x.c.Snapshot()), nil }},
		&job{name: "node_state", desc: "Show the current state of all nodes.", page: docPage("node_state"),
			run: func(x *execution) (any, error) { return nodeState(x.c.Snapshot()), nil }},
		&job{name: "node_wait_ready", desc: "Wait until the given nodes have booted; returns the ready nodes.",
			page: docPage("node_wait_ready"), mandatory: "nids:list[int]", optional: "timeout:int", run: waitReady},
		&job{name: "node_wait_offline", desc: "Wait until the given nodes have shut down; returns the offline nodes.",
			page: docPage("node_wait_offline"), mandatory: "nids:list[int]", optional: "timeout:int", run: waitOffline},
		&job{name: "master_change", desc: "Select a new master node from a list of nodes.", page: docPage("master_change"),
			mandatory: "nids:list[int]", run: masterChange},
		&job{name: "plugin_list", desc: "List all plugins.", page: docPage("plugin_list"),
			run: func(x *execution) (any, error) { return append([]string{}, x.c.Snapshot().Plugins...), nil }},
		&job{name: "plugin_info", desc: "Return information about a plugin.", page: docPage("plugin_info"),
			mandatory: "plugin_name:str", run: pluginInfo},
		&job{name: "license_info", desc: "Return the fields of the license.", page: docPage("license_info"),
			run: func(x *execution) (any, error) { return licenseInfoOf(x.c.Snapshot().License), nil }},
		&job{name: "settings_list", desc: "List the current EXAConf settings, or some sections of them.",
			page: docPage("settings_list"), optional: "sections:dict", run: settingsList},
		&job{name: "general_settings", desc: "Change EXAConf settings that have no effect at runtime.",
			page: docPage("general_settings"), commits: true, mandatory: "changes:dict", run: generalSettings},
	)
}

func nodeAdd(x *execution) (any, error) {
	p := x.p
	initial := cluster.NodeSuspended // fact: "add the node as offline instead of suspended"
	if p.bool("offline", false) {
		initial = cluster.NodeOffline
	}
	idParam := "nid"
	if x.release == Release71 {
		idParam, initial = release71NodeAddID, release71NodeAddState
	}
	// no_partition_extend: auto-add partitions are not modeled (guess: no effect).
	return x.c.AddNode(cluster.NodeSpec{
		ID: p.int(idParam), Name: p.str("name"), PrivateNet: p.str("priv_net"), PublicNet: p.str("pub_net"),
		SpaceWarnThreshold: p.int("space_warn_threshold"), BgRecLimit: p.int("bg_rec_limit"), Initial: initial,
	})
}

// nodesExist refuses a list naming a node twice or one that does not exist,
// before any of them is touched.
func (x *execution) nodesExist(ids []int) error {
	if len(ids) == 0 {
		return fmt.Errorf("parameter '%s' names no node", nodeParam(x.release))
	}
	st := x.c.Snapshot()
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return fmt.Errorf("node %d is given twice", id)
		}
		if _, err := st.FindNode(id); err != nil {
			return err
		}
	}
	return nil
}

// masterChange moves the master role to a node of the list (see
// masterChoice for which).
func masterChange(x *execution) (any, error) {
	nids := x.p.ints("nids")
	if err := x.nodesExist(nids); err != nil {
		return nil, err
	}
	st := x.c.Snapshot()
	id := masterChoice(st, nids)
	if id == 0 {
		return nil, fmt.Errorf("none of the nodes %v is online and can become the master", nids)
	}
	_, err := x.c.ChangeMaster(id)
	return noOutput, err
}

func nodeInfo(x *execution) (any, error) {
	st := x.c.Snapshot()
	node, err := st.FindNode(x.p.int(nodeParam(x.release)))
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
	return x.p.ints("nids"), nil
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
