package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var _ resource.ResourceWithImportState = (*systemUserResource)(nil)

// NewSystemUserResource is exasol_system_user.
func NewSystemUserResource() resource.Resource {
	return newResource(&systemUserResource{}, "_system_user", systemUserReader)
}

type systemUserResource struct {
	resourceBase[systemUserModel, *client.SysUser]
}

func (r *systemUserResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	groupName := stringvalidator.RegexMatches(sysNameRE, "must be a Unix group name: lower-case letters, digits, '_' or '-'")
	resp.Schema = schema.Schema{
		MarkdownDescription: "A system user of the cluster: an account that may use the cluster's management interface, not a database user " +
			"(those are SQL objects). On ConfD (`user_create`) an operating-system account with the jobs its groups allow: groups, login and " +
			"keys change in place (`user_modify`), the password with `user_passwd`; name and id replace the user. On EXAoperation one of its " +
			"own users (`addUser`, with the default role User): a name and a password (required there, changed in place with `editUser`); " +
			"EXAoperation chooses the id and has no groups, keys or disabled logins, so the plan refuses `userid`, `group`, " +
			"`additional_groups`, `authorized_keys` and `login_enabled = false` there. The user the provider logs in as is never changed or " +
			"deleted: the apply refuses it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The user's name."),
			"username": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the user (`username`), e.g. `admin2`. Changing it replaces the user.",
				Validators:    []validator.String{stringvalidator.RegexMatches(sysNameRE, "must be a Unix user name: lower-case letters, digits, '_' or '-'")},
				PlanModifiers: replaceString()},
			"userid": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: "Id of the user (`userid`), e.g. `1001`: required on ConfD; on EXAoperation the id EXAoperation gives the user " +
					"(read only). Changing it replaces the user.",
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: keepOrReplaceInt64()},
			"group": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Primary group, by name (`group`), e.g. `exaadm`: required on ConfD, refused on EXAoperation (no groups). Changed in place.",
				Validators:          []validator.String{groupName}},
			"login_enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the user may log in (`login_enabled`). Default `true`. Changed in place."},
			"additional_groups": schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				MarkdownDescription: "Further groups of the user (`additional_groups`). Changed in place.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(groupName)}},
			"authorized_keys": schema.ListAttribute{ElementType: types.StringType, Optional: true, Computed: true,
				Default:             listdefault.StaticValue(types.ListValueMust(types.StringType, []attr.Value{})),
				MarkdownDescription: "SSH public keys that may log in as the user (`authorized_keys`). Changed in place.",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}},
			"password_wo": writeOnlyAttribute("Write-only password (Terraform 1.11 or later): sent to the cluster and never stored in the plan or "+
				"state. Without it password login is disabled (`*`) on ConfD; EXAoperation requires it. Set `password_wo_version` with it, "+
				"and change that version to send a new password (`user_passwd` or `editUser`, in place).", "password_wo_version", stringvalidator.LengthAtLeast(1)),
			"password_wo_version": writeOnlyVersion("password_wo", "Version of `password_wo`: change it to send the password again."),
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func strs(ctx context.Context, v interface {
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

func (r *systemUserResource) create(ctx context.Context, req resource.CreateRequest, plan *systemUserModel, resp *resource.CreateResponse) {
	pw := configString(ctx, req.Config, "password_wo", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	u := client.SysUser{Name: plan.Name.ValueString(), ID: plan.UserID.ValueInt64(), Group: plan.Group.ValueString(),
		LoginEnabled: plan.LoginEnabled.ValueBool(), AdditionalGroups: strs(ctx, plan.AdditionalGroups, &resp.Diagnostics),
		AuthorizedKeys: strs(ctx, plan.AuthorizedKeys, &resp.Diagnostics)}
	if err := r.client.CreateSysUser(ctx, u, pw.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot create system user "+u.Name, explain(err))
		return
	}
	plan.ID = plan.Name // kept should the read-back fail
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *systemUserResource) update(ctx context.Context, req resource.UpdateRequest, plan, prior *systemUserModel, resp *resource.UpdateResponse) {
	pw := configString(ctx, req.Config, "password_wo", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	var ch client.SysUserChange
	if changedString(prior.Group, plan.Group) {
		ch.Group = optString(plan.Group)
	}
	if changedBool(prior.LoginEnabled, plan.LoginEnabled) {
		ch.LoginEnabled = optBool(plan.LoginEnabled)
	}
	if !plan.AdditionalGroups.Equal(prior.AdditionalGroups) {
		ch.AdditionalGroups = strs(ctx, plan.AdditionalGroups, &resp.Diagnostics)
	}
	if !plan.AuthorizedKeys.Equal(prior.AuthorizedKeys) {
		ch.AuthorizedKeys = strs(ctx, plan.AuthorizedKeys, &resp.Diagnostics)
	}
	if err := r.client.ChangeSysUser(ctx, name, ch); err != nil {
		resp.Diagnostics.AddError("Cannot change system user "+name, explain(err))
		return
	}
	if !plan.PasswordWOVersion.Equal(prior.PasswordWOVersion) {
		if err := r.client.SetSysUserPassword(ctx, name, pw.ValueString()); err != nil {
			resp.Diagnostics.AddError("Cannot change the password of system user "+name, explain(err))
			return
		}
	}
	r.readBack(ctx, plan, &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *systemUserResource) delete(ctx context.Context, state *systemUserModel, resp *resource.DeleteResponse) {
	if err := r.client.DeleteSysUser(ctx, state.Name.ValueString()); err != nil {
		detail := explain(err)
		if errors.As(err, new(*client.UnsupportedError)) {
			// The user the provider logs in as: let go of it without deleting it.
			detail = strings.TrimSuffix(detail, ".") + ". To stop managing the user, remove it from the state instead (a removed block with lifecycle { destroy = false })."
		}
		resp.Diagnostics.AddError("Cannot delete system user "+state.Name.ValueString(), detail)
	}
}

func (r *systemUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByName(ctx, req, resp, "username")
}
