package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan refuses, on EXAoperation, a configuration without both
// passwords: addBucket and editBucketFSBucket require them every time.
func (r *bucketResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || req.Plan.Raw.IsNull() {
		return
	}
	if r.client.API() == client.APIEXAoperation {
		requireOn(ctx, req, "exasol_bucket", "EXAoperation's addBucket and editBucketFSBucket", &resp.Diagnostics,
			"read_password_wo", "write_password_wo")
	}
}
