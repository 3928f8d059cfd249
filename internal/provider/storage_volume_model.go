package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

type storageVolumeModel struct {
	ID             types.String   `tfsdk:"id"`
	Name           types.String   `tfsdk:"name"`
	Type           types.String   `tfsdk:"type"`
	Disk           types.String   `tfsdk:"disk"`
	Size           SizeValue      `tfsdk:"size"`
	Nodes          types.List     `tfsdk:"nodes"`
	Redundancy     types.Int64    `tfsdk:"redundancy"`
	NumMasterNodes types.Int64    `tfsdk:"num_master_nodes"`
	BlockSize      SizeValue      `tfsdk:"block_size"`
	StripeSize     SizeValue      `tfsdk:"stripe_size"`
	Owner          types.List     `tfsdk:"owner"`
	Permissions    types.String   `tfsdk:"permissions"`
	Priority       types.Int64    `tfsdk:"priority"`
	Shared         types.Bool     `tfsdk:"shared"`
	Labels         types.Set      `tfsdk:"labels"`
	AllLabels      types.Set      `tfsdk:"all_labels"`
	AppIOEnabled   types.Bool     `tfsdk:"app_io_enabled"`
	IntIOEnabled   types.Bool     `tfsdk:"int_io_enabled"`
	State          types.String   `tfsdk:"state"`
	VolumeNodes    types.List     `tfsdk:"volume_nodes"`
	Segments       types.List     `tfsdk:"segments"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// volSegmentAttrTypes is one entry of segments: which copy of which part of the
// volume lies on which node, and its state.
var volSegmentAttrTypes = map[string]attr.Type{
	"index": types.Int64Type, "node": types.Int64Type, "type": types.StringType, "state": types.StringType,
}

// fill sets every attribute from what the cluster reports; it never copies
// the plan, so that a change made out of band shows up as drift. Two
// exceptions, both documented on the attributes: labels keeps only the
// labels this resource manages (see volManagedLabels), and type keeps the known
// value when the cluster does not report it.
func (m *storageVolumeModel) fill(ctx context.Context, v *client.Volume, diags *diag.Diagnostics) {
	m.ID = types.StringValue(v.ID)
	m.Name = types.StringValue(v.Name)
	if v.Type != "" {
		m.Type = types.StringValue(v.Type)
	}
	m.Disk = types.StringValue(v.Disk)
	m.Size = NewSizeValue(v.Size)
	m.Nodes = int64ListValue(ctx, v.Nodes, diags)
	m.Redundancy = types.Int64Value(v.Redundancy)
	m.NumMasterNodes = types.Int64Value(v.NumMasterNodes)
	m.BlockSize = NewSizeValue(units.FormatSize(v.BlockSize))
	// EXAoperation reports no stripe size: null, not "0 B", which no
	// configuration (an imported one included) could repeat.
	m.StripeSize = SizeValue{StringValue: basetypes.NewStringNull()}
	if v.StripeSize > 0 {
		m.StripeSize = NewSizeValue(units.FormatSize(v.StripeSize))
	}
	m.Owner = ownerValue(ctx, v.Owner, diags)
	m.Permissions = types.StringNull() // EXAoperation reports none
	if v.Permissions != "" {
		m.Permissions = types.StringValue(v.Permissions)
	}
	m.Priority = types.Int64Value(v.Priority)
	m.Shared = types.BoolValue(v.Shared)
	m.Labels = volLabelSetValue(ctx, volManagedLabels(ctx, m.Labels, v.Labels, diags), diags)
	m.AllLabels = volLabelSetValue(ctx, withoutDatabaseLabels(v.Labels), diags)
	m.AppIOEnabled = types.BoolValue(v.AppIO)
	m.IntIOEnabled = types.BoolValue(v.IntIO)
	m.State = types.StringValue(v.State)
	m.VolumeNodes = int64ListValue(ctx, v.Nodes, diags)
	m.Segments = volSegmentsValue(ctx, v.Segments, diags)
}

// volManagedLabels decides which of the cluster's labels the labels attribute
// shows. Exasol puts labels of its own on volumes ('#Name#V1',
// 'pub:DB1_persistent'), and other tools may add theirs, so the resource
// manages only the labels it knows of: those of the prior state that the
// volume still carries (one removed out of band drops out, and the next plan
// adds it again). Right after an import the prior state has none, and every
// label that is not Exasol's own is taken over.
func volManagedLabels(ctx context.Context, prior types.Set, current []string, diags *diag.Diagnostics) []string {
	if prior.IsNull() || prior.IsUnknown() {
		return slices.DeleteFunc(slices.Clone(current), client.InternalVolumeLabel)
	}
	known := volLabelList(ctx, prior, diags)
	return slices.DeleteFunc(slices.Clone(current), func(l string) bool { return !slices.Contains(known, l) })
}

func volSegmentsValue(ctx context.Context, segs []client.Segment, diags *diag.Diagnostics) basetypes.ListValue {
	objType := types.ObjectType{AttrTypes: volSegmentAttrTypes}
	elems := make([]attr.Value, 0, len(segs))
	for _, s := range segs {
		o, ds := types.ObjectValue(volSegmentAttrTypes, map[string]attr.Value{
			"index": types.Int64Value(s.Index), "node": types.Int64Value(s.Node),
			"type": types.StringValue(s.Type), "state": types.StringValue(s.State),
		})
		diags.Append(ds...)
		elems = append(elems, o)
	}
	l, ds := types.ListValue(objType, elems)
	diags.Append(ds...)
	return l
}

func volLabelList(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	sort.Strings(out)
	return out
}

func volLabelSetValue(ctx context.Context, v []string, diags *diag.Diagnostics) basetypes.SetValue {
	if v == nil {
		v = []string{}
	}
	s, ds := types.SetValueFrom(ctx, types.StringType, v)
	diags.Append(ds...)
	return s
}

// volumeChange lists what differs between the state and the plan among the
// attributes that change in place; everything else is RequiresReplace.
func storageVolumeChange(ctx context.Context, prior, plan storageVolumeModel, diags *diag.Diagnostics) client.VolumeChange {
	var ch client.VolumeChange
	oldSize, errOld := units.ParseSize(prior.Size.ValueString())
	newSize, errNew := units.ParseSize(plan.Size.ValueString())
	block, errBlock := units.ParseSize(prior.BlockSize.ValueString())
	if errOld == nil && errNew == nil && errBlock == nil {
		ch.BlocksPerNode = client.BlocksPerNode(oldSize, newSize, block, prior.NumMasterNodes.ValueInt64())
	}
	if !plan.Labels.IsUnknown() {
		was, want := volLabelList(ctx, prior.Labels, diags), volLabelList(ctx, plan.Labels, diags)
		for _, l := range was {
			if !slices.Contains(want, l) {
				ch.RemoveLabels = append(ch.RemoveLabels, l)
			}
		}
		for _, l := range want {
			if !slices.Contains(was, l) {
				ch.AddLabels = append(ch.AddLabels, l)
			}
		}
	}
	if changedBool(prior.AppIOEnabled, plan.AppIOEnabled) || changedBool(prior.IntIOEnabled, plan.IntIOEnabled) {
		ch.IO = &[2]bool{plan.AppIOEnabled.ValueBool(), plan.IntIOEnabled.ValueBool()}
	}
	return ch
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

// guess: the block size a volume gets when st_volume_create is not given
// one; 4 KiB is what the seed's DataVolume1 (created with defaults) has.
const defaultVolumeBlockSize = 4096

// volumeLabelValidator refuses Exasol's own labels in labels: the cluster sets
// and removes them itself (a database's pub:DB1_persistent), and managing
// them from Terraform would fight the cluster.
type volumeLabelValidator struct{}

func (volumeLabelValidator) Description(context.Context) string {
	return "must not be one of Exasol's own labels (#…, pub:…, temporary)"
}

func (v volumeLabelValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (volumeLabelValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if l := req.ConfigValue.ValueString(); client.InternalVolumeLabel(l) {
		resp.Diagnostics.AddAttributeError(req.Path, "Exasol's own label",
			fmt.Sprintf("%q is a label Exasol sets and removes itself (#…, pub:…, temporary); Exasol's #… labels show in all_labels, "+
				"a database's pub:… labels in the exasol_storage_volume data source. "+
				"Choose a label of your own, e.g. \"team:analytics\".", l))
	}
}

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

// ModifyPlan replaces a volume whose size shrinks where the interface cannot
// shrink it in place (client.ShrinksInPlace), and says why in the plan:
// Exasol cannot shrink archive volumes (docs: "The volume size of a local
// archive volume cannot be decreased"), EXAoperation shrinks no volume, and
// ConfD shrinks data volumes in place with st_volume_shrink.
func (r *storageVolumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !checkLimits(ctx, r.client, "exasol_storage_volume", req, &resp.Diagnostics) {
		return
	}
	defer r.preflight(ctx, req, resp) // storage_volume_preflight.go, on the final plan
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

// ownerValue is an owner [uid, gid], or null where the interface reports
// none (EXAoperation): an empty list is no owner a configuration could set.
func ownerValue(ctx context.Context, owner []int64, diags *diag.Diagnostics) types.List {
	if len(owner) == 0 {
		return types.ListNull(types.Int64Type)
	}
	return int64ListValue(ctx, owner, diags)
}

// withoutDatabaseLabels leaves out the labels a database sets on the volumes
// it uses (pub:DB1_persistent, pub:DB1_temporary, temporary): they come and
// go with the database, so in a volume's state they would be drift right
// after the apply that created the database on it. The storage volume data
// source shows them.
func withoutDatabaseLabels(labels []string) []string {
	out := []string{}
	for _, l := range labels {
		if !strings.HasPrefix(l, "pub:") && l != "temporary" {
			out = append(out, l)
		}
	}
	return out
}
