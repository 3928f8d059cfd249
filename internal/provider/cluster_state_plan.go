package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// A planned move of the ConfD master (lifecycle.md §2): `master_node` names
// the node that should be master; `master` keeps reporting the node that is.
// When they differ after a refresh, whether the setting is new or the
// master moved in an unplanned failover, the plan shows an update that runs
// master_change.

func (r *clusterStateResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var want types.Int64
	var master types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("master_node"), &want)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("master"), &master)...)
	if want.IsNull() || want.IsUnknown() || master.ValueString() == client.NodeName(want.ValueInt64()) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("master"), types.StringUnknown())...)
}
