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

// NewStorageVolumesDataSource is data.exasol_storage_volumes: every storage volume.
func NewStorageVolumesDataSource() datasource.DataSource {
	return &dataSourceOf[storageVolumesModel]{name: "_storage_volumes", schema: storageVolumesSchema(), read: readStorageVolumes}
}

type storageVolumesModel struct {
	ID      types.String `tfsdk:"id"`
	Names   types.List   `tfsdk:"names"`
	Volumes types.List   `tfsdk:"volumes"`
}

func storageVolumeObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: storageVolumeDataAttributes()}
}

func storageVolumesSchema() schema.Schema {
	return schema.Schema{
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

func readStorageVolumes(ctx context.Context, c client.Backend, m *storageVolumesModel, diags *diag.Diagnostics) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		diags.AddError("Cannot list storage volumes", err.Error())
		return
	}
	objType, _ := storageVolumeObject().Type().(types.ObjectType)
	names := []string{}
	elems := []attr.Value{}
	for _, v := range vols {
		names = append(names, v.Name)
		o, ds := types.ObjectValueFrom(ctx, objType.AttrTypes, newStorageVolumeDataModel(ctx, v, diags))
		diags.Append(ds...)
		elems = append(elems, o)
	}
	sort.Strings(names)
	list, ds := types.ListValue(objType, elems)
	diags.Append(ds...)
	*m = storageVolumesModel{
		ID: types.StringValue("storage_volumes"), Names: stringListValue(ctx, names, diags), Volumes: list,
	}
}
