package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// pluginsDataSource is data.exasol_plugins: the installed plugins
// (ConfD plugin_list and plugin_info, EXAoperation showPluginList).
var pluginsDataSource = dataSource("_plugins", pluginsSchema, readPlugins)

type pluginsModel struct {
	ID      types.String `tfsdk:"id"`
	Names   types.List   `tfsdk:"names"`
	Plugins types.List   `tfsdk:"plugins"`
}

// pluginItem is one of plugins.
type pluginItem struct {
	Name types.String `tfsdk:"name"`
	Info types.Map    `tfsdk:"info"`
}

func pluginsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The plugins installed on the cluster: ConfD's `plugin_list` with each plugin's `plugin_info`, or " +
			"EXAoperation's `showPluginList` (names only). The action `exasol_plugin_command` runs a plugin's commands on EXAoperation.",
		Attributes: map[string]schema.Attribute{
			"id":      computedString("Always `plugins`."),
			"names":   computedStringList("Names of the installed plugins, e.g. `Administration.vmware-tools`, in the cluster's order."),
			"plugins": computedObjects("The installed plugins, in the cluster's order.", pluginAttributes()),
		},
	}
}

func pluginAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": computedString("Plugin name."),
		"info": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "What the cluster says about the plugin, as text (ConfD `plugin_info`); empty on EXAoperation, which lists names only."},
	}
}

func readPlugins(ctx context.Context, c client.Backend, m *pluginsModel, diags *diag.Diagnostics) {
	ps, err := c.Plugins(ctx)
	if err != nil {
		diags.AddError("Cannot list the plugins", clientErrorDetail(err))
		return
	}
	names := make([]string, 0, len(ps))
	items := make([]pluginItem, 0, len(ps))
	for _, p := range ps {
		names = append(names, p.Name)
		info, ds := types.MapValueFrom(ctx, types.StringType, p.Info)
		diags.Append(ds...)
		items = append(items, pluginItem{Name: types.StringValue(p.Name), Info: info})
	}
	*m = pluginsModel{
		ID:      types.StringValue("plugins"),
		Names:   stringListValue(ctx, names, diags),
		Plugins: objectList(ctx, pluginAttributes(), items, diags),
	}
}
