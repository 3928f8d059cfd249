package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*remoteVolumesDataSource)(nil)

// NewRemoteVolumesDataSource is data.exasol_remote_volumes: the names of all
// remote volumes and, on request, their details.
func NewRemoteVolumesDataSource() datasource.DataSource { return &remoteVolumesDataSource{} }

type remoteVolumesDataSource struct{ client client.Backend }

type remoteVolumesModel struct {
	ID            types.String `tfsdk:"id"`
	Details       types.Bool   `tfsdk:"details"`
	Names         types.List   `tfsdk:"names"`
	RemoteVolumes types.List   `tfsdk:"remote_volumes"`
}

func (d *remoteVolumesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_remote_volumes"
}

func (d *remoteVolumesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
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

func (d *remoteVolumesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *remoteVolumesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m remoteVolumesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	names, err := d.client.RemoteVolumeList(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list remote volumes", err.Error())
		return
	}
	sort.Strings(names)
	m.ID = types.StringValue("remote_volumes")
	m.Names = stringListValue(ctx, names, &resp.Diagnostics)
	elemType := types.ObjectType{AttrTypes: remoteVolumeDataAttrTypes()}
	m.RemoteVolumes = types.ListNull(elemType)
	if m.Details.ValueBool() {
		vols := make([]remoteVolumeDataModel, 0, len(names))
		for _, n := range names {
			v, ok := readRemoteVolumeData(ctx, d.client, n, &resp.Diagnostics)
			if !ok {
				return
			}
			vols = append(vols, v)
		}
		l, ds := types.ListValueFrom(ctx, elemType, vols)
		resp.Diagnostics.Append(ds...)
		m.RemoteVolumes = l
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func remoteVolumeDataAttrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for k, a := range remoteVolumeDataAttributes() {
		out[k] = a.GetType()
	}
	return out
}
