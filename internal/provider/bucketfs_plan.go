package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// checkPlan refuses, on ConfD, a new service without the name and owner
// bucketfs_add requires (EXAoperation takes neither, so the schema cannot
// require them).
func (r *bucketFSResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || r.client.API() != client.APIConfD {
		return
	}
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	requireOn(ctx, req, "exasol_bucketfs", "ConfD's bucketfs_add", &resp.Diagnostics, "bucketfs_name", "owner")
}

// requireOn fails the plan of a new object whose configuration leaves out
// an attribute the interface's call (what) requires.
func requireOn(ctx context.Context, req resource.ModifyPlanRequest, typeName, what string, diags *diag.Diagnostics, attributes ...string) {
	for _, a := range attributes {
		var v attr.Value
		diags.Append(req.Config.GetAttribute(ctx, path.Root(a), &v)...)
		if v != nil && v.IsNull() {
			diags.AddAttributeError(path.Root(a), "Missing "+a,
				fmt.Sprintf("%s requires %s: set it in %s.", what, a, typeName))
		}
	}
}
