package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// checkCluster checks a planned storage volume against the cluster (see
// preflight.go): a new volume's name is free, its nodes exist and have the
// disk, there are enough of them for the redundancy, and its segments fit
// the free space the nodes report; a volume that grows fits too. It runs
// after checkPlan (below), on the final plan.
func (r *storageVolumeResource) checkCluster(ctx context.Context, plan, prior *storageVolumeModel, replacement bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pf := r.preflight
	if known(plan.Name) {
		pf.planned.addVolume(plan.Name.ValueString(), plannedVolume{
			typ:     plan.Type.ValueString(),          // "" when unknown
			masters: plan.NumMasterNodes.ValueInt64(), // 0 when unknown
		})
	}
	if prior != nil && !replacement && (volReplaced(*prior, *plan) ||
		slices.ContainsFunc(resp.RequiresReplace, func(p path.Path) bool { return p.Equal(path.Root("size")) })) {
		return // checked as the create of the replacement
	}
	// Unset in the configuration, num_master_nodes is unknown in the plan
	// and the cluster's default: every node.
	var masters types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("num_master_nodes"), &masters)...)
	c := volCheck{pf: pf, plan: *plan, prior: prior, mastersDefault: masters.IsNull()}
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
	return anyPlannedChange([][2]attr.Value{
		{plan.Name, prior.Name}, {plan.Disk, prior.Disk}, {plan.Nodes, prior.Nodes}, {plan.Redundancy, prior.Redundancy},
		{plan.NumMasterNodes, prior.NumMasterNodes}, {plan.BlockSize, prior.BlockSize}, {plan.StripeSize, prior.StripeSize},
		{plan.Owner, prior.Owner}, {plan.Permissions, prior.Permissions}, {plan.Priority, prior.Priority}, {plan.Shared, prior.Shared},
	}) || known(prior.Type) && known(plan.Type) && !plan.Type.Equal(prior.Type)
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
	disk := c.plan.Disk.ValueString()
	var present []client.Node // listed nodes that exist now
	nodes, err := c.pf.listedNodes(ctx, ids, c.diags, func(id int64, n *client.Node) {
		if known(c.plan.Disk) && n.Disks != nil && !slices.ContainsFunc(n.Disks, func(d client.NodeDisk) bool { return d.Name == disk }) {
			// (nil Disks: the interface does not report a node's disks.)
			have := []string{}
			for _, d := range n.Disks {
				have = append(have, d.Name)
			}
			c.diags.AddAttributeError(path.Root("disk"), "No such disk",
				fmt.Sprintf("Node %s (%d) has no disk %s; its disks are: %s.", n.Name, id, disk, strings.Join(have, ", ")))
			return
		}
		present = append(present, *n)
	})
	if err != nil {
		return err
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

// sizeKeepState is a plan modifier for SizeType attributes: a configured
// size that denotes the same number of bytes as the state ("2048 MiB" for
// "2 GiB") plans the state's value, so that re-spelling a size changes
// nothing and, on attributes that force replacement, replaces nothing.
type sizeKeepState struct{}

var _ planmodifier.String = sizeKeepState{}

func (sizeKeepState) Description(context.Context) string {
	return "A size equal in bytes to the current one plans no change."
}

func (m sizeKeepState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sizeKeepState) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.IsNull() {
		return
	}
	if units.SameSize(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// volPermissionsRE: owner, group and others, each r, w, x or - (fact: 'rwx------').
var volPermissionsRE = regexp.MustCompile(`^[r-][w-][x-][r-][w-][x-][r-][w-][x-]$`)

// ValidateConfig checks at plan time what needs several attributes: the
// volume's geometry against its nodes and its size against its blocks.
func (r *storageVolumeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m storageVolumeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.Nodes.IsUnknown() && !m.Nodes.IsNull() {
		n := int64(len(m.Nodes.Elements()))
		if !m.Redundancy.IsUnknown() && !m.Redundancy.IsNull() && m.Redundancy.ValueInt64() > n {
			resp.Diagnostics.AddAttributeError(path.Root("redundancy"), "Redundancy above the number of nodes",
				fmt.Sprintf("redundancy is %d, but the copies of a segment lie on different nodes and nodes lists %d.", m.Redundancy.ValueInt64(), n))
		}
		if !m.NumMasterNodes.IsUnknown() && !m.NumMasterNodes.IsNull() && m.NumMasterNodes.ValueInt64() > n {
			resp.Diagnostics.AddAttributeError(path.Root("num_master_nodes"), "Too many master nodes",
				fmt.Sprintf("num_master_nodes is %d but nodes lists only %d node(s).", m.NumMasterNodes.ValueInt64(), n))
		}
	}
	if m.Size.IsUnknown() || m.Size.IsNull() || m.BlockSize.IsUnknown() || m.NumMasterNodes.IsUnknown() {
		return
	}
	size, err := units.ParseSize(m.Size.ValueString())
	if err != nil {
		return // the attribute's own validator reports it
	}
	block := int64(defaultVolumeBlockSize)
	if !m.BlockSize.IsNull() {
		if block, err = units.ParseSize(m.BlockSize.ValueString()); err != nil || block <= 0 {
			return
		}
	}
	masters := m.NumMasterNodes.ValueInt64()
	if m.NumMasterNodes.IsNull() && !m.Nodes.IsUnknown() {
		masters = int64(len(m.Nodes.Elements()))
	}
	if g := client.SizeGranule(block, masters); size <= 0 || size%g != 0 {
		resp.Diagnostics.AddAttributeError(path.Root("size"), "Size is not a whole number of blocks",
			fmt.Sprintf("size %s is not a positive multiple of %s (the block size). Exasol rounds such sizes up, "+
				"which would leave the plan and the volume disagreeing; write e.g. %s.",
				m.Size.ValueString(), units.FormatSize(g), units.FormatSize((size/g+1)*g)))
	}
}

// checkPlan replaces a volume whose size shrinks where the interface cannot
// shrink it in place (client.ShrinksInPlace), and says why in the plan:
// Exasol cannot shrink archive volumes (docs: "The volume size of a local
// archive volume cannot be decreased"), EXAoperation shrinks no volume, and
// ConfD shrinks data volumes in place with st_volume_shrink.
func (r *storageVolumeResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state storageVolumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if sameSettings(plan, state) {
		// Only the spelling of a size differs (sizeKeepState planned the
		// state's value), but the framework has already marked the computed
		// attributes unknown, which would plan an update that sends nothing.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &state)...)
		return
	}
	api := client.APIConfD // an unconfigured provider plans as ConfD does
	if r.client != nil {
		api = r.client.API()
	}
	typ := state.Type.ValueString()
	if plan.Size.IsUnknown() || client.ShrinksInPlace(api, typ) {
		return
	}
	oldSize, err1 := units.ParseSize(state.Size.ValueString())
	newSize, err2 := units.ParseSize(plan.Size.ValueString())
	if err1 != nil || err2 != nil || newSize >= oldSize {
		return
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("size"))
	from, to := state.Size.ValueString(), plan.Size.ValueString()
	why := fmt.Sprintf("Exasol cannot shrink an archive volume (only data volumes shrink, with st_volume_shrink), so going from %s to %s "+
		"destroys the volume, with the backups on it, and creates it anew.", from, to)
	if typ != client.VolumeTypeArchive {
		why = fmt.Sprintf("EXAoperation cannot shrink a storage volume (resizeVolume only enlarges), so going from %s to %s "+
			"destroys the volume and creates it anew; a volume that holds a database's data cannot be deleted, and the apply then fails unchanged.", from, to)
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("size"), fmt.Sprintf("Shrinking %s volume %s replaces it", typ, state.Name.ValueString()),
		fmt.Sprintf("%s Keep the size at %s or more to keep the volume.", why, from))
}

// sameSettings reports whether the plan changes none of the attributes a
// configuration sets.
func sameSettings(plan, state storageVolumeModel) bool {
	for _, p := range [][2]attr.Value{
		{plan.Name, state.Name}, {plan.Type, state.Type}, {plan.Disk, state.Disk}, {plan.Size, state.Size},
		{plan.Nodes, state.Nodes}, {plan.Redundancy, state.Redundancy}, {plan.NumMasterNodes, state.NumMasterNodes},
		{plan.BlockSize, state.BlockSize}, {plan.StripeSize, state.StripeSize}, {plan.Owner, state.Owner},
		{plan.Permissions, state.Permissions}, {plan.Priority, state.Priority}, {plan.Shared, state.Shared},
		{plan.Labels, state.Labels}, {plan.AppIOEnabled, state.AppIOEnabled}, {plan.IntIOEnabled, state.IntIOEnabled},
		{plan.Timeouts, state.Timeouts},
	} {
		if !p[0].Equal(p[1]) {
			return false
		}
	}
	return true
}

// volumeLabelValidator refuses Exasol's own labels in labels: the cluster sets
// and removes them itself (a database's pub:DB1_persistent), and managing
// them from Terraform would fight the cluster.
var volumeLabelValidator = stringCheck{desc: "must not be one of Exasol's own labels (#…, pub:…, temporary)", problem: func(l string) (string, string) {
	if client.InternalVolumeLabel(l) {
		return "Exasol's own label", fmt.Sprintf("%q is a label Exasol sets and removes itself (#…, pub:…, temporary); Exasol's #… labels show in all_labels, "+
			"a database's pub:… labels in the exasol_storage_volume data source. "+
			"Choose a label of your own, e.g. \"team:analytics\".", l)
	}
	return "", ""
}}
