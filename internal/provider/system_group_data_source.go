package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// systemGroupDataModel is one entry of groups: the resource's model
// without its timeouts.
type systemGroupDataModel struct {
	Name    types.String `tfsdk:"groupname"`
	GroupID types.Int64  `tfsdk:"groupid"`
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
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	objType, _ := computedObjects("", systemGroupDataAttributes()).NestedObject.Type().(types.ObjectType)
	elems := []attr.Value{}
	for _, n := range names {
		m := systemGroupModel{Name: types.StringValue(n)}
		m.fill(ctx, all[n], diags)
		o, ds := types.ObjectValueFrom(ctx, objType.AttrTypes, systemGroupDataModel{Name: m.Name, GroupID: m.GroupID})
		diags.Append(ds...)
		elems = append(elems, o)
	}
	list, ds := types.ListValue(objType, elems)
	diags.Append(ds...)
	*d = systemGroupsModel{ID: types.StringValue("system_groups"), Names: stringListValue(ctx, names, diags), Groups: list}
}
