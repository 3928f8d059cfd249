package client

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ConfD's node jobs (node_*); the types are nodes.go's.

// NodeList lists every node with its state, sorted by id. One answer
// serves every node's Read of a refresh (readcache.go).
func (c *ConfD) NodeList(ctx context.Context) ([]Node, error) {
	nodes, err := shareJob(ctx, c, "node_list", nil, c.nodeList)
	if err != nil {
		return nil, err
	}
	out := make([]Node, len(nodes))
	for i, n := range nodes {
		out[i] = n.clone()
	}
	return out, nil
}

func (c *ConfD) nodeList(ctx context.Context) ([]Node, error) {
	r, err := c.exec(ctx, "node_list", nil)
	if err != nil {
		return nil, err
	}
	states, err := c.nodeStates(ctx)
	if err != nil {
		return nil, err
	}
	list := asFields(r.Output)
	out := make([]Node, 0, len(list))
	for key, v := range list {
		n := parseNode(key, asFields(v))
		n.State = states[n.ID]
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// nodeStates runs node_state: node id → state. The "booted" entry (a dict of
// boot times) is left out.
func (c *ConfD) nodeStates(ctx context.Context) (map[int64]string, error) {
	r, err := c.exec(ctx, "node_state", nil)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for k, v := range asFields(r.Output) {
		s, ok := v.(string)
		id, err := strconv.ParseInt(k, 10, 64)
		if ok && err == nil {
			out[id] = s
		}
	}
	return out, nil
}

// NodeGet reads one node from node_list and node_state. A missing node is an
// error for which IsNotFound holds.
func (c *ConfD) NodeGet(ctx context.Context, id int64) (*Node, error) {
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return nil, err
	}
	for i := range nodes {
		if nodes[i].ID == id {
			return &nodes[i], nil
		}
	}
	return nil, &Error{Kind: KindNotFound, Job: "node_list", Message: fmt.Sprintf("node %d does not exist", id)}
}

// nodeAdd runs node_add and returns the id of the new node.
func (c *ConfD) nodeAdd(ctx context.Context, s NodeSpec) (int64, error) {
	p := Params{"priv_net": s.PrivateNet}
	setOpt(p, "nid", s.ID)
	setOpt(p, "name", s.Name)
	setOpt(p, "pub_net", s.PublicNet)
	setOpt(p, "space_warn_threshold", s.SpaceWarnThreshold)
	setOpt(p, "bg_rec_limit", s.BgRecLimit)
	r, err := c.exec(ctx, "node_add", p)
	if err != nil {
		return 0, err
	}
	return asInt(r.Output), nil
}

// nodeRemove runs node_remove.
func (c *ConfD) nodeRemove(ctx context.Context, id int64) error {
	_, err := c.exec(ctx, "node_remove", Params{"nid": id})
	return err
}

// nodeSuspend runs node_suspend: the node is marked permanently offline.
func (c *ConfD) nodeSuspend(ctx context.Context, id int64) error {
	_, err := c.exec(ctx, "node_suspend", Params{"nid": id})
	return err
}

// nodeResume runs node_resume; the node comes online some time later.
func (c *ConfD) nodeResume(ctx context.Context, id int64) error {
	_, err := c.exec(ctx, "node_resume", Params{"nid": id})
	return err
}

// nodeCreate refuses what node_add cannot take and adds the node. fact:
// node_add adds a node suspended unless `offline` is sent
// (https://docs.exasol.com/db/latest/confd/jobs/node_add.htm), so a node to
// be online is resumed by CreateNode, and a suspended one is not waited for
// to come online; a release that adds it otherwise is handled alike (the
// state decides). When the answer of node_add is lost, the job runner looks
// for the node (a node not listed before, by id or by the private address)
// before it reports a failure or repeats the job (verify.go). A release
// that answers no id has the node found by its private address.
func (c *ConfD) nodeCreate(ctx context.Context, s NodeSpec) (int64, error) {
	if s.MACEth0 != nil || s.MACEth1 != nil {
		field := "MACEth0"
		if s.MACEth0 == nil {
			field = "MACEth1"
		}
		return 0, confdCapabilities.refuse("ConfD", ObjectNode, field)
	}
	if s.SpoolDisk != nil {
		return 0, confdCapabilities.refuse("ConfD", ObjectNode, "SpoolDisk")
	}
	id, err := c.nodeAdd(ctx, s)
	if err != nil || id != 0 {
		return id, err
	}
	found, err := c.findAdded(ctx, s)
	if err != nil {
		return 0, err
	}
	if found == 0 {
		return 0, &Error{Kind: KindDecode, Job: "node_add", Message: fmt.Sprintf("the cluster returned no node id and no node has private network %s", s.PrivateNet)}
	}
	return found, nil
}

// nodeCheckAdded: node_add takes every setting it is sent as given.
func (c *ConfD) nodeCheckAdded(*Node, NodeSpec) error { return nil }

// findAdded finds the node that node_add created for s.
func (c *ConfD) findAdded(ctx context.Context, s NodeSpec) (int64, error) {
	nodes, err := c.NodeList(ctx)
	if err != nil {
		return 0, err
	}
	ip, _, _ := strings.Cut(s.PrivateNet, "/")
	for _, n := range nodes {
		if (s.ID == nil || n.ID == *s.ID) && n.PrivateIP == ip {
			return n.ID, nil
		}
	}
	return 0, nil
}
