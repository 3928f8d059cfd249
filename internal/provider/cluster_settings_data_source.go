package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*clusterSettingsDataSource)(nil)

// NewClusterSettingsDataSource is data.exasol_cluster_settings: the
// resource's attributes, read (the password left out).
func NewClusterSettingsDataSource() datasource.DataSource { return &clusterSettingsDataSource{} }

type clusterSettingsDataSource struct{ client client.Backend }

func (d *clusterSettingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_settings"
}

func (d *clusterSettingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `cluster`."},
	}
	for _, f := range settingFields {
		if f.secret {
			continue
		}
		desc := fmt.Sprintf("%s EXAConf entry `%s`; null when the cluster has none.", f.desc, f.key)
		switch f.kind {
		case settingText:
			attrs[f.attr] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
		case settingInt:
			attrs[f.attr] = schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
		case settingBool:
			attrs[f.attr] = schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
		case settingList:
			attrs[f.attr] = schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: desc}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cluster's EXAConf settings that `exasol_cluster_settings` manages, read with ConfD's `settings_list` " +
			"(not available on EXAoperation, which keeps no EXAConf).",
		Attributes: attrs,
	}
}

func (d *clusterSettingsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *clusterSettingsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	got, err := d.client.ClusterSettings(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the cluster settings", err.Error())
		return
	}
	var m clusterSettingsModel
	m.fill(ctx, got, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), m.ID)...)
	for _, f := range settingFields {
		if !f.secret {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(f.attr), f.value(&m))...)
		}
	}
}
