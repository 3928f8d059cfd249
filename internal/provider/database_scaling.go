package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Scaling in place. Exasol cannot remove active nodes (the reserve nodes
// how-to: "You cannot remove active nodes from an Exasol database"), but it
// adds and removes reserve nodes (db_add_reserve_nodes,
// db_remove_reserve_nodes; EXAoperation's editDatabase nodes_list_* keys)
// and makes the first reserve nodes active (db_enlarge, enlargeDatabase:
// "It is not possible to specify which nodes are added"). A change of
// nodes / num_active_nodes is applied in place when those steps, in that
// order, give exactly the planned node list; anything else replaces.

// scaling returns the steps from (prior, priorActive) to (plan, active);
// ok is false when no in-place sequence gives the plan.
func scaling(prior []int64, priorActive int64, plan []int64, active int64) (remove, add []int64, enlarge int64, ok bool) {
	a := int(priorActive)
	if a > len(prior) || int(active) > len(plan) || active < priorActive || len(plan) < a || !slices.Equal(prior[:a], plan[:a]) {
		return nil, nil, 0, false
	}
	// remove the reserve nodes the plan drops, keep the others in their
	// order, append the new ones in the plan's order
	result := slices.Clone(prior[:a])
	for _, n := range prior[a:] {
		if slices.Contains(plan, n) {
			result = append(result, n)
		} else {
			remove = append(remove, n)
		}
	}
	for _, n := range plan[a:] {
		if !slices.Contains(prior, n) {
			add = append(add, n)
			result = append(result, n)
		}
	}
	if !slices.Equal(result, plan) {
		return nil, nil, 0, false
	}
	return remove, add, active - priorActive, true
}

// scalingOf reads the prior and planned node settings of a plan.
func scalingOf(ctx context.Context, plan tfsdk.Plan, prior tfsdk.State) (remove, add []int64, enlarge int64, ok, isKnown bool, diags diag.Diagnostics) {
	var pn, nn types.List
	var pa, na types.Int64
	diags.Append(prior.GetAttribute(ctx, path.Root("nodes"), &pn)...)
	diags.Append(prior.GetAttribute(ctx, path.Root("num_active_nodes"), &pa)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("num_active_nodes"), &na)...)
	if diags.HasError() || !known(nn) || !known(na) || !known(pn) || !known(pa) {
		return nil, nil, 0, false, false, diags
	}
	priorNodes, all1 := knownInt64s(pn)
	planNodes, all2 := knownInt64s(nn)
	if !all1 || !all2 {
		return nil, nil, 0, false, false, diags
	}
	remove, add, enlarge, ok = scaling(priorNodes, pa.ValueInt64(), planNodes, na.ValueInt64())
	return remove, add, enlarge, ok, true, diags
}

// scalingWarning tells at plan time what an in-place scaling does.
func scalingWarning(remove, add []int64, enlarge int64) (string, string) {
	detail := fmt.Sprintf("The database's nodes change in place: reserve nodes removed %v, added %v", remove, add)
	if enlarge > 0 {
		return "The database will be stopped to add active nodes", detail + fmt.Sprintf(
			", then %d reserve node(s) made active (db_enlarge). The database is stopped once its operation is idle, enlarged, "+
				"and brought back to its runtime state. Active nodes cannot be removed again without replacing the database.", enlarge)
	}
	return "Reserve nodes change in place", detail + "."
}

// nodesReplace replaces the database unless the node change is one
// scaling can make (see above), and warns about what it will do.
func nodesReplace() listplanmodifier.RequiresReplaceIfFunc {
	return func(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
		remove, add, enlarge, ok, isKnown, ds := scalingOf(ctx, req.Plan, req.State)
		resp.Diagnostics.Append(ds...)
		resp.RequiresReplace = isKnown && !ok
		if ok {
			summary, detail := scalingWarning(remove, add, enlarge)
			resp.Diagnostics.AddAttributeWarning(req.Path, summary, detail)
		}
	}
}

// activeReplace is nodesReplace for num_active_nodes; it warns only when
// nodes is unchanged (otherwise nodesReplace has).
func activeReplace() int64planmodifier.RequiresReplaceIfFunc {
	return func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		remove, add, enlarge, ok, isKnown, ds := scalingOf(ctx, req.Plan, req.State)
		resp.Diagnostics.Append(ds...)
		resp.RequiresReplace = isKnown && !ok
		var pn, nn types.List
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("nodes"), &pn)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
		if ok && pn.Equal(nn) {
			summary, detail := scalingWarning(remove, add, enlarge)
			resp.Diagnostics.AddAttributeWarning(req.Path, summary, detail)
		}
	}
}

// addScaling puts the node steps of an update into its change.
func addScaling(ctx context.Context, prior, plan databaseModel, ch *client.DatabaseChange, diags *diag.Diagnostics) {
	if prior.Nodes.Equal(plan.Nodes) && prior.NumActiveNodes.Equal(plan.NumActiveNodes) {
		return
	}
	p, n := int64List(ctx, prior.Nodes, diags), int64List(ctx, plan.Nodes, diags)
	remove, add, enlarge, ok := scaling(p, prior.NumActiveNodes.ValueInt64(), n, plan.NumActiveNodes.ValueInt64())
	if !ok {
		// the plan replaces such a change; reaching here is a bug
		diags.AddError("Cannot change the database's nodes in place", fmt.Sprintf("From %v (%d active) to %v (%d active) needs a new database.",
			p, prior.NumActiveNodes.ValueInt64(), n, plan.NumActiveNodes.ValueInt64()))
		return
	}
	ch.RemoveReserve, ch.AddReserve, ch.Enlarge = remove, add, enlarge
}

// nodeNamesState keeps active_nodes / reserve_nodes from the state unless
// nodes or num_active_nodes change (then the cluster tells after apply).
type nodeNamesState struct{}

func (nodeNamesState) Description(context.Context) string {
	return "Kept from the state unless nodes or num_active_nodes change."
}

func (m nodeNamesState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nodeNamesState) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || req.Plan.Raw.IsNull() {
		return
	}
	var pn, nn types.List
	var pa, na types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("nodes"), &pn)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("num_active_nodes"), &pa)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("nodes"), &nn)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("num_active_nodes"), &na)...)
	if pn.Equal(nn) && pa.Equal(na) {
		resp.PlanValue = req.StateValue
	}
}

func dbNodeNamesAttribute(desc string) schema.ListAttribute {
	return schema.ListAttribute{
		ElementType: types.StringType, Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.List{nodeNamesState{}},
	}
}
