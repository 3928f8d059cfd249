package cluster

import (
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"time"
)

// NodeSpec describes a node to add. ID 0 picks the next free id; an empty
// Name becomes "n<id>".
type NodeSpec struct {
	ID                 int
	Name               string
	PrivateNet         string // CIDR, mandatory
	PublicNet          string
	SpaceWarnThreshold int
	BgRecLimit         int
	Props              map[string]string // see Node.Props
	// Initial is the state the node is added in: "" or NodeOffline, it
	// boots (offline → online) within the node_add transition;
	// NodeSuspended, it stays suspended until resumed (ResumeNode).
	Initial string
}

// AddNode adds a node in spec.Initial's state. It returns the node id.
func (c *Cluster) AddNode(spec NodeSpec) (int, error) {
	var id int
	err := c.do(true, func(st *State, now time.Time) error {
		ip, _, err := net.ParseCIDR(spec.PrivateNet)
		if err != nil {
			return invalid("private network %q is not an address in CIDR notation (e.g. 10.10.10.14/24)", spec.PrivateNet)
		}
		if spec.PublicNet != "" {
			if _, _, err := net.ParseCIDR(spec.PublicNet); err != nil {
				return invalid("public network %q is not an address in CIDR notation", spec.PublicNet)
			}
		}
		id = spec.ID
		if id == 0 {
			id = FirstNodeID
			for _, n := range st.Nodes {
				id = max(id, n.ID+1)
			}
		}
		if id < 0 {
			return invalid("node id must be positive, got %d", id)
		}
		// fact (task brief): node ids 0–10 are reserved in Exasol; 0 here
		// means "the next free id" and never reaches this point.
		if id < FirstNodeID {
			return invalid("node ids 0 to %d are reserved; use %d or higher, got %d", FirstNodeID-1, FirstNodeID, id)
		}
		if st.Node(id) != nil {
			return conflict("node %d already exists", id)
		}
		name := spec.Name
		if name == "" {
			name = fmt.Sprintf("n%d", id)
		}
		if n := st.NodeByName(name); n != nil {
			return conflict("node '%s' already exists", name)
		}
		for _, n := range st.Nodes {
			if n.PrivateIP() == ip.String() {
				return conflict("private address %s is already used by node '%s'", ip, n.Name)
			}
		}
		n := newNode(id, name, spec.PrivateNet, NodeOffline, now)
		n.PublicNet, n.SpaceWarnThreshold, n.BgRecLimit = spec.PublicNet, spec.SpaceWarnThreshold, spec.BgRecLimit
		n.Props = maps.Clone(spec.Props)
		switch spec.Initial {
		case "", NodeOffline:
			n.Pending = c.transition(TransNodeAdd, NodeOnline, now)
		case NodeSuspended:
			n.State = NodeSuspended
		default:
			return invalid("a node can be added offline or suspended, not %s", spec.Initial)
		}
		st.Nodes = append(st.Nodes, n)
		slices.SortFunc(st.Nodes, func(a, b *Node) int { return a.ID - b.ID })
		return nil
	})
	return id, err
}

// RemoveNode removes a node. It is refused while the node is suspended, or
// is the master, holds volume segments or serves a database (all of these
// named in one message). force removes a node that volumes or databases use
// (fact: node_remove's page, "unless the force flag is set"); they keep its
// id, so it counts as a failed node of theirs. The master stays refused
// (guess: the cluster cannot lose its master this way).
func (c *Cluster) RemoveNode(id int, force bool) error {
	return c.do(true, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if n.State == NodeSuspended {
			return conflict("node '%s' is suspended; resume it before removing it", n.Name)
		}
		// Every reason is named at once, so that an operator can clear them
		// all before the next attempt.
		if force && id == st.Master {
			return conflict("node '%s' is the master node (move the master elsewhere first)", n.Name)
		}
		if err := nodeInUse(st, n, id == st.Master); err != nil && !force {
			return err
		}
		st.Nodes = slices.DeleteFunc(st.Nodes, func(x *Node) bool { return x.ID == id })
		return nil
	})
}

// nodeInUse refuses when the node is the master or volumes or databases
// depend on it, naming them.
func nodeInUse(st *State, n *Node, master bool) error {
	var vols, members, dbs []string
	for _, v := range st.Volumes {
		holds := slices.ContainsFunc(v.Segments(), func(s Segment) bool { return s.PhysNID == n.ID })
		switch {
		case holds:
			vols = append(vols, "'"+v.Name+"'")
		case slices.Contains(v.Nodes, n.ID):
			members = append(members, "'"+v.Name+"'")
		}
	}
	for _, d := range st.Databases {
		if slices.Contains(d.Config.Nodes, n.ID) {
			dbs = append(dbs, "'"+d.Name+"'")
		}
	}
	var why []string
	if master {
		why = append(why, "is the master node (move the master elsewhere first)")
	}
	if len(vols) > 0 {
		why = append(why, "holds segments of storage volume "+strings.Join(vols, ", "))
	}
	if len(members) > 0 {
		why = append(why, "is a node of storage volume "+strings.Join(members, ", "))
	}
	if len(dbs) > 0 {
		why = append(why, "serves database "+strings.Join(dbs, ", "))
	}
	if len(why) > 0 {
		return conflict("node '%s' %s", n.Name, strings.Join(why, " and "))
	}
	return nil
}

// SuspendNode marks a node as permanently offline.
func (c *Cluster) SuspendNode(id int) error {
	return c.do(true, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if n.State == NodeSuspended {
			return conflict("node '%s' is already suspended", n.Name)
		}
		if id == st.Master {
			return conflict("node '%s' is the master node; move the master elsewhere first", n.Name)
		}
		n.State, n.Booted, n.Pending = NodeSuspended, time.Time{}, nil
		return nil
	})
}

// ResumeNode brings a suspended node back; it is online after the
// node_resume transition.
func (c *Cluster) ResumeNode(id int) error {
	return c.do(true, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if n.State != NodeSuspended {
			return conflict("node '%s' is not suspended", n.Name)
		}
		n.State = NodeOffline
		n.Pending = c.transition(TransNodeResume, NodeOnline, now)
		return nil
	})
}

// ChangeMaster moves the master role to the given online node, or with id 0
// to the next online node after the current master.
func (c *Cluster) ChangeMaster(id int) (int, error) {
	err := c.do(false, func(st *State, now time.Time) error {
		if id == 0 {
			for i, n := range st.Nodes {
				if n.ID == st.Master {
					for j := 1; j < len(st.Nodes); j++ {
						if m := st.Nodes[(i+j)%len(st.Nodes)]; m.State == NodeOnline {
							id = m.ID
							break
						}
					}
				}
			}
			if id == 0 {
				return conflict("no other node is online to take over the master role")
			}
		}
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		if n.State != NodeOnline {
			return conflict("node '%s' is %s and cannot become the master", n.Name, n.State)
		}
		st.Master = id
		return nil
	})
	return id, err
}

// NodesOnlineAt predicts when all the given nodes will be online. It fails
// naming a node that will not get there by itself (suspended).
func (c *Cluster) NodesOnlineAt(ids []int) (time.Time, error) {
	var at time.Time
	err := c.do(false, func(st *State, now time.Time) error {
		at = now
		for _, id := range ids {
			n, err := st.FindNode(id)
			if err != nil {
				return err
			}
			switch {
			case n.State == NodeOnline:
			case n.Pending != nil && n.Pending.To == NodeOnline:
				at = maxTime(at, n.Pending.Due)
			default:
				return conflict("node '%s' is %s and will not become online by itself", n.Name, n.State)
			}
		}
		return nil
	})
	return at, err
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// SetNodeProps sets (or, with an empty value, removes) node properties.
func (c *Cluster) SetNodeProps(id int, props map[string]string) error {
	return c.do(true, func(st *State, now time.Time) error {
		n, err := st.FindNode(id)
		if err != nil {
			return err
		}
		for k, v := range props {
			switch {
			case v != "":
				if n.Props == nil {
					n.Props = map[string]string{}
				}
				n.Props[k] = v
			case n.Props != nil:
				delete(n.Props, k)
			}
		}
		return nil
	})
}
