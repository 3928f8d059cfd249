package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = (*bucketResource)(nil)

// ModifyPlan refuses what the cluster's interface cannot do (client Limits).
func (r *bucketResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkLimits(ctx, r.client, "exasol_bucket", req, &resp.Diagnostics)
}
