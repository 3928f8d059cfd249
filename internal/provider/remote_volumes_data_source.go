package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// NewRemoteVolumesDataSource is data.exasol_remote_volumes: the names of all
// remote volumes and, on request, their details.
func NewRemoteVolumesDataSource() datasource.DataSource {
	return &dataSourceOf[remoteVolumesModel]{name: "_remote_volumes", schema: remoteVolumesSchema(), read: readRemoteVolumes}
}

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
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `remote_volumes`."},
			"details": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Also read every volume into `remote_volumes` (one `remote_volume_info` and `remote_volume_state` per volume). Default false.",
			},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Remote volume names, sorted."},
			"remote_volumes": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The volumes in the order of `names`, when `details` is true; null otherwise.",
				NestedObject:        schema.NestedAttributeObject{Attributes: remoteVolumeDataAttributes()},
			},
		},
	}
}

func readRemoteVolumes(ctx context.Context, c client.Backend, m *remoteVolumesModel, diags *diag.Diagnostics) {
	names, err := c.RemoteVolumeList(ctx)
	if err != nil {
		diags.AddError("Cannot list remote volumes", err.Error())
		return
	}
	sort.Strings(names)
	m.ID = types.StringValue("remote_volumes")
	m.Names = stringListValue(ctx, names, diags)
	elemType := types.ObjectType{AttrTypes: remoteVolumeDataAttrTypes()}
	m.RemoteVolumes = types.ListNull(elemType)
	if m.Details.ValueBool() {
		vols := make([]remoteVolumeDataModel, 0, len(names))
		for _, n := range names {
			v, ok := readRemoteVolumeData(ctx, c, n, diags)
			if !ok {
				return
			}
			vols = append(vols, v)
		}
		l, ds := types.ListValueFrom(ctx, elemType, vols)
		diags.Append(ds...)
		m.RemoteVolumes = l
	}
}

func remoteVolumeDataAttrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for k, a := range remoteVolumeDataAttributes() {
		out[k] = a.GetType()
	}
	return out
}
