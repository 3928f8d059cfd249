package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = (*systemUserResource)(nil)

// ModifyPlan refuses the resource on EXAoperation (client Limits).
func (r *systemUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkLimits(ctx, r.client, "exasol_system_user", req, &resp.Diagnostics)
}
