package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var (
	_ resource.Resource                = (*systemGroupResource)(nil)
	_ resource.ResourceWithConfigure   = (*systemGroupResource)(nil)
	_ resource.ResourceWithImportState = (*systemGroupResource)(nil)
)

// NewSystemGroupResource is exasol_system_group.
func NewSystemGroupResource() resource.Resource { return &systemGroupResource{} }

type systemGroupResource struct{ client client.Backend }

func (r *systemGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_system_group"
}

func (r *systemGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A system group of the cluster (ConfD `group_create`): groups decide which ConfD jobs a system user " +
			"may run (e.g. `exaadm`, `exabfsadm`). Not database roles, which are SQL objects. ConfD has no job that changes a group, " +
			"so a change replaces it (`group_delete`, which the cluster refuses while the group is a user's primary group). " +
			"Not available on EXAoperation (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The group's name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"groupname": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the group (`groupname`). Changing it replaces the group.",
				Validators:    []validator.String{stringvalidator.RegexMatches(sysNameRE, "must be a Unix group name: lower-case letters, digits, '_' or '-'")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"groupid": schema.Int64Attribute{Required: true, MarkdownDescription: "Id of the group (`groupid`), e.g. `1200`. Changing it replaces the group.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}, PlanModifiers: int64Replace()},
		},
	}
}

func (r *systemGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *systemGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan systemGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	if err := r.client.CreateSysGroup(ctx, name, plan.GroupID.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("Cannot create system group "+name, explain(err))
		return
	}
	plan.fill(name, plan.GroupID.ValueInt64())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *systemGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state systemGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := r.client.SysGroups(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read system group "+state.Name.ValueString(), err.Error())
		return
	}
	id, ok := all[state.Name.ValueString()]
	if !ok {
		warnGone(&resp.Diagnostics, "system group", state.Name.ValueString())
		resp.State.RemoveResource(ctx)
		return
	}
	state.fill(state.Name.ValueString(), id)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called with a change: every attribute replaces.
func (r *systemGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan systemGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *systemGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state systemGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteSysGroup(ctx, state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete system group "+state.Name.ValueString(), explain(err))
	}
}

func (r *systemGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("groupname"), req.ID)...)
}
