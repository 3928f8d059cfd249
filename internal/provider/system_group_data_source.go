package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// systemGroupsDataSource is data.exasol_system_groups: every system group.
var systemGroupsDataSource = dataSource("_system_groups", systemGroupsSchema, readSystemGroups)

type systemGroupsModel struct {
	ID     types.String `tfsdk:"id"`
	Names  types.List   `tfsdk:"names"`
	Groups types.List   `tfsdk:"groups"`
}

func systemGroupDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"groupname": computedString("Name of the group."),
		"groupid":   computedInt64("Id of the group."),
	}
}

func systemGroupsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the system groups of the cluster (ConfD `group_list`), e.g. `exaadm` and `exabfsadm`, " +
			"each with the attributes of `exasol_system_group`.",
		Attributes: map[string]schema.Attribute{
			"id":     computedString("Always `system_groups`."),
			"names":  computedStringList("Group names, sorted."),
			"groups": computedObjects("Every group with the attributes of `exasol_system_group`, sorted by name.", systemGroupDataAttributes()),
		},
	}
}

// readSystemGroups maps each group through the resource's reader
// (systemGroupModel.fill).
func readSystemGroups(ctx context.Context, c client.Backend, d *systemGroupsModel, diags *diag.Diagnostics) {
	all, err := c.SysGroups(ctx)
	if err != nil {
		diags.AddError("Cannot list system groups", clientErrorDetail(err))
		return
	}
	names, groups := sortedObjects(ctx, all, systemGroupDataAttributes(), func(n string, id int64) systemGroupAttrs {
		var m systemGroupModel
		m.Name = types.StringValue(n)
		m.fill(ctx, id, diags)
		return m.systemGroupAttrs
	}, diags)
	*d = systemGroupsModel{ID: types.StringValue("system_groups"), Names: names, Groups: groups}
}
