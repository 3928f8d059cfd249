package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = (*systemGroupResource)(nil)

// ModifyPlan refuses the resource on EXAoperation (client Limits).
func (r *systemGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkLimits(ctx, r.client, "exasol_system_group", req, &resp.Diagnostics)
}
