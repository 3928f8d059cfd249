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

var _ datasource.DataSourceWithConfigure = (*storageVolumesDataSource)(nil)

// NewStorageVolumesDataSource is data.exasol_storage_volumes: every storage volume.
func NewStorageVolumesDataSource() datasource.DataSource { return &storageVolumesDataSource{} }

type storageVolumesDataSource struct{ client client.Backend }

type storageVolumesModel struct {
	ID      types.String `tfsdk:"id"`
	Names   types.List   `tfsdk:"names"`
	Volumes types.List   `tfsdk:"volumes"`
}

func (d *storageVolumesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_storage_volumes"
}

func storageVolumeObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: storageVolumeDataAttributes()}
}

func (d *storageVolumesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every EXAStorage volume of the cluster (ConfD `st_volume_list`): data and archive volumes, and the " +
			"temporary volumes of databases.",
		Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Always `storage_volumes`."},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Volume names, sorted."},
			"volumes": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Every volume with the attributes of the `exasol_storage_volume` data source, in the cluster's order (by id).",
				NestedObject:        storageVolumeObject(),
			},
		},
	}
}

func (d *storageVolumesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *storageVolumesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	vols, err := d.client.VolumeList(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list storage volumes", err.Error())
		return
	}
	objType, _ := storageVolumeObject().Type().(types.ObjectType)
	names := []string{}
	elems := []attr.Value{}
	for _, v := range vols {
		names = append(names, v.Name)
		o, ds := types.ObjectValueFrom(ctx, objType.AttrTypes, newStorageVolumeDataModel(ctx, v, &resp.Diagnostics))
		resp.Diagnostics.Append(ds...)
		elems = append(elems, o)
	}
	sort.Strings(names)
	list, ds := types.ListValue(objType, elems)
	resp.Diagnostics.Append(ds...)
	m := storageVolumesModel{
		ID: types.StringValue("storage_volumes"), Names: stringListValue(ctx, names, &resp.Diagnostics), Volumes: list,
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
