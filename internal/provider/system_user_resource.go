package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*systemUserResource)(nil)
	_ resource.ResourceWithConfigure   = (*systemUserResource)(nil)
	_ resource.ResourceWithImportState = (*systemUserResource)(nil)
)

// NewSystemUserResource is exasol_system_user.
func NewSystemUserResource() resource.Resource { return &systemUserResource{} }

type systemUserResource struct{ client client.Backend }

func (r *systemUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_system_user"
}

func (r *systemUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	groupName := stringvalidator.RegexMatches(sysNameRE, "must be a Unix group name: lower-case letters, digits, '_' or '-'")
	resp.Schema = schema.Schema{
		MarkdownDescription: "A system user of the cluster (ConfD `user_create`): an operating-system account that may use ConfD, " +
			"with the jobs its groups allow. Not a database user (those are SQL objects). Groups, login and keys change in place " +
			"(`user_modify`), the password with `user_passwd`; name and id replace the user. Not available on EXAoperation (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The user's name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"username": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the user (`username`), e.g. `admin2`. Changing it replaces the user.",
				Validators:    []validator.String{stringvalidator.RegexMatches(sysNameRE, "must be a Unix user name: lower-case letters, digits, '_' or '-'")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"userid": schema.Int64Attribute{Required: true, MarkdownDescription: "Id of the user (`userid`), e.g. `1001`. Changing it replaces the user.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}, PlanModifiers: int64Replace()},
			"group": schema.StringAttribute{Required: true, MarkdownDescription: "Primary group, by name (`group`), e.g. `exaadm`. Changed in place.",
				Validators: []validator.String{groupName}},
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
			"password_wo": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Write-only password (Terraform 1.11 or later): sent to the cluster and never stored in the plan or " +
					"state. Without it password login is disabled (`*`). Set `password_wo_version` with it, and change that version to " +
					"send a new password (`user_passwd`, in place).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version"))}},
			"password_wo_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Version of `password_wo`: change it to send the password again.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))}},
		},
	}
}

func (r *systemUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *systemUserResource) read(ctx context.Context, m *systemUserModel, diags *diag.Diagnostics) {
	u, err := r.client.SysUser(ctx, m.Name.ValueString())
	if err != nil {
		diags.AddError("Cannot read system user "+m.Name.ValueString(), err.Error())
		return
	}
	m.fill(ctx, u, diags)
}

func strs(ctx context.Context, v interface {
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

func (r *systemUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan systemUserModel
	var pw types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
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
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *systemUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state systemUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := r.client.SysUser(ctx, state.Name.ValueString())
	if readFailed(ctx, resp, "system user", state.Name.ValueString(), err) {
		return
	}
	state.fill(ctx, u, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *systemUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior systemUserModel
	var pw types.String
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
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
	r.read(ctx, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *systemUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state systemUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteSysUser(ctx, state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete system user "+state.Name.ValueString(), explain(err))
	}
}

func (r *systemUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), req.ID)...)
}
