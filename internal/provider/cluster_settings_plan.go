package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = (*clusterSettingsResource)(nil)

// settingListItemRE is one item of a comma-separated EXAConf list: the
// provider joins the items with commas, so an item holds none (nor spaces,
// which a read could not tell from separators).
var settingListItemRE = regexp.MustCompile(`^[^,\s]+$`)

// ModifyPlan refuses the resource on EXAoperation, which keeps no EXAConf
// (client Limits).
func (r *clusterSettingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkLimits(ctx, r.client, "exasol_cluster_settings", req, &resp.Diagnostics)
}
