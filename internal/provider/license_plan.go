package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// checkPlan plans the hash of the configured license: a license uploaded out of band (a refresh reads
// another hash, or null: license_read.go) is uploaded again, write-only or
// not.
func (r *licenseResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var lic, wo types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("license"), &lic)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("license_wo"), &wo)...)
	contents := lic
	if known(wo) {
		contents = wo
	}
	if !known(contents) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("license_sha256"), licenseHash(contents.ValueString()))...)
}
