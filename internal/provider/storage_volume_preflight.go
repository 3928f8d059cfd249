package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// preflight checks a planned storage volume against the cluster (see
// preflight.go): a new volume's name is free, its nodes exist and have the
// disk, there are enough of them for the redundancy, and its segments fit
// the free space the nodes report; a volume that grows fits too. ModifyPlan
// (storage_volume_model.go) runs it last, on the final plan.
func (r *storageVolumeResource) preflight(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pf := preflightFor(r.client)
	prior, replacement := priorFor[storageVolumeModel](ctx, pf, "storage_volume", req, &resp.Diagnostics) // replacement: the create half of a replacement
	if pf == nil || resp.Diagnostics.HasError() || !planChanges(req, resp) {
		return
	}
	var plan storageVolumeModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(plan.Name) {
		pv := plannedVolume{}
		if known(plan.Type) {
			pv.typ = plan.Type.ValueString()
		}
		if known(plan.NumMasterNodes) {
			pv.masters = plan.NumMasterNodes.ValueInt64()
		}
		pf.planned.addVolume(plan.Name.ValueString(), pv)
	}
	if prior != nil && !replacement && (volReplaced(*prior, plan) ||
		slices.ContainsFunc(resp.RequiresReplace, func(p path.Path) bool { return p.Equal(path.Root("size")) })) {
		return // checked as the create of the replacement
	}
	// Unset in the configuration, num_master_nodes is unknown in the plan
	// and the cluster's default: every node.
	var masters types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("num_master_nodes"), &masters)...)
	c := volCheck{pf: pf, plan: plan, prior: prior, mastersDefault: masters.IsNull()}
	fresh := prior == nil || replacement
	pf.check(ctx, &resp.Diagnostics, "storage volume "+plan.Name.ValueString(), func(ctx context.Context) (diag.Diagnostics, error) {
		var ds diag.Diagnostics
		c.diags = &ds
		if fresh {
			return ds, c.create(ctx)
		}
		return ds, c.grow(ctx)
	})
}

// volReplaced reports whether the plan replaces the volume: an attribute
// that only st_volume_create sets differs (see the schema).
func volReplaced(prior, plan storageVolumeModel) bool {
	for _, p := range [][2]attr.Value{
		{plan.Name, prior.Name}, {plan.Disk, prior.Disk}, {plan.Nodes, prior.Nodes}, {plan.Redundancy, prior.Redundancy},
		{plan.NumMasterNodes, prior.NumMasterNodes}, {plan.BlockSize, prior.BlockSize}, {plan.StripeSize, prior.StripeSize},
		{plan.Owner, prior.Owner}, {plan.Permissions, prior.Permissions}, {plan.Priority, prior.Priority}, {plan.Shared, prior.Shared},
	} {
		if !p[0].IsUnknown() && !p[0].Equal(p[1]) {
			return true
		}
	}
	return known(prior.Type) && known(plan.Type) && !plan.Type.Equal(prior.Type)
}

type volCheck struct {
	pf             *preflight
	plan           storageVolumeModel
	prior          *storageVolumeModel
	mastersDefault bool // num_master_nodes is not configured
	diags          *diag.Diagnostics
}

// create checks a volume to be created, or created anew by a replacement
// (which deletes the old volume first, so its own space counts as free).
func (c volCheck) create(ctx context.Context) error {
	vols, err := c.pf.view.Volumes(ctx)
	if err != nil {
		return err
	}
	var old *client.Volume
	if c.prior != nil {
		old = volumeByName(vols, c.prior.Name.ValueString())
	}
	if known(c.plan.Name) {
		own := func(v *client.Volume) bool { // ownObject in preflight.go
			size, err := units.ParseSize(c.plan.Size.ValueString())
			return err == nil && size == v.SizeBytes && c.plan.Type.ValueString() == v.Type && c.plan.Disk.ValueString() == v.Disk &&
				c.plan.Redundancy.ValueInt64() == v.Redundancy
		}
		if v := volumeByName(vols, c.plan.Name.ValueString()); v != nil && v != old && !own(v) {
			c.diags.AddAttributeError(path.Root("name"), "Storage volume exists",
				fmt.Sprintf("A storage volume named %s already exists (id %s). Choose another name, or import it.", v.Name, v.ID))
		}
	}
	ids, allIDs := knownInt64s(c.plan.Nodes)
	if len(ids) == 0 {
		return nil
	}
	nodes, err := c.pf.view.Nodes(ctx)
	if err != nil {
		return err
	}
	disk := c.plan.Disk.ValueString()
	var present []client.Node // listed nodes that exist now
	for _, id := range ids {
		n := nodeByID(nodes, id)
		switch {
		case n == nil && c.pf.planned.node(id):
		case n == nil:
			c.diags.AddAttributeError(path.Root("nodes"), "No such node",
				fmt.Sprintf("Node %d does not exist; the cluster has nodes %s. %s", id, nodeIDList(nodes),
					notPlannedHint("exasol_node", "exasol_node.n14.id")))
		case known(c.plan.Disk) && n.Disks != nil && !slices.ContainsFunc(n.Disks, func(d client.NodeDisk) bool { return d.Name == disk }):
			// (nil Disks: the interface does not report a node's disks.)
			have := []string{}
			for _, d := range n.Disks {
				have = append(have, d.Name)
			}
			c.diags.AddAttributeError(path.Root("disk"), "No such disk",
				fmt.Sprintf("Node %s (%d) has no disk %s; its disks are: %s.", n.Name, id, disk, strings.Join(have, ", ")))
		default:
			present = append(present, *n)
		}
	}
	if r := c.plan.Redundancy; known(r) && allIDs && r.ValueInt64() <= int64(len(ids)) && r.ValueInt64() > int64(len(ids)-countMissing(c, nodes, ids)) {
		c.diags.AddAttributeError(path.Root("redundancy"), "Too few nodes for the redundancy",
			fmt.Sprintf("redundancy %d keeps each segment on %d different nodes, but only %d of the listed nodes exist or are planned.",
				r.ValueInt64(), r.ValueInt64(), len(ids)-countMissing(c, nodes, ids)))
	}
	if c.diags.HasError() || !allIDs || !known(c.plan.Disk) || !known(c.plan.Redundancy) || (c.plan.NumMasterNodes.IsUnknown() && !c.mastersDefault) {
		return nil
	}
	size, ok := knownSize(c.plan.Size)
	if !ok {
		return nil
	}
	masters := int64(len(ids)) // the cluster's default: every node holds a master segment
	if known(c.plan.NumMasterNodes) {
		masters = c.plan.NumMasterNodes.ValueInt64()
	}
	redundancy := c.plan.Redundancy.ValueInt64()
	need := func(i int) int64 { return segmentsAtLeast(i, len(ids), masters, redundancy) * size }
	return c.fits(ctx, present, ids, disk, old, need, masters*redundancy*size)
}

// segmentsAtLeast is a lower bound of the segments node i of n holds: each
// of the m master nodes holds its master segment, and when every node is a
// master node the r copies of all segments spread evenly, r on each node.
// guess: EXAStorage places mirrors on other nodes of the volume; where
// exactly is not documented, so beyond these bounds nothing is assumed.
func segmentsAtLeast(i, n int, m, r int64) int64 {
	switch {
	case m == int64(n):
		return r
	case int64(i) < m:
		return 1
	}
	return 0
}

func countMissing(c volCheck, nodes []client.Node, ids []int64) int {
	missing := 0
	for _, id := range ids {
		if nodeByID(nodes, id) == nil && !c.pf.planned.node(id) {
			missing++
		}
	}
	return missing
}

// grow checks that a volume that grows in place fits: each of its segments
// grows by the same number of blocks.
func (c volCheck) grow(ctx context.Context) error {
	oldSize, ok1 := knownSize(c.prior.Size)
	newSize, ok2 := knownSize(c.plan.Size)
	block, ok3 := knownSize(c.prior.BlockSize)
	if !ok1 || !ok2 || !ok3 || newSize <= oldSize {
		return nil
	}
	vols, err := c.pf.view.Volumes(ctx)
	if err != nil {
		return err
	}
	v := volumeByName(vols, c.prior.Name.ValueString())
	if v == nil {
		return nil // gone: the refresh said so already
	}
	grow := client.BlocksPerNode(oldSize, newSize, block, v.NumMasterNodes) * block
	perNode := map[int64]int64{}
	for _, s := range v.Segments {
		perNode[s.Node] += grow
	}
	nodes, err := c.pf.view.Nodes(ctx)
	if err != nil {
		return err
	}
	var present []client.Node
	for id := range perNode {
		if n := nodeByID(nodes, id); n != nil {
			present = append(present, *n)
		}
	}
	slices.SortFunc(present, func(a, b client.Node) int { return int(a.ID - b.ID) })
	return c.fits(ctx, present, nil, v.Disk, nil, func(i int) int64 { return perNode[present[i].ID] }, 0)
}

// fits compares what each present node needs (need of its position in ids,
// or in present when ids is nil) and the total with the free space
// st_node_list reports; old, when set, is the volume a replacement deletes
// first, whose segments free their space.
func (c volCheck) fits(ctx context.Context, present []client.Node, ids []int64, disk string, old *client.Volume,
	need func(int) int64, total int64) error {
	free, err := c.pf.view.FreeSpace(ctx)
	if err != nil || free == nil { // nil: the cluster does not report free space
		return err
	}
	var sum, slack int64
	complete := true
	for i, n := range present {
		space, ok := free[n.Name][disk]
		if !ok {
			complete = false
			continue
		}
		f := space.Free
		if old != nil && old.Disk == disk {
			for _, s := range old.Segments {
				if s.Node == n.ID {
					f += old.SizeBytes
				}
			}
		}
		sum += f
		slack += space.Slack
		pos := i
		if ids != nil {
			pos = slices.Index(ids, n.ID)
		}
		if want := need(pos); want > f+space.Slack {
			c.diags.AddAttributeError(path.Root("size"), "Not enough space",
				fmt.Sprintf("Disk %s of node %s has %s free (st_node_list), but the volume needs %s there. "+
					"Choose a smaller size, other nodes, or free space first.", disk, n.Name, readableSize(f), readableSize(want)))
		}
	}
	if complete && ids != nil && len(present) == len(ids) && total > sum+slack && !c.diags.HasError() {
		c.diags.AddAttributeError(path.Root("size"), "Not enough space",
			fmt.Sprintf("The volume's segments (num_master_nodes × redundancy copies of size %s) need %s on disk %s of its nodes, "+
				"which have %s free together (st_node_list). Choose a smaller size, other nodes, or free space first.",
				c.plan.Size.ValueString(), readableSize(total), disk, readableSize(sum)))
	}
	return nil
}

// knownSize is a size in bytes when it is known and valid; the size
// validator reports an invalid one, so a check simply skips it.
func knownSize(v SizeValue) (int64, bool) {
	if !known(v) {
		return 0, false
	}
	n, err := units.ParseSize(v.ValueString())
	return n, err == nil
}
