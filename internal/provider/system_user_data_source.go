package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// systemUsersDataSource is data.exasol_system_users: every system user,
// without secrets (user_list reports none).
var systemUsersDataSource = dataSource("_system_users", systemUsersSchema, readSystemUsers)

type systemUsersModel struct {
	ID    types.String `tfsdk:"id"`
	Names types.List   `tfsdk:"names"`
	Users types.List   `tfsdk:"users"`
}

func systemUserDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"username":          computedString("Name of the user."),
		"userid":            computedInt64("Id of the user."),
		"group":             computedString("Primary group, by name (null where the interface has no groups)."),
		"login_enabled":     computedBool("Whether the user may log in."),
		"additional_groups": computedStringSet("Further groups of the user."),
		"authorized_keys":   computedStringList("SSH public keys that may log in as the user."),
	}
}

func systemUsersSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the system users of the cluster: the accounts that may use the cluster's management interface " +
			"(ConfD `user_list`; EXAoperation `getAllUserLogins` and `getUserByName`), each with the attributes of `exasol_system_user`. " +
			"Passwords are never read.",
		Attributes: map[string]schema.Attribute{
			"id":    computedString("Always `system_users`."),
			"names": computedStringList("User names, sorted."),
			"users": computedObjects("Every user with the attributes of `exasol_system_user` (but its password), sorted by name.", systemUserDataAttributes()),
		},
	}
}

// readSystemUsers maps each user through the resource's reader
// (systemUserModel.fill).
func readSystemUsers(ctx context.Context, c client.Backend, d *systemUsersModel, diags *diag.Diagnostics) {
	all, err := c.SysUsers(ctx)
	if err != nil {
		diags.AddError("Cannot list system users", clientErrorDetail(err))
		return
	}
	names, users := sortedObjects(ctx, all, systemUserDataAttributes(), func(_ string, u *client.SysUser) systemUserAttrs {
		var m systemUserModel
		m.fill(ctx, u, diags)
		return m.systemUserAttrs
	}, diags)
	*d = systemUsersModel{ID: types.StringValue("system_users"), Names: names, Users: users}
}
