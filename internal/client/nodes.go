package client

import (
	"context"
	"fmt"
	"net"

	"github.com/exacluster/terraform-provider-exasol/internal/wait"
)

// publicNetKey is where node_list shows a node's public network. guess: the
// seed's node has none, so the key is not documented; when a node_list entry
// lacks it, Node.PublicNet is nil ("not reported"), not "no public network".
const publicNetKey = "public_net"

// Node states as node_state reports them (fact).
const (
	NodeStateOnline      = "online"
	NodeStateOffline     = "offline"
	NodeStateDeactivated = "deactivated"
	NodeStateSuspended   = "suspended"
)

// Node is a node_list entry with its node_state.
type Node struct {
	ID         int64
	Name       string
	PrivateIP  string
	PrivateNet string  // CIDR, as given to node_add
	PublicNet  *string // nil when node_list does not report it
	UUID       string
	Disks      []NodeDisk // sorted by name
	State      string     // "" when node_state does not list the node
	// MACEth0 and MACEth1 are the MAC addresses of the node's first and
	// second LAN interface (EXAoperation); nil when not reported (ConfD).
	MACEth0, MACEth1 *string
	// SpoolDisk is the disk for spool data (EXAoperation's spool_disk);
	// nil when not reported (ConfD).
	SpoolDisk *string
}

// NodeDisk is one disk of a node_list entry.
type NodeDisk struct {
	Name    string
	Devices []string
}

// Suspended reports whether the node is marked permanently offline.
func (n *Node) Suspended() bool { return n.State == NodeStateSuspended }

// NodeSpec is what node_add takes. Optional values are pointers: nil leaves
// the choice to the cluster (the next free id, the name n<id>).
type NodeSpec struct {
	PrivateNet         string
	ID                 *int64
	Name               *string
	PublicNet          *string
	SpaceWarnThreshold *int64
	BgRecLimit         *int64
	// MACEth0 and MACEth1 are what EXAoperation's addNode requires and
	// ConfD's node_add does not take.
	MACEth0, MACEth1 *string
	// Suspended is the state the node is to reach: suspended, or online.
	Suspended bool
	// SpoolDisk is addNode's spool_disk (EXAoperation only, required
	// there); nil lets the EXAoperation client pick the only choice.
	SpoolDisk *string
}

func parseNode(key string, f fields) Node {
	n := Node{
		ID:         asInt(f["id"]),
		Name:       f.str("name"),
		PrivateIP:  f.str("private_ip"),
		PrivateNet: f.str("private_net"),
		UUID:       f.str("uuid"),
		Disks:      []NodeDisk{},
	}
	if n.ID == 0 {
		n.ID = asInt(key)
	}
	if n.Name == "" {
		n.Name = NodeName(n.ID)
	}
	if n.PrivateIP == "" {
		if ip, _, err := net.ParseCIDR(n.PrivateNet); err == nil {
			n.PrivateIP = ip.String()
		}
	}
	if f.has(publicNetKey) {
		p := f.str(publicNetKey)
		n.PublicNet = &p
	}
	disks := f.sub("disks")
	for _, name := range sortedKeys(disks) {
		d := disks.sub(name)
		disk := NodeDisk{Name: d.str("name"), Devices: d.strs("devices")}
		if disk.Name == "" {
			disk.Name = name
		}
		n.Disks = append(n.Disks, disk)
	}
	return n
}

// waitForNode polls get (either interface's node read) with fresh reads
// until cond holds.
func waitForNode(ctx context.Context, w wait.Waiter, get func(context.Context, int64) (*Node, error), id int64, what string, cond func(*Node) bool) (*Node, error) {
	var last *Node
	err := w.Until(Fresh(ctx), fmt.Sprintf("node %d to %s", id, what), func(ctx context.Context) (bool, string, error) {
		n, err := get(ctx, id)
		if err != nil {
			return false, "", err
		}
		last = n
		return cond(n), "state " + n.State, nil
	})
	return last, err
}

func isOnline(n *Node) bool { return n.State == NodeStateOnline }

// NodeRemoveError says that the cluster refused to remove a node; Err
// carries the cluster's reasons (the master role, the storage volumes whose
// segments the node holds, the databases it serves).
type NodeRemoveError struct {
	Node string
	Err  error
}

func (e *NodeRemoveError) Error() string {
	return fmt.Sprintf("the cluster refused to remove node %s: %v", e.Node, e.Err)
}

func (e *NodeRemoveError) Unwrap() error { return e.Err }
