package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = (*bucketFSResource)(nil)

// ModifyPlan refuses what the cluster's interface cannot do (client Limits).
func (r *bucketFSResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkLimits(ctx, r.client, "exasol_bucketfs", req, &resp.Diagnostics)
}
