package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ resource.ResourceWithImportState = (*systemGroupResource)(nil)

// NewSystemGroupResource is exasol_system_group.
func NewSystemGroupResource() resource.Resource {
	return newResource(&systemGroupResource{}, "_system_group", systemGroupReader)
}

type systemGroupResource struct {
	resourceBase[systemGroupModel, int64]
}

func (r *systemGroupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A system group of the cluster (ConfD `group_create`): groups decide which ConfD jobs a system user " +
			"may run (e.g. `exaadm`, `exabfsadm`). Not database roles, which are SQL objects. ConfD has no job that changes a group, " +
			"so a change replaces it (`group_delete`, which the cluster refuses while the group is a user's primary group). " +
			"Not available on EXAoperation (the plan refuses it).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("The group's name."),
			"groupname": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the group (`groupname`). Changing it replaces the group.",
				Validators:    []validator.String{stringvalidator.RegexMatches(sysNameRE, "must be a Unix group name: lower-case letters, digits, '_' or '-'")},
				PlanModifiers: replaceString()},
			"groupid": schema.Int64Attribute{Required: true, MarkdownDescription: "Id of the group (`groupid`), e.g. `1200`. Changing it replaces the group.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}, PlanModifiers: replaceInt64()},
		},
		Blocks: timeoutsBlock(ctx),
	}
}

func (r *systemGroupResource) create(ctx context.Context, _ resource.CreateRequest, plan *systemGroupModel, resp *resource.CreateResponse) {
	name := plan.Name.ValueString()
	if err := r.client.CreateSysGroup(ctx, name, plan.GroupID.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("Cannot create system group "+name, explain(err))
		return
	}
	plan.fill(ctx, plan.GroupID.ValueInt64(), &resp.Diagnostics)
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

// update is never called with a change: every attribute replaces.
func (r *systemGroupResource) update(ctx context.Context, _ resource.UpdateRequest, plan, _ *systemGroupModel, resp *resource.UpdateResponse) {
	r.save(ctx, &resp.State, resp.Identity, plan, &resp.Diagnostics)
}

func (r *systemGroupResource) delete(ctx context.Context, state *systemGroupModel, resp *resource.DeleteResponse) {
	if err := r.client.DeleteSysGroup(ctx, state.Name.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot delete system group "+state.Name.ValueString(), explain(err))
	}
}

func (r *systemGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByName(ctx, req, resp, "groupname")
}
