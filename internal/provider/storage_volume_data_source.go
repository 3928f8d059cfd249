package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/exacluster/terraform-provider-exasol/internal/units"
)

// storageVolumeDataSource is data.exasol_storage_volume: one volume by name.
var storageVolumeDataSource = dataSource("_storage_volume", storageVolumeSchema, readStorageVolume)

// storageVolumeDataModel is one volume as the data sources show it; the
// plural data source lists the same attributes.
type storageVolumeDataModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Type           types.String `tfsdk:"type"`
	Disk           types.String `tfsdk:"disk"`
	Size           types.String `tfsdk:"size"`
	VolumeNodes    types.List   `tfsdk:"volume_nodes"`
	NumMasterNodes types.Int64  `tfsdk:"num_master_nodes"`
	Redundancy     types.Int64  `tfsdk:"redundancy"`
	BlockSize      types.String `tfsdk:"block_size"`
	StripeSize     types.String `tfsdk:"stripe_size"`
	Owner          types.List   `tfsdk:"owner"`
	Permissions    types.String `tfsdk:"permissions"`
	Priority       types.Int64  `tfsdk:"priority"`
	Shared         types.Bool   `tfsdk:"shared"`
	Labels         types.Set    `tfsdk:"labels"`
	AppIOEnabled   types.Bool   `tfsdk:"app_io_enabled"`
	IntIOEnabled   types.Bool   `tfsdk:"int_io_enabled"`
	State          types.String `tfsdk:"state"`
	Segments       types.List   `tfsdk:"segments"`
}

// storageVolumeDataAttributes are the attributes of one volume, all computed.
func storageVolumeDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("ConfD's volume id, e.g. `\"0\"`."),
		"name":             computedString("Name of the volume."),
		"type":             computedString("`data` or `archive`; empty when the cluster does not report it."),
		"disk":             computedString("Storage disk that holds the volume (`hdd_type`)."),
		"size":             computedString("Size as Exasol writes it, e.g. `\"10 GiB\"`."),
		"volume_nodes":     computedInt64List("Node ids of the volume, master nodes first."),
		"num_master_nodes": computedInt64("Number of nodes holding master segments."),
		"redundancy":       computedInt64("Copies of each segment."),
		"block_size":       computedString("Block size, e.g. `\"4 KiB\"`."),
		"stripe_size":      computedString("Stripe size, e.g. `\"256 KiB\"`."),
		"owner":            computedInt64List("Owning user and group id, `[uid, gid]`."),
		"permissions":      computedString("Access permissions, e.g. `\"rwx------\"`."),
		"priority":         computedInt64("I/O priority."),
		"shared":           computedBool("Whether the volume is shared."),
		"labels": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Every label of the volume, Exasol's own included (`#Name#…`, `pub:DB1_persistent`, `temporary`)."},
		"app_io_enabled": computedBool("Whether application I/O is enabled."),
		"int_io_enabled": computedBool("Whether internal I/O is enabled."),
		"state":          computedString("State the cluster reports, `ONLINE` when usable."),
		"segments": computedObjects("Segments: part `index` of the volume on node `node`, `MASTER` or mirror (`type`), and its `state`.", map[string]schema.Attribute{
			"index": computedInt64("Which part of the volume."),
			"node":  computedInt64("Node id that holds this copy."),
			"type":  computedString("`MASTER` or a mirror type."),
			"state": computedString("State of this copy."),
		}),
	}
}

// newStorageVolumeDataModel maps a volume for the data sources.
func newStorageVolumeDataModel(ctx context.Context, v *client.Volume, diags *diag.Diagnostics) storageVolumeDataModel {
	return storageVolumeDataModel{
		ID: types.StringValue(v.ID), Name: types.StringValue(v.Name), Type: types.StringValue(v.Type),
		Disk: types.StringValue(v.Disk), Size: types.StringValue(v.Size),
		VolumeNodes: int64ListValue(ctx, v.Nodes, diags), NumMasterNodes: types.Int64Value(v.NumMasterNodes),
		Redundancy: types.Int64Value(v.Redundancy), BlockSize: types.StringValue(units.FormatSize(v.BlockSize)),
		StripeSize: types.StringValue(units.FormatSize(v.StripeSize)), Owner: int64ListValue(ctx, v.Owner, diags),
		Permissions: types.StringValue(v.Permissions), Priority: types.Int64Value(v.Priority),
		Shared: types.BoolValue(v.Shared), Labels: volLabelSetValue(ctx, v.Labels, diags),
		AppIOEnabled: types.BoolValue(v.AppIO), IntIOEnabled: types.BoolValue(v.IntIO),
		State: types.StringValue(v.State), Segments: volSegmentsValue(ctx, v.Segments, diags),
	}
}

func storageVolumeSchema() schema.Schema {
	attrs := storageVolumeDataAttributes()
	attrs["name"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "Name of the volume, e.g. `DataVolume1`.",
		Validators: []validator.String{nameValidator("storage volume")},
	}
	return schema.Schema{
		MarkdownDescription: "Reads one EXAStorage volume by name (ConfD `st_volume_info`), also one Terraform does not manage, such as the " +
			"cluster's DataVolume1 or a database's temporary volume.",
		Attributes: attrs,
	}
}

func readStorageVolume(ctx context.Context, c client.Backend, m *storageVolumeDataModel, diags *diag.Diagnostics) {
	v, err := c.VolumeInfo(ctx, m.Name.ValueString())
	if err != nil {
		diags.AddError("Cannot read storage volume "+m.Name.ValueString(), clientErrorDetail(err))
		return
	}
	*m = newStorageVolumeDataModel(ctx, v, diags)
}

// storageVolumesDataSource is data.exasol_storage_volumes: every storage volume.
var storageVolumesDataSource = dataSource("_storage_volumes", storageVolumesSchema, readStorageVolumes)

type storageVolumesModel struct {
	ID      types.String `tfsdk:"id"`
	Names   types.List   `tfsdk:"names"`
	Volumes types.List   `tfsdk:"volumes"`
}

func storageVolumesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists every EXAStorage volume of the cluster (ConfD `st_volume_list`): data and archive volumes, and the " +
			"temporary volumes of databases.",
		Attributes: map[string]schema.Attribute{
			"id":      computedString("Always `storage_volumes`."),
			"names":   computedStringList("Volume names, sorted."),
			"volumes": computedObjects("Every volume with the attributes of the `exasol_storage_volume` data source, in the cluster's order (by id).", storageVolumeDataAttributes()),
		},
	}
}

func readStorageVolumes(ctx context.Context, c client.Backend, m *storageVolumesModel, diags *diag.Diagnostics) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		diags.AddError("Cannot list storage volumes", clientErrorDetail(err))
		return
	}
	names, volumes := objectsOf(ctx, vols, storageVolumeDataAttributes(), func(v *client.Volume) (string, storageVolumeDataModel) {
		return v.Name, newStorageVolumeDataModel(ctx, v, diags)
	}, diags)
	*m = storageVolumesModel{ID: types.StringValue("storage_volumes"), Names: names, Volumes: volumes}
}
