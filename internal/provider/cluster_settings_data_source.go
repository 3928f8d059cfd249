package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// clusterSettingsDataSource is data.exasol_cluster_settings: the
// resource's attributes, read (the password left out).
var clusterSettingsDataSource = dataSource("_cluster_settings", clusterSettingsDataSchema, readClusterSettingsData)

func clusterSettingsDataSchema() schema.Schema {
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
	return schema.Schema{
		MarkdownDescription: "The cluster's EXAConf settings that `exasol_cluster_settings` manages, read with ConfD's `settings_list` " +
			"(not available on EXAoperation, which keeps no EXAConf).",
		Attributes: attrs,
	}
}

// readClusterSettingsData reads through the resource's reader and shows
// every attribute but the secret: the settings are a table of fields
// (settingFields), so the data source's model is an object of them.
func readClusterSettingsData(ctx context.Context, c client.Backend, d *types.Object, diags *diag.Diagnostics) {
	var m clusterSettingsModel
	if clusterSettingsReader.read(ctx, c, &m, diags); diags.HasError() {
		return
	}
	typs := map[string]attr.Type{"id": types.StringType}
	vals := map[string]attr.Value{"id": m.ID}
	for _, f := range settingFields {
		if !f.secret {
			v := f.value(&m)
			typs[f.attr], vals[f.attr] = v.Type(ctx), v
		}
	}
	o, ds := types.ObjectValue(typs, vals)
	diags.Append(ds...)
	*d = o
}
