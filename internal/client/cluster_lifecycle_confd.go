package client

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
)

// The ConfD dialect's side of the Runbook. ConfD runs on the nodes
// themselves: it offers no job that powers nodes on or off, starts or stops
// the storage service, or starts plugin services. The runbook waits for
// nodes with node_wait_ready, checks the storage with st_volume_list and
// the plugins with plugin_list / plugin_info.

// Interface names ConfD in steps.
func (c *ConfD) Interface() string { return "ConfD" }

// ClusterNodes reads node_state. ConfD names nodes n<id> and has no license
// servers.
func (c *ConfD) ClusterNodes(ctx context.Context) ([]NodeStatus, error) {
	states, err := c.nodeStates(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]NodeStatus, 0, len(states))
	for id, st := range states {
		out = append(out, NodeStatus{ID: id, Name: NodeName(id), State: st})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// WaitNodesOnline runs node_wait_ready for the nodes, with the time left in
// ctx as the job's own timeout, and checks that it reported each of them
// ready (the job "returns a list of ready nodes (may be empty in case of
// errors)").
func (c *ConfD) WaitNodesOnline(ctx context.Context, nodes []NodeStatus) error {
	ids := make([]int64, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	ready, err := c.nodeWaitReady(ctx, ids)
	if err != nil {
		return err
	}
	var missing []string
	for _, id := range ids {
		if !slices.Contains(ready, id) {
			missing = append(missing, NodeName(id))
		}
	}
	if len(missing) > 0 {
		return &Error{Kind: KindJob, Job: "node_wait_ready", Message: fmt.Sprintf("did not report %v ready", missing)}
	}
	return nil
}

// nodeWaitReady runs node_wait_ready and returns the ids it reports ready.
func (c *ConfD) nodeWaitReady(ctx context.Context, ids []int64) ([]int64, error) {
	p := Params{"nids": ids}
	if dl, ok := ctx.Deadline(); ok {
		// whole seconds, rounded up, at least 1: the job's timeout is an int
		p["timeout"] = max(1, int64(math.Ceil(time.Until(dl).Seconds())))
	}
	r, err := c.exec(ctx, "node_wait_ready", p)
	if err != nil {
		return nil, err
	}
	if !r.HasOutput { // a release that answers without the list: trust the success
		return ids, nil
	}
	return fields{"l": r.Output}.nums("l"), nil
}

// PowerOnNodes, PowerOffNodes, StartStorage, StopStorage and StartPlugins
// are not offered by ConfD.
func (c *ConfD) PowerOnNodes(context.Context, []NodeStatus) error  { return ErrUnsupported }
func (c *ConfD) PowerOffNodes(context.Context, []NodeStatus) error { return ErrUnsupported }
func (c *ConfD) StartStorage(context.Context) (bool, error)        { return false, ErrUnsupported }
func (c *ConfD) StopStorage(context.Context) (bool, error)         { return false, ErrUnsupported }
func (c *ConfD) StartPlugins(context.Context, []Plugin) error      { return ErrUnsupported }

// StorageVolumes reads st_volume_list.
func (c *ConfD) StorageVolumes(ctx context.Context) ([]VolumeStatus, error) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]VolumeStatus, len(vols))
	for i, v := range vols {
		out[i] = VolumeStatus{Name: v.Name, State: v.State}
	}
	return out, nil
}

// Plugins runs plugin_list and plugin_info for each plugin.
func (c *ConfD) Plugins(ctx context.Context) ([]Plugin, error) {
	r, err := c.exec(ctx, "plugin_list", nil)
	if err != nil {
		return nil, err
	}
	out := []Plugin{}
	for _, it := range (fields{"l": r.Output}).list("l") {
		// guess: a list of names; a dict entry is read by its "name".
		name := asString(it)
		if f := asFields(it); f != nil {
			name = f.str("name")
		}
		info, err := c.pluginInfo(ctx, name)
		if err != nil {
			return nil, err
		}
		out = append(out, Plugin{Name: name, Info: info})
	}
	return out, nil
}

// pluginInfo runs plugin_info; its output is flattened to text values.
// guess: the docs show no output; any dict is accepted.
func (c *ConfD) pluginInfo(ctx context.Context, name string) (map[string]string, error) {
	r, err := c.exec(ctx, "plugin_info", Params{"plugin_name": name})
	if err != nil {
		return nil, err
	}
	info := map[string]string{}
	for k, v := range asFields(r.Output) {
		info[k] = asString(v)
	}
	return info, nil
}

// ClusterObservation is what a start or stop would find: the truth a plan
// compares the wanted state with.
type ClusterObservation struct {
	Master    string
	Nodes     []NodeStatus
	Volumes   []VolumeStatus
	Databases []*Database // the selected databases that exist, sorted by name
	Missing   []string    // selected databases that do not exist
}

// Observe reads the cluster for a selection of databases (nil: all).
func Observe(ctx context.Context, b ClusterBackend, databases []string) (*ClusterObservation, error) {
	o := &ClusterObservation{}
	var err error
	if o.Master, err = b.MasterName(ctx); err != nil {
		return nil, err
	}
	if o.Nodes, err = b.ClusterNodes(ctx); err != nil {
		return nil, err
	}
	if o.Volumes, err = b.StorageVolumes(ctx); err != nil {
		return nil, err
	}
	names := databases
	if names == nil {
		if names, err = b.DBList(ctx); err != nil {
			return nil, err
		}
	}
	for _, name := range slices.Sorted(slices.Values(names)) {
		d, err := b.DBInfo(ctx, name)
		switch {
		case IsNotFound(err):
			o.Missing = append(o.Missing, name)
		case err != nil:
			return nil, err
		default:
			o.Databases = append(o.Databases, d)
		}
	}
	return o, nil
}

// Running: every node that a start waits for is online, every volume that
// is not locked is ONLINE, and every selected database runs and is
// connectible.
func (o *ClusterObservation) Running() bool {
	if _, _, down := countNodes(o.Nodes); len(down) > 0 {
		return false
	}
	if _, _, down, _ := storageState(o.Volumes); len(down) > 0 {
		return false
	}
	if len(o.Missing) > 0 {
		return false
	}
	for _, d := range o.Databases {
		if d.State != DBStateRunning || !d.Connectible {
			return false
		}
	}
	return true
}

// Stopped: every selected database is stopped (setup). Nodes and storage
// do not count: ConfD cannot take them down, so a stop ends with them up.
func (o *ClusterObservation) Stopped() bool {
	if len(o.Missing) > 0 {
		return false
	}
	for _, d := range o.Databases {
		if d.State != DBStateSetup {
			return false
		}
	}
	return true
}
