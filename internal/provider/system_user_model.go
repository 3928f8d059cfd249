package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// systemUserModel is exasol_system_user. The password is write-only.
type systemUserModel struct {
	ID types.String `tfsdk:"id"`
	systemUserAttrs
	PasswordWO        types.String   `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64    `tfsdk:"password_wo_version"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// systemUserAttrs are the attributes the resource and each entry of
// data.exasol_system_users share: all but the password and timeouts.
type systemUserAttrs struct {
	Name             types.String `tfsdk:"username"`
	UserID           types.Int64  `tfsdk:"userid"`
	Group            types.String `tfsdk:"group"`
	LoginEnabled     types.Bool   `tfsdk:"login_enabled"`
	AdditionalGroups types.Set    `tfsdk:"additional_groups"`
	AuthorizedKeys   types.List   `tfsdk:"authorized_keys"`
}

// systemUserReader reads a system user (user_list, on EXAoperation
// getAllUserLogins, alone says whether it exists) for Read, the read-back
// after a change and the data source.
var systemUserReader = byName("system user", func(m *systemUserModel) types.String { return m.Name },
	client.Backend.SysUser, (*systemUserModel).fill)

// fill is the one reader: the user's entry (user_list's, or EXAoperation's user) into m.
func (m *systemUserModel) fill(ctx context.Context, u *client.SysUser, diags *diag.Diagnostics) {
	m.ID, m.Name, m.UserID = types.StringValue(u.Name), types.StringValue(u.Name), types.Int64Value(u.ID)
	// EXAoperation's users have no group: null, as the configuration leaves it.
	m.Group, m.LoginEnabled = textOrNull(u.Group), types.BoolValue(u.LoginEnabled)
	s, ds := types.SetValueFrom(ctx, types.StringType, u.AdditionalGroups)
	diags.Append(ds...)
	m.AdditionalGroups = s
	m.AuthorizedKeys = stringListValue(ctx, u.AuthorizedKeys, diags)
	m.PasswordWO = types.StringNull()
}
