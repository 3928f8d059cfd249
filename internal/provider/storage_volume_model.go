package provider

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// guess: the block size a volume gets when st_volume_create is not given
// one; 4 KiB is what the seed's DataVolume1 (created with defaults) has.
const defaultVolumeBlockSize = 4096

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

// storageVolumeReader reads a storage volume (st_volume_info) for Read, the
// read-back after a change and the list resource.
var storageVolumeReader = object[storageVolumeModel, *client.Volume]{kind: "storage volume", fill: (*storageVolumeModel).fill,
	identity: func(m *storageVolumeModel) any { return storageVolumeIdentity.of(m.Name) },
	name:     func(m *storageVolumeModel) string { return m.Name.ValueString() },
	get: func(ctx context.Context, c client.Backend, m *storageVolumeModel) (*client.Volume, error) {
		return c.VolumeInfo(ctx, m.Name.ValueString())
	}}
