package client

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/exacluster/terraform-provider-exasol/internal/client/exaop"
)

// Nodes over EXAoperation: the cluster object adds (addNode), lists
// (getNodeList) and deletes them (deleteSubObject 'n0011'); the node
// object reads one (getNodeInfo); the storage service's node object
// suspends and resumes it (suspendNode, resumeNode, fact).

// NodeList lists every node but the license servers, sorted by id.
func (x *EXAoperation) NodeList(ctx context.Context) ([]Node, error) {
	names, err := x.NodeNames(ctx)
	if err != nil {
		return nil, err
	}
	disks, err := x.storageDisks(ctx)
	if err != nil {
		return nil, err
	}
	out := []Node{}
	for _, name := range names {
		n, err := x.nodeInfo(ctx, name)
		if IsNotFound(err) {
			continue // removed meanwhile
		}
		if err != nil {
			return nil, err
		}
		n.Disks = disks
		out = append(out, *n)
	}
	sortNodes(out)
	return out, nil
}

// storageDisks are the disks storage volumes can use (the storage object's
// getListValues('StorageDisks'), fact: ['d03_storage'] in Exasol's README).
// guess: every node has each of them (getNodeInfo does not list a node's
// disks); their devices are not reported.
func (x *EXAoperation) storageDisks(ctx context.Context) ([]NodeDisk, error) {
	v, err := x.call(ctx, exaop.Storage, "getListValues", "StorageDisks")
	if err != nil {
		return nil, err
	}
	out := []NodeDisk{}
	for _, d := range strList(v) {
		out = append(out, NodeDisk{Name: d, Devices: []string{}})
	}
	return out, nil
}

func sortNodes(nodes []Node) {
	slices.SortFunc(nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
}

// NodeGet reads one node (getNodeInfo of 'n0011').
func (x *EXAoperation) NodeGet(ctx context.Context, id int64) (*Node, error) {
	n, err := x.nodeInfo(ctx, ExaopNodeName(id))
	if err != nil {
		return nil, err
	}
	if n.Disks, err = x.storageDisks(ctx); err != nil {
		return nil, err
	}
	return n, nil
}

// nodeInfo reads getNodeInfo. guess (the reference gives no example): the
// simulator's keys name, number, status, private_ip, private_net,
// public_net, uuid; node_list's keys are read by parseNode, the status as
// getNodeState's.
func (x *EXAoperation) nodeInfo(ctx context.Context, name string) (*Node, error) {
	v, err := x.call(ctx, name, "getNodeInfo")
	if err != nil {
		return nil, notFoundAs(err, fmt.Sprintf("node %d", exaop.NodeID(name)))
	}
	f := asFields(v)
	if f == nil {
		return nil, decodeErr(exaop.CallLabel(name, "getNodeInfo"), "expected a dict, got %T", v)
	}
	key := f.str("number")
	if key == "" {
		key = strconv.FormatInt(exaop.NodeID(name), 10)
	}
	n := parseNode(key, f)
	if n.Name == "" || n.Name == NodeName(n.ID) {
		n.Name = ExaopNodeName(n.ID)
	}
	// guess: getNodeInfo reports the addNode keys it stores, the MAC
	// addresses among them
	for k, dst := range map[string]**string{"mac_addr_eth0": &n.MACEth0, "mac_addr_eth1": &n.MACEth1, "spool_disk": &n.SpoolDisk} {
		if f.has(k) {
			v := f.str(k)
			*dst = &v
		}
	}
	if f.has("status") {
		n.State = nodeState(f["status"])
	} else {
		st, err := x.call(ctx, name, "getNodeState")
		if err != nil {
			return nil, err
		}
		n.State = nodeState(st)
	}
	return &n, nil
}

// nodeCreate adds a node (addNode); CreateNode (orchestration_objects.go)
// waits for it and checks its address (nodeCheckAdded). The node number is
// the id, or, when none is given, the host part of the private
// address: EXAoperation derives a node's private address from its number.
// guess (the simulator's): 10.10.10.<number>/24; a private address that
// the number does not give is refused after the add, naming both.
//
// addNode requires the MAC addresses of both LAN interfaces (fact:
// mac_addr_eth0, mac_addr_eth1 are not optional): those of the spec. Where
// the spec has none (the provider warns at plan time), locally administered
// placeholders derived from the number are sent (PlaceholderMAC); a real
// node boots by PXE on its true addresses, so they must be corrected in
// EXAoperation (editNode) before the machine starts.
func (x *EXAoperation) nodeCreate(ctx context.Context, s NodeSpec) (int64, error) {
	switch {
	case s.PublicNet != nil:
		return 0, x.refuse(ObjectNode, "PublicNet")
	case s.SpaceWarnThreshold != nil:
		return 0, x.refuse(ObjectNode, "SpaceWarnThreshold")
	case s.BgRecLimit != nil:
		return 0, x.refuse(ObjectNode, "BgRecLimit")
	}
	ip, _, err := net.ParseCIDR(s.PrivateNet)
	if err != nil {
		return 0, fmt.Errorf("priv_net %q is not an address in CIDR notation: %w", s.PrivateNet, err)
	}
	id := int64(0)
	if s.ID != nil {
		id = *s.ID
	} else if v4 := ip.To4(); v4 != nil {
		id = int64(v4[3])
	}
	if id <= 10 {
		e := unsupportedErr(fmt.Sprintf("add a node with private address %s without an id", ip), "give the node an id of 11 or more")
		e.Object, e.Field = ObjectNode, "ID"
		return 0, e
	}
	name := ExaopNodeName(id)
	if s.Name != nil && *s.Name != name {
		e := x.refuse(ObjectNode, "Name")
		e.What, e.Hint = fmt.Sprintf("name a node %q", *s.Name), "EXAoperation names node "+strconv.FormatInt(id, 10)+" "+name
		return 0, e
	}
	p := map[string]any{"number": id, "mac_addr_eth0": PlaceholderMAC(id, 0), "mac_addr_eth1": PlaceholderMAC(id, 1)}
	if s.MACEth0 != nil {
		p["mac_addr_eth0"] = *s.MACEth0
	}
	if s.MACEth1 != nil {
		p["mac_addr_eth1"] = *s.MACEth1
	}
	spool, err := x.spoolDisk(ctx, s.SpoolDisk)
	if err != nil {
		return 0, err
	}
	p["spool_disk"] = spool
	rb := &readBack{what: "getNodeList", check: func(ctx context.Context) (bool, any, error) {
		_, err := x.NodeGet(ctx, id)
		if IsNotFound(err) {
			return false, nil, nil
		}
		return err == nil, name, err
	}}
	if _, err := x.change(ctx, rb, "", "addNode", p); err != nil {
		return 0, err
	}
	return id, nil
}

// nodeCheckAdded refuses a node whose private address is not the one asked
// for: EXAoperation derives it from the number (see nodeCreate).
func (x *EXAoperation) nodeCheckAdded(n *Node, s NodeSpec) error {
	ip, _, err := net.ParseCIDR(s.PrivateNet)
	if err != nil || n.PrivateIP == ip.String() {
		return err
	}
	return fmt.Errorf("EXAoperation gave node %s the private address %s, not %s: it derives the address from the node number; "+
		"set priv_net to %s/%s or choose the id that gives %s", n.Name, n.PrivateIP, ip, n.PrivateIP, cidrBits(s.PrivateNet), ip)
}

// spoolDiskList is the getListValues list whose values addNode's
// spool_disk takes (fact: spool_disk is a required Choice, "Disk for spool
// data of loading processes and other"; guess, as the simulator's: the
// data disks, e.g. 'd02_data').
const spoolDiskList = "DataDisks"

// SpoolDiskChoices lists the values spool_disk may take, for the plan-time
// check.
func (x *EXAoperation) SpoolDiskChoices(ctx context.Context) ([]string, error) {
	v, err := x.call(ctx, "", "getListValues", spoolDiskList)
	if err != nil {
		return nil, err
	}
	return strList(v), nil
}

// spoolDisk is the spool_disk to send: the one given, else the cluster's
// only choice; with several choices one must be given.
func (x *EXAoperation) spoolDisk(ctx context.Context, given *string) (string, error) {
	if given != nil {
		return *given, nil
	}
	choices, err := x.SpoolDiskChoices(ctx)
	if err != nil {
		return "", err
	}
	if len(choices) != 1 {
		e := unsupportedErr("choose the spool disk of a new node: addNode requires spool_disk and the cluster offers "+
			strconv.Itoa(len(choices))+" ("+strings.Join(choices, ", ")+")", "name one of them as the node's spool disk")
		e.Object, e.Field = ObjectNode, "SpoolDisk"
		return "", e
	}
	return choices[0], nil
}

// PlaceholderMAC is the locally administered address sent for LAN
// interface eth of node id when none is given: 02:00:00:00:<eth>:<id>.
func PlaceholderMAC(id int64, eth int) string {
	return fmt.Sprintf("02:00:00:00:%02x:%02x", eth, id%256)
}

func cidrBits(cidr string) string {
	_, bits, _ := strings.Cut(cidr, "/")
	return bits
}

// nodeSuspend and nodeResume call suspendNode / resumeNode on the storage
// service's node object; SetNodeSuspended (orchestration.go) waits.
func (x *EXAoperation) nodeSuspend(ctx context.Context, id int64) error {
	return x.suspend(ctx, id, true)
}
func (x *EXAoperation) nodeResume(ctx context.Context, id int64) error {
	return x.suspend(ctx, id, false)
}

func (x *EXAoperation) suspend(ctx context.Context, id int64, on bool) error {
	method := "resumeNode"
	if on {
		method = "suspendNode"
	}
	obj := exaop.StorageNodeObject(id)
	rb := &readBack{what: "nodeIsSuspended", check: func(ctx context.Context) (bool, any, error) {
		v, err := x.call(ctx, obj, "nodeIsSuspended")
		return asBool(v) == on, nil, err
	}}
	_, err := x.change(ctx, rb, obj, method)
	return err
}

// nodeRemove deletes a node (deleteSubObject on the cluster); a lost
// answer is read back with getNodeList.
func (x *EXAoperation) nodeRemove(ctx context.Context, id int64) error {
	rb := &readBack{what: "getNodeList", check: func(ctx context.Context) (bool, any, error) {
		_, err := x.NodeGet(ctx, id)
		if IsNotFound(err) {
			return true, nil, nil
		}
		return false, nil, err
	}}
	_, err := x.change(ctx, rb, "", "deleteSubObject", exaop.NodeName(id))
	return err
}
