package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan asks for what the cluster's interface requires: user_create's
// userid and group on ConfD, addUser's password on EXAoperation. (What it
// has no way to take, checkLimits refused before: on EXAoperation the id,
// groups, keys and a disabled login.)
func (r *systemUserResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || req.Plan.Raw.IsNull() {
		return
	}
	api := apiNames[r.client.API()]
	required := func(attribute, why string) {
		var v attr.Value
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attribute), &v)...)
		if v == nil || v.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(attribute), attribute+" is required on "+api,
				"The cluster is managed through "+api+", where "+why)
		}
	}
	switch r.client.API() {
	case client.APIConfD:
		required("userid", "user_create requires the user's id (userid).")
		required("group", "user_create requires the user's primary group (group).")
	case client.APIEXAoperation:
		var pw types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
		// Only a new user needs it; an unknown value is known at apply.
		if req.State.Raw.IsNull() && pw.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("password_wo"), "password_wo is required on "+api,
				"The cluster is managed through "+api+", whose addUser requires a password (even for users authenticated by LDAP). "+
					"Set password_wo and password_wo_version (Terraform 1.11 or later).")
		}
	}
}
