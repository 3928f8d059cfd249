package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// remoteVolumeDataSource is data.exasol_remote_volume: one remote volume by name.
var remoteVolumeDataSource = dataSource("_remote_volume", remoteVolumeSchema, readRemoteVolume)

// remoteVolumeDataAttributes are the computed attributes of one remote volume.
func remoteVolumeDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                 computedString("The volume id (`vid`) as text, e.g. `10001`."),
		"remote_volume_name": computedString("Name of the volume."),
		"remote_volume_id":   computedInt64("Id of the volume, above 10000."),
		"vol_type":           computedString("Kind of storage: `smb`, `ftp`, `sftp`, `webhdfs`, `webdav`, `file`, `s3`, `gs` or `azure`."),
		"url":                computedString("Where the volume is."),
		"username":           computedString("User name for the remote service (null when none is set)."),
		"owner":              computedString("Owning user."),
		"labels":             computedStringSet("Labels of the volume."),
		"options":            computedStringSet("Options of the volume (`noverifypeer`, `timeout=<seconds>`, …)."),
		"allowed_users":      computedStringSet("Users besides the owner that may use the volume."),
		"state": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Connection states of the volume on the nodes, each once and sorted: `[\"Online\"]` when every node reaches it; `Unmounted` or `Connection problem` besides when some node does not."},
	}
}

func remoteVolumeSchema() schema.Schema {
	attrs := remoteVolumeDataAttributes()
	attrs["remote_volume_name"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "Name of the remote volume, e.g. `RemoteVolume1` or `r0001`.",
		// Any name the cluster has can be read, also one the resource would refuse.
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	return schema.Schema{
		MarkdownDescription: "Reads one remote archive volume by name (ConfD `remote_volume_info` and `remote_volume_state`). " +
			"Its password is not shown.",
		Attributes: attrs,
	}
}

func readRemoteVolume(ctx context.Context, c client.Backend, m *remoteVolumeDataModel, diags *diag.Diagnostics) {
	*m, _ = readRemoteVolumeData(ctx, c, m.Name.ValueString(), diags)
}

// readRemoteVolumeData reads one volume with the resource's mapping, so that
// the resource and the data sources report the cluster the same way.
func readRemoteVolumeData(ctx context.Context, c client.Backend, name string, diags *diag.Diagnostics) (remoteVolumeDataModel, bool) {
	var full remoteVolumeModel
	full.Name = types.StringValue(name)
	remoteVolumeReader.read(ctx, c, &full, diags)
	return remoteVolumeDataModel{full.remoteVolumeAttrs}, !diags.HasError()
}

// remoteVolumesDataSource is data.exasol_remote_volumes: the names of all
// remote volumes and, on request, their details.
var remoteVolumesDataSource = dataSource("_remote_volumes", remoteVolumesSchema, readRemoteVolumes)

type remoteVolumesModel struct {
	ID            types.String `tfsdk:"id"`
	Details       types.Bool   `tfsdk:"details"`
	Names         types.List   `tfsdk:"names"`
	RemoteVolumes types.List   `tfsdk:"remote_volumes"`
}

func remoteVolumesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the remote archive volumes of the cluster (ConfD `remote_volume_list`) and, with `details = true`, " +
			"reads each of them (`remote_volume_info`, `remote_volume_state`; passwords are not shown).",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Always `remote_volumes`."),
			"details": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Also read every volume into `remote_volumes` (one `remote_volume_info` and `remote_volume_state` per volume). Default false.",
			},
			"names":          computedStringList("Remote volume names, sorted."),
			"remote_volumes": computedObjects("The volumes in the order of `names`, when `details` is true; null otherwise.", remoteVolumeDataAttributes()),
		},
	}
}

func readRemoteVolumes(ctx context.Context, c client.Backend, m *remoteVolumesModel, diags *diag.Diagnostics) {
	names, err := c.RemoteVolumeList(ctx)
	if err != nil {
		diags.AddError("Cannot list remote volumes", clientErrorDetail(err))
		return
	}
	sort.Strings(names)
	m.ID = types.StringValue("remote_volumes")
	m.Names = stringListValue(ctx, names, diags)
	m.RemoteVolumes = types.ListNull(objectType(remoteVolumeDataAttributes()))
	if m.Details.ValueBool() {
		vols := make([]remoteVolumeDataModel, 0, len(names))
		for _, n := range names {
			v, ok := readRemoteVolumeData(ctx, c, n, diags)
			if !ok {
				return
			}
			vols = append(vols, v)
		}
		m.RemoteVolumes = objectList(ctx, remoteVolumeDataAttributes(), vols, diags)
	}
}
